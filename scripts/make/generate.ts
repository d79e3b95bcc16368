/**
 * Generates the Make custom app (`make/`, the Apps Editor's local-development layout) from the
 * Zapier app's definitions: parameters, labels, help texts, interfaces and samples are read from
 * the operations in triggers/, searches/, creates/ and records/; the communication (URLs, bodies,
 * query strings, output expressions) is the IML written here, with Make's built-in functions only.
 *
 * Pure: returns { relative path → file text }; scripts/make/build.ts writes it, and
 * test/make/generator.test.ts compares it with the committed files.
 */
import app from '../../index.js';
import { IDENTITY_KEYS } from '../../client/api.js';
import { REGIONS, USER_AGENT } from '../../client/http.js';
import { KEYS } from '../../fields/keys.js';
import { APP_VERSION } from '../../lib/version.js';
import { contactPropertyInputFields, TYPE_HINTS } from '../../fields/properties.js';
import { customPeriodFields, sinceField, untilField } from '../../searches/nps_report.js';
import {
  isStaticField,
  toMakeInterface,
  toMakeParameter,
  type MakeParameter,
  type ZapierInputField,
  type ZapierOutputField,
} from './fields.js';
import { CONNECTION_ID, MODULES, RPCS, kebab, type ModuleSpec, type ZapierKind } from './ids.js';
import {
  contactRecord,
  dictExpr,
  responseRecord,
  responseUpdatedExtras,
  DATE_FIELD_SUFFIX,
  s,
  segmentChangedExtras,
  sq,
  typedPropertiesExpr,
  x,
} from './iml.js';

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
 * Each dynamic-field function of a Zapier inputFields and what the Make module gets instead (the
 * parameters built so far → the parameters after it). A function not listed here fails the
 * build: it is translated or left out deliberately, never silently.
 */
const INPUT_FUNCTIONS = new Map<
  unknown,
  (params: MakeParameter[], op: ZapierOperation) => MakeParameter[]
>([
  // Make has no altersDynamicFields: From and To are nested parameters of the Period's Custom
  // option (the Apps SDK's select `options[].nested`), shown only when Custom is chosen.
  [
    customPeriodFields,
    (params) =>
      params.map((param) =>
        param.name === 'period' && Array.isArray(param.options)
          ? {
              ...param,
              options: (param.options as Array<{ value: unknown }>).map((option) =>
                option.value === 'custom'
                  ? { ...option, nested: [sinceField, untilField].map((f) => toMakeParameter(f)) }
                  : option,
              ),
            }
          : param,
      ),
  ],
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
export const NOT_IN_MAKE_INPUTS = new Set(['crm_theme_values', 'theme_mapping', 'other_theme_value']);
export const NOT_IN_MAKE_OUTPUTS = new Set(['themes_crm', 'themes_unmapped']);
const leftOutInputs = new Set<string>();

/** The typed contact properties (the Zapier app's `property__<key>` fields) as one collection. */
const TYPED_PROPERTIES = 'typed_properties';
const typedPropertiesParam = (op: ZapierOperation): MakeParameter => ({
  name: TYPED_PROPERTIES,
  label: 'Workspace Contact Properties',
  type: 'collection',
  help: `One typed field per contact property your workspace defines (numbers, yes/no, dates as YYYY-MM-DD, options); they need a connection whose API key has the contacts:read scope.${op.key === KEYS.creates.upsertContact ? ' A key given here and in Properties takes the value given here.' : " They set the contact's properties (Properties above belong to this step's record)."} Leave a field empty to keep the contact's current value.`,
  spec: ['rpc://listContactPropertyFields'],
})

/** `typed_properties` as an object, or absent when no field has a value. */
const typedProperties = (): string =>
  x(
    `if(parameters.${TYPED_PROPERTIES}; if(length(keys(parseJSON(${typedPropertiesExpr(`parameters.${TYPED_PROPERTIES}`)}))) > 0; parseJSON(${typedPropertiesExpr(`parameters.${TYPED_PROPERTIES}`)})))`,
  );

const paramsOf = (op: ZapierOperation): MakeParameter[] => {
  let params: MakeParameter[] = [];
  for (const field of op.operation.inputFields ?? []) {
    if (isStaticField(field)) {
      if (NOT_IN_MAKE_INPUTS.has(field.key)) {
        leftOutInputs.add(field.key);
        continue;
      }
      params.push(toMakeParameter(field));
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

// ---------------------------------------------------------------- wording for Make

/**
 * The Zapier definitions' user-facing texts (labels, help, descriptions) speak of Zapier and
 * zaps. For Make they are translated deliberately: first whole phrases whose meaning differs in
 * Make (an empty Time Zone is UTC, not the zap's zone; loop protection is the connection's key),
 * then the words. A text still naming Zapier or a zap fails the build.
 */
const MAKE_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ["Leave empty to use your zap's time zone (or UTC when it has none).", 'Leave empty to use UTC.'],
  ['Leave empty to show it as from Zapier.', 'Leave empty for a note without an author.'],
  ['Ignore Changes Made by Zapier', 'Ignore Changes Made With This Connection'],
  ['(Zapier may replay a step)', '(Make may run a step again, e.g. when an incomplete execution is retried)'],
];
const MAKE_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bZapier\b/g, 'Make'],
  [/\bzaps\b/g, 'scenarios'],
  [/\bZaps\b/g, 'Scenarios'],
  [/\bzap\b/g, 'scenario'],
  [/\bZap\b/g, 'Scenario'],
];
export const ZAPIER_WORDING = /\bzap(s|ier)?\b/i;
export const forMake = (text: string): string => {
  let out = text;
  for (const [from, to] of MAKE_PHRASES) out = out.split(from).join(to);
  for (const [from, to] of MAKE_WORDS) out = out.replace(from, to);
  if (ZAPIER_WORDING.test(out)) throw new Error(`Zapier wording left in a Make text: ${out}`);
  return out;
};
/** Keys whose text a Make user reads. */
const USER_FACING = new Set(['label', 'help', 'description']);
/** `value` with every user-facing text (at any depth) in Make's wording. */
const inMakeWording = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(inMakeWording);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        USER_FACING.has(key) && typeof v === 'string' ? forMake(v) : inMakeWording(v),
      ]),
    );
  }
  return value;
};

// ---------------------------------------------------------------- shared IML pieces

/** The region's base URL from the contract's servers (client/http.ts REGIONS); `common.api_base_url` overrides it (tests, sandbox). */
const baseUrlExpr = (region: string): string =>
  x(
    `ifempty(common.api_base_url; if(${region} = ${s('eu')}; ${s(REGIONS.eu.baseUrl)}; ${s(REGIONS.us.baseUrl)}))`,
  );

/** A Make User-Agent carrying the same version as the Zapier app's. */
const MAKE_USER_AGENT = USER_AGENT.replace('Zapier', 'Make');

