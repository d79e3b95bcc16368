/**
 * Find Contact: the contact with one identity key or CRM id (GET /contacts?<key>=<value>).
 * Nothing found is an empty result, not an error; an empty value never reaches the API.
 */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { findContacts } from '../client/api.js';
import { identityInput, identityInputFields } from '../fields/common.js';
import { KEYS } from '../fields/keys.js';
import {
  contactOutputFieldsWithProperties,
  contactSample,
  toContactRecord,
} from '../records/contact.js';

const inputFields = defineInputFields([
  ...identityInputFields(
    'The value to look for, matching "Identify Contact By": an email address (matched whatever its capitals), a customer ID or account number (matched exactly), or a CRM record ID. Map it from a previous step.',
  ),
]);

const perform = async (z: ZObject, bundle: Bundle<InferInputData<typeof inputFields>>) => {
  const { key, value } = identityInput(z, bundle.inputData);
  const contacts = await findContacts(z, key, value);
  return contacts.slice(0, 1).map(toContactRecord);
};

export default defineSearch({
  key: KEYS.searches.findContact,
  noun: 'Contact',
  display: {
    label: 'Find Contact',
    description:
      'Finds a contact by email, customer ID, account number or CRM record ID, with their latest NPS score and segment.',
  },
  operation: {
    inputFields,
    perform,
    sample: { ...contactSample },
    outputFields: contactOutputFieldsWithProperties(),
  },
});
