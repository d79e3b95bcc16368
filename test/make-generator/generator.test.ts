/**
 * make/ is what `npm run make:build` writes now (fails when the committed files are stale), the
 * generator is deterministic, and the Make modules carry the Zapier operations' inputs and outputs
 * (names, labels, help) so a Make user maps the same values a Zapier user does.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from '../helpers/app.js';
import { contactPropertyInputFields } from '../../fields/properties.js';
import {
  MODULE_LABELS,
  NOT_IN_MAKE_INPUTS,
  NOT_IN_MAKE_OUTPUTS,
  forMake,
  generateMakeApp,
} from '../../make-generator/generate.js';
import { MODULES, kebab } from '../../make-generator/ids.js';
import { PARITY_EXCEPTIONS } from '../../make-generator/parity.js';

const MAKE_DIR = fileURLToPath(new URL('../../make', import.meta.url));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(MAKE_DIR, path)];
  });

const generated = generateMakeApp().files;

type Param = { name: string; label?: string; help?: string; required?: boolean; type: string };
const jsonOf = <T>(path: string): T => JSON.parse(generated[path] ?? 'null') as T;

interface ZapierField {
  key: string;
  label?: string;
  helpText?: string;
  required?: boolean;
}
type ZapierOps = Record<
  string,
  {
    display: { label: string; description: string };
    operation: { inputFields?: unknown[]; outputFields?: unknown[] };
  }
>;

describe('make/ is current', () => {
  it('holds exactly the files the generator writes now, byte for byte (run npm run make:build)', () => {
    const committed = filesUnder(MAKE_DIR).sort();
    expect(committed).toEqual(Object.keys(generated).sort());
    for (const path of committed) {
      expect([path, readFileSync(join(MAKE_DIR, path), 'utf8')]).toEqual([path, generated[path]]);
    }
  });

  it('is deterministic: a second run gives the same bytes, JSON with a trailing newline', () => {
    expect(generateMakeApp().files).toEqual(generated);
    for (const [path, text] of Object.entries(generated)) {
      expect(text.endsWith('\n')).toBe(true);
      if (path.endsWith('.json')) expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('has no timestamps or absolute paths in any file', () => {
    for (const text of Object.values(generated)) {
      expect(text).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
      expect(text).not.toMatch(/\/work\/|\/home\//);
    }
  });
});

describe("Make's wording", () => {
  /** Every label, help and description a Make user reads, with where it is. */
  const userTexts = (value: unknown, where: string): string[] => {
    if (Array.isArray(value)) return value.flatMap((v) => userTexts(v, where));
    if (value !== null && typeof value === 'object') {
      return Object.entries(value).flatMap(([key, v]) =>
        ['label', 'help', 'description'].includes(key) && typeof v === 'string'
          ? [`${where}: ${v}`]
          : userTexts(v, where),
      );
    }
    return [];
  };
  const texts = Object.entries(generated)
    .filter(([path]) => path.endsWith('.json') && !path.endsWith('.samples.iml.json'))
    .flatMap(([path, text]) => userTexts(JSON.parse(text), path));

  it('no label, help or description in make/ speaks of Zapier or zaps', () => {
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((text) => /\bzap(s|ier)?\b/i.test(text))).toEqual([]);
  });

  it('phrases whose meaning differs in Make are translated as a whole', () => {
    const updated = jsonOf<Param[]>('webhooks/response-updated/response-updated.params.iml.json');
    const own = updated.find((p) => p.name === 'ignore_own_changes');
    expect(own?.label).toBe('Ignore Changes Made With This Connection');
    expect(own?.help).toMatch(/so a scenario that updates responses cannot loop/);
    // An empty Time Zone is UTC in the Make module (it has no scenario time zone to read).
    const score = jsonOf<Param[]>('modules/get-nps-score/get-nps-score.mappable-params.iml.json');
    expect(score.find((p) => p.name === 'timezone')?.help).toMatch(/Leave empty to use UTC\.$/);
    expect(forMake('(Zapier may replay a step)')).toMatch(/^\(Make may run a step again/);
    expect(() => forMake('')).not.toThrow();
  });
});

