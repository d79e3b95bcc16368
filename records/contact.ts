/**
 * The contact record: output of find_contact, upsert_contact, unsubscribe_contact and
 * contact_unsubscribed. Flat, so every value maps in one click.
 */
import type { Contact, Properties } from '../client/schemas.js';
import { contactPropertyOutputFields } from '../fields/properties.js';

export interface ContactRecord {
  id: string;
  email: string | null;
  customer_id: string | null;
  account_number: string | null;
  name: string | null;
  company: string | null;
  phone: string | null;
  locale: string | null;
  salesforce_contact_id: string | null;
  hubspot_contact_id: string | null;
  pipedrive_person_id: number | null;
  properties: Properties;
  latest_score: number | null;
  latest_segment: string | null;
  latest_response_at: string | null;
  response_count: number;
  unsubscribed: boolean;
  created_at: string;
  updated_at: string;
}

export const toContactRecord = (contact: Contact): ContactRecord => ({
  id: contact.id,
  email: contact.email,
  customer_id: contact.customer_id,
  account_number: contact.account_number,
  name: contact.name,
  company: contact.company ?? null,
  phone: contact.phone ?? null,
  locale: contact.locale ?? null,
  salesforce_contact_id: contact.crm_ids.salesforce_contact_id ?? null,
  hubspot_contact_id: contact.crm_ids.hubspot_contact_id ?? null,
  pipedrive_person_id: contact.crm_ids.pipedrive_person_id ?? null,
  properties: contact.properties,
  latest_score: contact.nps.latest_score ?? null,
  latest_segment: contact.nps.latest_segment ?? null,
  latest_response_at: contact.nps.latest_response_at ?? null,
  response_count: contact.nps.response_count,
  unsubscribed: contact.unsubscribed,
  created_at: contact.created_at,
  updated_at: contact.updated_at,
});

export const contactOutputFields = [
  { key: 'id', label: 'Contact ID', type: 'string' },
  { key: 'email', label: 'Contact Email', type: 'string' },
  { key: 'customer_id', label: 'Customer ID', type: 'string' },
  { key: 'account_number', label: 'Account Number', type: 'string' },
  { key: 'name', label: 'Contact Name', type: 'string' },
  { key: 'company', label: 'Company', type: 'string' },
  { key: 'phone', label: 'Contact Phone (E.164)', type: 'string' },
  { key: 'locale', label: 'Contact Locale', type: 'string' },
  { key: 'salesforce_contact_id', label: 'Salesforce Contact ID', type: 'string' },
  { key: 'hubspot_contact_id', label: 'HubSpot Contact ID', type: 'string' },
  { key: 'pipedrive_person_id', label: 'Pipedrive Person ID', type: 'integer' },
  { key: 'properties', label: 'Contact Properties' },
  { key: 'latest_score', label: 'Latest NPS Score (0-10)', type: 'integer' },
  { key: 'latest_segment', label: 'Latest NPS Segment', type: 'string' },
  { key: 'latest_response_at', label: 'Latest Response At', type: 'datetime' },
  { key: 'response_count', label: 'Number of Responses', type: 'integer' },
  { key: 'unsubscribed', label: 'Unsubscribed', type: 'boolean' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
  { key: 'updated_at', label: 'Updated At', type: 'datetime' },
] as const;

/** The output fields of an operation that outputs a contact: the static ones, then the workspace
 * properties (`properties__<key>`) labelled as the workspace names them (one request per load).
 * A property labelled like a field of the record, or like the short name of one (Email, Name,
 * Phone, Locale: the contact's own fields, named Contact … here), gets " (Property)". */
export const contactOutputFieldsWithProperties = () => [
  ...contactOutputFields,
  contactPropertyOutputFields('properties', '', [
    ...contactOutputFields.map((field) => field.label),
    ...['Email', 'Name', 'Phone', 'Locale'],
  ]),
];

/** A contact as the API returns it, for samples and fixtures. */
export const sampleContact: Contact = {
  id: 'con_7Hq1',
  email: 'maria.garcia@acme.com',
  customer_id: 'CUST-1042',
  account_number: 'AC-99812',
  name: 'María García',
  company: 'Acme Iberia',
  phone: '+34612345678',
  locale: 'es-ES',
  crm_ids: {
    salesforce_contact_id: '003A1b2C3D4E5F6',
    hubspot_contact_id: '51',
    pipedrive_person_id: 54321,
  },
  properties: { plan: 'enterprise', region: 'emea' },
  nps: {
    latest_score: 4,
    latest_segment: 'detractor',
    latest_response_at: '2026-11-20T09:14:03Z',
    response_count: 3,
  },
  unsubscribed: false,
  created_at: '2025-06-02T08:00:00Z',
  updated_at: '2026-11-20T09:14:05Z',
};

export const contactSample: ContactRecord = toContactRecord(sampleContact);
