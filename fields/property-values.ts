/**
 * Reading the typed property values of a step (`property__<key>` inputs), each as its property's
 * type, strictly (lib/typed.ts through lib/validate.ts): a value that cannot be read is refused
 * naming the field, before any request.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  inputError,
  isBlank,
  optionalBoolean,
  optionalDay,
  optionalNumber,
  optionalString,
  PROPERTY_KEY,
} from '../lib/validate.js';
import type { FieldRef } from '../lib/validate.js';
import { KNOWN_PROPERTY_TYPES, MAX_PROPERTY_TEXT, PROPERTY_FIELD_PREFIX } from './properties.js';
import type { PropertyMeta } from './properties.js';
import { lookUpPropertyTypes, type KnownProperty } from './property-types.js';

const metaOf = (bundle: Bundle, key: string): Partial<PropertyMeta> => {
  const inputFields = (bundle.meta as { inputFields?: Record<string, unknown> } | undefined)
    ?.inputFields;
  const meta = inputFields?.[key];
  return meta && typeof meta === 'object' ? (meta as Partial<PropertyMeta>) : {};
};

/** The enum options a field's meta carries (a JSON list of values). */
const optionsFromMeta = (optionsJson: unknown): string[] => {
  try {
    const parsed: unknown = JSON.parse(typeof optionsJson === 'string' ? optionsJson : '[]');
    return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    return [];
  }
};

/** The type a field's meta gives, or undefined when the field came without meta. */
const typeFromMeta = (meta: Partial<PropertyMeta>): KnownProperty | undefined =>
  meta.property_type && (KNOWN_PROPERTY_TYPES as readonly string[]).includes(meta.property_type)
    ? {
        label: meta.property_label ?? '',
        type: meta.property_type,
        options: meta.property_type === 'enum' ? optionsFromMeta(meta.property_options) : [],
      }
    : undefined;

const readEnum = (z: ZObject, field: FieldRef, value: unknown, options: readonly string[]) => {
  const text = optionalString(z, field, value);
  if (text === undefined) return undefined;
  if (!options.length) return text;
  const match =
    options.find((o) => o === text) ?? options.find((o) => o.toLowerCase() === text.toLowerCase());
  return (
    match ??
    inputError(
      z,
      field,
      `must be one of its options: ${options.slice(0, 20).join(', ')}; got "${text.slice(0, 32)}".`,
    )
  );
};

const readValue = (
  z: ZObject,
  field: FieldRef,
  value: unknown,
  type: KnownProperty | undefined,
): string | number | boolean | undefined => {
  switch (type?.type) {
    case 'number':
      return optionalNumber(z, field, value);
    case 'boolean':
      return optionalBoolean(z, field, value);
    case 'date':
      return optionalDay(z, field, value);
    case 'enum':
      return readEnum(z, field, value, type.options);
    default: {
      const text = optionalString(z, field, value);
      if (text !== undefined && text.length > MAX_PROPERTY_TEXT) {
        inputError(z, field, `is too long: at most ${MAX_PROPERTY_TEXT} characters.`);
      }
      return text;
    }
  }
};

export interface TypedProperties {
  /** Property key → its value, typed; empty inputs left out. */
  values: Record<string, string | number | boolean>;
  /**
   * The keys of the date properties among them. They stay out of an Idempotency-Key, as
   * `send_at` and `submitted_at` do: a replay after midnight of a step that sets a date to
   * "today" carries another day, and must not send or record a second time (issue 16, item 3).
   */
  dateKeys: string[];
}

/**
 * The typed property values of `bundle.inputData` (`property__<key>`), each read as its type:
 * the type comes from the field's `meta` (Zapier hands it back), and for a field without it from
 * GET /contact-properties, once per run and cached (issue 16, item 4), so a number is never sent
 * as "40". A key the workspace does not define (any more) is sent as text, as the `properties`
 * dict sends it. Errors name the field; the only request made before them is that look-up, and
 * only when a field came without meta. Call it after the step's other checks.
 */
export const readTypedProperties = async (z: ZObject, bundle: Bundle): Promise<TypedProperties> => {
  const input = bundle.inputData as Record<string, unknown>;
  const given: Array<{ key: string; field: FieldRef; value: unknown; type?: KnownProperty }> = [];
  for (const [fieldKey, value] of Object.entries(input)) {
    if (!fieldKey.startsWith(PROPERTY_FIELD_PREFIX)) continue;
    const meta = metaOf(bundle, fieldKey);
    const key = fieldKey.slice(PROPERTY_FIELD_PREFIX.length);
    const field: FieldRef = { key: fieldKey, label: meta.property_label ?? key };
    if (!PROPERTY_KEY.test(key) || key.length > 64) {
      inputError(z, field, 'is not a workspace property key (lower_snake_case).');
    }
    if (typeof value === 'object' && value !== null) {
      inputError(z, field, 'must be a single value, not a list or object.');
    }
    if (isBlank(value)) continue;
    given.push({ key, field, value, type: typeFromMeta(meta) });
  }
  const untyped = given.filter((item) => !item.type);
  if (untyped.length) {
    const types = await lookUpPropertyTypes(
      z,
      bundle,
      untyped.map((item) => item.field),
    );
    for (const item of untyped) {
      item.type = types.get(item.key);
      if (item.type && item.field.label === item.key) {
        item.field = { key: item.field.key, label: item.type.label };
      }
    }
  }
  const values: Record<string, string | number | boolean> = {};
  const dateKeys: string[] = [];
  for (const { key, field, value, type } of given) {
    const typed = readValue(z, field, value, type);
    if (typed === undefined) continue;
    values[key] = typed;
    if (type?.type === 'date') dateKeys.push(key);
  }
  return { values, dateKeys };
};
