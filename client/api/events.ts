/** Events and webhooks: one event parsed strictly, the event list, subscriptions. */
import type { ZObject } from 'zapier-platform-core';
import type { NpsEvent, Page, WebhookFilters, WebhookWithSecret } from '../schemas.js';
import { apiPath, callApi, contract, endpointOf, parsePayload, sendApiCall } from '../request.js';
import type { ApiCall, Contract } from '../request.js';
import { lenientItems, pageParams, type PageQuery } from './paging.js';

/** The schema of an event of `type`; null for a type this app does not know yet. */
const eventSchemaFor = (
  {
    responseEventSchema,
    segmentChangedEventSchema,
    contactUnsubscribedEventSchema,
    invitationFailedEventSchema,
  }: Contract,
  type: unknown,
) => {
  switch (type) {
    case 'response.created':
    case 'response.analyzed':
    case 'response.updated':
      return responseEventSchema;
    case 'contact.segment_changed':
      return segmentChangedEventSchema;
    case 'contact.unsubscribed':
      return contactUnsubscribedEventSchema;
    case 'invitation.failed':
      return invitationFailedEventSchema;
    default:
      return null;
  }
};

/**
 * Parses one event strictly (a webhook delivery): one that breaks the contract is an error; an
 * event type this app does not know yet gives null (skipped, not an error).
 */
export const parseEvent = async (
  z: ZObject,
  endpoint: string,
  raw: unknown,
  status = 200,
): Promise<NpsEvent | null> => {
  const schemas = await contract();
  const head = parsePayload(
    z,
    endpoint,
    { status, content: '', data: raw },
    schemas.unknownEventSchema,
  );
  const schema = eventSchemaFor(schemas, head.type);
  return schema ? parsePayload(z, endpoint, { status, content: '', data: raw }, schema) : null;
};

export const listEvents = async (
  z: ZObject,
  query: PageQuery & { type?: string },
): Promise<Page<NpsEvent>> => {
  const call: ApiCall = {
    method: 'GET',
    path: '/events',
    query: { type: query.type, ...pageParams(query) },
    timeoutMs: query.timeoutMs,
  };
  const page = (await callApi(z, call, (s) => s.unknownListSchema)).data;
  const schemas = await contract();
  const { unknownEventSchema } = schemas;
  // An event of a type this app does not know yet is left out silently; one that breaks the
  // contract is skipped with a warning (lenientItems).
  const data: NpsEvent[] = lenientItems(z, endpointOf(call), page.data, (raw) => {
    const head = unknownEventSchema.safeParse(raw);
    return head.success ? eventSchemaFor(schemas, head.data.type) : unknownEventSchema;
  }) as NpsEvent[];
  return { data, next_cursor: page.next_cursor };
};

export const EVENT_TYPES = [
  'response.created',
  'response.analyzed',
  'response.updated',
  'contact.segment_changed',
  'contact.unsubscribed',
  'invitation.failed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface WebhookCreateRequest {
  url: string;
  events: EventType[];
  filters?: WebhookFilters;
  description?: string;
}

export const createWebhook = async (
  z: ZObject,
  body: WebhookCreateRequest,
): Promise<WebhookWithSecret> =>
  (await callApi(z, { method: 'POST', path: '/webhooks', body }, (s) => s.webhookWithSecretSchema))
    .data;

/** Deletes a subscription; one that is already gone (404) counts as deleted. */
export const deleteWebhook = async (
  z: ZObject,
  webhookId: string,
): Promise<{ deleted: boolean }> => {
  const response = await sendApiCall(z, {
    method: 'DELETE',
    path: apiPath`/webhooks/${webhookId}`,
    handledStatuses: [404],
  });
  return { deleted: response.status !== 404 };
};
