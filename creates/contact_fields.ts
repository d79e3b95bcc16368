/**
 * The contact inputs shared by upsert_contact, send_survey and record_response, and the one
 * function that turns them into the API's ContactWrite: checked before any request, empty inputs
 * left out (an empty input never clears a value in the platform).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { ContactWrite, IdentityKey } from '../client/api.js';
import { IDENTITY_KEY_LABELS } from '../fields/common.js';
import { readTypedProperties } from '../fields/property-values.js';
import {
  inputError,
  optionalIdentity,
  optionalPhone,
  optionalProperties,
  optionalText,
} from '../lib/validate.js';
import type { FieldRef } from '../lib/validate.js';

export const CONTACT_FIELD_LABELS = {
  ...IDENTITY_KEY_LABELS,
  // The field is the contact's email, named as every record names it (recipes/glossary.ts);
  // Identify Contact By keeps its choice "Email" (identify the contact by its email).
  email: 'Contact Email',
  name: 'Contact Name',
  company: 'Company',
  phone: 'Contact Phone',
  locale: 'Contact Locale',
  properties: 'Contact Properties',
} as const;

export const ref = (key: keyof typeof CONTACT_FIELD_LABELS): FieldRef => ({
  key,
  label: CONTACT_FIELD_LABELS[key],
});

/** The identity inputs (at least one is needed by send_survey and record_response). */
export const identityFields = (purpose: string) =>
  [
    {
      key: 'email',
      label: CONTACT_FIELD_LABELS.email,
      type: 'string',
      required: false,
      helpText: `The contact's email address. ${purpose}`,
    },
    {
      key: 'customer_id',
      label: CONTACT_FIELD_LABELS.customer_id,
      type: 'string',
      required: false,
      helpText: 'Your own ID for the customer (from your product or billing system).',
    },
    {
      key: 'account_number',
      label: CONTACT_FIELD_LABELS.account_number,
      type: 'string',
      required: false,
      helpText: 'The account number of the customer, if you identify customers by account.',
    },
    {
      key: 'salesforce_contact_id',
      label: CONTACT_FIELD_LABELS.salesforce_contact_id,
      type: 'string',
      required: false,
      helpText: 'The ID of the Contact record in Salesforce (e.g. 003A1b2C3D4E5F6).',
    },
    {
      key: 'hubspot_contact_id',
      label: CONTACT_FIELD_LABELS.hubspot_contact_id,
      type: 'string',
      required: false,
      helpText: 'The Record ID of the contact in HubSpot (e.g. 51).',
    },
    {
      key: 'pipedrive_person_id',
      label: CONTACT_FIELD_LABELS.pipedrive_person_id,
      // Text, read strictly: Zapier would turn a mapped "54321a" into 54321, another person.
      type: 'string',
      required: false,
      meta: { parsed_as: 'integer' },
      helpText:
        'The ID of the Person in Pipedrive: a whole number written with digits (e.g. 54321). Anything else is refused.',
    },
  ] as const;

export const nameField = {
  key: 'name',
  label: CONTACT_FIELD_LABELS.name,
  type: 'string',
  required: false,
  helpText: "The contact's full name, used in the survey's greeting.",
} as const;

export const companyField = {
  key: 'company',
  label: CONTACT_FIELD_LABELS.company,
  type: 'string',
  required: false,
  helpText: 'The company the contact works for.',
} as const;

export const phoneField = {
  key: 'phone',
  label: CONTACT_FIELD_LABELS.phone,
  type: 'string',
  required: false,
  helpText:
    'Mobile number in international format with the country code, like +14155550123 (needed for SMS surveys). Spaces and dashes are removed.',
} as const;

export const localeField = {
  key: 'locale',
  label: CONTACT_FIELD_LABELS.locale,
  type: 'string',
  required: false,
  helpText:
    'The language and country of the contact, like es-ES or en-US. The survey is shown in this language when it has a translation.',
} as const;

export const propertiesField = (helpText: string) =>
  ({
    key: 'properties',
    label: CONTACT_FIELD_LABELS.properties,
    dict: true,
    required: false,
    helpText,
  }) as const;

const CRM_KEYS = ['salesforce_contact_id', 'hubspot_contact_id', 'pipedrive_person_id'] as const;
const DIRECT_KEYS = ['email', 'customer_id', 'account_number'] as const;