/**
 * Error messages that say what to do, worded as client/http.ts mapApiErrors (Zapier's "reconnect
 * your account" becomes Make's "connection"). IML templates only, no string concatenation.
 */
const errorDirective = (region: string) => {
  const wrong = `body.error.type = ${s('wrong_region')}`;
  const msgFor = (keyRegion: 'us' | 'eu', connRegion: 'us' | 'eu') =>
    `This NPS API key belongs to the ${REGIONS[keyRegion].label} region, but the connection is set to the ${REGIONS[connRegion].label} region. Reconnect (or create a new connection) and pick the ${REGIONS[keyRegion].label} region.`;
  const field = `${x(`if(body.error.param; ${s(' (field: ')}; ${s('')})`)}${x('body.error.param')}${x(`if(body.error.param; ${s(')')}; ${s('')})`)}`;
  return {
    message: `The NPS platform answered HTTP ${x('statusCode')}: ${x('body.error.message')}${field}`,
    type: 'RuntimeError',
    '400': {
      message: `The NPS platform refused the request: ${x('body.error.message')}${field}`,
      type: 'DataError',
    },
    '401': {
      message:
        x(
          `if(${wrong}; if(${region} = ${s('eu')}; ${s(msgFor('us', 'eu'))}; ${s(msgFor('eu', 'us'))}); ${s('The NPS Feedback platform did not accept the API key of this connection (')})`,
        ) +
        x(`if(${wrong}; ${s('')}; body.error.message)`) +
        x(
          `if(${wrong}; ${s('')}; ${s('). Reconnect your NPS Feedback account with a valid API key (Settings → API keys).')})`,
        ),
      type: 'InvalidAccessTokenError',
    },
    '403': {
      message:
        x(
          `if(body.error.required_scope; ${s('The API key of this connection lacks the scope ')}; ${s('The API key of this connection is not allowed to make this call: ')})`,
        ) +
        x(`if(body.error.required_scope; body.error.required_scope; body.error.message)`) +
        x(
          `if(body.error.required_scope; ${s(' needed for this module. Create a key with that scope in the NPS platform and reconnect. (')}; ${s('')})`,
        ) +
        x(`if(body.error.required_scope; body.error.message; ${s('')})`) +
        x(`if(body.error.required_scope; ${s(')')}; ${s('')})`),
      type: 'InvalidConfigurationError',
    },
    '404': {
      message: `The NPS platform refused the request: ${x('body.error.message')}${field}`,
      type: 'DataError',
    },
    '409': {
      message:
        x(
          `switch(body.error.type; ${s('idempotency_mismatch')}; ${s('This step already ran in the last 24 hours for the same inputs, with a different time. The NPS platform kept the first run, so nothing was sent twice. (The platform said: ')}; ${s('idempotency_in_progress')}; ${s('The same step is still being processed by the NPS platform; run it again in a few seconds. (')}; ${s('The NPS platform refused the request: ')})`,
        ) +
        x('body.error.message') +
        field +
        x(
          `if(body.error.type = ${s('idempotency_mismatch')} || body.error.type = ${s('idempotency_in_progress')}; ${s(')')}; ${s('')})`,
        ),
      type: 'DuplicateDataError',
    },
    '422': {
      message: `The NPS platform refused the request: ${x('body.error.message')}${field}`,
      type: 'DataError',
    },
    '429': {
      message: `The NPS platform is rate limiting this key; Make retries later. (${x('body.error.message')})`,
      type: 'RateLimitError',
    },
    '500': {
      message: `The NPS platform had a temporary problem (HTTP ${x('statusCode')}): ${x('body.error.message')} It is safe to retry.`,
      type: 'ConnectionError',
    },
    '503': {
      message: `The NPS platform had a temporary problem (HTTP ${x('statusCode')}): ${x('body.error.message')} It is safe to retry.`,
      type: 'ConnectionError',
    },
  };
};

const SANITIZE = ['request.headers.authorization'];

// ---------------------------------------------------------------- base, connection

const base = {
  baseUrl: baseUrlExpr('connection.region'),
  headers: {
    Authorization: `Bearer ${x('connection.api_key')}`,
    Accept: 'application/json',
    'User-Agent': MAKE_USER_AGENT,
  },
  response: { error: errorDirective('connection.region') },
  log: { sanitize: SANITIZE },
};

const connectionParams = (): MakeParameter[] =>
  zapier.authentication.fields.map((field) => toMakeParameter(field));

const connectionCommunication = {
  url: `${baseUrlExpr('parameters.region')}/me`,
  method: 'GET',
  headers: {
    Authorization: `Bearer ${x('parameters.api_key')}`,
    Accept: 'application/json',
    'User-Agent': MAKE_USER_AGENT,
  },
  response: {
    metadata: { type: 'text', value: `${x('body.workspace.name')} (${x('body.key.mode')})` },
    error: errorDirective('parameters.region'),
  },
  log: { sanitize: SANITIZE },
};

// ---------------------------------------------------------------- webhooks (one per instant trigger)

interface WebhookSpec {
  events: string[] | string;
  filters: Record<string, string>;
  /** What the API's filters cannot express, checked on each delivery (the Zapier trigger's perform). */
  condition: string;
  /**
   * Fetch-back: the instant trigger re-reads the object from the API with the user's connection
   * (Make's webhook IML has no raw body, so the Standard Webhooks signature cannot be checked;
   * values then come from the platform, not from the request). Event-only facts (ids, previous
   * segment, previous attributes) come from the delivery, `payload.event`.
   */
  fetch: string;
  /** The record, from the fetched object (`body`) and the delivery (`payload.event`). */
  output: Record<string, string>;
  /**
   * The trigger's settings the module re-checks (handed over in the webhook's output as
   * `payload.settings`: an instant trigger has no parameters of its own).
   */
  settings: readonly string[];
  /**
   * The trigger's filters applied again to the RE-READ object (`body`): an IML condition over
   * `body` and `payload.settings` (a forged or stale delivery then fails instead of outputting).
   */
  recheck: string[];
  description: string;
}

/** The delivery as the webhook hands it to its instant trigger (`payload` there). */
const ev = 'payload.event';
const lang = 'payload.label_language';

const isEmptyList = (p: string) => `length(ifempty(${p}; emptyarray)) = 0`;
const evt = 'body.data';
/** The trigger's settings as the instant trigger sees them. */
const set = (name: string) => `payload.settings.${name}`;
const isUnset = (p: string) => `ifempty(${p}; ${s('')}) = ${s('')}`;
/** Re-checks on a fetched response (`body`) shared by the response triggers. */
const surveyRecheck = `(${isUnset(set('survey_id'))} || body.survey.id = ${set('survey_id')})`;

