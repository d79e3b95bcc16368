/**
 * Typed workspace contact properties (contract 1.2): one input field per property defined in the
 * workspace (GET /contact-properties), key `property__<key>`, and the labels of the records'
 * property output fields. Both are dynamic (functions in inputFields/outputFields), so each field
 * load costs one request; when it fails (no `contacts:read`, an outage) the step keeps its static
 * fields only.
 *
 * Every field is declared as text (`type: 'string'`), whatever the property's type: Zapier parses
 * number, boolean and datetime fields before perform and silently turns what it cannot read into
 * 0, true or the current time (issue 16). The property's type travels to perform in the field's
 * `meta` (Zapier hands it back as `bundle.meta.inputFields[key]`), and the value is read strictly
 * here (lib/typed.ts), before any request, or refused naming the field.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listContactProperties } from '../client/api.js';
import type { ContactProperty } from '../client/schemas.js';
import {
  inputError,
  optionalBoolean,
  optionalDay,
  optionalNumber,
  optionalString,
  PROPERTY_KEY,
  type FieldRef,
} from '../lib/validate.js';

export const PROPERTY_FIELD_PREFIX = 'property__';
/** The contract's limit for a `string` property value. */
export const MAX_PROPERTY_TEXT = 1000;

export const KNOWN_PROPERTY_TYPES = ['string', 'number', 'boolean', 'date', 'enum'] as const;
export type PropertyType = (typeof KNOWN_PROPERTY_TYPES)[number];

/** An unknown type (the contract says more may come) is treated as string. */
export const propertyTypeOf = (property: Pick<ContactProperty, 'type'>): PropertyType =>
  (KNOWN_PROPERTY_TYPES as readonly string[]).includes(property.type)
    ? (property.type as PropertyType)
    : 'string';

/** Appended to the help of `properties`: where the typed fields come from, and when they don't. */
export const TYPED_PROPERTIES_HELP =
  "Properties your workspace defines get their own typed fields below this step's other fields; they need an API key with the contacts:read scope. Without it (or if the platform cannot list them) only these fields show, and the step still works.";

/** Appended to the help of the response/invitation `properties` of send_survey and record_response. */
export const CONTACT_PROPERTY_FIELDS_HELP =
  "The contact's own properties that your workspace defines get typed fields at the end of this step; they need an API key with the contacts:read scope. Without it (or if the platform cannot list them) those fields are not shown, and the step still works.";

/**
 * What each type accepts, in the help of the Make app's typed fields (Make parses numbers, yes/no
 * and dates itself; scripts/make reads these).
 */
export const TYPE_HINTS: Record<PropertyType, string> = {
  string: `Text, up to ${MAX_PROPERTY_TEXT.toLocaleString('en-US')} characters.`,
  number: 'A number, like 40 or 2.5.',
  boolean: 'Yes or no.',
  date: 'A date; only the day is stored (YYYY-MM-DD).',
  enum: 'One of its options.',
};

/**
 * What each Zapier field accepts, exactly: the field is text and the app reads it (lib/typed.ts).
 * docs/crm-mapping.md says the same.
 */
export const ZAPIER_TYPE_HELP: Record<PropertyType, string> = {
  string: `Text, up to ${MAX_PROPERTY_TEXT.toLocaleString('en-US')} characters.`,
  number:
    'A number: 40, -3, 2.5, 1,200 or 1,200.5 (commas group thousands), 1.200,5 or 1 200,5 (European). A dot followed by exactly three digits, like 1.200, is refused as ambiguous: write 1200 or 1.2. Words, currency signs and units are refused.',
  boolean:
    'Yes or no: true, false, yes, no, 1 or 0 (any case). Anything else is refused, never read as yes.',
  date: 'A date, 2026-03-01, or a date and time with its time zone, 2026-03-01T09:00:00+01:00 or 2026-03-01T08:00:00Z; only the day is stored, as written. A time without a zone and words like "next month" are refused.',
  enum: 'One of its options, as its value (any case).',
};

/** What perform reads back from `bundle.meta.inputFields[key]`. */
interface PropertyMeta {
  property_key: string;
  property_label: string;
  property_type: PropertyType;
  /** JSON list of the enum's option values (meta holds only strings, numbers and booleans). */
  property_options?: string;
}

/** A boolean property's dropdown; any mapped text is read as lib/typed.ts `readYesNo` says. */
const YES_NO_CHOICES = [
  { value: 'true', label: 'Yes', sample: 'true' },
  { value: 'false', label: 'No', sample: 'false' },
];

