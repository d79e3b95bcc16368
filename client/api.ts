/**
 * The typed API client: one function per endpoint of api/openapi.yaml that the app uses.
 * Every answer is parsed with the contract's schema (client/schemas.ts).
 */
import type { ZObject } from 'zapier-platform-core';
import type {
  ContractSchema,
  Parsed,
  Contact,
  ContactProperty,
  Invitation,
  Me,
  Note,
  NpsEvent,
  NpsMetrics,
  NpsResponse,
  Page,
  Survey,
  ThemeSummary,
  WebhookFilters,
  WebhookWithSecret,
} from './schemas.js';
import {
  apiPath,
  callApi,
  endpointOf,
  contract,
  parsePayload,
  type Contract,
  sendApiCall,
  type ApiCall,
  type QueryValue,
} from './request.js';

export const MAX_PAGE_SIZE = 100;

export interface PageQuery {
  limit?: number;
  cursor?: string | null;
  /** The request's timeout (paging passes what is left of its time budget). */
  timeoutMs?: number;
}

const pageParams = (page: PageQuery = {}) => ({
  limit: page.limit,
  cursor: page.cursor ?? undefined,
});

/**
 * The items of a list page that match `schema`. An item that breaks the contract is skipped with
 * a warning naming its id and the paths of the problems, never its content (a comment is
 * personal data), so one bad item does not fail the whole page. Deliveries stay strict.
 */
const lenientItems = <S extends ContractSchema>(
  z: ZObject,
  endpoint: string,
  items: unknown[],
  schemaOf: (raw: unknown) => S | null,
): Array<Parsed<S>> => {
  const out: Array<Parsed<S>> = [];
  for (const raw of items) {
    const schema = schemaOf(raw);
    if (!schema) continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      out.push(parsed.data as Parsed<S>);
      continue;
    }
    const id = (raw as { id?: unknown } | null)?.id;
    const paths = parsed.error.issues
      .slice(0, 3)
      .map((issue) => issue.path.join('.') || '(item)')
      .join(', ');
    z.console.warn(
      `Skipped ${typeof id === 'string' ? `item ${id.slice(0, 64)}` : 'an item without an id'} ` +
        `listed by ${endpoint}: it does not match the API contract (at ${paths}).`,
    );
  }
  return out;
};

// ---------------------------------------------------------------- account

export const getMe = async (z: ZObject, options: { timeoutMs?: number } = {}): Promise<Me> =>
  (
    await callApi(
      z,
      { method: 'GET', path: '/me', timeoutMs: options.timeoutMs },
      (s) => s.meSchema,
    )
  ).data;

// ---------------------------------------------------------------- surveys

export const listSurveys = async (z: ZObject, page?: PageQuery): Promise<Page<Survey>> =>
  (
    await callApi(
      z,
      { method: 'GET', path: '/surveys', query: pageParams(page), timeoutMs: page?.timeoutMs },
      (s) => s.listOf(s.surveySchema),
    )
  ).data;

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

export interface InvitationRequest {
  contact: ContactWrite;
  channel?: string;
  send_at?: string;
  respect_throttle?: boolean;
  properties?: Record<string, string | number | boolean | null>;
}

export const createInvitation = async (
  z: ZObject,
  surveyId: string,
  body: InvitationRequest,
  idempotencyKey?: string,
  replayMismatch?: string,
): Promise<Invitation> =>
  (
    await callApi(
      z,
      {
        method: 'POST',
        path: apiPath`/surveys/${surveyId}/invitations`,
        body,
        idempotencyKey,
        replayMismatch,
      },
      (s) => s.invitationSchema,
    )
  ).data;

/** One invitation and where it stands (1.3), or null when the id is unknown (404). */
export const getInvitation = async (
  z: ZObject,
  invitationId: string,
): Promise<Invitation | null> => {
  const call: ApiCall = {
    method: 'GET',
    path: apiPath`/invitations/${invitationId}`,
    handledStatuses: [404],
  };
  const response = await sendApiCall(z, call);
  if (response.status === 404) return null;
  return parsePayload(z, endpointOf(call), response, (await contract()).invitationSchema);
};

/**
 * The answer to POST /invitations/{id}/cancel (1.3): the canceled invitation (also when it was
 * canceled before: a retry is safe); `not_cancelable` when it is sent, failed or skipped (409
 * `invitation_not_cancelable`, with the platform's message); `not_found` for an unknown id.
 */
export type CancelResult =
  | { outcome: 'canceled'; invitation: Invitation }
  | { outcome: 'not_cancelable'; message: string }
  | { outcome: 'not_found' };

export const cancelInvitation = async (z: ZObject, invitationId: string): Promise<CancelResult> => {
  const call: ApiCall = {
    method: 'POST',
    path: apiPath`/invitations/${invitationId}/cancel`,
    handledStatuses: [404, 409],
  };
  const [response, { errorBodySchema, invitationSchema }] = await Promise.all([
    sendApiCall(z, call),
    contract(),
  ]);
  if (response.status === 404) return { outcome: 'not_found' };
  if (response.status === 409) {
    const error = errorBodySchema.safeParse(response.data);
    return {
      outcome: 'not_cancelable',
      message: error.success ? error.data.error.message : 'HTTP 409',
    };
  }
  return {
    outcome: 'canceled',
    invitation: parsePayload(z, endpointOf(call), response, invitationSchema),
  };
};