describe('the Make modules mirror the Zapier operations', () => {
  const zapier = app as unknown as Record<'triggers' | 'searches' | 'creates', ZapierOps>;

  it.each(MODULES.filter((m) => m.zapier).map((m) => [m.id, m] as const))(
    '%s: parameter names, labels, help and required flags are the Zapier input fields',
    (_id, spec) => {
      const ref = spec.zapier!;
      const op = zapier[ref.kind][ref.key]!;
      // The documented differences (make-generator/parity.ts): a key left out of this module, and a
      // key of another type in Make, whose label and help are Make's own.
      const differs = (key: string, kind: string) =>
        PARITY_EXCEPTIONS.some(
          (e) =>
            (e.module === spec.id || e.module === '*') &&
            e.side === 'input' &&
            e.key === key &&
            e.kind === kind,
        );
      const fields = (op.operation.inputFields ?? []).filter(
        (f): f is ZapierField =>
          typeof f === 'object' &&
          f !== null &&
          'key' in f &&
          !NOT_IN_MAKE_INPUTS.has(String(f.key)) &&
          !differs(String(f.key), 'left out'),
      );
      const dir = spec.webhook
        ? `webhooks/${kebab(spec.webhook)}/${kebab(spec.webhook)}.params.iml.json`
        : `modules/${kebab(spec.id)}/${kebab(spec.id)}.mappable-params.iml.json`;
      const params = jsonOf<(Param & { spec?: unknown })[]>(dir);
      // The typed contact properties (a dynamic-field function in Zapier) are one collection
      // whose fields the listContactPropertyFields RPC gives, after the static fields.
      const typed = (op.operation.inputFields ?? []).includes(contactPropertyInputFields);
      const statics = typed ? params.slice(0, -1) : params;
      // A key of another type in Make has Make's own label and help (MAKE_PARAMETERS in zapier-operations.ts).
      const own = (key: string) => differs(key, 'Make type');
      const text = (key: string, value: string | undefined) =>
        own(key) ? "(Make's own)" : value === undefined ? undefined : forMake(value);
      expect(
        statics.map((p) => [
          p.name,
          own(p.name) ? "(Make's own)" : p.label,
          own(p.name) ? "(Make's own)" : p.help,
          Boolean(p.required),
        ]),
      ).toEqual(
        // In Make's wording (forMake: Zapier → Make, zap → scenario, and a few whole phrases).
        fields.map((f) => [
          f.key,
          text(f.key, f.label),
          text(f.key, f.helpText),
          Boolean(f.required),
        ]),
      );
      if (typed) {
        expect(params.at(-1)).toMatchObject({
          name: 'typed_properties',
          type: 'collection',
          spec: ['rpc://listContactPropertyFields'],
        });
      }
      const makecomapp = jsonOf<{
        components: { module: Record<string, { label: string; description: string }> };
      }>('makecomapp.json');
      expect(makecomapp.components.module[spec.id]?.description).toBe(
        forMake(op.display.description),
      );
      expect(makecomapp.components.module[spec.id]?.label).toBe(MODULE_LABELS[spec.id]);
    },
  );

  it('output keys and labels come from the Zapier output fields (response record of New NPS Response)', () => {
    const iface = jsonOf<Param[]>(
      'modules/watch-new-responses/watch-new-responses.interface.iml.json',
    );
    const byName = Object.fromEntries(iface.map((p) => [p.name, p.label]));
    const zapierLabels = Object.fromEntries(
      (zapier.triggers.new_response!.operation.outputFields ?? [])
        .filter((f): f is ZapierField => typeof f === 'object' && f !== null && 'key' in f)
        .map((f) => [f.key, f.label]),
    );
    expect(zapierLabels.themes_picklist).toEqual(expect.any(String));
    expect(byName.themes_picklist).toBe(zapierLabels.themes_picklist);
    expect(byName.segment_label).toBe(zapierLabels.segment_label);
    expect(iface.find((p) => p.name === 'conversation')).toMatchObject({
      type: 'array',
      spec: [
        { name: 'question', label: 'Follow-up Question' },
        { name: 'answer', label: 'Follow-up Answer' },
      ],
    });
    const sample = jsonOf<Record<string, unknown>>(
      'modules/watch-new-responses/watch-new-responses.samples.iml.json',
    );
    expect(sample).toMatchObject({ response_id: 'rsp_2b9x', segment: 'detractor' });
  });

  it('dynamic survey and theme dropdowns are the listSurveys / listThemes RPCs', () => {
    const params = jsonOf<(Param & { options?: unknown; multiple?: boolean })[]>(
      'webhooks/new-response/new-response.params.iml.json',
    );
    expect(params.find((p) => p.name === 'survey_id')).toMatchObject({
      type: 'select',
      options: 'rpc://listSurveys',
    });
    expect(params.find((p) => p.name === 'themes')).toMatchObject({
      type: 'select',
      options: 'rpc://listThemes',
      multiple: true,
    });
  });

  it('Response ID and theme-name dropdowns are the listResponses / listThemeNames RPCs, editable', () => {
    const update = jsonOf<(Param & { options?: unknown; editable?: boolean })[]>(
      'modules/update-response/update-response.mappable-params.iml.json',
    );
    expect(update.find((p) => p.name === 'response_id')).toMatchObject({
      type: 'select',
      options: 'rpc://listResponses',
      editable: true,
      required: true,
    });
    for (const name of ['add_themes', 'remove_themes']) {
      expect(update.find((p) => p.name === name)).toMatchObject({
        type: 'select',
        options: 'rpc://listThemeNames',
        multiple: true,
        editable: true,
      });
    }
  });

  it('Get NPS Score: Time Zone takes a typed zone; From and To are Make dates after Period, offered whatever Period is', () => {
    const params = jsonOf<
      (Param & { options?: { value: string; nested?: Param[] }[]; editable?: boolean })[]
    >('modules/get-nps-score/get-nps-score.mappable-params.iml.json');
    expect(params.find((p) => p.name === 'timezone')).toMatchObject({
      type: 'select',
      editable: true,
    });
    // Top-level, as in the Zapier form (issue 16 item 6: a mapped Period still offers them), right
    // after Period; no option hides them.
    const names = params.map((p) => p.name);
    expect(names.slice(names.indexOf('period'), names.indexOf('period') + 3)).toEqual([
      'period',
      'since',
      'until',
    ]);
    const period = params.find((p) => p.name === 'period')!;
    expect(period.options?.some((o) => o.nested)).toBe(false);
    // Make dates (picked or mapped, `now` too): Make does not approve apps that make users format
    // dates (best-practices "Processing of input parameters"). Not required: only for Custom, which
    // the help says first (best practice: "A clear hint is mandatory to explain the condition").
    expect(
      params
        .filter((p) => p.name === 'since' || p.name === 'until')
        .map((p) => [p.name, p.label, p.type, Boolean(p.required), p.help?.slice(0, 24)]),
    ).toEqual([
      ['since', 'From (Custom Period)', 'date', false, 'Only for Period = Custom'],
      ['until', 'To (Custom Period)', 'date', false, 'Only for Period = Custom'],
    ]);
    expect(params.find((p) => p.name === 'include_test')).toMatchObject({
      type: 'boolean',
      default: false,
      label: 'Include Test Responses',
    });
    const communication =
      generated['modules/get-nps-score/get-nps-score.communication.iml.json'] ?? '';
    // The date is sent as Make hands it over (ISO 8601 in UTC), not read as text.
    expect(communication).toContain('\\"custom\\", parameters.since');
    expect(communication).toContain('\\"custom\\", parameters.until');
  });

  it('leaves the CRM theme values out of Make entirely, and says so in make/README.md', () => {
    const readme = generated['README.md'] ?? '';
    for (const [path, text] of Object.entries(generated)) {
      if (!path.endsWith('.json')) continue;
      for (const key of [...NOT_IN_MAKE_INPUTS, ...NOT_IN_MAKE_OUTPUTS]) {
        expect([path, text.includes(`"${key}"`)]).toEqual([path, false]);
      }
    }
    for (const key of [...NOT_IN_MAKE_INPUTS, ...NOT_IN_MAKE_OUTPUTS]) {
      expect(readme).toContain(`\`${key}\``);
    }
  });
});

