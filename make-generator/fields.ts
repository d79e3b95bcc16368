/**
 * Zapier field definitions → Make parameters and interfaces. Names, labels, help texts, required
 * flags, defaults and choices are read from the Zapier operation (the one source of truth);
 * only the type vocabulary is translated.
 */
import { contractRange } from './contract.js';
import { MAKE_RPC_OF_DYNAMIC } from './ids.js';

/** The parts of a Zapier input field the generator reads. */
export interface ZapierInputField {
  key: string;
  label?: string;
  helpText?: string;
  type?: string;
  required?: boolean;
  list?: boolean;
  dict?: boolean;
  default?: string;
  dynamic?: string;
  choices?: ReadonlyArray<{ value: string; label: string }> | Record<string, string>;
  /** `parsed_as`: the type a text field is read as, strictly, by the Zapier app (issue 16). */
  meta?: Record<string, unknown>;
}

/** The parts of a Zapier output field the generator reads. */
export interface ZapierOutputField {
  key: string;
  label?: string;
  type?: string;
  list?: boolean;
}

export type MakeParameter = Record<string, unknown> & { name: string; type: string };

const isPlainField = (field: unknown): field is ZapierInputField =>
  typeof field === 'object' &&
  field !== null &&
  typeof (field as { key?: unknown }).key === 'string';

/** A static Zapier field (an object with a key), as opposed to a dynamic-field function. */
export const isStaticField = isPlainField;

/**
 * Zapier choice fields whose help invites a custom value (Zapier accepts typed values in any
 * dropdown): in Make a select takes a typed value only with `editable` (the Apps SDK's
 * parameters schema: "the value of select can be edited (or mapped) manually").
 */
export const CUSTOM_VALUE_CHOICES = new Set(['timezone']);

const choiceOptions = (choices: NonNullable<ZapierInputField['choices']>) =>
  Array.isArray(choices)
    ? choices.map((choice) => ({ label: choice.label, value: choice.value }))
    : Object.entries(choices).map(([value, label]) => ({ label, value }));

/**
 * Zapier's value types as Make types, in a form (a parameter) and in an interface (which has no
 * integer); any other type is text, and an output field without a type is a collection.
 */
export const MAKE_PARAMETER_TYPES: ReadonlyMap<string, string> = new Map([
  ['integer', 'integer'],
  ['number', 'number'],
  ['boolean', 'boolean'],
  ['datetime', 'date'],
  ['password', 'password'],
]);
export const MAKE_INTERFACE_TYPES: ReadonlyMap<string, string> = new Map([
  ['integer', 'number'],
  ['number', 'number'],
  ['boolean', 'boolean'],
  ['datetime', 'date'],
]);

const scalarType = (type: string | undefined): string =>
  (type === undefined ? undefined : MAKE_PARAMETER_TYPES.get(type)) ?? 'text';

/**
 * The type a field holds. The Zapier app declares the fields whose wrong value would be written
 * (Score, Minimum / Maximum Score, Pipedrive Person ID) as text with `meta.parsed_as` and reads
 * them strictly, because Zapier turns "ten" into 0 (issue 16). Make validates a typed parameter
 * itself before the module runs ("ten" into a number is a validation error, never 0; docs/make.md
 * "Typed inputs"), so in Make the field keeps its real type.
 */
export const valueTypeOf = (field: ZapierInputField): string | undefined => {
  const parsed = field.meta?.parsed_as;
  return typeof parsed === 'string' ? parsed : field.type;
};

const defaultOf = (field: ZapierInputField): unknown => {
  if (field.default === undefined) return undefined;
  const type = valueTypeOf(field);
  if (type === 'boolean') return field.default === 'true';
  if (type === 'integer' || type === 'number') return Number(field.default);
  return field.default;
};

/** One Zapier input field as a Make parameter. */
export const toMakeParameter = (field: ZapierInputField): MakeParameter => {
  const base: Record<string, unknown> = { name: field.key };
  if (field.label) base.label = field.label;
  let param: MakeParameter;
  if (field.dict) {
    // Make has no free-form dictionary input: an array of key/value pairs, turned into an object
    // with the built-in toCollection() in the communication.
    param = {
      ...base,
      name: field.key,
      type: 'array',
      spec: [
        { name: 'key', label: 'Key', type: 'text', required: true },
        { name: 'value', label: 'Value', type: 'text' },
      ],
    };
  } else if (field.dynamic) {
    const rpc = MAKE_RPC_OF_DYNAMIC[field.dynamic];
    if (!rpc) throw new Error(`No Make RPC for the Zapier dynamic field ${field.dynamic}`);
    // Zapier dynamic dropdowns take typed values too (a new theme name, a response id).
    param = { ...base, name: field.key, type: 'select', options: `rpc://${rpc}`, editable: true };
    if (field.list) param.multiple = true;
  } else if (field.choices) {
    param = { ...base, name: field.key, type: 'select', options: choiceOptions(field.choices) };
    if (field.list) param.multiple = true;
    if (CUSTOM_VALUE_CHOICES.has(field.key)) param.editable = true;
  } else if (field.list) {
    param = {
      ...base,
      name: field.key,
      type: 'array',
      spec: { type: scalarType(valueTypeOf(field)), label: field.label ?? field.key },
    };
  } else {
    param = { ...base, name: field.key, type: scalarType(valueTypeOf(field)) };
    if (field.type === 'text') param.multiline = true;
    // The contract's bounds (a score is 0-10), which Make checks before the module runs.
    const range =
      param.type === 'integer' || param.type === 'number' ? contractRange(field.key) : undefined;
    if (range) param.validate = range;
  }
  if (field.required) param.required = true;
  const fallback = defaultOf(field);
  if (fallback !== undefined) param.default = fallback;
  if (field.helpText) param.help = field.helpText;
  return param;
};

const interfaceType = (type: string | undefined): string =>
  type === undefined ? 'collection' : (MAKE_INTERFACE_TYPES.get(type) ?? 'text');

/**
 * Zapier output fields → Make interface. `parent[]child` keys become an array of collections
 * (`parent` with a `spec` of the children), in the order Zapier lists them.
 */
export const toMakeInterface = (fields: readonly ZapierOutputField[]): MakeParameter[] => {
  const out: MakeParameter[] = [];
  const arrays = new Map<string, MakeParameter & { spec: MakeParameter[] }>();
  for (const field of fields) {
    const nested = /^([^[]+)\[\](.+)$/.exec(field.key);
    if (nested) {
      const [, parent = '', child = ''] = nested;
      let holder = arrays.get(parent);
      if (!holder) {
        holder = { name: parent, label: parent, type: 'array', spec: [] };
        arrays.set(parent, holder);
        out.push(holder);
      }
      holder.spec.push({
        name: child,
        label: field.label ?? child,
        type: interfaceType(field.type),
      });
      continue;
    }
    const param: MakeParameter = {
      name: field.key,
      label: field.label ?? field.key,
      type: field.list ? 'array' : interfaceType(field.type),
    };
    if (field.list) param.spec = { type: interfaceType(field.type) };
    if (field.type === 'datetime') param.time = true;
    out.push(param);
  }
  // A nested array's own label: Zapier labels its children "<Parent>: <child>" or not at all.
  for (const holder of arrays.values()) {
    const first = String(holder.spec[0]?.label ?? '');
    const prefix = first.includes(': ') ? first.split(': ')[0] : undefined;
    holder.label = prefix ?? titleOf(holder.name);
  }
  return out;
};

const titleOf = (key: string): string =>
  key
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