const WEBHOOKS: Record<string, (op: ZapierOperation) => WebhookSpec> = {
  newResponse: (op) => {
    const r = `${evt}.response`;
    const waiting = `parameters.wait_for_themes != false`;
    return {
      events: [x(`if(${waiting}; ${s('response.analyzed')}; ${s('response.created')})`)],
      filters: {
        survey_id: p('survey_id'),
        segments: p('segments'),
        min_score: p('min_score'),
        max_score: p('max_score'),
      },
      condition: x(
        [
          `body.type = if(${waiting}; ${s('response.analyzed')}; ${s('response.created')})`,
          `(parameters.wait_for_themes = false || ${r}.analysis_status != ${s('pending')})`,
          `(${isEmptyList('parameters.themes')} || length(distinct(merge(parameters.themes; map(${r}.themes; ${s('id')})))) < length(parameters.themes) + length(${r}.themes))`,
          `(parameters.require_comment != true || length(trim(ifempty(${r}.comment; ${s('')}))) > 0)`,
        ].join(' && '),
      ),
      fetch: `/responses/${x(`encodeURL(${ev}.data.response.id)`)}`,
      output: responseRecord('body', lang),
      settings: [
        'survey_id',
        'segments',
        'min_score',
        'max_score',
        'themes',
        'require_comment',
        'wait_for_themes',
      ],
      recheck: [
        surveyRecheck,
        `(${isEmptyList(set('segments'))} || contains(${set('segments')}; body.segment))`,
        `(${isUnset(set('min_score'))} || body.score >= ${set('min_score')})`,
        `(${isUnset(set('max_score'))} || body.score <= ${set('max_score')})`,
        `(${isEmptyList(set('themes'))} || length(distinct(merge(${set('themes')}; map(ifempty(body.themes; emptyarray); ${s('id')})))) < length(${set('themes')}) + length(ifempty(body.themes; emptyarray)))`,
        `(${set('require_comment')} != true || length(trim(ifempty(body.comment; ${s('')}))) > 0)`,
        `(${set('wait_for_themes')} = false || body.analysis_status != ${s('pending')})`,
      ],
      description: `Make: ${op.display.label}`,
    };
  },
  segmentChanged: (op) => ({
    events: ['contact.segment_changed'],
    filters: { survey_id: p('survey_id'), segments: p('to_segments') },
    condition: x(
      [
        `body.type = ${s('contact.segment_changed')}`,
        `(${isEmptyList('parameters.from_segments')} || contains(parameters.from_segments; ${evt}.previous_segment))`,
      ].join(' && '),
    ),
    fetch: `/responses/${x(`encodeURL(${ev}.data.response.id)`)}`,
    output: {
      ...responseRecord('body', lang, x(`${ev}.id`)),
      // The new segment is the re-read response's (the platform evaluates the event's filters on
      // its response); the previous segment exists only in the delivery.
      ...segmentChangedExtras(`${ev}.data`, 'body', lang),
    },
    settings: ['survey_id', 'to_segments'],
    recheck: [
      surveyRecheck,
      `(${isEmptyList(set('to_segments'))} || contains(${set('to_segments')}; body.segment))`,
      // A change: the response's segment is not the delivered previous one.
      `body.segment != ${ev}.data.previous_segment`,
    ],
    description: `Make: ${op.display.label}`,
  }),
  responseUpdated: (op) => {
    const before = `${evt}.previous_attributes.follow_up.status`;
    const now = `${evt}.response.follow_up.status`;
    return {
      events: ['response.updated'],
      filters: {
        survey_id: p('survey_id'),
        exclude_own_changes: x('parameters.ignore_own_changes != false'),
      },
      condition: x(
        [
          `body.type = ${s('response.updated')}`,
          `(${isEmptyList('parameters.follow_up_statuses')} || (length(ifempty(${before}; ${s('')})) > 0 && ${before} != ${now} && contains(parameters.follow_up_statuses; ${now})))`,
        ].join(' && '),
      ),
      fetch: `/responses/${x(`encodeURL(${ev}.data.response.id)`)}`,
      output: {
        ...responseRecord(
          'body',
          lang,
          `${x(`${ev}.data.response.id`)}:${x(`${ev}.data.response.updated_at`)}`,
        ),
        ...responseUpdatedExtras(`${ev}.data`),
      },
      settings: ['survey_id', 'follow_up_statuses'],
      recheck: [
        surveyRecheck,
        `(${isEmptyList(set('follow_up_statuses'))} || contains(${set('follow_up_statuses')}; body.follow_up.status))`,
      ],
      description: `Make: ${op.display.label}`,
    };
  },
  contactUnsubscribed: (op) => ({
    events: ['contact.unsubscribed'],
    filters: {},
    condition: x(`body.type = ${s('contact.unsubscribed')}`),
    fetch: `/contacts/${x(`encodeURL(${ev}.data.contact.id)`)}`,
    output: {
      ...contactRecord('body'),
      id: x(`${ev}.id`),
      contact_id: x('body.id'),
      unsubscribed_at: x(`${ev}.created_at`),
    },
    settings: [],
    // The re-read contact is unsubscribed.
    recheck: ['body.unsubscribed = true'],
    description: `Make: ${op.display.label}`,
  }),
};

// ---------------------------------------------------------------- modules

/** Keys of the interface in Zapier's order; `parent[]child` fields map to `parent`. */
const outputKeys = (fields: readonly ZapierOutputField[]): string[] => [
  ...new Set(fields.map((field) => field.key.split('[]')[0] ?? field.key)),
];

/** The output object in the interface's order; every interface key must have an expression. */
/**
 * Zapier output fields that have no IML here yet (`<moduleId>.<key>`): left out of the module's
 * output and interface (never invented) and listed in make/README.md, so a field added to the
 * Zapier app shows up there until its IML is written.
 */
const missingOutputs = new Set<string>();

/** The output object in the interface's order. */
const ordered = (
  moduleId: string,
  fields: readonly ZapierOutputField[],
  record: Record<string, string>,
): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const key of outputKeys(fields)) {
    const value = record[key];
    if (value === undefined) missingOutputs.add(`${moduleId}.${key}`);
    else out[key] = value;
  }
  return out;
};

/** The Zapier output fields the module outputs. */
const presentOutputs = (moduleId: string, fields: readonly ZapierOutputField[]) =>
  fields.filter((field) => !missingOutputs.has(`${moduleId}.${field.key.split('[]')[0] ?? field.key}`));

/**
 * A parameter for a body or query: an empty value is left out like an unset one, so it never
 * clears a value in the platform nor breaks the contract (its fields are not nullable). Real Make
 * hands a module null for a mapped empty value and [] for an emptied list ("Processing of 'empty'
 * values"; "Removal of empty collections and nulls"): a text, number or boolean is left out when
 * null or "" (false and 0 are values), a list when null or without items.
 */
const LIST_PARAMETERS = new Set([
  'tags',
  'add_tags',
  'remove_tags',
  'add_themes',
  'remove_themes',
  'segments',
  'to_segments',
]);
/** `param` (an IML path) when it holds a value, else nothing (the key is left out). */
export const presentExpr = (param: string, list = false): string =>
  list
    ? `if(length(ifempty(${param}; emptyarray)) > 0; ${param})`
    : `if(ifempty(${param}; ${s('')}) != ${s('')}; ${param})`;
