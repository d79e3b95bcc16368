/**
 * The Zapier operations as the Make generator reads them: each operation's input fields become
 * Make parameters (dynamic-field functions translated or refused, deliberate differences listed),
 * its output fields the module's interface and the order of its output, its sample the module's.
 */
import app from '../index.js';
import { KEYS } from '../fields/keys.js';
import { contactPropertyInputFields } from '../fields/properties.js';
import { isStaticField, toMakeParameter } from './fields.js';
import type { MakeParameter, ZapierInputField, ZapierOutputField } from './fields.js';
import type { ZapierKind } from './ids.js';
import type { Out } from './searches.js';
import { TYPED_PROPERTIES } from './values.js';

export interface ZapierOperation {
  key: string;
  noun?: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: {
    inputFields?: readonly unknown[];
    outputFields?: readonly ZapierOutputField[] | unknown;
    sample?: Record<string, unknown>;
  };
}

export const zapier = app as unknown as Record<ZapierKind, Record<string, ZapierOperation>> & {
  authentication: { fields: readonly ZapierInputField[] };
};

export const operationOf = (kind: ZapierKind, key: string): ZapierOperation => {
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

export const paramsOf = (op: ZapierOperation): MakeParameter[] => {
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
export const outputsOf = (op: ZapierOperation): ZapierOutputField[] => {
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
export const outputKeys = (fields: readonly ZapierOutputField[]): string[] => [
  ...new Set(fields.map((field) => field.key.split('[]')[0] ?? field.key)),
];

/**
 * The output object in the interface's order. A Zapier output field with no IML here fails the
 * build: every output of the Zapier operation is in the Make module (or deliberately left out,
 * NOT_IN_MAKE_OUTPUTS).
 */
export const orderedBy =
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

/** The Zapier sample restricted to the keys the Make module outputs, in the interface's order. */
export const sampleOf = (
  op: ZapierOperation,
  outputs: readonly ZapierOutputField[],
): Record<string, unknown> => {
  const sample = op.operation.sample ?? {};
  const out: Record<string, unknown> = {};
  for (const key of outputKeys(outputs)) if (key in sample) out[key] = sample[key];
  return out;
};
