/**
 * Unsubscribe Contact: finds the contact by an identity key (GET /contacts), then opts it out of
 * all surveys (POST /contacts/{id}/unsubscribe). Repeating it is harmless. No such contact is a
 * halted run saying which identity key was not found (never its value: personal data).
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { findContacts, unsubscribeContact } from '../client/api.js';
import { IDENTITY_KEY_LABELS, identityInput, identityInputFields } from '../fields/common.js';
import { KEYS } from '../fields/keys.js';
import {
  contactOutputFieldsWithProperties,
  contactSample,
  toContactRecord,
} from '../records/contact.js';
import { haltedError } from '../lib/validate.js';

const inputFields = defineInputFields([
  ...identityInputFields(
    'The email, customer ID, account number or CRM record ID of the contact to unsubscribe, matching "Identify Contact By".',
  ),
]);

const perform = async (z: ZObject, bundle: Bundle<InferInputData<typeof inputFields>>) => {
  const { key, value } = identityInput(z, bundle.inputData);
  const [contact] = await findContacts(z, key, value);
  if (!contact) {
    throw haltedError(
      z,

      // The key, never its value: an email in Zap History is personal data.
      `No contact found with this ${IDENTITY_KEY_LABELS[key]} (${key}), so nobody was unsubscribed. Check the Identity Value (identity_value), or identify the contact by another key.`,
    );
  }
  return toContactRecord(await unsubscribeContact(z, contact.id));
};

export default defineCreate({
  key: KEYS.creates.unsubscribeContact,
  noun: 'Contact',
  display: {
    label: 'Unsubscribe Contact',
    description:
      'Stops all NPS surveys to a contact, e.g. when they unsubscribe in your email tool or CRM.',
  },
  operation: {
    inputFields,
    perform,
    sample: { ...contactSample, unsubscribed: true },
    outputFields: contactOutputFieldsWithProperties(),
  },
});