const pe = (name: string) => presentExpr(`parameters.${name}`, LIST_PARAMETERS.has(name));
const p = (name: string) => x(pe(name));

/** Inputs of an Idempotency-Key that are lists or collections (written as JSON). */
const STRUCTURED_KEY_INPUTS = new Set(['tags', 'properties']);

/** The Idempotency-Key header: `make-<operation>-<sha256 hex>` over the canonical inputs (lib/idempotency.ts). */
const idempotencyHeader = (operationKey: string, inputKeys: readonly string[]): string => {
  // The canonical string: the operation key, then each input in sorted key order as `key=value`:
  // a text, number or boolean as text, a list or collection as its JSON (built-in createJSON;
  // toString of a collection is not documented). An empty input (null, "", []) counts as unset,
  // as it is left out of the body. Make has no JSON canonicaliser among its built-in functions;
  // sorted keys and a unit separator keep two equal inputs equal. Make's IML documents no
  // scenario id (Zapier's key includes the zap id), so equal inputs from two scenarios within
  // the platform's 24 hours count as one.
  const parts = [...inputKeys]
    .sort()
    .map(
      (key) =>
        `${s(`${key}=`)}; ${
          key === TYPED_PROPERTIES
            ? // Its JSON without the empty fields (the object the body sends), `{}` when none.
              `if(parameters.${key}; ${typedPropertiesExpr(`parameters.${key}`)}; ${s('{}')})`
            : STRUCTURED_KEY_INPUTS.has(key)
              ? `createJSON(ifempty(parameters.${key}; emptyarray))`
              : `toString(ifempty(parameters.${key}; ${s('')}))`
        }`,
    );
  return `make-${operationKey}-${x(
    `sha256(join(add(emptyarray; ${s(`operation=${operationKey}`)}; ${parts.join('; ')}); ${s('\u001f')}))`,
  )}`;
};

/** The field `key` of upsertContact: the Identity Value when the identity key names it, else the field. */
const identityFromKey = (key: string): string =>
  x(
    `if(ifempty(parameters.identity_key; ${s('email')}) = ${s(key)}; ${key === 'pipedrive_person_id' ? 'parseNumber(parameters.identity_value)' : 'parameters.identity_value'}; ${pe(key)})`,
  );

const contactBody = (keys: readonly string[], valueOf: (key: string) => string = p) => {
  const body: Record<string, unknown> = {};
  const crm: Record<string, string> = {};
  for (const key of keys) {
    const isIdentity = (IDENTITY_KEYS as readonly string[]).includes(key);
    const value = isIdentity ? valueOf(key) : p(key);
    if (
      key === 'salesforce_contact_id' ||
      key === 'hubspot_contact_id' ||
      key === 'pipedrive_person_id'
    ) {
      crm[key] = value;
    } else {
      body[key] = value;
    }
  }
  if (Object.keys(crm).length) body.crm_ids = crm;
  return body;
};

/** `?email=…` (or the chosen identity key) without a templated query key. */
const identityQuery = (): Record<string, string> =>
  Object.fromEntries(
    IDENTITY_KEYS.map((key) => [
      key,
      x(
        `if(ifempty(parameters.identity_key; ${s('email')}) = ${s(key)}; parameters.identity_value)`,
      ),
    ]),
  );

/** The base's general error message (an error directive object needs its own). */
const BASE_ERROR_MESSAGE = errorDirective('connection.region').message;

const RECHECK_FAILED =
  "This delivery does not match the trigger's settings once its record is re-read from the NPS platform (the record changed since, or the delivery was not sent by the platform): no bundle is output for it.";

const IDENTITY_EMPTY =
  'Identity Value (identity_value) is empty: map the email, customer ID, account number or CRM ID of the contact.';
const RESPONSE_INPUT_MISSING =
  'Response ID (response_id) or Identity Value (identity_value) is needed: fill in the ID of a response, or the email, customer ID, account number or CRM ID of the contact.';

type Communication = Record<string, unknown> | Record<string, unknown>[];

