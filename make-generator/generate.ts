/**
 * Generates the Make custom app (`make/`, the Apps Editor's local-development layout) from the
 * Zapier app's definitions: parameters, labels, help texts, interfaces and samples are read from
 * the operations in triggers/, searches/, creates/ and records/; the communication (URLs, bodies,
 * query strings, output expressions) is the IML written in this folder, with Make's built-in
 * functions only.
 *
 * Layout: base.ts (base, connection, errors), webhooks.ts (webhooks and instant triggers),
 * searches.ts and actions.ts (module communication), rpcs.ts, values.ts (how parameters reach a
 * request), iml.ts (the records in IML), fields.ts (parameters and interfaces), contract.ts (the
 * contract's bounds), wording.ts (what a Make user reads), readme.ts (make/README.md), ids.ts
 * (component ids), parity.ts (where Make deliberately differs); this file assembles them.
 *
 * Pure: returns { relative path → file text }; make-generator/build.ts writes it, and
 * test/make-generator/generator.test.ts compares it with the committed files.
 */
import app from '../index.js';
import { KEYS } from '../fields/keys.js';
import { contactPropertyInputFields } from '../fields/properties.js';
import * as actions from './actions.js';
import { base, connectionCommunication } from './base.js';
import {
  isStaticField,
  toMakeInterface,
  toMakeParameter,
  type MakeParameter,
  type ZapierInputField,
  type ZapierOutputField,
} from './fields.js';
import { CONNECTION_ID, MODULES, RPCS, kebab, type ModuleSpec, type ZapierKind } from './ids.js';
import { readme, type ReadmeModule } from './readme.js';
import { contactPropertyFieldsCommunication, RPC_SPECS, rpcCommunication } from './rpcs.js';
import * as searches from './searches.js';
import { SEARCH_LIMIT_MAX, type Communication, type Out } from './searches.js';
import { TYPED_PROPERTIES } from './values.js';
import {
  attach,
  detach,
  instantTriggerCommunication,
  WEBHOOKS,
  webhookCommunication,
} from './webhooks.js';
import { forMake, inMakeWording, moduleLabel } from './wording.js';

export { forMake, ZAPIER_WORDING, MODULE_LABELS } from './wording.js';

// ---------------------------------------------------------------- the Zapier definitions

interface ZapierOperation {
  key: string;
  noun?: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: {
    inputFields?: readonly unknown[];
    outputFields?: readonly ZapierOutputField[] | unknown;
    sample?: Record<string, unknown>;
  };
}

const zapier = app as unknown as Record<ZapierKind, Record<string, ZapierOperation>> & {
  authentication: { fields: readonly ZapierInputField[] };
};

const operationOf = (kind: ZapierKind, key: string): ZapierOperation => {
  const op = zapier[kind][key];
  if (!op) throw new Error(`The Zapier app has no ${kind}.${key}`);
  return op;
};

/**
 * Where a Make parameter deliberately differs from its Zapier field, by Zapier operation and field
 * key (each one in PARITY_EXCEPTIONS below). Get NPS Score's From / To are text in the Zapier app
 * (dates as written, read in the chosen time zone); in Make they are `date` parameters, since Make
 * "will not approve" apps that make users format dates (best-practices "Processing of input
 * parameters"). They stay top-level, as in the Zapier form, so they are offered even when Period is
 * mapped; the module refuses them with another period (make-generator/searches.ts getNpsScore).
 */
const MAKE_PARAMETERS: Record<string, Record<string, Partial<MakeParameter>>> = {
  [KEYS.searches.npsReport]: {
    since: {
      type: 'date',
      help: 'Only for Period = Custom, and required then: the first moment counted, e.g. 1 March 2026 00:00. Pick a date and time (read in your Make time zone) or map one (now, date functions). Leave empty for any other period: a From given with another period stops the module, so a report never silently covers other dates than you meant.',
    },
    until: {
      type: 'date',
      help: 'Only for Period = Custom: the moment counting stops; for the whole of 31 March, pick 1 April 00:00. Leave empty to count up to now, and for any other period: a To given with another period stops the module.',
    },
  },
};

/**
 * Each dynamic-field function of a Zapier inputFields and what the Make module gets instead (the
 * parameters built so far → the parameters after it). A function not listed here fails the
 * build: it is translated or left out deliberately, never silently.
 */
const INPUT_FUNCTIONS = new Map<
  unknown,
  (params: MakeParameter[], op: ZapierOperation) => MakeParameter[]
