/**
 * Parity between the Zapier app and the Make app (make/).
 *
 * - The definitions: every Zapier operation has its Make module (a hidden dropdown trigger: its
 *   RPC), and each module has the Zapier operation's inputs and outputs under the same keys, with
 *   the matching types and required flags, except the differences make-generator/parity.ts lists
 *   (and docs/make.md explains).
 * - At run time: for the same sandbox event, the Make instant trigger (run by the local IML
 *   runner) outputs what the Zapier trigger (appTester, as test/e2e does) outputs, on every key
 *   both have. Each platform gets its own subscription; the sandbox signs and delivers the same
 *   event to both, and the two records are matched by event id. The invitation actions give the
 *   Zapier app's record of the same answer.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contactPropertyInputFields } from '../../fields/properties.js';
import { KEYS } from '../../fields/keys.js';
import type { Invitation } from '../../client/schemas.js';
import { toInvitationRecord } from '../../records/invitation.js';
import { MODULES, RPCS, type ModuleSpec } from '../../make-generator/ids.js';
import { PARITY_EXCEPTIONS, type ParityException } from '../../make-generator/parity.js';
import {
  attachWebhook,
  detachWebhook,
  loadMakeApp,
  runInstantTrigger,
  runModule,
  type App,
} from '../../iml-runtime/runner.js';
import type { ReceivedDelivery } from '../../sandbox/zapier-side.js';
import {
  app as zapierApp,
  hookBundle,
  installNxCache,
  op,
  startE2E,
  type E2E,
  type Rec,
} from '../e2e/helpers.js';

const MAKE_DIR = fileURLToPath(new URL('../../make', import.meta.url));
const T = KEYS.triggers;
const C = KEYS.creates;
const EMAIL = 'parity@example.com';
const CRM = {
  salesforce_contact_id: '003PARITY0001',
  hubspot_contact_id: '3131',
  pipedrive_person_id: 777,
};

let e2e: E2E;
let app: App;
let connection: Rec;
let surveyId = '';

beforeAll(async () => {
  // AI analysis a little after the answer, so "at once" triggers run before the themes exist.
  e2e = await startE2E({ analysisDelayMs: 1500 });
  e2e.receiver.onDelivery(onDelivery);
  installNxCache();
  app = await loadMakeApp(MAKE_DIR);
  app.common = { ...app.common, api_base_url: e2e.sandbox.baseUrl };
  connection = { ...e2e.authData };
  const surveys = await e2e.run<Rec[]>(op('triggers', T.survey).perform);
  surveyId = String(surveys[0]?.id);
});

afterAll(async () => {
  await e2e.close();
});

interface Pair {
  zapierKey: string;
  makeModule: string;
  makeWebhook: string;
  inputs: Rec;
  zapier: { url: string; data: Rec };
  make: { url: string; data: Rec };
}

const subscribeBoth = async (
  name: string,
  zapierKey: string,
  makeModule: string,
  makeWebhook: string,
  inputs: Rec,
): Promise<Pair> => {
  const zapierUrl = e2e.receiver.url(`zapier-${name}`);
  const zapierData = await e2e.run<Rec>(op('triggers', zapierKey).performSubscribe, {
    targetUrl: zapierUrl,
    inputData: inputs,
  });
  const makeUrl = e2e.receiver.url(`make-${name}`);
  const attached = await attachWebhook(app, makeWebhook, {
    parameters: inputs,
    connection,
    webhookUrl: makeUrl,
  });
  const pair: Pair = {
    zapierKey,
    makeModule,
    makeWebhook,
    inputs,
    zapier: { url: zapierUrl, data: zapierData },
    make: { url: makeUrl, data: attached.data ?? {} },
  };
  zapierRecords.set(zapierUrl, new Map());
  makeRecords.set(makeUrl, new Map());
  pairsByPath.set(new URL(zapierUrl).pathname, { pair, platform: 'zapier' });
  pairsByPath.set(new URL(makeUrl).pathname, { pair, platform: 'make' });
  return pair;
};

const eventId = (content: string): string => (JSON.parse(content) as { id: string }).id;

/**
 * Each platform runs its trigger the moment its delivery arrives, as both do live: Zapier maps the
 * delivered event, Make reads the object back from the API (fetch-back, see make-generator), so
 * both see the platform as it was at the event.
 */
const zapierRecords = new Map<string, Map<string, Rec[]>>();
const makeRecords = new Map<string, Map<string, Rec[]>>();
const pending: Promise<unknown>[] = [];
const pairsByPath = new Map<string, { pair: Pair; platform: 'zapier' | 'make' }>();

