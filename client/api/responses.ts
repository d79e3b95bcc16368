/** Responses: list, read, record, update, and notes on a response. */
import type { ZObject } from 'zapier-platform-core';
import type { Note, NpsResponse, Page } from '../schemas.js';
import { apiPath, callApi, contract, endpointOf, parsePayload, sendApiCall } from '../request.js';
import type { ApiCall, QueryValue } from '../request.js';
import type { ContactWrite } from './contacts.js';
import { lenientItems, pageParams, type PageQuery } from './paging.js';

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