>([
  // Typed workspace contact properties: one collection whose fields the
  // listContactPropertyFields RPC builds from GET /contact-properties (Make's dynamic fields RPC).
  [contactPropertyInputFields, (params, op) => [...params, typedPropertiesParam(op)]],
]);

/**
 * The CRM-safe theme values (app-surface "Round 2 additions"): Make's built-in IML cannot compute
 * `themes_crm` / `themes_unmapped` as specified (docs/make.md, "CRM theme values"), so neither
 * the inputs nor the outputs are generated: no input that silently does nothing, no output that
 * silently differs. Listed in make/README.md.
 */
export const NOT_IN_MAKE_INPUTS = new Set([
  'crm_theme_values',
  'theme_mapping',
  'other_theme_value',
]);
export const NOT_IN_MAKE_OUTPUTS = new Set(['themes_crm', 'themes_unmapped']);

/** The typed contact properties (the Zapier app's `property__<key>` fields) as one collection. */
const typedPropertiesParam = (op: ZapierOperation): MakeParameter => ({
  name: TYPED_PROPERTIES,
  label: 'Workspace Contact Properties',
  type: 'collection',
  help: `One typed field per contact property your workspace defines (numbers, yes/no, dates as YYYY-MM-DD, options); they need a connection whose API key has the contacts:read scope.${op.key === KEYS.creates.upsertContact ? ' A key given here and in Properties takes the value given here.' : " They set the contact's properties (Properties above belong to this step's record)."} Leave a field empty to keep the contact's current value${op.key === KEYS.creates.upsertContact ? "; map Make's erase to clear it" : ''}.`,
  spec: ['rpc://listContactPropertyFields'],
});

const paramsOf = (op: ZapierOperation): MakeParameter[] => {
  let params: MakeParameter[] = [];
  for (const field of op.operation.inputFields ?? []) {
    if (isStaticField(field)) {
      if (NOT_IN_MAKE_INPUTS.has(field.key)) continue;
      params.push({ ...toMakeParameter(field), ...MAKE_PARAMETERS[op.key]?.[field.key] });
      continue;
    }
    const translate = INPUT_FUNCTIONS.get(field);
    if (!translate) {
      throw new Error(
        `${op.key}: a dynamic input-field function the Make generator does not know (add it to INPUT_FUNCTIONS)`,
      );
    }
    params = translate(params, op);
  }
  return params;
};

/**
 * The static output fields. The only dynamic output fields of the Zapier app label the keys of a
 * record's `properties` / `contact_properties` with the workspace's property labels: Make outputs
 * those collections as they are (keys = property keys), so a function is accepted only next to
 * the collection it labels.
 */
const outputsOf = (op: ZapierOperation): ZapierOutputField[] => {
  if (!Array.isArray(op.operation.outputFields)) return [];
  const entries = op.operation.outputFields as unknown[];
  const fields = (entries.filter(isStaticField) as ZapierOutputField[]).filter(
    (field) => !NOT_IN_MAKE_OUTPUTS.has(field.key),
  );
  if (
    entries.some((entry) => typeof entry === 'function') &&
    !fields.some((field) => field.key === 'properties' || field.key === 'contact_properties')
  ) {
    throw new Error(`${op.key}: a dynamic output-field function without a properties collection`);
  }
  return fields;
};

/** Keys of the interface in Zapier's order; `parent[]child` fields map to `parent`. */
const outputKeys = (fields: readonly ZapierOutputField[]): string[] => [
  ...new Set(fields.map((field) => field.key.split('[]')[0] ?? field.key)),
];

/**
 * The output object in the interface's order. A Zapier output field with no IML here fails the
 * build: every output of the Zapier operation is in the Make module (or deliberately left out,
 * NOT_IN_MAKE_OUTPUTS).
 */
const orderedBy =
  (moduleId: string, fields: readonly ZapierOutputField[]): Out =>
  (record) => {
    const out: Record<string, string> = {};
    for (const key of outputKeys(fields)) {
      const value = record[key];
      if (value === undefined) throw new Error(`${moduleId}: no IML for the output ${key}`);
      out[key] = value;
    }
    return out;
  };

// ---------------------------------------------------------------- modules

