/**
 * Invitation records (shared/app-surface.md, Round 3):
 *
 * - the invitation record of Send NPS Survey and Cancel Scheduled Survey: the invitation with
 *   where it stands (sent_at, failed_at, failure_reason, canceled_at, test) and `scheduled`;
 * - the failed-invitation record of Survey Not Delivered: the invitation (id = the invitation
 *   id: an invitation fails once), why it failed in words, and the contact as on response records.
 */
import type { Contact, Invitation, InvitationFailedEvent } from '../client/schemas.js';
import { sampleContact } from './contact.js';
import { identityOf, type ResponseRecord } from './response.js';

// ---------------------------------------------------------------- send_survey / cancel_invitation

/** Statuses after which no survey will reach the contact through this invitation. */
const NOT_GOING_OUT = ['skipped', 'canceled', 'failed'];

export interface InvitationRecord {
  id: string;
  survey_id: string;
  contact_id: string;
  channel: string;
  status: string;
  skip_reason: string | null;
  send_at: string | null;
  created_at: string;
  sent_at: string | null;
  failed_at: string | null;
  failure_reason: string | null;
  canceled_at: string | null;
  test: boolean;
  scheduled: boolean;
}

export const toInvitationRecord = (invitation: Invitation): InvitationRecord => ({
  id: invitation.id,
  survey_id: invitation.survey_id,
  contact_id: invitation.contact_id,
  channel: invitation.channel,
  status: invitation.status,
  skip_reason: invitation.skip_reason,
  send_at: invitation.send_at,
  created_at: invitation.created_at,
  sent_at: invitation.sent_at ?? null,
  failed_at: invitation.failed_at ?? null,
  failure_reason: invitation.failure_reason ?? null,
  canceled_at: invitation.canceled_at ?? null,
  test: invitation.test ?? false,
  // The contract says more statuses may be added: only these mean nothing will be sent.
  scheduled: !NOT_GOING_OUT.includes(invitation.status),
});

export const invitationOutputFields = [
  { key: 'id', label: 'Invitation ID', type: 'string' as const },
  { key: 'survey_id', label: 'Survey ID', type: 'string' as const },
  { key: 'contact_id', label: 'Contact ID', type: 'string' as const },
  { key: 'channel', label: 'Channel', type: 'string' as const },
  { key: 'status', label: 'Status', type: 'string' as const },
  { key: 'skip_reason', label: 'Skip Reason', type: 'string' as const },
  { key: 'send_at', label: 'Send At', type: 'datetime' as const },
  { key: 'created_at', label: 'Created At', type: 'datetime' as const },
  { key: 'scheduled', label: 'Scheduled', type: 'boolean' as const },
  { key: 'sent_at', label: 'Sent At', type: 'datetime' as const },
  { key: 'failed_at', label: 'Failed At', type: 'datetime' as const },
  { key: 'failure_reason', label: 'Failure Reason', type: 'string' as const },
  { key: 'canceled_at', label: 'Canceled At', type: 'datetime' as const },
  { key: 'test', label: 'Test Record', type: 'boolean' as const },
];

/** An invitation as the API returns it, for samples and fixtures. */
export const invitationSample: Invitation = {
  id: 'inv_5t2',
  survey_id: 'srv_q3nps',
  contact_id: 'con_7Hq1',
  channel: 'email',
  status: 'scheduled',
  skip_reason: null,
  send_at: '2026-11-23T09:00:00Z',
  created_at: '2026-11-20T09:30:00Z',
  sent_at: null,
  failed_at: null,
  failure_reason: null,
  canceled_at: null,
  test: false,
};

// ---------------------------------------------------------------- invitation_failed

/** Why an invitation failed, in words; a reason the platform adds later is shown as it is. */
const FAILURE_LABELS: Record<string, string> = {
  bounced: 'Email bounced',
  invalid_address: 'Invalid address',
  unreachable: 'Phone unreachable',
};

export const failureReasonLabel = (reason: string | null | undefined): string =>
  reason ? (FAILURE_LABELS[reason] ?? reason) : '';

