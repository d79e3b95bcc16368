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
 * by ./property-values.ts (lib/typed.ts), before any request, or refused naming the field; a
 * field without `meta` gets its type from ./property-types.ts. This file builds the fields.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listContactProperties } from '../client/api.js';
import type { ContactProperty } from '../client/schemas.js';
import { matchKey } from '../lib/crm.js';
import { PROPERTY_KEY } from '../lib/validate.js';

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
export interface PropertyMeta {
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