const COMMUNICATIONS: Record<string, (out: Out) => Communication> = {
  findContact: searches.findContact,
  findResponse: searches.findResponse,
  searchResponses: searches.searchResponses,
  getNpsScore: searches.getNpsScore,
  upsertContact: actions.upsertContact,
  sendSurvey: actions.sendSurvey,
  recordResponse: actions.recordResponse,
  updateResponse: actions.updateResponse,
  addNote: actions.addNote,
  unsubscribeContact: actions.unsubscribeContact,
  cancelInvitation: actions.cancelInvitation,
};

/**
 * Output fields only the Make module has: IML cannot rebuild each item of a list without them, so
 * the API's extra item fields pass through and are declared (Zapier's periods drop start/end).
 */
const MAKE_ONLY_OUTPUTS: Record<string, ZapierOutputField[]> = {
  getNpsScore: [
    { key: 'periods[]start', label: 'Breakdown: Start', type: 'datetime' },
    { key: 'periods[]end', label: 'Breakdown: End (exclusive)', type: 'datetime' },
  ],
};

/**
 * Search Responses: the New NPS Response trigger's filters and record over the history, plus a
 * submitted window and Make's `limit` (app-surface "History and warehouse loads"). Wait for AI
 * Themes decides when the trigger fires; over the history it has no meaning, so it is left out.
 * The trigger's Submitted After (text in the Zapier app, for Zapier Transfer) is a Make date here,
 * followed by Submitted Before; Limit comes last (best-practices "Mappable parameters").
 */
const HISTORY_LEAVES_OUT = new Set(['wait_for_themes']);
const SUBMITTED_AFTER: MakeParameter = {
  name: 'submitted_after',
  label: 'Submitted After',
  type: 'date',
  help: 'Only responses submitted at or after this moment. Leave empty for the whole history.',
};
const SUBMITTED_BEFORE: MakeParameter = {
  name: 'submitted_before',
  label: 'Submitted Before',
  type: 'date',
  help: 'Only responses submitted before this moment, e.g. the start of today for yesterday’s export. Leave empty for up to now.',
};
const LIMIT: MakeParameter = {
  name: 'limit',
  label: 'Limit',
  type: 'uinteger',
  default: 100,
  validate: { min: 1, max: SEARCH_LIMIT_MAX },
  help: `The most responses to output, newest first (at most ${SEARCH_LIMIT_MAX.toLocaleString('en-US')}).`,
};
const historyParams = (op: ZapierOperation): MakeParameter[] => {
  const params = paramsOf(op)
    .filter((param) => !HISTORY_LEAVES_OUT.has(param.name))
    .flatMap((param) =>
      param.name === SUBMITTED_AFTER.name ? [SUBMITTED_AFTER, SUBMITTED_BEFORE] : [param],
    );
  if (!params.includes(SUBMITTED_AFTER)) {
    throw new Error(`${op.key}: no Submitted After field to build Search Responses' window on`);
  }
  return [...params, LIMIT];
};

/**
 * A live trigger's settings are its webhook's parameters. New NPS Response's Submitted After bounds
 * only the loading of past responses (Zapier Transfer; live deliveries ignore it): the Watch module
 * leaves it out, and Search Responses has it.
 */
const LIVE_LEAVES_OUT: Record<string, ReadonlySet<string>> = {
  [KEYS.triggers.newResponse]: new Set(['submitted_after']),
};
const liveParams = (op: ZapierOperation): MakeParameter[] =>
  paramsOf(op).filter((param) => !LIVE_LEAVES_OUT[op.key]?.has(param.name));

const HISTORY_DESCRIPTION =
  'Searches responses, newest first, by survey, segment, score, theme, comment and date submitted, for backfills and scheduled exports.';

/**
 * Make's "mode edit" for dropdowns of Get, Update and Delete modules (best-practices "Remote
 * Procedure Calls": "it is required to add mode: edit"), and for a response, low in the hierarchy,
 * in a search: the field opens ready to map, the list stays one click away.
 */
const withModes = (spec: ModuleSpec, params: MakeParameter[]): MakeParameter[] =>
  params.map((param) => {
    const rpc = typeof param.options === 'string' && param.options.startsWith('rpc://');
    const edit =
      rpc &&
      (['read', 'update', 'delete'].includes(spec.actionCrud ?? '') ||
        (spec.moduleType === 'search' && param.options === 'rpc://listResponses'));
    return edit ? { ...param, mode: 'edit' } : param;
  });

/** The Zapier sample restricted to the keys the Make module outputs, in the interface's order. */
const sampleOf = (
  op: ZapierOperation,
  outputs: readonly ZapierOutputField[],
): Record<string, unknown> => {
  const sample = op.operation.sample ?? {};
  const out: Record<string, unknown> = {};
  for (const key of outputKeys(outputs)) if (key in sample) out[key] = sample[key];
  return out;
};

