/** Contacts: find by an identity key, create or update, unsubscribe, the custom properties. */
import type { ZObject } from 'zapier-platform-core';
import type { Contact, ContactProperty } from '../schemas.js';
import { apiPath, callApi } from '../request.js';

export interface ContactWrite {
  email?: string | null;
  customer_id?: string | null;
  account_number?: string | null;
  name?: string | null;
  company?: string | null;
  phone?: string | null;
  locale?: string | null;
  crm_ids?: {
    salesforce_contact_id?: string | null;
    hubspot_contact_id?: string | null;
    pipedrive_person_id?: number | null;
  };
  properties?: Record<string, string | number | boolean | null>;
}

export const IDENTITY_KEYS = [
  'email',
  'customer_id',
  'account_number',
  'salesforce_contact_id',
  'hubspot_contact_id',
  'pipedrive_person_id',
] as const;
export type IdentityKey = (typeof IDENTITY_KEYS)[number];

/** Finds contacts by exactly one identity key or CRM id (the value travels in the query). */
export const findContacts = async (
  z: ZObject,
  key: IdentityKey,
  value: string | number,
): Promise<Contact[]> =>
  (
    await callApi(z, { method: 'GET', path: '/contacts', query: { [key]: value, limit: 1 } }, (s) =>
      s.listOf(s.contactSchema),
    )
  ).data.data;

export const upsertContact = async (
  z: ZObject,
  matchOn: IdentityKey,
  body: ContactWrite,
): Promise<{ contact: Contact; created: boolean }> => {
  const result = await callApi(
    z,
    { method: 'PUT', path: '/contacts', query: { match_on: matchOn }, body },
    (s) => s.contactSchema,
  );
  return { contact: result.data, created: result.status === 201 };
};

/** The workspace's custom contact properties (1.2; needs contacts:read), in its settings' order. */
export const listContactProperties = async (z: ZObject): Promise<ContactProperty[]> =>
  (
    await callApi(
      z,
      { method: 'GET', path: '/contact-properties' },
      (s) => s.contactPropertyListSchema,
    )
  ).data.data;

export const unsubscribeContact = async (z: ZObject, contactId: string): Promise<Contact> =>
  (
    await callApi(
      z,
      { method: 'POST', path: apiPath`/contacts/${contactId}/unsubscribe` },
      (s) => s.contactSchema,
    )
  ).data;