const onDelivery = (delivery: ReceivedDelivery) => {
  const target = pairsByPath.get(delivery.path);
  if (!target) return;
  const { pair, platform } = target;
  const id = eventId(delivery.content);
  pending.push(
    (async () => {
      if (platform === 'zapier') {
        const records = await e2e.run<Rec[]>(
          op('triggers', pair.zapierKey).perform,
          hookBundle(delivery, pair.zapier.data, pair.inputs),
        );
        zapierRecords.get(pair.zapier.url)?.set(id, records);
      } else {
        const result = await runInstantTrigger(app, pair.makeModule, {
          delivery: { body: JSON.parse(delivery.content), headers: delivery.headers },
          parameters: pair.inputs,
          connection,
          webhook: pair.make.data,
        });
        makeRecords.get(pair.make.url)?.set(id, result.outputs as Rec[]);
      }
    })(),
  );
};

/** Waits until every delivery so far is in and both platforms have run it. */
const settled = async () => {
  await e2e.sandbox.settle();
  await Promise.all(pending);
};

const recordsOf = (pair: Pair) => ({
  zapier: zapierRecords.get(pair.zapier.url) ?? new Map<string, Rec[]>(),
  make: makeRecords.get(pair.make.url) ?? new Map<string, Rec[]>(),
});

/**
 * Make leaves a key out where Zapier writes null: both mean "no value". A date-time is the same
 * instant: Make shows it parsed (`…:31.000Z`, its ISO form), Zapier passes the API's text (`…:31Z`).
 */
const normal = (value: unknown, type?: unknown): unknown =>
  value === undefined
    ? null
    : type === 'date' && typeof value === 'string'
      ? new Date(Date.parse(value)).toISOString()
      : value;

/** Every key of the Zapier record that the Make module's interface declares, compared. */
const expectParity = async (pair: Pair, expectedEvents: number) => {
  const { zapier, make } = recordsOf(pair);
  expect([...make.keys()].sort()).toEqual([...zapier.keys()].sort());
  expect(zapier.size).toBe(expectedEvents);
  const fields = (app.modules[pair.makeModule]?.interface ?? []) as {
    name: string;
    type: string;
  }[];
  const declared = new Set(fields.map((p) => p.name));
  const typeOf = (key: string) => fields.find((f) => f.name === key)?.type;
  let compared = 0;
  for (const [id, zapierRecords] of zapier) {
    const makeRecords = make.get(id) ?? [];
    expect(makeRecords).toHaveLength(zapierRecords.length);
    zapierRecords.forEach((zapierRecord, index) => {
      const makeRecord = makeRecords[index] ?? {};
      const shared = Object.keys(zapierRecord).filter((key) => declared.has(key));
      expect(shared.length).toBeGreaterThan(15);
      const left = Object.fromEntries(
        shared.map((key) => [key, normal(zapierRecord[key], typeOf(key))]),
      );
      const right = Object.fromEntries(
        shared.map((key) => [key, normal(makeRecord[key], typeOf(key))]),
      );
      expect({ event: id, record: right }).toEqual({ event: id, record: left });
      compared++;
    });
  }
  return compared;
};

const submit = (score: number, comment: string, contact: Rec = {}) =>
  e2e.sandbox.submitResponse({
    survey_id: surveyId,
    score,
    comment,
    contact: {
      email: EMAIL,
      name: 'Parity Tester',
      customer_id: 'cus_parity',
      crm_ids: CRM,
      ...contact,
    },
  });