const COMMUNICATIONS: Record<string, (fields: readonly ZapierOutputField[]) => Communication> = {
  findContact: (fields) => ({
    url: '/contacts',
    method: 'GET',
    qs: { ...identityQuery(), limit: 1 },
    response: {
      // An empty value (mapped from an empty field) must not match any contact.
      valid: {
        condition: x(`ifempty(parameters.identity_value; ${s('')}) != ${s('')}`),
        message: IDENTITY_EMPTY,
        type: 'DataError',
      },
      // A refused 200 (valid false) takes its message from the status' error directive.
      error: { message: BASE_ERROR_MESSAGE, '200': { message: IDENTITY_EMPTY, type: 'DataError' } },
      iterate: x('body.data'),
      output: ordered('findContact', fields, contactRecord('item')),
    },
  }),
  // By id (an unknown id is an error: a 404 always is in Make, and the contract has no list
  // filter by id; docs/make.md "Limits"), else the latest response of the contact: email, customer ID and
  // account number filter GET /responses directly; a CRM id is looked up in GET /contacts first
  // (searches/find_response.ts).
  findResponse: (fields) => {
    const key = `ifempty(parameters.identity_key; ${s('email')})`;
    const isCrm = `(${key} = ${s('salesforce_contact_id')} || ${key} = ${s('hubspot_contact_id')} || ${key} = ${s('pipedrive_person_id')})`;
    const direct = (name: string) =>
      x(`if(!parameters.response_id && ${key} = ${s(name)}; parameters.identity_value)`);
    return [
      {
        condition: x(`!parameters.response_id && ifempty(parameters.identity_value; ${s('')}) != ${s('')} && ${isCrm}`),
        url: '/contacts',
        method: 'GET',
        qs: {
          ...Object.fromEntries(
            IDENTITY_KEYS.filter((k) => !['email', 'customer_id', 'account_number'].includes(k)).map(
              (k) => [k, x(`if(${key} = ${s(k)}; parameters.identity_value)`)],
            ),
          ),
          limit: 1,
        },
        // A lookup only: it outputs nothing (the next request does).
        response: { temp: { contact_id: x(`get(body.data; ${s('1.id')})`) }, iterate: x('emptyarray') },
      },
      {
        condition: x(`parameters.response_id || !${isCrm} || temp.contact_id`),
        url: `/responses${x(`if(parameters.response_id; ${s('/')} + encodeURL(parameters.response_id))`)}`,
        method: 'GET',
        qs: {
          email: direct('email'),
          customer_id: direct('customer_id'),
          account_number: direct('account_number'),
          contact_id: x(`if(!parameters.response_id; temp.contact_id)`),
          survey_id: x(`if(!parameters.response_id; ${pe('survey_id')})`),
          limit: x(`if(!parameters.response_id; 1)`),
        },
        response: {
          // Neither a response ID nor an identity value: refused, never "the latest response of anyone".
          valid: {
            condition: x(
              `(ifempty(parameters.response_id; ${s('')}) != ${s('')} || ifempty(parameters.identity_value; ${s('')}) != ${s('')})`,
            ),
            message: x(
              `if(ifempty(parameters.response_id; ${s('')}) != ${s('')} || ifempty(parameters.identity_value; ${s('')}) != ${s('')}; body.error.message; ${s(RESPONSE_INPUT_MISSING)})`,
            ),
            type: 'DataError',
          },
          error: { message: BASE_ERROR_MESSAGE, '200': { message: x(
              `if(ifempty(parameters.response_id; ${s('')}) != ${s('')} || ifempty(parameters.identity_value; ${s('')}) != ${s('')}; body.error.message; ${s(RESPONSE_INPUT_MISSING)})`,
            ), type: 'DataError' } },
          iterate: x(
            `if(parameters.response_id; if(parameters.survey_id && body.survey.id != parameters.survey_id; emptyarray; add(emptyarray; body)); body.data)`,
          ),
          output: ordered('findResponse', fields, responseRecord('item', 'parameters.label_language')),
        },
      },
    ];
  },
  // The period cut in the chosen time zone as lib/periods.ts does (rolling periods are whole days
  // before today; "this …" periods run to now), then, with Compare With Previous Period, the
  // period before it first (its NPS kept in temp) and the current one, which outputs.
  getNpsScore: (fields) => {
    const tz = `ifempty(parameters.timezone; ${s('UTC')})`;
    const period = `ifempty(parameters.period; ${s('last_30_days')})`;
    // Calendar arithmetic on a mid-day / mid-month instant, then cut at local midnight: no time
    // zone offset or DST change can move a boundary into the wrong day or month.
    const local = (instant: string, format: string) =>
      `parseDate(formatDate(${instant}; ${s(format)}; ${tz}); ${s('YYYY-MM-DD')}; ${tz})`;
    const noon = `parseDate(formatDate(now; ${s('YYYY-MM-DD 12')}; ${tz}); ${s('YYYY-MM-DD HH')}; ${tz})`;
    const mid = `parseDate(formatDate(now; ${s('YYYY-MM-15 12')}; ${tz}); ${s('YYYY-MM-DD HH')}; ${tz})`;
    const quarterOffset = `(parseNumber(formatDate(now; ${s('M')}; ${tz})) - 1) % 3`;
    const day = (offset: number) => local(`addDays(${noon}; ${offset})`, 'YYYY-MM-DD');
    const monthStart = (offset: number) => local(`addMonths(${mid}; ${offset})`, 'YYYY-MM-01');
    const quarterStart = (offset: number) =>
      local(`addMonths(${mid}; ${offset} - ${quarterOffset})`, 'YYYY-MM-01');
    const yearStart = (offset: number) => local(`addYears(${mid}; ${offset})`, 'YYYY-01-01');
    const rolling = (n: number, back: number) => day(-n * back);
    /** since / until of the current (back = 0) or previous (back = 1) period; until absent = now. */
    const range = (back: 0 | 1) => ({
      since: x(
        `switch(${period}; ${s('custom')}; parameters.since; ${s('last_7_days')}; ${rolling(7, back + 1)}; ${s('last_30_days')}; ${rolling(30, back + 1)}; ${s('last_90_days')}; ${rolling(90, back + 1)}; ${s('this_month')}; ${monthStart(-back)}; ${s('last_month')}; ${monthStart(-1 - back)}; ${s('this_quarter')}; ${quarterStart(-3 * back)}; ${s('last_quarter')}; ${quarterStart(-3 - 3 * back)}; ${s('this_year')}; ${yearStart(-back)}; ${rolling(30, back + 1)})`,
      ),
      until: x(
        `switch(${period}; ${s('custom')}; parameters.until; ${s('last_7_days')}; ${rolling(7, back)}; ${s('last_30_days')}; ${rolling(30, back)}; ${s('last_90_days')}; ${rolling(90, back)}; ${s('this_month')}; ${back ? 'addMonths(now; -1)' : 'now'}; ${s('last_month')}; ${monthStart(-back)}; ${s('this_quarter')}; ${back ? 'addMonths(now; -3)' : 'now'}; ${s('last_quarter')}; ${quarterStart(-3 * back)}; ${s('this_year')}; ${back ? 'addYears(now; -1)' : 'now'}; ${rolling(30, back)})`,
      ),
    });
    const query = (back: 0 | 1) => ({
      survey_id: p('survey_id'),
      ...range(back),
      ...(back
        ? {}
        : {
            group_by: x(
              `if(ifempty(parameters.group_by; ${s('none')}) != ${s('none')}; parameters.group_by)`,
            ),
          }),
      timezone: x(tz),
    });
    const hasPrevious = `temp.previous_responses > 0 && body.responses > 0`;
    const change = `round((body.nps - temp.previous_nps) * 10) / 10`;
    const share = (key: string) =>
      x(`if(body.responses > 0; round(body.${key} / body.responses * 1000) / 10)`);
    return [
      {
        // A custom period has no defined "period before" (compare is skipped).
        condition: x(`parameters.compare_previous != false && ${period} != ${s('custom')}`),
        url: '/metrics/nps',
        method: 'GET',
        qs: query(1),
        response: {
          temp: { previous_nps: x('body.nps'), previous_responses: x('body.responses') },
          // The previous period only feeds the current one's output.
          iterate: x('emptyarray'),
        },
      },
      {
        url: '/metrics/nps',
        method: 'GET',
        qs: query(0),
        response: {
          output: ordered('getNpsScore', fields, {
            nps: x('body.nps'),
            responses: x('body.responses'),
            promoters: x('body.promoters'),
            passives: x('body.passives'),
            detractors: x('body.detractors'),
            promoter_percent: share('promoters'),
            passive_percent: share('passives'),
            detractor_percent: share('detractors'),
            since: x('body.since'),
            until: x('body.until'),
            timezone: x('body.timezone'),
            previous_nps: x(`if(temp.previous_responses > 0; temp.previous_nps)`),
            nps_change: x(`if(${hasPrevious}; ${change})`),
            periods: x('body.periods'),
            summary:
              `NPS ${x(`ifempty(body.nps; ${s('(no responses)')})`)} from ${x('body.responses')} responses` +
              x(`if(${hasPrevious}; ${s(' (change ')})`) +
              x(`if(${hasPrevious}; ${change})`) +
              x(`if(${hasPrevious}; ${s(' from the period before)')})`),
          }),
        },
      },
    ];
  },
  upsertContact: (fields) => ({
    url: '/contacts',
    method: 'PUT',
    qs: { match_on: x(`ifempty(parameters.identity_key; ${s('email')})`) },
    // The identity value goes in the field the identity key names (creates/contact_fields.ts setIdentity).
    body: {
      ...contactBody([...IDENTITY_KEYS, 'name', 'company', 'phone', 'locale'], identityFromKey),
      // Properties, then the typed fields over them (a key given both ways takes the typed value).
      properties: x(
        `if(parameters.properties || parameters.${TYPED_PROPERTIES}; toCollection(merge(ifempty(parameters.properties; emptyarray); if(parameters.${TYPED_PROPERTIES}; toArray(parseJSON(${typedPropertiesExpr(`parameters.${TYPED_PROPERTIES}`)})); emptyarray)); ${s('key')}; ${s('value')}))`,
      ),
    },
    response: {
      output: ordered('upsertContact', fields, {
        ...contactRecord('body'),
        // PUT /contacts answers 201 when it created the contact, 200 when it updated one.
        created: x('statusCode = 201'),
      }),
    },
  }),
  sendSurvey: (fields) => ({
    url: `/surveys/${x('encodeURL(parameters.survey_id)')}/invitations`,
    method: 'POST',
    headers: {
      'Idempotency-Key': idempotencyHeader('send_survey', [
        'survey_id',
        ...IDENTITY_KEYS,
        'name',
        'company',
        'phone',
        'locale',
        'channel',
        'respect_throttle',
        'properties',
        TYPED_PROPERTIES,
      ]),
    },
    body: {
      contact: {
        ...contactBody([...IDENTITY_KEYS, 'name', 'company', 'phone', 'locale']),
        properties: typedProperties(),
      },
      channel: p('channel'),
      send_at: p('send_at'),
      respect_throttle: p('respect_throttle'),
      properties: dictExpr('parameters.properties'),
    },
    response: {
      output: ordered('sendSurvey', fields, {
        id: x('body.id'),
        survey_id: x('body.survey_id'),
        contact_id: x('body.contact_id'),
        channel: x('body.channel'),
        status: x('body.status'),
        skip_reason: x('body.skip_reason'),
        send_at: x('body.send_at'),
        created_at: x('body.created_at'),
        scheduled: x(`body.status = ${s('scheduled')}`),
      }),
    },
  }),
  recordResponse: (fields) => ({
    url: '/responses',
    method: 'POST',
    headers: {
      'Idempotency-Key': idempotencyHeader('record_response', [
        'survey_id',
        'score',
        'comment',
        ...IDENTITY_KEYS,
        'name',
        'company',
        'locale',
        'language',
        // submitted_at is left out as send_at is for sendSurvey (creates/record_response.ts): a
        // replay with another time is refused by the platform (409), never recorded twice.
        'tags',
        'properties',
        TYPED_PROPERTIES,
      ]),
    },
    body: {
      survey_id: p('survey_id'),
      score: p('score'),
      comment: p('comment'),
      contact: {
        ...contactBody([...IDENTITY_KEYS, 'name', 'company', 'locale']),
        properties: typedProperties(),
      },
      language: p('language'),
      submitted_at: p('submitted_at'),
      tags: p('tags'),
      properties: dictExpr('parameters.properties'),
    },
    response: {
      output: ordered(
        'recordResponse',
        fields,
        responseRecord('body', 'parameters.label_language'),
      ),
    },
  }),
  updateResponse: (fields) => ({
    url: `/responses/${x('encodeURL(parameters.response_id)')}`,
    method: 'PATCH',
    body: {
      tags: { add: p('add_tags'), remove: p('remove_tags') },
      themes: { add: p('add_themes'), remove: p('remove_themes') },
      follow_up: { status: p('follow_up_status'), owner_email: p('follow_up_owner_email') },
    },
    response: {
      output: ordered(
        'updateResponse',
        fields,
        responseRecord('body', 'parameters.label_language'),
      ),
    },
  }),
  addNote: (fields) => ({
    url: `/responses/${x('encodeURL(parameters.response_id)')}/notes`,
    method: 'POST',
    headers: {
      'Idempotency-Key': idempotencyHeader('add_note', ['response_id', 'body', 'author_email']),
    },
    body: { body: p('body'), author_email: p('author_email') },
    response: {
      output: ordered('addNote', fields, {
        id: x('body.id'),
        response_id: x('body.response_id'),
        body: x('body.body'),
        author_email: x('body.author_email'),
        created_at: x('body.created_at'),
      }),
    },
  }),
  unsubscribeContact: (fields) => [
    {
      url: '/contacts',
      method: 'GET',
      qs: { ...identityQuery(), limit: 1 },
      response: {
        temp: { contact_id: x(`get(body.data; ${s('1.id')})`) },
        // A lookup only: it outputs nothing (the next request does).
        iterate: x('emptyarray'),
        // Nothing is unsubscribed unless the value names a contact (an empty value names none).
        valid: {
          condition: x(`ifempty(parameters.identity_value; ${s('')}) != ${s('')} && length(body.data) > 0`),
          message: x(
            `if(ifempty(parameters.identity_value; ${s('')}) != ${s('')}; ${s('No contact matches this Identity Value: check Identify Contact By and the value.')}; ${s(IDENTITY_EMPTY)})`,
          ),
          type: 'DataError',
        },
        error: { message: BASE_ERROR_MESSAGE, '200': { message: x(
            `if(ifempty(parameters.identity_value; ${s('')}) != ${s('')}; ${s('No contact matches this Identity Value: check Identify Contact By and the value.')}; ${s(IDENTITY_EMPTY)})`,
          ), type: 'DataError' } },
      },
    },
    {
      condition: x('temp.contact_id'),
      url: `/contacts/${x('encodeURL(temp.contact_id)')}/unsubscribe`,
      method: 'POST',
      body: {},
      response: { output: ordered('unsubscribeContact', fields, contactRecord('body')) },
    },
  ],
};