/** Groups by the entity the modules work with, in Make's order (best-practices "Groups"). */
const GROUPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'Responses',
    [
      'watchNewResponses',
      'watchUpdatedResponses',
      'recordResponse',
      'updateResponse',
      'addNote',
      'findResponse',
      'searchResponses',
    ],
  ],
  [
    'Contacts',
    [
      'watchSegmentChanges',
      'watchUnsubscribes',
      'upsertContact',
      'unsubscribeContact',
      'findContact',
    ],
  ],
  ['Surveys', ['watchFailedInvitations', 'sendSurvey', 'cancelInvitation']],
  ['Reports', ['getNpsScore']],
  ['Other', ['makeApiCall']],
];

type Components = Record<
  'connection' | 'webhook' | 'module' | 'rpc' | 'function' | 'endpoint',
  Record<string, unknown>
>;
type Put = (type: string, id: string, code: string, suffix: string, content: unknown) => string;

const moduleFiles = (
  spec: ModuleSpec,
  put: Put,
  files: {
    communication: unknown;
    mappableParams: unknown;
    interface: unknown;
    samples: unknown;
    scope?: boolean;
  },
) => ({
  communication: put(
    'module',
    spec.id,
    'communication',
    'communication.iml.json',
    files.communication,
  ),
  staticParams: put('module', spec.id, 'staticParams', 'static-params.iml.json', []),
  mappableParams: put(
    'module',
    spec.id,
    'mappableParams',
    'mappable-params.iml.json',
    files.mappableParams,
  ),
  interface: put('module', spec.id, 'interface', 'interface.iml.json', files.interface),
  samples: put('module', spec.id, 'samples', 'samples.iml.json', files.samples),
  ...(files.scope === false
    ? {}
    : { scope: put('module', spec.id, 'scope', 'scope.iml.json', []) }),
});

const generateModule = (spec: ModuleSpec, components: Components, put: Put): ReadmeModule => {
  const label = moduleLabel(spec);
  if (spec.moduleType === 'universal') {
    const description = 'Performs an arbitrary authorized API call.';
    components.module[spec.id] = {
      label,
      // Make's naming convention for REST universal modules (universal-module/rest).
      description,
      moduleType: 'universal',
      connection: CONNECTION_ID,
      codeFiles: moduleFiles(spec, put, {
        communication: actions.MAKE_API_CALL.communication,
        mappableParams: actions.MAKE_API_CALL.parameters,
        interface: actions.MAKE_API_CALL.interface,
        samples: {},
      }),
    };
    return { label, description, group: groupOf(spec.id) };
  }
  const ref = spec.zapier ?? spec.history;
  if (!ref) throw new Error(`Module ${spec.id} names no Zapier operation`);
  const op = operationOf(ref.kind, ref.key);
  const outputs = [...outputsOf(op), ...(MAKE_ONLY_OUTPUTS[spec.id] ?? [])];
  const out = orderedBy(spec.id, outputs);
  const description = spec.history ? HISTORY_DESCRIPTION : forMake(op.display.description);

  if (spec.moduleType === 'instant_trigger') {
    const webhookId = spec.webhook!;
    const hook = WEBHOOKS[webhookId]!(op.display.label);
    components.webhook[webhookId] = {
      label: op.display.label,
      webhookType: 'web',
      connection: CONNECTION_ID,
      codeFiles: {
        communication: put(
          'webhook',
          webhookId,
          'communication',
          'communication.iml.json',
          webhookCommunication(hook),
        ),
        params: put('webhook', webhookId, 'params', 'params.iml.json', liveParams(op)),
        attach: put(
          'webhook',
          webhookId,
          'attach',
          'attach.iml.json',
          attach(hook, `Make: ${op.display.label}`),
        ),
        detach: put('webhook', webhookId, 'detach', 'detach.iml.json', detach()),
      },
    };
    components.module[spec.id] = {
      label,
      description,
      moduleType: 'instant_trigger',
      connection: CONNECTION_ID,
      webhook: webhookId,
      codeFiles: moduleFiles(spec, put, {
        communication: instantTriggerCommunication(hook, out(hook.output)),
        mappableParams: [],
        interface: toMakeInterface(outputs),
        samples: sampleOf(op, outputs),
        scope: false,
      }),
    };
    return { label, description, group: groupOf(spec.id) };
  }

  const build = COMMUNICATIONS[spec.id];
  if (!build) throw new Error(`No communication for module ${spec.id}`);
  const params = spec.history ? historyParams(op) : paramsOf(op);
  components.module[spec.id] = {
    label,
    description,
    moduleType: spec.moduleType,
    ...(spec.actionCrud ? { actionCrud: spec.actionCrud } : {}),
    connection: CONNECTION_ID,
    codeFiles: moduleFiles(spec, put, {
      communication: build(out),
      mappableParams: withModes(spec, params),
      interface: toMakeInterface(outputs),
      samples: sampleOf(op, outputs),
    }),
  };
  return { label, description, group: groupOf(spec.id) };
};