describe('Make instant triggers output the Zapier trigger records for the same events', () => {
  const pairs: Record<string, Pair> = {};

  test('subscribe both platforms and produce events of every kind', async () => {
    pairs.analyzed = await subscribeBoth(
      'analyzed',
      T.newResponse,
      'watchNewResponses',
      'newResponse',
      {
        label_language: 'es',
      },
    );
    pairs.created = await subscribeBoth(
      'created',
      T.newResponse,
      'watchNewResponses',
      'newResponse',
      {
        wait_for_themes: false,
        label_language: 'pt',
      },
    );
    pairs.segment = await subscribeBoth(
      'segment',
      T.segmentChanged,
      'watchSegmentChanges',
      'segmentChanged',
      {
        label_language: 'fr',
      },
    );
    pairs.updated = await subscribeBoth(
      'updated',
      T.responseUpdated,
      'watchUpdatedResponses',
      'responseUpdated',
      { ignore_own_changes: false },
    );
    pairs.failed = await subscribeBoth(
      'failed',
      T.invitationFailed,
      'watchFailedInvitations',
      'invitationFailed',
      { survey_id: surveyId },
    );
    pairs.unsub = await subscribeBoth(
      'unsub',
      T.contactUnsubscribed,
      'watchUnsubscribes',
      'contactUnsubscribed',
      {},
    );

    // One at a time, as customers answer: each event is handled before the next changes the contact.
    submit(10, 'Reporting; dashboards save hours.');
    await settled();
    submit(8, 'Fine overall.');
    await settled();
    const detractor = submit(3, 'Support is slow and the price is too high.', {
      account_number: 'AC-1',
    });
    await settled();
    await runModule(app, 'updateResponse', {
      parameters: { response_id: detractor.id, follow_up_status: 'open', add_tags: ['escalated'] },
      connection,
    });
    // A survey sent to an address that bounces: invitation.failed.
    await runModule(app, 'sendSurvey', {
      parameters: {
        survey_id: surveyId,
        email: 'parity.bounce@bounce.example',
        customer_id: 'cus_parity_bounce',
        name: 'Parity Bounce',
        channel: 'email',
      },
      connection,
    });
    await runModule(app, 'unsubscribeContact', {
      parameters: { identity_key: 'email', identity_value: EMAIL },
      connection,
    });
    await settled();
  });

  test('New NPS Response (waiting for AI themes): same record', async () => {
    expect(await expectParity(pairs.analyzed!, 3)).toBe(3);
  });

  test('New NPS Response (at once, no themes): same record', async () => {
    expect(await expectParity(pairs.created!, 3)).toBe(3);
  });

  test('Contact Segment Changed: same record, labels and direction', async () => {
    expect(await expectParity(pairs.segment!, 2)).toBe(2);
  });

  test('Updated Response: same record, changed fields and previous status', async () => {
    expect(await expectParity(pairs.updated!, 1)).toBe(1);
  });

  test('Contact Unsubscribed: same record', async () => {
    expect(await expectParity(pairs.unsub!, 1)).toBe(1);
  });

  test('Survey Not Delivered: same record', async () => {
    expect(await expectParity(pairs.failed!, 1)).toBe(1);
  });

  test('Send an NPS Survey and Cancel a Scheduled Survey: the Zapier record of the same invitation', async () => {
    /** A record with its dates as instants, by the module's interface types. */
    const comparable = (module: string, record: unknown) => {
      const fields = (app.modules[module]?.interface ?? []) as { name: string; type: string }[];
      return Object.fromEntries(
        Object.entries(record as Rec).map(([key, value]) => [
          key,
          normal(value, fields.find((f) => f.name === key)?.type),
        ]),
      );
    };
    const sent = await runModule(app, 'sendSurvey', {
      parameters: {
        survey_id: surveyId,
        email: 'parity.later@example.com',
        channel: 'email',
        send_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
      connection,
    });
    // The Zapier app's record of the answer Make got.
    const answer = sent.log.at(-1)?.response?.body as Invitation;
    expect(comparable('sendSurvey', sent.outputs[0])).toEqual(
      comparable('sendSurvey', toInvitationRecord(answer)),
    );
    // Zapier cancels it; Make cancels it again (already canceled: the same record).
    const id = String(answer.id);
    const zapier = await e2e.step<Rec>('creates', C.cancelInvitation, { invitation_id: id });
    const make = await runModule(app, 'cancelInvitation', {
      parameters: { invitation_id: id },
      connection,
    });
    expect(zapier).toMatchObject({ id, status: 'canceled', scheduled: false });
    expect(Object.keys(make.outputs[0] as Rec).sort()).toEqual(Object.keys(zapier).sort());
    expect(comparable('cancelInvitation', make.outputs[0])).toEqual(
      comparable('cancelInvitation', zapier),
    );
  });

  test('detach and unsubscribe both', async () => {
    for (const pair of Object.values(pairs)) {
      await detachWebhook(app, pair.makeWebhook, {
        parameters: pair.inputs,
        connection,
        webhook: pair.make.data,
      });
      await e2e.run(op('triggers', pair.zapierKey).performUnsubscribe, {
        subscribeData: pair.zapier.data,
        inputData: pair.inputs,
      });
    }
  });
});

// ---------------------------------------------------------------- the definitions

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

/** What Make type a Zapier input of this kind is in a Make form (written apart from the generator). */
const makeInputType = (f: ZapierField): string => {
  if (f.dict) return 'array';
  if (f.dynamic || f.choices) return 'select';
  if (f.list) return 'array';
  switch (f.meta?.parsed_as ?? f.type) {
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'datetime':
      return 'date';
    case 'password':
      return 'password';
    default:
      return 'text';
  }
};
/** What Make type a Zapier output field is in a Make interface. */
const makeOutputType = (f: ZapierField): string => {
  if (f.list) return 'array';
  switch (f.type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'datetime':
      return 'date';
    case undefined:
      return 'collection';
    default:
      return 'text';
  }
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

  it('every documented difference is in docs/make.md, and applies to a module that exists', () => {
    const doc = readFileSync(new URL('../../docs/make.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Zapier ↔ Make parity'));
    for (const e of PARITY_EXCEPTIONS) {
      expect([e.module, e.key, section.includes(`\`${e.key}\``)]).toEqual([e.module, e.key, true]);
      if (e.module !== '*') expect(app.modules[e.module]).toBeDefined();
    }
  });
});