/** One key/value pair of Make an API Call's headers and query string. */
const KEY_VALUE_SPEC = [
  { name: 'key', label: 'Key', type: 'text', required: true },
  { name: 'value', label: 'Value', type: 'text' },
];

const MAKE_API_CALL = {
  parameters: [
    {
      name: 'url',
      type: 'text',
      label: 'URL',
      required: true,
      help: 'Path relative to the API base URL of your region, e.g. `/responses` or `/contacts?email=maria@acme.com`. The connection adds the API key.',
    },
    {
      name: 'method',
      type: 'select',
      label: 'Method',
      required: true,
      default: 'GET',
      options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((value) => ({ label: value, value })),
    },
    {
      name: 'headers',
      type: 'array',
      label: 'Headers',
      help: 'Extra headers, e.g. Idempotency-Key. Authorization is added for you.',
      spec: KEY_VALUE_SPEC,
    },
    {
      name: 'qs',
      type: 'array',
      label: 'Query String',
      spec: KEY_VALUE_SPEC,
    },
    {
      name: 'body',
      type: 'any',
      label: 'Body',
      help: 'The request body as JSON text, e.g. `{"body": "Called back."}` for POST /responses/{id}/notes; build it with JSON > Create JSON to escape mapped values. Sent as it is, with Content-Type: application/json.',
    },
  ],
  communication: {
    url: `${x(`if(indexOf(parameters.url; ${s('/')}) != 0; ${s('/')})`)}${x('parameters.url')}`,
    method: x('parameters.method'),
    // The `{{...}}` spread key merges the user's key/value pairs into the object (Make's universal module).
    // The API takes JSON; a Content-Type header given by the user replaces this one.
    headers: {
      'Content-Type': 'application/json',
      '{{...}}': x(`toCollection(ifempty(parameters.headers; emptyarray); ${s('key')}; ${s('value')})`),
    },
    qs: {
      '{{...}}': x(`toCollection(ifempty(parameters.qs; emptyarray); ${s('key')}; ${s('value')})`),
    },
    // Make's universal REST module: the body is the user's text, sent as it is (`type: text`), not
    // encoded again as a JSON string.
    body: x('parameters.body'),
    type: 'text',
    response: { output: { body: x('body'), headers: x('headers'), statusCode: x('statusCode') } },
  },
  interface: [
    { name: 'body', label: 'Body', type: 'any' },
    { name: 'headers', label: 'Headers', type: 'collection' },
    { name: 'statusCode', label: 'Status Code', type: 'number' },
  ],
};

