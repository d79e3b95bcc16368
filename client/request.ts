/**
 * The single place the app calls `z.request`: path encoding, query, JSON body, Idempotency-Key,
 * timeouts, network-failure mapping and parsing of the answer with the contract's schemas.
 */
import type { HttpRequestOptionsWithUrl, HttpResponse, ZObject } from 'zapier-platform-core';
import type { CallInfo } from './http.js';
import type { ContractIssue, ContractSchema, Parsed } from './schemas.js';

/** The contract's schemas (client/schemas.ts). */
export type Contract = typeof import('./schemas.js');

let contractModule: Promise<Contract> | undefined;
/**
 * The contract's schemas, imported the first time a payload is parsed, not when the app loads: a
 * definition load, a dropdown or a connection label never needs them (docs/architecture.md § Cold
 * start). In the zip this is one module, bundled with the parts of zod/mini it uses.
 */
export const contract = (): Promise<Contract> => (contractModule ??= import('./schemas.js'));

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
  /** This request's timeout; default REQUEST_TIMEOUT_MS (paging passes what is left of its budget). */
  timeoutMs?: number;
  /**
   * What a user reads when the platform refuses a replay of this step (409 idempotency_mismatch):
   * which step it was and what was not done twice. Written by the operation.
   */
  replayMismatch?: string;
}

export interface ApiResult<T> {
  status: number;
  data: T;
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
      // Operations check their path ids first (lib/validate.ts requiredPathId); this guards ids
      // that come from the API. doNotContextify: core must not append the bundle to the message.
      throw Object.assign(new TypeError(`"${value}" cannot be used as an id in a URL path`), {
        doNotContextify: true,
      });
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
export const networkError = (
  z: ZObject,
  endpoint: string,
  error: unknown,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Error => {
  const e = error as { code?: unknown; type?: unknown; errno?: unknown; name?: unknown };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.errno === 'string' ? e.errno : '';
  const timedOut = e?.type === 'request-timeout' || e?.name === 'AbortError';
  const what = timedOut
    ? `no answer within ${Math.max(1, Math.round(timeoutMs / 1000))} s`
    : (NETWORK_WORDS[code] ?? `a network error${code ? ` (${code})` : ''}`);
  return new z.errors.Error(
    `Could not complete ${endpoint} with the NPS platform: ${what}. It is safe to retry; ` +
      `Zapier's Autoreplay will try again.`,
    timedOut ? 'timeout' : 'network_error',
    0,
  );
};

/**
 * The query string, built here rather than handed to core as `params`: core's query middleware
 * deletes any `{{…}}` from parameter values (its template syntax), and identity values must reach
 * the API intact whatever characters they contain. Empty values are left out.
 */
const queryString = (query: ApiCall['query']): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** A failure without an HTTP answer: a socket error, a refused connection, a timeout. */
const isNetworkFailure = (error: unknown): boolean => {
  const e = error as { name?: unknown; code?: unknown; type?: unknown } | null;
  return (
    e?.name === 'FetchError' ||
    e?.name === 'AbortError' ||
    e?.type === 'request-timeout' ||
    (typeof e?.code === 'string' && /^(E[A-Z_]+|UND_ERR\w*)$/.test(e.code))
  );
};

/** Sends one API call through the app's middleware; maps network failures. */
export const sendApiCall = async (z: ZObject, call: ApiCall): Promise<HttpResponse> => {
  const endpoint = endpointOf(call);
  const timeoutMs = Math.max(1, Math.round(call.timeoutMs ?? REQUEST_TIMEOUT_MS));
  const middlewareData: CallInfo = {
    endpoint,
    handledStatuses: call.handledStatuses,
    replayMismatch: call.replayMismatch,
  };
  const headers: Record<string, string> = {};
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  if (call.idempotencyKey) headers['Idempotency-Key'] = call.idempotencyKey;
  // `merge: false`: there is no request template to merge, and it keeps core from treating `{{…}}`
  // in a user's value (a comment, a note, an id) as its own template syntax. Core reads the flag;
  // its type definitions do not list it.
  const options: HttpRequestOptionsWithUrl & { merge: boolean } = {
    url: `${call.path}${queryString(call.query)}`,
    method: call.method,
    merge: false,
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    timeout: timeoutMs,
    skipThrowForStatus: Boolean(call.handledStatuses?.length),
    middlewareData: middlewareData as unknown as Record<string, never>,
  };
  try {
    return await z.request(options);
  } catch (error) {
    if (isZapierError(error)) throw error;
    if (isNetworkFailure(error)) throw networkError(z, endpoint, error, timeoutMs);
    // Anything else failed before the request left: not a network blip, so not "safe to retry".
    throw new z.errors.Error(
      `Could not send ${endpoint} to the NPS platform: the request could not be prepared. ` +
        `Please contact the integration's support if this persists.`,
      'request_error',
      0,
    );
  }
};

/** Formats the first problems the schema found, with their paths (`data.0.score`). */
const describeIssues = (error: { issues: readonly ContractIssue[] }): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');

/** Parses an answer against its contract schema; a mismatch is a clear, retryable error. */
export const parsePayload = <S extends ContractSchema>(
  z: ZObject,
  endpoint: string,
  response: Pick<HttpResponse, 'status' | 'content' | 'data'>,
  schema: S,
): Parsed<S> => {
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
  return parsed.data as Parsed<S>;
};

/** Sends a call and parses its JSON answer with the contract's schema that `schemaOf` picks. */
export const callApi = async <S extends ContractSchema>(
  z: ZObject,
  call: ApiCall,
  schemaOf: (schemas: Contract) => S,
): Promise<ApiResult<Parsed<S>>> => {
  const [response, schemas] = await Promise.all([sendApiCall(z, call), contract()]);
  return {
    status: response.status,
    data: parsePayload(z, endpointOf(call), response, schemaOf(schemas)),
  };
};

export { endpointOf };