const groupOf = (id: string): string => {
  const group = GROUPS.find(([, ids]) => ids.includes(id));
  if (!group) throw new Error(`Module ${id} is in no group (add it to GROUPS)`);
  return group[0];
};

// ---------------------------------------------------------------- the app

/** Deterministic JSON: 4-space indent (as the Apps Editor writes), trailing newline. */
const json = (value: unknown): string => `${JSON.stringify(value, null, 4)}\n`;

export interface GeneratedApp {
  files: Record<string, string>;
}

export const generateMakeApp = (): GeneratedApp => {
  const files: Record<string, string> = {};
  const components: Components = {
    connection: {},
    webhook: {},
    module: {},
    rpc: {},
    function: {},
    endpoint: {},
  };
  const put: Put = (type, id, code, suffix, content) => {
    const path = `${type}s/${kebab(id)}/${kebab(id)}.${suffix}`;
    // Samples are data (the API's values), never reworded.
    files[path] =
      typeof content === 'string'
        ? content
        : json(code === 'samples' ? content : inMakeWording(content));
    return path;
  };

  // General codes.
  files['general/base.iml.json'] = json(base);
  files['general/common.json'] = json({ api_base_url: '' });
  files['modules/groups.json'] = json(
    GROUPS.map(([label, modules]) => ({ label, modules: [...modules] })),
  );

  // Connection.
  components.connection[CONNECTION_ID] = {
    label: 'NPS Feedback',
    connectionType: 'basic',
    codeFiles: {
      communication: put(
        'connection',
        CONNECTION_ID,
        'communication',
        'communication.iml.json',
        connectionCommunication,
      ),
      params: put(
        'connection',
        CONNECTION_ID,
        'params',
        'params.iml.json',
        zapier.authentication.fields.map((field) => toMakeParameter(field)),
      ),
      // The connection's own common data: the same base URL override as the app's (tests, sandbox).
      common: put('connection', CONNECTION_ID, 'common', 'common.json', { api_base_url: '' }),
    },
  };

  // RPCs (dropdowns and dynamic fields).
  components.rpc.listContactPropertyFields = {
    label: 'List Contact Property Fields',
    connection: CONNECTION_ID,
    codeFiles: {
      communication: put(
        'rpc',
        'listContactPropertyFields',
        'communication',
        'communication.iml.json',
        contactPropertyFieldsCommunication(),
      ),
      params: put('rpc', 'listContactPropertyFields', 'params', 'params.iml.json', []),
    },
  };
  for (const [id, rpc] of Object.entries(RPCS) as [
    keyof typeof RPCS,
    (typeof RPCS)[keyof typeof RPCS],
  ][]) {
    components.rpc[id] = {
      label: rpc.label,
      connection: CONNECTION_ID,
      codeFiles: {
        communication: put(
          'rpc',
          id,
          'communication',
          'communication.iml.json',
          rpcCommunication(RPC_SPECS[id]),
        ),
        params: put('rpc', id, 'params', 'params.iml.json', []),
      },
    };
  }

  // Modules (and the webhooks of instant triggers).
  const listed = MODULES.map((spec) => generateModule(spec, components, put));

  files['README.md'] = readme(listed, {
    inputs: [...NOT_IN_MAKE_INPUTS],
    outputs: [...NOT_IN_MAKE_OUTPUTS],
  });
  files['makecomapp.json'] = json(
    inMakeWording({
      fileVersion: 1,
      generalCodeFiles: {
        base: 'general/base.iml.json',
        common: 'general/common.json',
        readme: 'README.md',
        groups: 'modules/groups.json',
      },
      components,
      origins: [],
    }),
  );

  // Stable key order of the file map itself.
  return {
    files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))),
  };
};