describe("ready for Make's review", () => {
  type Manifest = {
    components: {
      module: Record<
        string,
        { label: string; description: string; moduleType: string; actionCrud?: string }
      >;
    };
  };
  const modules = Object.entries(jsonOf<Manifest>('makecomapp.json').components.module);
  /** Chicago title case: every word capitalized except articles, short prepositions, conjunctions. */
  const SMALL = new Set([
    'a',
    'an',
    'the',
    'to',
    'of',
    'or',
    'and',
    'for',
    'with',
    'in',
    'on',
    'by',
  ]);

  it('module labels follow Make’s convention: verb and entity in Title Case, instant triggers "Watch …"', () => {
    expect(modules).toHaveLength(MODULES.length);
    for (const [id, module] of modules) {
      const words = module.label.split(' ');
      const wrong = words.filter(
        (word, i) => !(i > 0 && SMALL.has(word)) && !/^[A-Z0-9]/.test(word),
      );
      expect([id, wrong]).toEqual([id, []]);
      if (module.moduleType === 'instant_trigger') expect(module.label).toMatch(/^Watch /);
    }
  });

  it('descriptions are one sentence in the third person; a trigger’s starts "Triggers when"', () => {
    for (const [id, module] of modules) {
      expect([id, module.description]).toEqual([id, expect.stringMatching(/^[A-Z][a-z]+s\b.*\.$/)]);
      if (module.moduleType === 'instant_trigger') {
        expect([id, module.description]).toEqual([id, expect.stringMatching(/^Triggers when /)]);
      }
    }
  });

  it('dropdowns of update modules, and the Response ID of a search, open ready to map (mode edit)', () => {
    type Select = Param & { options?: unknown; mode?: string };
    const paramsOf = (id: string) =>
      jsonOf<Select[]>(`modules/${kebab(id)}/${kebab(id)}.mappable-params.iml.json`);
    const rpcSelects = (id: string) =>
      paramsOf(id).filter((p) => typeof p.options === 'string' && p.options.startsWith('rpc://'));
    expect(rpcSelects('updateResponse').map((p) => [p.name, p.mode])).toEqual([
      ['response_id', 'edit'],
      ['add_themes', 'edit'],
      ['remove_themes', 'edit'],
    ]);
    expect(rpcSelects('findResponse').map((p) => [p.name, p.mode])).toEqual([
      ['response_id', 'edit'],
      ['survey_id', undefined],
    ]);
    // A create module loads its dropdowns (best practice: no mode edit there).
    expect(rpcSelects('sendSurvey').every((p) => p.mode === undefined)).toBe(true);
  });

  it('parameters: required ones first; every help starts with a capital and ends with a period', () => {
    type Spec = Param & { options?: unknown; spec?: unknown; advanced?: boolean };
    const problems: string[] = [];
    const check = (params: unknown, where: string) => {
      if (!Array.isArray(params)) return;
      let optionalSeen = false;
      for (const p of params as Spec[]) {
        if (p.required && optionalSeen)
          problems.push(`${where}: ${p.name} is required after an optional one`);
        if (p.required && p.advanced) problems.push(`${where}: ${p.name} is advanced and required`);
        if (!p.required) optionalSeen = true;
        if (p.help && !/^[A-Z`"(0-9].*[.)`]$/s.test(p.help))
          problems.push(`${where}: ${p.name} help "${p.help}"`);
        if (Array.isArray(p.options))
          for (const o of p.options as { nested?: unknown }[])
            check(o.nested, `${where}/${p.name}`);
        check(p.spec, `${where}/${p.name}`);
      }
    };
    const lists = Object.entries(generated).filter(([path]) => /params\.iml\.json$/.test(path));
    expect(lists.length).toBeGreaterThan(20);
    for (const [path, text] of lists) check(JSON.parse(text), path);
    expect(problems).toEqual([]);
  });

  it('make/README.md speaks to a Make user: every module, erase, no build or Zapier words', () => {
    const readme = generated['README.md'] ?? '';
    expect(readme).not.toMatch(/\bnpm\b|zapier|\bzaps?\b|docs\/|scripts\/|generat|\.ts\b/i);
    for (const [, module] of modules) expect(readme).toContain(`**${module.label}**`);
    expect(readme).toContain('`erase`');
    expect(readme).toMatch(/Settings → API keys/);
  });
});
