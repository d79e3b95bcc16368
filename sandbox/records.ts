/**
 * The records the sandbox platform keeps, as it stores them (API JSON is built from them by the
 * store's `contactJson` and `responseJson`). One section per resource; the rules that change
 * them live with the resource: contacts.ts, responses.ts, invitations.ts, properties.ts.
 */
import type { Json } from './contract.js';
import type { Theme } from './themes.js';

export type JsonObject = { [key: string]: Json };
export type Segment = 'promoter' | 'passive' | 'detractor';
export type PropValue = string | number | boolean;

// ---------------------------------------------------------------- API keys

export const ALL_SCOPES = [
  'responses:read',
  'responses:write',
  'contacts:read',
  'contacts:write',
  'surveys:read',
  'surveys:send',
  'webhooks:manage',
];
export const READ_SCOPES = ['responses:read', 'contacts:read', 'surveys:read'];

export interface KeyRec {
  id: string;
  secret: string;
  name: string;
  mode: 'live' | 'test';
  scopes: string[];
  region: 'us' | 'eu';
}

// ---------------------------------------------------------------- surveys

export interface SurveyRec {
  id: string;
  name: string;
  status: string;
  question: string;
  channels: string[];
  createdAt: number;
}

// ---------------------------------------------------------------- contacts

export interface CrmIds {
  salesforce_contact_id: string | null;
  hubspot_contact_id: string | null;
  pipedrive_person_id: number | null;
}

export interface ContactRec {
  id: string;
  email: string | null;
  customer_id: string | null;
  account_number: string | null;
  name: string | null;
  company: string | null;
  phone: string | null;
  locale: string | null;
  crm: CrmIds;
  properties: Record<string, PropValue>;
  unsubscribed: boolean;
  createdAt: number;
  updatedAt: number;
  lastInvitedAt: number | null;
  responseIds: string[];
}

// ---------------------------------------------------------------- responses and notes

export interface QA {
  question: string;
  answer: string;
}

export interface FollowUpRec {
  status: string;
  owner_email: string | null;
  updatedAt: number | null;
}

export interface PreviousRec {
  response_id: string;
  score: number;
  segment: Segment;
  submitted_at: string;
}

export interface ResponseRec {
  id: string;
  surveyId: string;
  score: number;
  comment: string | null;
  conversation: QA[];
  themes: Theme[];
  analysisStatus: string;
  language: string | null;
  channel: string;
  contactId: string;
  previous: PreviousRec | null;
  followUp: FollowUpRec;
  tags: string[];
  properties: Record<string, PropValue>;
  submittedAt: number;
  analyzedAt: number | null;
  updatedAt: number;
  /** Recorded with a test-mode key (contract 1.3): left out of metrics and live records. */
  test: boolean;
}

export interface NoteRec {
  id: string;
  responseId: string;
  body: string;
  authorEmail: string | null;
  createdAt: number;
}

// ---------------------------------------------------------------- invitations

export interface InvitationRec {
  id: string;
  surveyId: string;
  contactId: string;
  channel: string;
  /** scheduled, skipped, sent, failed or canceled (sandbox/invitations.ts moves it on). */
  status: string;
  skipReason: string | null;
  sendAt: number | null;
  createdAt: number;
  properties: Record<string, PropValue>;
  sentAt: number | null;
  failedAt: number | null;
  failureReason: string | null;
  canceledAt: number | null;
  /** Created with a test-mode key: progresses like a live one, never reaches anyone. */
  test: boolean;
  /** The key that created it (the source of its events). */
  keyId: string | null;
}

// ---------------------------------------------------------------- events and webhook subscriptions

export interface EventMeta {
  surveyId: string | null;
  segment: Segment | null;
  score: number | null;
  sourceKeyId: string | null;
  /** About a test record: only subscriptions made with a test-mode key receive it (1.3). */
  test: boolean;
}

export interface EventRec {
  id: string;
  type: string;
  createdAt: number;
  payload: JsonObject;
  meta: EventMeta;
}

export interface WebhookFilters {
  survey_id?: string;
  segments?: Segment[];
  min_score?: number;
  max_score?: number;
  exclude_own_changes?: boolean;
}

export interface WebhookRec {
  id: string;
  url: string;
  events: string[];
  filters: WebhookFilters;
  description: string | null;
  createdAt: number;
  secret: string;
  ownerKeyId: string;
  /** The mode of the key that subscribed: a live subscription never gets test events. */
  ownerMode: 'live' | 'test';
}