// ---------------------------------------------------------------- rpcs

interface RpcSpec {
  path: string;
  label: string;
  value: string;
  /** Follow `next_cursor` (every item) or read the first page only (the most recent items). */
  paginate: boolean;
}

/** Who answered, as triggers/response.ts responseLabel: identity value, else name, else contact id. */
const respondent = `ifempty(ifempty(ifempty(ifempty(item.contact.email; item.contact.customer_id); item.contact.account_number); item.contact.name); item.contact.id)`;

const RPC_SPECS: Record<keyof typeof RPCS, RpcSpec> = {
  listSurveys: { path: '/surveys', label: x('item.name'), value: x('item.id'), paginate: true },
  listThemes: { path: '/themes', label: x('item.name'), value: x('item.id'), paginate: true },
  // Themes are written by name (update_response, CRM values): the value is the name.
  listThemeNames: {
    path: '/themes',
    label: x('item.name'),
    value: x('item.name'),
    paginate: true,
  },
  // `<score> · <who> · <day>` (triggers/response.ts), newest first: one page of 100.
  listResponses: {
    path: '/responses',
    label: `${x('item.score')} · ${x(respondent)} · ${x('substring(item.submitted_at; 0; 10)')}`,
    value: x('item.id'),
    paginate: false,
  },
};

/**
 * listContactPropertyFields (a dynamic fields RPC): one parameter per workspace contact property,
 * typed as fields/properties.ts does for Zapier (number, boolean, enum → select of its options,
 * anything else text); a date is a text field named `<key>__date` (see iml.ts typedPropertiesExpr).
 */
const contactPropertyFieldsCommunication = () => {
  const type = `switch(item.type; ${s('number')}; ${s('number')}; ${s('boolean')}; ${s('boolean')}; ${s('enum')}; if(length(ifempty(item.options; emptyarray)) > 0; ${s('select')}; ${s('text')}); ${s('text')})`;
  const hint = `switch(item.type; ${(['number', 'boolean', 'date', 'enum'] as const)
    .map((key) => `${s(key)}; ${sq(TYPE_HINTS[key])}`)
    .join('; ')}; ${sq(TYPE_HINTS.string)})`;
  return {
    url: '/contact-properties',
    method: 'GET',
    response: {
      iterate: x('body.data'),
      output: {
        name: `${x('item.key')}${x(`if(item.type = ${s('date')}; ${s(DATE_FIELD_SUFFIX)})`)}`,
        label: x('item.label'),
        type: x(type),
        options: x(
          `if(item.type = ${s('enum')} && length(ifempty(item.options; emptyarray)) > 0; item.options)`,
        ),
        help: `${x(`if(item.description; item.description + ${s(' ')})`)}${x(hint)} Leave empty to keep the current value.`,
      },
    },
  };
};

const rpcCommunication = (spec: RpcSpec) => ({
  url: spec.path,
  method: 'GET',
  qs: { limit: 100 },
  response: { iterate: x('body.data'), output: { label: spec.label, value: spec.value } },
  ...(spec.paginate
    ? { pagination: { qs: { cursor: x('body.next_cursor') }, condition: x('body.has_more') } }
    : {}),
});

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
  const put = (
    type: string,
    id: string,
    code: string,
    suffix: string,
    content: unknown,
  ): string => {
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
  files['modules/groups.json'] = json([
    {
      label: 'Triggers',
      modules: MODULES.filter((m) => m.moduleType === 'instant_trigger').map((m) => m.id),
    },
    {
      label: 'Searches',
      modules: MODULES.filter((m) => m.moduleType === 'search').map((m) => m.id),
    },
    {
      label: 'Actions',
      modules: MODULES.filter((m) => m.moduleType === 'action').map((m) => m.id),
    },
    {
      label: 'Other',
      modules: MODULES.filter((m) => m.moduleType === 'universal').map((m) => m.id),
    },
  ]);

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
      params: put('connection', CONNECTION_ID, 'params', 'params.iml.json', connectionParams()),
      // The connection's own common data: the same base URL override as the app's (tests, sandbox).
      common: put('connection', CONNECTION_ID, 'common', 'common.json', { api_base_url: '' }),
    },
  };

  // RPCs (dynamic options of survey / theme parameters).
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
  missingOutputs.clear();
  leftOutInputs.clear();
  for (const spec of MODULES) {
    generateModule(spec, components, put);
  }

  files['README.md'] = readme([...missingOutputs], [...leftOutInputs]);
  files['makecomapp.json'] = json(inMakeWording({
    fileVersion: 1,
    generalCodeFiles: {
      base: 'general/base.iml.json',
      common: 'general/common.json',
      readme: 'README.md',
      groups: 'modules/groups.json',
    },
    components,
    origins: [],
  }));

  // Stable key order of the file map itself.
  return {
    files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))),
  };
};

type Components = Record<
  'connection' | 'webhook' | 'module' | 'rpc' | 'function' | 'endpoint',
  Record<string, unknown>
>;

type Put = (type: string, id: string, code: string, suffix: string, content: unknown) => string;

