/**
 * Create or Update Contact: PUT /contacts?match_on=<identity_key>, the identity value in the body
 * (CRM ids under crm_ids). Inputs left empty are not sent, so they never clear a value.
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { IDENTITY_KEYS, upsertContact } from '../client/api.js';
import { IDENTITY_VALUE_REF, identityInput, identityInputFields } from '../fields/common.js';
import { KEYS } from '../fields/keys.js';
import { contactPropertyInputFields, TYPED_PROPERTIES_HELP } from '../fields/properties.js';
import { readTypedProperties } from '../fields/property-values.js';
import {
  contactOutputFieldsWithProperties,
  contactSample,
  toContactRecord,
} from '../records/contact.js';
import { inputError } from '../lib/validate.js';
import {
  CONTACT_FIELD_LABELS,
  companyField,
  contactWriteFrom,
  identityFields,
  identityIn,
  localeField,
  nameField,
  phoneField,
  propertiesField,
  setIdentity,
} from './contact_fields.js';

const inputFields = defineInputFields([
  ...identityInputFields(
    'The value that identifies the contact, matching "Identify Contact By". If a contact with it exists, it is updated; otherwise a new contact is created with it.',
  ),
  ...identityFields(
    'Fill in only to add or change it; to change the email of a contact, identify the contact by another key.',
  ),
  nameField,
  companyField,
  phoneField,
  localeField,
  propertiesField(
    `Properties of the contact, like plan = enterprise or region = emea, for filtering and reports. Keys are lowercase letters, digits and underscores (like renewal_date). Properties you leave out are kept as they are. ${TYPED_PROPERTIES_HELP} A key given here and in its typed field takes the typed field's value.`,
  ),
  contactPropertyInputFields,
]);

const perform = async (z: ZObject, bundle: Bundle<InferInputData<typeof inputFields>>) => {
  const input = bundle.inputData as Record<string, unknown>;
  const { key, value } = identityInput(z, input);
  const body = contactWriteFrom(z, input, [
    ...IDENTITY_KEYS,
    'name',
    'company',
    'phone',
    'locale',
    'properties',
  ]);
  const other = identityIn(body, key);
  if (other !== undefined && other !== value) {
    inputError(
      z,
      { key, label: CONTACT_FIELD_LABELS[key] },
      `is different from the Identity Value (${IDENTITY_VALUE_REF.key}) used to find the contact. To change its ${CONTACT_FIELD_LABELS[key]}, identify the contact by another key; otherwise leave this field empty.`,
    );
  }
  setIdentity(body, key, value);
  // Last: a typed field without meta costs one (cached) look-up of the property types.
  const typed = await readTypedProperties(z, bundle);
  if (Object.keys(typed.values).length) {
    body.properties = { ...body.properties, ...typed.values };
  }
  const { contact, created } = await upsertContact(z, key, body);
  return { ...toContactRecord(contact), created };
};

export default defineCreate({
  key: KEYS.creates.upsertContact,
  noun: 'Contact',
  display: {
    label: 'Create or Update Contact',
    description:
      'Creates a contact, or updates the one with the same email, customer ID, account number or CRM ID. Empty fields never erase existing values.',
  },
  operation: {
    inputFields,
    perform,
    sample: { ...contactSample, created: false },
    outputFields: [
      ...contactOutputFieldsWithProperties(),
      { key: 'created', label: 'Created (New Contact)', type: 'boolean' },
    ],
  },
});