/** One input field for one property. */
export const propertyInputField = (property: ContactProperty) => {
  const type = propertyTypeOf(property);
  const meta: PropertyMeta = {
    property_key: property.key,
    property_label: property.label,
    property_type: type,
  };
  const options = type === 'enum' ? (property.options ?? []) : [];
  if (type === 'enum') meta.property_options = JSON.stringify(options.map((o) => o.value));
  const description = property.description?.trim();
  return {
    key: `${PROPERTY_FIELD_PREFIX}${property.key}`,
    label: property.label,
    // Always text: Zapier's own parsing of number/boolean/datetime fields is silent when it fails.
    type: 'string' as const,
    required: false,
    helpText: `${description ? `${description} ` : ''}${ZAPIER_TYPE_HELP[type]} Leave empty to keep the current value.`,
    ...(options.length
      ? { choices: options.map((o) => ({ value: o.value, label: o.label, sample: o.value })) }
      : type === 'boolean'
        ? { choices: YES_NO_CHOICES.map((choice) => ({ ...choice })) }
        : {}),
    meta: { ...meta },
  };
};

/** The properties, or [] when they cannot be read (the step keeps its static fields). */
const propertiesOrNone = async (z: ZObject): Promise<ContactProperty[]> => {
  try {
    return await listContactProperties(z);
  } catch (error) {
    // No value, key or secret in the log: only why the typed fields are missing.
    const status = (error as { status?: unknown }).status;
    z.console.log(
      `Typed contact property fields are not shown: GET /contact-properties failed${typeof status === 'number' && status ? ` (HTTP ${status})` : ''}.`,
    );
    return [];
  }
};

/** The dynamic input fields: after the static ones, one per workspace property. */
export const contactPropertyInputFields = async (z: ZObject, _bundle: Bundle) =>
  (await propertiesOrNone(z))
    .filter((property) => PROPERTY_KEY.test(property.key))
    .map(propertyInputField);

/** Zapier's limit for an output field label, per its publishing checks. */
const MAX_OUTPUT_LABEL = 40;
const shortLabel = (label: string): string =>
  label.length <= MAX_OUTPUT_LABEL ? label : `${label.slice(0, MAX_OUTPUT_LABEL - 1).trimEnd()}…`;

/**
 * Dynamic output fields labelling `<prefix>__<key>` with each property's label (`labelPrefix`
 * in front, e.g. "Contact " on response records).
 */
export const contactPropertyOutputFields =
  (prefix: 'properties' | 'contact_properties', labelPrefix = '') =>
  async (z: ZObject, _bundle: Bundle) =>
    (await propertiesOrNone(z)).map((property) => {
      const type = propertyTypeOf(property);
      return {
        key: `${prefix}__${property.key}`,
        label: shortLabel(`${labelPrefix}${property.label}`),
        type:
          type === 'number'
            ? ('number' as const)
            : type === 'boolean'
              ? ('boolean' as const)
              : ('string' as const),
      };
    });

// ---------------------------------------------------------------- reading the typed values

const metaOf = (bundle: Bundle, key: string): Partial<PropertyMeta> => {
  const inputFields = (bundle.meta as { inputFields?: Record<string, unknown> } | undefined)
    ?.inputFields;
  const meta = inputFields?.[key];
  return meta && typeof meta === 'object' ? (meta as Partial<PropertyMeta>) : {};
};

const readEnum = (z: ZObject, field: FieldRef, value: unknown, optionsJson: unknown) => {
  const text = optionalString(z, field, value);
  if (text === undefined) return undefined;
  let options: string[] = [];
  try {
    const parsed: unknown = JSON.parse(typeof optionsJson === 'string' ? optionsJson : '[]');
    if (Array.isArray(parsed)) options = parsed.filter((o): o is string => typeof o === 'string');
  } catch {
    options = [];
  }
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

/**
 * The typed property values of `bundle.inputData` (`property__<key>`), each checked against its
 * type before any request; empty ones left out. A field without type information (its definition
 * was not loaded with this step) is sent as text, as the `properties` dict would send it.
 */
export const readTypedProperties = (
  z: ZObject,
  bundle: Bundle,
): Record<string, string | number | boolean> => {
  const input = bundle.inputData as Record<string, unknown>;
  const out: Record<string, string | number | boolean> = {};
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
    let typed: string | number | boolean | undefined;
    switch (meta.property_type) {
      case 'number':
        typed = optionalNumber(z, field, value);
        break;
      case 'boolean':
        typed = optionalBoolean(z, field, value);
        break;
      case 'date':
        typed = optionalDay(z, field, value);
        break;
      case 'enum':
        typed = readEnum(z, field, value, meta.property_options);
        break;
      default: {
        typed = optionalString(z, field, value);
        if (typed !== undefined && typed.length > MAX_PROPERTY_TEXT) {
          inputError(z, field, `is too long: at most ${MAX_PROPERTY_TEXT} characters.`);
        }
      }
    }
    if (typed !== undefined) out[key] = typed;
  }
  return out;
};
