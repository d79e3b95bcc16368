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
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listContactProperties } from '../client/api.js';
import { withoutContext } from '../client/http.js';
import { contract } from '../client/request.js';
import type { CachedPropertyTypes, ContactProperty } from '../client/schemas.js';
import { matchKey } from '../lib/crm.js';
import {
  inputError,
  isBlank,
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
  "The contact's own properties that your workspace defines get typed fields at the end of this step; they need an API key with the contacts:read scope. Without it (or if the platform cannot list them) those fields are not shown, and the step still works. If the step runs again (Zapier may replay a step), it does not run twice, even on a later day when a date field set to today then holds another date.";

/** 1000 → "1,000", without Intl: the first toLocaleString of a process costs ~15 ms of ICU set-up,
 * and this runs when the app loads (cold start, BENCHMARKS.md §1). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * What each type accepts, in the help of the Make app's typed fields (Make parses numbers, yes/no
 * and dates itself; make-generator reads these).
 */
export const TYPE_HINTS: Record<PropertyType, string> = {
  string: `Text, up to ${thousands(MAX_PROPERTY_TEXT)} characters.`,
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
  string: `Text, up to ${thousands(MAX_PROPERTY_TEXT)} characters.`,
  number:
    'A number: 40, -3, 2.5, 1,200 or 1,200.5 (commas group thousands), 1.200,5 or 1 200,5 (European). One comma followed by exactly three digits groups thousands (1,250 is 1250); otherwise it is a decimal comma (2,5). A dot followed by exactly three digits, like 1.200, is refused as ambiguous: write 1200 or 1.2. Words, currency signs and units are refused.',
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

// ---------------------------------------------------------------- labels told apart

/**
 * The labels of the static fields of the three forms that show typed property fields (Create or
 * Update Contact, Send NPS Survey, Record NPS Response). A workspace property labelled like one
 * of them ("Company", "Email", "Score") would show two fields of the same name: its field is
 * labelled "Company (Contact Property)" instead. test/crm/properties.test.ts checks that this
 * list holds every static label of those forms.
 */
export const ACTION_FORM_LABELS: readonly string[] = [
  'Identify Contact By',
  'Identity Value',
  // "Email" is the Identify Contact By choice; a property so labelled beside Contact Email would
  // read as the same field.
  'Email',
  'Contact Email',
  'Customer ID',
  'Account Number',
  'Salesforce Contact ID',
  'HubSpot Contact ID',
  'Pipedrive Person ID',
  'Contact Name',
  'Company',
  'Contact Phone',
  'Contact Locale',
  // The short names a property would be confused with (the contact's own fields).
  'Name',
  'Phone',
  'Locale',
  'Contact Properties',
  'Survey',
  'Channel',
  'Send At',
  'Respect Survey Throttling',
  'Score',
  'Comment',
  'Response Language',
  'Submitted At',
  'Tags',
  'Response Properties',
  'Segment Label Language',
];

export const INPUT_LABEL_SUFFIX = ' (Contact Property)';
export const OUTPUT_LABEL_SUFFIX = ' (Property)';

/**
 * `labels` with every one that equals a static label (compared as theme names are: case, accents
 * and spacing ignored) given `suffix`, then every one still shared by two properties given its
 * key, so no two fields of a form or a record read the same.
 */
const distinctLabels = (
  items: ReadonlyArray<{ key: string; label: string }>,
  taken: readonly string[],
  suffix: string,
  fit: (label: string, suffix: string) => string = (label, end) => `${label}${end}`,
): string[] => {
  const takenKeys = new Set(taken.map(matchKey));
  const first = items.map((item) =>
    takenKeys.has(matchKey(item.label)) ? fit(item.label.trim(), suffix) : fit(item.label, ''),
  );
  return first.map((label, i) =>
    first.filter((other) => matchKey(other) === matchKey(label)).length > 1 ||
    takenKeys.has(matchKey(label))
      ? fit((items[i]?.label ?? label).trim(), ` (${items[i]?.key ?? ''})`)
      : label,
  );
};

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

/**
 * The dynamic input fields: after the static ones, one per workspace property, each labelled so
 * that it is told apart from the form's static fields and from the other properties.
 */
export const contactPropertyInputFields = async (z: ZObject, _bundle: Bundle) => {
  const fields = (await propertiesOrNone(z))
    .filter((property) => PROPERTY_KEY.test(property.key))
    .map(propertyInputField);
  const labels = distinctLabels(
    fields.map((field) => ({ key: field.meta.property_key, label: field.label })),
    ACTION_FORM_LABELS,
    INPUT_LABEL_SUFFIX,
  );
  return fields.map((field, i) => ({ ...field, label: labels[i] ?? field.label }));
};

/** Zapier's limit for an output field label, per its publishing checks. */
const MAX_OUTPUT_LABEL = 40;
/** `label` then `suffix`, the label shortened (…) so that both fit in 40 characters. */
const shortLabel = (label: string, suffix = ''): string =>
  label.length + suffix.length <= MAX_OUTPUT_LABEL
    ? `${label}${suffix}`
    : `${label.slice(0, MAX_OUTPUT_LABEL - suffix.length - 1).trimEnd()}…${suffix}`;

/**
 * Dynamic output fields labelling `<prefix>__<key>` with each property's label (`labelPrefix`
 * in front, e.g. "Contact " on response records); a label equal to one of the record's
 * `staticLabels` (a property "Email" on a record with an Email field) gets " (Property)".
 */
export const contactPropertyOutputFields =
  (
    prefix: 'properties' | 'contact_properties',
    labelPrefix = '',
    staticLabels: readonly string[] = [],
  ) =>
  async (z: ZObject, _bundle: Bundle) => {
    const properties = await propertiesOrNone(z);
    const labels = distinctLabels(
      properties.map((property) => ({
        key: property.key,
        label: `${labelPrefix}${property.label}`,
      })),
      staticLabels,
      OUTPUT_LABEL_SUFFIX,
      shortLabel,
    );
    return properties.map((property, i) => {
      const type = propertyTypeOf(property);
      return {
        key: `${prefix}__${property.key}`,
        label: labels[i] ?? shortLabel(`${labelPrefix}${property.label}`),
        type:
          type === 'number'
            ? ('number' as const)
            : type === 'boolean'
              ? ('boolean' as const)
              : ('string' as const),
      };
    });
  };

// ---------------------------------------------------------------- reading the typed values

/** What perform needs of one property to read its value: from meta, else from the lookup. */
interface KnownProperty {
  label: string;
  type: PropertyType;
  /** The enum's option values (empty for other types). */
  options: string[];
}

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

// ------------------------------------------ the types without meta: looked up once, cached

/** How long a looked-up set of property types is reused: short, a workspace may change a type. */
export const PROPERTY_TYPES_TTL_SECONDS = 300;

/**
 * z.cache key of one connection's property types: named after a hash of the API key and region
 * (a key belongs to one workspace), and stored in the connection's scope, so two workspaces, or
 * a connection reconnected with another key, never read each other's types.
 */
export const propertyTypesCacheKey = (authData: Bundle['authData'] | undefined): string =>
  `nps:contact_property_types:${createHash('sha256')
    .update(`${String(authData?.api_key ?? '')}\u001f${String(authData?.region ?? '')}`)
    .digest('hex')
    .slice(0, 24)}`;

/** The 403 of client/http.ts: an AppError whose JSON message has code permission_denied. */
const isPermissionDenied = (error: unknown): boolean => {
  if ((error as { name?: unknown } | null)?.name !== 'AppError') return false;
  try {
    return (
      (JSON.parse((error as Error).message) as { code?: unknown }).code === 'permission_denied'
    );
  } catch {
    return false;
  }
};

/** z.cache as core has it: get and set take the scope too (its type definition omits it). */
interface ScopedCache {
  get(key: string, scope?: string[]): Promise<unknown>;
  set(key: string, value: unknown, ttl?: number, scope?: string[]): Promise<unknown>;
}

/**
 * The workspace's property types, for a run whose typed fields came without `meta`
 * (`zapier-platform invoke`, a zap saved before the field carried its type): from z.cache, else
 * one GET /contact-properties, then cached. A cache that fails only costs the request. A failing
 * request fails the step (retryable as the API error says): guessing a type would write a wrong
 * value, which is what this is here to prevent.
 */
const lookUpPropertyTypes = async (
  z: ZObject,
  bundle: Bundle,
  fields: readonly FieldRef[],
): Promise<Map<string, KnownProperty>> => {
  const cache = z.cache as unknown as ScopedCache | undefined;
  const cacheKey = propertyTypesCacheKey(bundle.authData);
  let cached: CachedPropertyTypes | undefined;
  try {
    const [stored, { cachedPropertyTypesSchema }] = await Promise.all([
      cache?.get(cacheKey, ['auth']),
      contract(),
    ]);
    const parsed = cachedPropertyTypesSchema.safeParse(stored);
    if (parsed.success) cached = parsed.data;
  } catch {
    // no cache: ask the API
  }
  if (!cached) {
    let properties: ContactProperty[];
    try {
      properties = await listContactProperties(z);
    } catch (error) {
      if (isPermissionDenied(error)) {
        throw withoutContext(
          new z.errors.Error(
            `${fields.map((f) => `${f.label} (${f.key})`).join(', ')}: this step has no type for ${fields.length > 1 ? 'these workspace properties' : 'this workspace property'}, and the API key of this connection cannot list them (GET /contact-properties needs the contacts:read scope). Reconnect with a key that has contacts:read, or open the step in the editor so its fields load again; nothing was written.`,
            'permission_denied',
            403,
          ),
        );
      }
      throw error;
    }
    cached = {
      v: 1,
      properties: properties.map((p) => ({
        key: p.key,
        label: p.label,
        type: propertyTypeOf(p),
        options: (p.options ?? []).map((o) => o.value),
      })),
    };
    try {
      await cache?.set(cacheKey, cached, PROPERTY_TYPES_TTL_SECONDS, ['auth']);
    } catch {
      // the next run asks again
    }
  }
  return new Map(
    cached.properties.map((p) => [
      p.key,
      { label: p.label, type: propertyTypeOf(p), options: p.type === 'enum' ? p.options : [] },
    ]),
  );
};

// ------------------------------------------------------------------------ one value by type

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