export interface FailedInvitationRecord extends Pick<
  ResponseRecord,
  | 'contact_id'
  | 'email'
  | 'customer_id'
  | 'account_number'
  | 'contact_name'
  | 'company'
  | 'salesforce_contact_id'
  | 'hubspot_contact_id'
  | 'pipedrive_person_id'
  | 'identity_key'
  | 'identity_value'
> {
  id: string;
  invitation_id: string;
  survey_id: string;
  channel: string;
  status: string;
  failure_reason: string | null;
  failure_reason_label: string;
  failed_at: string | null;
  send_at: string | null;
  test: boolean;
  phone: string | null;
}

export const toFailedInvitationRecord = (event: InvitationFailedEvent): FailedInvitationRecord => {
  const { invitation, contact } = event.data;
  return {
    id: invitation.id,
    invitation_id: invitation.id,
    survey_id: invitation.survey_id,
    channel: invitation.channel,
    status: invitation.status,
    failure_reason: invitation.failure_reason ?? null,
    failure_reason_label: failureReasonLabel(invitation.failure_reason),
    // An older event without failed_at: the event's time is when it failed.
    failed_at: invitation.failed_at ?? event.created_at,
    send_at: invitation.send_at,
    test: invitation.test ?? false,
    ...contactPart(contact),
  };
};

const contactPart = (contact: Contact) => ({
  contact_id: contact.id,
  email: contact.email,
  phone: contact.phone ?? null,
  customer_id: contact.customer_id,
  account_number: contact.account_number,
  contact_name: contact.name,
  company: contact.company ?? null,
  salesforce_contact_id: contact.crm_ids.salesforce_contact_id ?? null,
  hubspot_contact_id: contact.crm_ids.hubspot_contact_id ?? null,
  pipedrive_person_id: contact.crm_ids.pipedrive_person_id ?? null,
  ...identityOf(contact),
});

export const failedInvitationOutputFields = [
  { key: 'id', label: 'ID', type: 'string' as const },
  { key: 'invitation_id', label: 'Invitation ID', type: 'string' as const },
  { key: 'survey_id', label: 'Survey ID', type: 'string' as const },
  { key: 'channel', label: 'Channel', type: 'string' as const },
  { key: 'status', label: 'Status', type: 'string' as const },
  { key: 'failure_reason', label: 'Failure Reason', type: 'string' as const },
  { key: 'failure_reason_label', label: 'Failure Reason (Text)', type: 'string' as const },
  { key: 'failed_at', label: 'Failed At', type: 'datetime' as const },
  { key: 'send_at', label: 'Send At', type: 'datetime' as const },
  { key: 'test', label: 'Test Record', type: 'boolean' as const },
  { key: 'contact_id', label: 'Contact ID', type: 'string' as const },
  { key: 'email', label: 'Contact Email', type: 'string' as const },
  { key: 'phone', label: 'Contact Phone (E.164)', type: 'string' as const },
  { key: 'customer_id', label: 'Customer ID', type: 'string' as const },
  { key: 'account_number', label: 'Account Number', type: 'string' as const },
  { key: 'contact_name', label: 'Contact Name', type: 'string' as const },
  { key: 'company', label: 'Company', type: 'string' as const },
  { key: 'salesforce_contact_id', label: 'Salesforce Contact ID', type: 'string' as const },
  { key: 'hubspot_contact_id', label: 'HubSpot Contact ID', type: 'string' as const },
  { key: 'pipedrive_person_id', label: 'Pipedrive Person ID', type: 'integer' as const },
  { key: 'identity_key', label: 'Identity Key', type: 'string' as const },
  { key: 'identity_value', label: 'Identity Value', type: 'string' as const },
];

/** An invitation.failed event as the API delivers it, for samples and fixtures. */
export const sampleInvitationFailedEvent: InvitationFailedEvent = {
  id: 'evt_8nd4',
  type: 'invitation.failed',
  created_at: '2026-11-23T09:00:04Z',
  data: {
    invitation: {
      ...invitationSample,
      status: 'failed',
      failed_at: '2026-11-23T09:00:03Z',
      failure_reason: 'bounced',
    },
    contact: sampleContact,
  },
};

export const failedInvitationSample = toFailedInvitationRecord(sampleInvitationFailedEvent);
