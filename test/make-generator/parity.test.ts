/**
 * Parity between the Zapier app and the Make app (make/), the definitions: every Zapier operation
 * has its Make module (a hidden dropdown trigger: its RPC), and each module has the Zapier
 * operation's inputs and outputs under the same keys, with the matching types and required
 * flags, except the differences make-generator/parity.ts lists (and docs/make.md explains).
 * At run time: ./parity-deliveries.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KEYS } from '../../fields/keys.js';
import { loadMakeApp, type App } from '../../iml-runtime/runner.js';
import { contactPropertyInputFields } from '../../fields/properties.js';
import { MAKE_INTERFACE_TYPES, MAKE_PARAMETER_TYPES } from '../../make-generator/fields.js';
import { MODULES, RPCS, type ModuleSpec } from '../../make-generator/ids.js';
import { PARITY_EXCEPTIONS, type ParityException } from '../../make-generator/parity.js';
import { app as zapierApp } from '../e2e/helpers.js';

const MAKE_DIR = fileURLToPath(new URL('../../make', import.meta.url));
const T = KEYS.triggers;
const C = KEYS.creates;

let app: App;
beforeAll(async () => {
  app = await loadMakeApp(MAKE_DIR);
});

interface ZapierField {
  key: string;
  type?: string;
  list?: boolean;
  dict?: boolean;
  dynamic?: string;
  choices?: unknown;
  required?: boolean;
  meta?: { parsed_as?: string };
}
interface ZapierOp {
  display: { hidden?: boolean };
  operation: { inputFields?: unknown[]; outputFields?: unknown };
}
type Kind = 'triggers' | 'searches' | 'creates';
const zapierOps = zapierApp as unknown as Record<Kind, Record<string, ZapierOp>>;

const isField = (f: unknown): f is ZapierField =>
  typeof f === 'object' && f !== null && typeof (f as { key?: unknown }).key === 'string';

/**
 * What Make type a Zapier input of this kind is in a Make form, and an output in a Make interface
 * (the kinds written apart from the generator; the value types from its one table, whose Make
 * words the test "Zapier's value types keep their Make type" below checks on the app itself).
 */
const makeInputType = (f: ZapierField): string => {
  if (f.dict) return 'array';
  if (f.dynamic || f.choices) return 'select';
  if (f.list) return 'array';
  return MAKE_PARAMETER_TYPES.get(f.meta?.parsed_as ?? f.type ?? '') ?? 'text';
};
const makeOutputType = (f: ZapierField): string => {
  if (f.list) return 'array';
  if (f.type === undefined) return 'collection';
  return MAKE_INTERFACE_TYPES.get(f.type) ?? 'text';
};

interface MakeParam {
  name: string;
  type: string;
  required?: boolean;
  options?: unknown;
  spec?: unknown;
}
/** A form's parameters by name, with those nested under select options (`[type, required]`). */
const paramsByName = (params: unknown, into = new Map<string, [string, boolean]>()) => {
  for (const p of Array.isArray(params) ? (params as MakeParam[]) : []) {
    into.set(p.name, [p.type, Boolean(p.required)]);
    if (Array.isArray(p.options))
      for (const o of p.options as { nested?: unknown }[]) paramsByName(o.nested, into);
  }
  return into;
};
/** An interface's fields by name; an array of collections as `parent[]child` too. */
const interfaceByName = (fields: unknown) => {
  const out = new Map<string, string>();
  for (const f of Array.isArray(fields) ? (fields as MakeParam[]) : []) {
    out.set(f.name, f.type);
    if (f.type === 'array' && Array.isArray(f.spec))
      for (const child of f.spec as MakeParam[]) out.set(`${f.name}[]${child.name}`, child.type);
  }
  return out;
};

const exceptionsOf = (module: string, side: ParityException['side']) =>
  PARITY_EXCEPTIONS.filter((e) => (e.module === module || e.module === '*') && e.side === side);

/**
 * The differences between a Make module and its Zapier operation, beyond the documented ones:
 * `["input", key, what]` rows (empty when they match).
 */
const differences = (
  spec: ModuleSpec,
  zapier: ZapierOp,
  make: { params: unknown; iface: unknown },
): string[][] => {
  const rows: string[][] = [];
  const compare = (
    side: ParityException['side'],
    expected: Map<string, string>,
    actual: Map<string, string>,
  ) => {
    const exceptions = exceptionsOf(spec.id, side);
    const is = (key: string, kind: ParityException['kind']) =>
      exceptions.some((e) => e.key === key && e.kind === kind);
    for (const [key, type] of expected) {
      if (is(key, 'left out')) {
        if (actual.has(key)) rows.push([side, key, 'documented as left out, but in Make']);
        continue;
      }
      const got = actual.get(key);
      if (got === undefined) rows.push([side, key, 'missing in Make']);
      else if (got !== type && !is(key, 'Make type') && !is(key, 'Make form'))
        rows.push([side, key, `Zapier ${type}, Make ${got}`]);
    }
    for (const key of actual.keys()) {
      if (!expected.has(key) && !is(key, 'only in Make') && !is(key, 'Make form'))
        rows.push([side, key, 'only in Make, undocumented']);
    }
  };
  const fields = zapier.operation.inputFields ?? [];
  const inputs = new Map<string, string>();
  for (const f of fields) {
    if (isField(f)) inputs.set(f.key, `${makeInputType(f)}${f.required ? ' required' : ''}`);
    else if (f === contactPropertyInputFields) inputs.set('typed_properties', 'collection');
    else
      rows.push([
        'input',
        '(a function)',
        'a dynamic-field function the parity test does not know',
      ]);
  }
  const params = new Map(
    [...paramsByName(make.params)].map(([k, [type, required]]) => [
      k,
      `${type}${required ? ' required' : ''}`,
    ]),
  );
  compare('input', inputs, params);
  const outputs = new Map<string, string>();
  for (const f of Array.isArray(zapier.operation.outputFields) ? zapier.operation.outputFields : [])
    if (isField(f)) outputs.set(f.key, makeOutputType(f));
  const iface = interfaceByName(make.iface);
  // A `parent[]child` output's parent is the Make array that holds the children.
  for (const key of outputs.keys()) {
    const parent = key.split('[]')[0] ?? key;
    if (key.includes('[]')) iface.delete(parent);
  }
  compare('output', outputs, iface);
  return rows;
};