const generateModule = (
  spec: ModuleSpec,
  components: Components,
  put: Put,
): void => {
  if (spec.moduleType === 'universal') {
    components.module[spec.id] = {
      label: 'Make an API Call',
      // Make's naming convention for REST universal modules (universal-module/rest).
      description: 'Performs an arbitrary authorized API call.',
      moduleType: 'universal',
      connection: CONNECTION_ID,
      codeFiles: {
        communication: put(
          'module',
          spec.id,
          'communication',
          'communication.iml.json',
          MAKE_API_CALL.communication,
        ),
        staticParams: put('module', spec.id, 'staticParams', 'static-params.iml.json', []),
        mappableParams: put(
          'module',
          spec.id,
          'mappableParams',
          'mappable-params.iml.json',
          MAKE_API_CALL.parameters,
        ),
        interface: put(
          'module',
          spec.id,
          'interface',
          'interface.iml.json',
          MAKE_API_CALL.interface,
        ),
        samples: put('module', spec.id, 'samples', 'samples.iml.json', {}),
        scope: put('module', spec.id, 'scope', 'scope.iml.json', []),
      },
    };
    return;
  }
  const ref = spec.zapier!;
  const op = operationOf(ref.kind, ref.key);
  const params = paramsOf(op);
  const allOutputs = outputsOf(op);

  if (spec.moduleType === 'instant_trigger') {
    const webhookId = spec.webhook!;
    const hook = WEBHOOKS[webhookId]!(op);
    const output = ordered(spec.id, allOutputs, hook.output);
    const outputs = presentOutputs(spec.id, allOutputs);
    const filters = Object.keys(hook.filters).length ? { filters: hook.filters } : {};
    components.webhook[webhookId] = {
      label: op.display.label,
      webhookType: 'web',
      connection: CONNECTION_ID,
      codeFiles: {
        communication: put('webhook', webhookId, 'communication', 'communication.iml.json', {
          condition: hook.condition,
          output: {
            event: x('body'),
            label_language: x(`ifempty(parameters.label_language; ${s('en')})`),
            ...(hook.settings.length
              ? {
                  settings: Object.fromEntries(
                    hook.settings.map((name) => [name, x(`parameters.${name}`)]),
                  ),
                }
              : {}),
          },
        }),
        params: put('webhook', webhookId, 'params', 'params.iml.json', params),
        attach: put('webhook', webhookId, 'attach', 'attach.iml.json', {
          url: '/webhooks',
          method: 'POST',
          body: {
            url: x('webhook.url'),
            events: hook.events,
            ...filters,
            description: hook.description,
          },
          response: { data: { id: x('body.id'), secret: x('body.secret') } },
          log: { sanitize: ['response.body.secret'] },
        }),
        // A 404 is always an error in Make (`valid` cannot accept it), and DELETE answers 404 for
        // a subscription already gone (deleted in the platform, or by the 410 answer to a
        // delivery): the newest page of subscriptions is read first, and the DELETE is sent when
        // the hook is on it or when more pages exist (then a 404 can still happen; docs/make.md).
        detach: put('webhook', webhookId, 'detach', 'detach.iml.json', [
          {
            url: '/webhooks',
            method: 'GET',
            qs: { limit: 100 },
            response: {
              temp: {
                listed: x(`contains(map(ifempty(body.data; emptyarray); ${s('id')}); webhook.id)`),
                more: x(`ifempty(body.next_cursor; ${s('')}) != ${s('')}`),
              },
              iterate: x('emptyarray'),
            },
          },
          {
            condition: x('temp.listed || temp.more'),
            url: `/webhooks/${x('encodeURL(webhook.id)')}`,
            method: 'DELETE',
          },
        ]),
      },
    };
    components.module[spec.id] = {
      label: moduleLabel(spec, op),
      description: op.display.description,
      moduleType: 'instant_trigger',
      connection: CONNECTION_ID,
      webhook: webhookId,
      codeFiles: {
        // An instant trigger makes one bundle per delivery (no iterate, no filter of its own), so
        // a re-read object that fails the trigger's filters fails the run (`valid`) rather than
        // outputting a record the trigger would not fire for.
        communication: put('module', spec.id, 'communication', 'communication.iml.json', {
          url: hook.fetch,
          method: 'GET',
          response: {
            valid: {
              condition: x(hook.recheck.join(' && ')),
              message: RECHECK_FAILED,
              type: 'DataError',
            },
            error: {
              message: BASE_ERROR_MESSAGE,
              '200': { message: RECHECK_FAILED, type: 'DataError' },
            },
            output,
          },
        }),
        staticParams: put('module', spec.id, 'staticParams', 'static-params.iml.json', []),
        mappableParams: put('module', spec.id, 'mappableParams', 'mappable-params.iml.json', []),
        interface: put(
          'module',
          spec.id,
          'interface',
          'interface.iml.json',
          toMakeInterface(outputs),
        ),
        samples: put('module', spec.id, 'samples', 'samples.iml.json', sampleOf(op, outputs)),
      },
    };
    return;
  }

  const communication = COMMUNICATIONS[spec.id]!(allOutputs);
  const outputs = [...presentOutputs(spec.id, allOutputs), ...(MAKE_ONLY_OUTPUTS[spec.id] ?? [])];
  components.module[spec.id] = {
    label: moduleLabel(spec, op),
    description: op.display.description,
    moduleType: spec.moduleType,
    ...(spec.actionCrud ? { actionCrud: spec.actionCrud } : {}),
    connection: CONNECTION_ID,
    codeFiles: {
      communication: put(
        'module',
        spec.id,
        'communication',
        'communication.iml.json',
        communication,
      ),
      staticParams: put('module', spec.id, 'staticParams', 'static-params.iml.json', []),
      mappableParams: put('module', spec.id, 'mappableParams', 'mappable-params.iml.json', params),
      interface: put(
        'module',
        spec.id,
        'interface',
        'interface.iml.json',
        toMakeInterface(outputs),
      ),
      samples: put('module', spec.id, 'samples', 'samples.iml.json', sampleOf(op, outputs)),
      scope: put('module', spec.id, 'scope', 'scope.iml.json', []),
    },
  };
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

/** The Zapier label as it is (labels are rewritten for publishing there; Make picks them up). */
const moduleLabel = (_spec: ModuleSpec, op: ZapierOperation): string => op.display.label;

/** The Zapier sample restricted to the keys the Make module outputs, in the interface's order. */
const sampleOf = (
  op: ZapierOperation,
  outputs: readonly ZapierOutputField[],
): Record<string, unknown> => {
  const sample = op.operation.sample ?? {};
  const out: Record<string, unknown> = {};
  for (const key of outputKeys(outputs)) {
    if (key in sample) out[key] = sample[key];
  }
  return out;
};

const readme = (notInMake: readonly string[], inputsLeftOut: readonly string[]): string =>
  [
    '# NPS Feedback for Make',
    '',
    `Generated by \`npm run make:build\` from the Zapier app ${APP_VERSION}'s definitions; do not edit by hand.`,
    '',
    'Connect with an API key of your NPS Feedback workspace (Settings → API keys) and pick its region.',
    '',
    ...(notInMake.length
      ? [
          'Zapier output fields not (yet) in Make:',
          '',
          ...notInMake.map((key) => `- \`${key}\``),
          '',
        ]
      : []),
    ...(inputsLeftOut.length
      ? [
          'Not in Make (CRM-safe theme values: Make\'s built-in functions cannot match theme names to CRM values ignoring case and accents per theme; see docs/make.md for the Make-side workaround):',
          '',
          ...inputsLeftOut.map((key) => `- input \`${key}\``),
          ...[...NOT_IN_MAKE_OUTPUTS].map((key) => `- output \`${key}\``),
          '',
        ]
      : []),
  ].join('\n');