/** Sets one identity value on a ContactWrite (CRM ids go under `crm_ids`). */
export const setIdentity = (write: ContactWrite, key: IdentityKey, value: string | number) => {
  if (key === 'pipedrive_person_id') {
    write.crm_ids = { ...write.crm_ids, pipedrive_person_id: Number(value) };
  } else if (key === 'salesforce_contact_id' || key === 'hubspot_contact_id') {
    write.crm_ids = { ...write.crm_ids, [key]: String(value) };
  } else {
    write[key] = String(value);
  }
};

/** The identity value already set on a ContactWrite for `key`, if any. */
export const identityIn = (write: ContactWrite, key: IdentityKey): string | number | undefined => {
  if ((CRM_KEYS as readonly string[]).includes(key)) {
    return write.crm_ids?.[key as (typeof CRM_KEYS)[number]] ?? undefined;
  }
  return write[key as (typeof DIRECT_KEYS)[number]] ?? undefined;
};

/**
 * Reads the contact inputs present in `input` (only those `keys`), checked and normalised, into a
 * ContactWrite with every empty input left out.
 */
export const contactWriteFrom = (
  z: ZObject,
  input: Record<string, unknown>,
  keys: readonly (keyof typeof CONTACT_FIELD_LABELS)[],
): ContactWrite => {
  const write: ContactWrite = {};
  for (const key of keys) {
    const raw = input[key];
    switch (key) {
      case 'email':
      case 'customer_id':
      case 'account_number':
      case 'salesforce_contact_id':
      case 'hubspot_contact_id':
      case 'pipedrive_person_id': {
        const value = optionalIdentity(z, key, ref(key), raw);
        if (value !== undefined) setIdentity(write, key, value);
        break;
      }
      case 'name':
      case 'company': {
        const value = optionalText(z, ref(key), raw, 256);
        if (value !== undefined) write[key] = value;
        break;
      }
      case 'locale': {
        const value = optionalText(z, ref(key), raw, 35);
        if (value !== undefined) write.locale = value;
        break;
      }
      case 'phone': {
        const value = optionalPhone(z, ref(key), raw);
        if (value !== undefined) write.phone = value;
        break;
      }
      case 'properties': {
        const value = optionalProperties(z, ref(key), raw);
        if (value !== undefined) write.properties = value;
        break;
      }
    }
  }
  return write;
};

/** Throws before any request when no identity key or CRM id was given. */
export const requireSomeIdentity = (z: ZObject, write: ContactWrite): void => {
  const given = [...DIRECT_KEYS, ...CRM_KEYS].some((key) => identityIn(write, key) !== undefined);
  if (!given) {
    inputError(
      z,
      {
        key: [...DIRECT_KEYS, ...CRM_KEYS].join(', '),
        label: 'Contact',
      },
      'needs at least one of Contact Email, Customer ID, Account Number, Salesforce Contact ID, HubSpot Contact ID or Pipedrive Person ID, so the platform knows who the contact is. All of them were empty.',
    );
  }
};

/**
 * `write` without the given properties (for an Idempotency-Key: the date properties a replay may
 * resolve to another day). Without properties left, `properties` is left out.
 */
export const withoutProperties = (write: ContactWrite, keys: readonly string[]): ContactWrite => {
  if (!write.properties || !keys.length) return write;
  const properties = Object.fromEntries(
    Object.entries(write.properties).filter(([key]) => !keys.includes(key)),
  );
  const out: ContactWrite = { ...write, properties };
  if (!Object.keys(properties).length) delete out.properties;
  return out;
};

/**
 * The contact of an action that creates it if it is new (send_survey, record_response): the
 * inputs `keys` read into a ContactWrite, with at least one identity. Before any request.
 */
export const identifiedContactFrom = (
  z: ZObject,
  input: Record<string, unknown>,
  keys: readonly (keyof typeof CONTACT_FIELD_LABELS)[],
): ContactWrite => {
  const contact = contactWriteFrom(z, input, keys);
  requireSomeIdentity(z, contact);
  return contact;
};

/**
 * Sets the typed property fields' values as `contact.properties` (last in perform: a typed field
 * without meta costs one cached look-up of the property types) and returns the contact as it goes
 * into the Idempotency-Key: without the date properties, which Zapier may resolve to another day
 * when it replays the step.
 */
export const addTypedProperties = async (
  z: ZObject,
  bundle: Bundle,
  contact: ContactWrite,
): Promise<ContactWrite> => {
  const typed = await readTypedProperties(z, bundle);
  if (Object.keys(typed.values).length) contact.properties = typed.values;
  return withoutProperties(contact, typed.dateKeys);
};