const makeFiles = (spec: ModuleSpec) => {
  const module = app.modules[spec.id];
  const params = spec.webhook ? app.webhooks[spec.webhook]?.params : module?.mappableParams;
  return { params, iface: module?.interface };
};

const zapierOf = (spec: ModuleSpec): ZapierOp => {
  const ref = spec.zapier ?? spec.history;
  if (!ref) throw new Error(`${spec.id} names no Zapier operation`);
  const op = zapierOps[ref.kind][ref.key];
  if (!op) throw new Error(`The Zapier app has no ${ref.kind}.${ref.key}`);
  return op;
};

describe('every Zapier operation has its Make module, with the same inputs and outputs', () => {
  it('every trigger, search and create of the Zapier app has a Make module; a hidden dropdown trigger, an RPC', () => {
    const missing: string[] = [];
    for (const kind of ['triggers', 'searches', 'creates'] as const) {
      for (const [key, op] of Object.entries(zapierOps[kind])) {
        const covered = op.display.hidden
          ? Object.entries(RPCS).some(([id, rpc]) => rpc.zapierTrigger === key && app.rpcs[id])
          : MODULES.some(
              (m) => m.zapier?.kind === kind && m.zapier.key === key && app.modules[m.id],
            );
        if (!covered) missing.push(`${kind}.${key}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(zapierOps.triggers)).toContain(T.invitationFailed);
    expect(Object.keys(zapierOps.creates)).toContain(C.cancelInvitation);
  });

  it.each(MODULES.filter((m) => m.zapier ?? m.history).map((m) => [m.id, m] as const))(
    '%s: inputs and outputs under the same keys and types as the Zapier operation',
    (_id, spec) => {
      expect(differences(spec, zapierOf(spec), makeFiles(spec))).toEqual([]);
    },
  );

  it('fails when a module lacks an input or output, or has one of another type', () => {
    const spec = MODULES.find((m) => m.id === 'cancelInvitation')!;
    const files = makeFiles(spec);
    const params = files.params as MakeParam[];
    const iface = files.iface as MakeParam[];
    expect(differences(spec, zapierOf(spec), { params: [], iface })).toEqual([
      ['input', 'invitation_id', 'missing in Make'],
    ]);
    expect(
      differences(spec, zapierOf(spec), {
        params,
        iface: iface.map((f) => (f.name === 'test' ? { ...f, type: 'text' } : f)),
      }),
    ).toEqual([['output', 'test', 'Zapier boolean, Make text']]);
    expect(
      differences(spec, zapierOf(spec), {
        params: [...params, { name: 'extra', type: 'text' }],
        iface: iface.filter((f) => f.name !== 'canceled_at'),
      }),
    ).toEqual([
      ['input', 'extra', 'only in Make, undocumented'],
      ['output', 'canceled_at', 'missing in Make'],
    ]);
  });

  it("Zapier's value types keep their Make type: a date is a date, a score an integer, a secret a password", () => {
    const param = (id: string, name: string) =>
      paramsByName(app.modules[id]?.mappableParams).get(name)?.[0];
    const output = (id: string, name: string) =>
      interfaceByName(app.modules[id]?.interface).get(name);
    const connection = paramsByName(Object.values(app.connections)[0]?.params).get('api_key')?.[0];
    expect({
      'send_at (datetime)': param('sendSurvey', 'send_at'),
      'score (integer, parsed as)': param('recordResponse', 'score'),
      'include_test (boolean)': param('getNpsScore', 'include_test'),
      'api_key (password)': connection,
      'comment (text)': param('recordResponse', 'comment'),
      'output score (integer)': output('recordResponse', 'score'),
      'output nps (number)': output('getNpsScore', 'nps'),
      'output test (boolean)': output('cancelInvitation', 'test'),
      'output submitted_at (datetime)': output('recordResponse', 'submitted_at'),
    }).toEqual({
      'send_at (datetime)': 'date',
      'score (integer, parsed as)': 'integer',
      'include_test (boolean)': 'boolean',
      'api_key (password)': 'password',
      'comment (text)': 'text',
      'output score (integer)': 'number',
      'output nps (number)': 'number',
      'output test (boolean)': 'boolean',
      'output submitted_at (datetime)': 'date',
    });
  });

  it('every documented difference is in docs/make.md, and applies to a module that exists', () => {
    const doc = readFileSync(new URL('../../docs/make.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Zapier ↔ Make parity'));
    for (const e of PARITY_EXCEPTIONS) {
      expect([e.module, e.key, section.includes(`\`${e.key}\``)]).toEqual([e.module, e.key, true]);
      if (e.module !== '*') expect(app.modules[e.module]).toBeDefined();
    }
  });
});