// ---------------------------------------------------------------- themes

export const listThemes = async (
  z: ZObject,
  page?: PageQuery & { survey_id?: string },
): Promise<Page<ThemeSummary>> =>
  (
    await callApi(
      z,
      {
        method: 'GET',
        path: '/themes',
        query: { ...pageParams(page), survey_id: page?.survey_id },
        timeoutMs: page?.timeoutMs,
      },
      (s) => s.listOf(s.themeSummarySchema),
    )
  ).data;

// ---------------------------------------------------------------- responses

/** The filters GET /responses takes (the query, not a trigger's inputs). */
export interface ResponseListQuery {
  survey_id?: string;
  /** Comma-separated segments. */
  segment?: string;
  min_score?: number;
  max_score?: number;
  /** Comma-separated theme ids or names. */
  theme?: string;
  has_comment?: boolean;
  analysis_status?: string;
  contact_id?: string;
  email?: string;
  customer_id?: string;
  account_number?: string;
  submitted_after?: string;
  submitted_before?: string;
  updated_after?: string;
}

/**
 * A page of responses. Lists that feed triggers skip an item that breaks the contract, with a
 * warning (issue 10, item 4); `strict` fails the call instead, for a search whose one answer must
 * not silently become "no result".
 */
export const listResponses = async (
  z: ZObject,
  filters: ResponseListQuery & PageQuery = {},
  { strict = false }: { strict?: boolean } = {},
): Promise<Page<NpsResponse>> => {
  const { limit, cursor, timeoutMs, ...rest } = filters;
  const call: ApiCall = {
    method: 'GET',
    path: '/responses',
    query: { ...(rest as Record<string, QueryValue>), ...pageParams({ limit, cursor }) },
    timeoutMs,
  };
  if (strict) return (await callApi(z, call, (s) => s.listOf(s.responseSchema))).data;
  const page = (await callApi(z, call, (s) => s.unknownListSchema)).data;
  const { responseSchema } = await contract();
  return {
    data: lenientItems(z, endpointOf(call), page.data, () => responseSchema),
    next_cursor: page.next_cursor,
  };
};

/** One response, or null when the id is unknown (404 is no result, not an error). */
export const getResponse = async (z: ZObject, responseId: string): Promise<NpsResponse | null> => {
  const call: ApiCall = {
    method: 'GET',
    path: apiPath`/responses/${responseId}`,
    handledStatuses: [404],
  };
  const response = await sendApiCall(z, call);
  if (response.status === 404) return null;
  return parsePayload(z, endpointOf(call), response, (await contract()).responseSchema);
};

export interface ResponseCreateRequest {
  survey_id: string;
  score: number;
  comment?: string | null;
  contact: ContactWrite;
  channel?: 'api' | 'import';
  submitted_at?: string;
  language?: string;
  tags?: string[];
  properties?: Record<string, string | number | boolean | null>;
}

export const createResponse = async (
  z: ZObject,
  body: ResponseCreateRequest,
  idempotencyKey?: string,
  replayMismatch?: string,
): Promise<NpsResponse> =>
  (
    await callApi(
      z,
      { method: 'POST', path: '/responses', body, idempotencyKey, replayMismatch },
      (s) => s.responseSchema,
    )
  ).data;

export interface ResponseUpdateRequest {
  tags?: { add?: string[]; remove?: string[]; set?: string[] };
  themes?: { add?: string[]; remove?: string[] };
  follow_up?: { status?: string; owner_email?: string | null };
}

export const updateResponse = async (
  z: ZObject,
  responseId: string,
  body: ResponseUpdateRequest,
): Promise<NpsResponse> =>
  (
    await callApi(
      z,
      { method: 'PATCH', path: apiPath`/responses/${responseId}`, body },
      (s) => s.responseSchema,
    )
  ).data;

export const createNote = async (
  z: ZObject,
  responseId: string,
  body: { body: string; author_email?: string },
  idempotencyKey?: string,
  replayMismatch?: string,
): Promise<Note> =>
  (
    await callApi(
      z,
      {
        method: 'POST',
        path: apiPath`/responses/${responseId}/notes`,
        body,
        idempotencyKey,
        replayMismatch,
      },
      (s) => s.noteSchema,
    )
  ).data;

// ---------------------------------------------------------------- contacts

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

// ---------------------------------------------------------------- metrics

export interface NpsMetricsQuery {
  survey_id?: string;
  since: string;
  until?: string;
  group_by?: 'day' | 'week' | 'month';
  timezone?: string;
  /** 1.3: count responses recorded with test-mode keys too (default false). */
  include_test?: boolean;
}

export const getNpsMetrics = async (z: ZObject, query: NpsMetricsQuery): Promise<NpsMetrics> =>
  (
    await callApi(
      z,
      { method: 'GET', path: '/metrics/nps', query: { ...query } },
      (s) => s.npsMetricsSchema,
    )
  ).data;

// ---------------------------------------------------------------- events & webhooks

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
