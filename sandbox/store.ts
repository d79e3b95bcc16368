/**
 * The sandbox platform's state and domain rules, one file per resource, built up in layers:
 * - store-base.ts: the collections, ids, API keys, the theme registry, the event log, timers;
 * - contacts.ts: identity matching, contact writes, unsubscribing, a contact's responses;
 * - responses.ts: recording responses and their events, analysis, updates, list order;
 * - records.ts: the records kept, one section per resource; errors.ts: the API's errors.
 * Invitations and their lifecycle live in invitations.ts, contact properties in properties.ts,
 * webhook deliveries in webhooks.ts; HTTP in server.ts, api.ts and routes/.
 *
 * `Store` is the whole of it; this module is the entry every importer uses.
 */
import { ResponseStore } from './responses.js';

export class Store extends ResponseStore {}

export { ApiError } from './errors.js';
export {
  IDENTITY_ORDER,
  isCrmKey,
  keyParam,
  normKey,
  type ContactWrite,
  type IdentityKey,
} from './contacts.js';
export { ALL_SCOPES, READ_SCOPES } from './records.js';
export type {
  ContactRec,
  CrmIds,
  EventMeta,
  EventRec,
  FollowUpRec,
  InvitationRec,
  JsonObject,
  KeyRec,
  NoteRec,
  PreviousRec,
  PropValue,
  QA,
  ResponseRec,
  Segment,
  SurveyRec,
  WebhookFilters,
  WebhookRec,
} from './records.js';
export type { EventListener } from './store-base.js';
