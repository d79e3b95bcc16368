/**
 * The app's definition: the public keys of ../shared/app-surface.md are all there, every
 * `dynamic`/`search`/search-or-create reference points at a real operation, and every operation's
 * sample declares exactly the fields its outputFields list.
 */
import App from '../index.js';
import { KEYS } from '../fields/keys.js';

interface Field {
  key: string;
  dynamic?: string;
  search?: string;
  list?: boolean;
  children?: Field[];
}
interface Operation {
  inputFields?: Array<Field | ((...args: never[]) => unknown)>;
  /** Plain fields, and the functions of dynamic output fields. */
  outputFields?: Array<Field | ((...args: never[]) => unknown)>;
  sample?: Record<string, unknown>;
}
interface Definition {
  display: { hidden?: boolean; label: string; description: string };
  operation: Operation;
}

const app = App as unknown as {
  triggers: Record<string, Definition>;
  searches: Record<string, Definition>;
  creates: Record<string, Definition>;
  searchOrCreates?: Record<
    string,
    { key: string; search: string; create: string; display: object }
  >;
};

const all = (): Array<[string, string, Definition]> => [
  ...Object.entries(app.triggers).map(
    ([k, d]) => ['trigger', k, d] as [string, string, Definition],
  ),
  ...Object.entries(app.searches).map(([k, d]) => ['search', k, d] as [string, string, Definition]),
  ...Object.entries(app.creates).map(([k, d]) => ['create', k, d] as [string, string, Definition]),
];

/** Top-level names of the output fields (`conversation[]question` belongs to `conversation`). */
const plain = (fields: Array<Field | ((...args: never[]) => unknown)> = []): Field[] =>
  fields.filter((f): f is Field => typeof f !== 'function');
const outputNames = (fields: Array<Field | ((...args: never[]) => unknown)> = []) =>
  new Set(plain(fields).map((f) => f.key.split(/\[\]|__/)[0] ?? f.key));

describe('public surface (../shared/app-surface.md)', () => {
  it('has exactly the operation keys users’ zaps store', () => {
    expect(Object.keys(app.triggers).sort()).toEqual(Object.values(KEYS.triggers).sort());
    expect(Object.keys(app.searches).sort()).toEqual(Object.values(KEYS.searches).sort());
    expect(Object.keys(app.creates).sort()).toEqual(Object.values(KEYS.creates).sort());
  });

  it('offers search-or-create: find_contact with upsert_contact', () => {
    const soc = Object.values(app.searchOrCreates ?? {});
    expect(soc).toContainEqual(
      expect.objectContaining({
        search: KEYS.searches.findContact,
        create: KEYS.creates.upsertContact,
      }),
    );
  });

  it('hides only the dropdown triggers', () => {
    const hidden = Object.entries(app.triggers)
      .filter(([, d]) => d.display.hidden)
      .map(([k]) => k)
      .sort();
    expect(hidden).toEqual(
      [KEYS.triggers.survey, KEYS.triggers.theme, KEYS.triggers.response].sort(),
    );
  });
});

describe.each(all())('%s %s', (_type, key, definition) => {
  const { operation } = definition;

  it('has a label and a description', () => {
    expect(definition.display.label.length).toBeGreaterThan(3);
    expect(definition.display.description.length).toBeGreaterThan(10);
  });

  it('declares in outputFields every field of its sample, and samples every output field', () => {
    expect(operation.sample).toBeDefined();
    const declared = outputNames(operation.outputFields);
    const sampled = new Set(Object.keys(operation.sample ?? {}));
    expect([...sampled].filter((name) => !declared.has(name))).toEqual([]);
    expect([...declared].filter((name) => !sampled.has(name))).toEqual([]);
    for (const field of plain(operation.outputFields)) {
      expect(field).toHaveProperty('label');
    }
  });

  it('points every dynamic and search reference at a real operation', () => {
    for (const field of operation.inputFields ?? []) {
      if (typeof field === 'function') continue;
      if (field.dynamic) {
        const [triggerKey, idField] = field.dynamic.split('.');
        const trigger = app.triggers[triggerKey ?? ''];
        expect(trigger).toBeDefined();
        expect(trigger?.operation.sample).toHaveProperty(idField ?? 'id');
      }
      if (field.search) {
        const [searchKey, idField] = field.search.split('.');
        const search = app.searches[searchKey ?? ''];
        expect(search).toBeDefined();
        expect(search?.operation.sample).toHaveProperty(idField ?? 'id');
      }
    }
  });

  if (key !== KEYS.triggers.survey && key !== KEYS.triggers.theme) {
    it('keeps input field keys unique', () => {
      const keys = (operation.inputFields ?? [])
        .filter((f): f is Field => typeof f !== 'function')
        .map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
    });
  }
});

it('the version in client/version.ts is package.json’s', async () => {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const { APP_VERSION } = await import('../client/version.js');
  expect(APP_VERSION).toBe(pkg.version);
});
