/**
 * The single place the app calls `z.request`: path encoding, query, JSON body, Idempotency-Key,
 * timeouts, network-failure mapping and zod parsing of the answer.
 */
import type { HttpResponse, ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import type { CallInfo } from './http.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | null;

export interface ApiCall {
  method: HttpMethod;
  /** A path built with `apiPath`, so every user value in it is encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  idempotencyKey?: string;
  /** Statuses the caller handles itself instead of getting a Zapier error. */
  handledStatuses?: number[];
}

export interface ApiResult<T> {
  status: number;
  data: T;
  replayed: boolean;
}

/** Default time a request may take; Zapier gives a whole step 30 s. */
export const REQUEST_TIMEOUT_MS = 20_000;

/**
 * Builds a URL path, percent-encoding every interpolated value. A value that is empty or a dot
 * segment (`.`, `..`) is refused: browsers' URL rules would fold it into another path.
 */
export const apiPath = (strings: TemplateStringsArray, ...values: string[]): string =>
  strings.reduce((out, part, i) => {
    if (i === 0) return part;
    const value = values[i - 1] ?? '';
    if (value === '' || value === '.' || value === '..') {
      throw new TypeError(`"${value}" cannot be used as an id in a URL path`);
    }
    return `${out}${encodeURIComponent(value)}${part}`;
  }, '');

/** The endpoint as error messages name it: the method and the path (ids only: identity values
 * travel in the query or body, never here). */
const endpointOf = (call: ApiCall): string => `${call.method} ${call.path}`;

const isZapierError = (error: unknown): boolean => {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    typeof name === 'string' &&
    [
      'AppError',
      'HaltedError',
      'ExpiredAuthError',
      'ThrottledError',
      'ResponseError',
      'RefreshAuthError',
    ].includes(name)
  );
};

const NETWORK_WORDS: Record<string, string> = {
  ECONNRESET: 'the connection was reset',
  ECONNREFUSED: 'the connection was refused',
  ETIMEDOUT: 'the connection timed out',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved',
  EPIPE: 'the connection was closed',
  UND_ERR_SOCKET: 'the connection was closed',
};

/** A network failure (no HTTP answer): retryable, names the endpoint, never echoes data. */
export const networkError = (z: ZObject, endpoint: string, error: unknown): Error => {
  const e = error as { code?: unknown; type?: unknown; errno?: unknown; name?: unknown };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.errno === 'string' ? e.errno : '';
  const timedOut = e?.type === 'request-timeout' || e?.name === 'AbortError';
  const what = timedOut
    ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
    : (NETWORK_WORDS[code] ?? `a network error${code ? ` (${code})` : ''}`);
  return new z.errors.Error(
    `Could not complete ${endpoint} with the NPS platform: ${what}. It is safe to retry; ` +
      `Zapier's Autoreplay will try again.`,
    timedOut ? 'timeout' : 'network_error',
    0,
  );
};

const cleanQuery = (query: ApiCall['query']): Record<string, string> | undefined => {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    out[key] = String(value);
  }
  return out;
};

/** Sends one API call through the app's middleware; maps network failures. */
export const sendApiCall = async (z: ZObject, call: ApiCall): Promise<HttpResponse> => {
  const endpoint = endpointOf(call);
  const middlewareData: CallInfo = { endpoint, handledStatuses: call.handledStatuses };
  const headers: Record<string, string> = {};
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  if (call.idempotencyKey) headers['Idempotency-Key'] = call.idempotencyKey;
  try {
    return await z.request({
      url: call.path,
      method: call.method,
      params: cleanQuery(call.query),
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      timeout: REQUEST_TIMEOUT_MS,
      skipThrowForStatus: Boolean(call.handledStatuses?.length),
      middlewareData: middlewareData as unknown as Record<string, never>,
    });
  } catch (error) {
    if (isZapierError(error)) throw error;
    throw networkError(z, endpoint, error);
  }
};

/** Formats the first problems zod found, with their paths (`data.0.score`). */
const describeIssues = (error: zod.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');

/** Parses an answer against its contract schema; a mismatch is a clear, retryable error. */
export const parsePayload = <S extends zod.ZodType>(
  z: ZObject,
  endpoint: string,
  response: Pick<HttpResponse, 'status' | 'content' | 'data'>,
  schema: S,
): zod.infer<S> => {
  if (response.data === undefined) {
    throw new z.errors.Error(
      `The NPS platform sent a response to ${endpoint} that is not JSON (HTTP ${response.status}). ` +
        `This is usually temporary; it is safe to retry.`,
      'invalid_response',
      response.status,
    );
  }
  const parsed = schema.safeParse(response.data);
  if (!parsed.success) {
    throw new z.errors.Error(
      `The NPS platform sent a response to ${endpoint} that does not match its API contract ` +
        `(${describeIssues(parsed.error)}). Please contact the NPS platform's support if this persists.`,
      'invalid_response',
      response.status,
    );
  }
  return parsed.data;
};

/** Sends a call and parses its JSON answer with `schema`. */
export const callApi = async <S extends zod.ZodType>(
  z: ZObject,
  call: ApiCall,
  schema: S,
): Promise<ApiResult<zod.infer<S>>> => {
  const response = await sendApiCall(z, call);
  return {
    status: response.status,
    data: parsePayload(z, endpointOf(call), response, schema),
    replayed: response.getHeader('idempotent-replayed') === 'true',
  };
};

export { endpointOf };
