/**
 * The one HTTP path every request takes.
 *
 * - `beforeRequest` (addApiDefaults): base URL from the region (or NPS_API_BASE_URL), bearer auth,
 *   Accept and a User-Agent carrying the app version.
 * - `afterResponse` (mapApiErrors): turns the API's error answers into the Zapier error a user should
 *   see. 429 never gets here: core throws `ThrottledError` (with Retry-After) before it.
 *
 * Network failures never reach middleware; `client/request.ts` maps them with `networkError`.
 */
import type {
  Bundle,
  HttpRequestOptionsWithUrl,
  HttpResponse,
  ZObject,
} from 'zapier-platform-core';
import { contract } from './request.js';
import type { ErrorBody } from './schemas.js';
import { APP_VERSION } from './version.js';

export const REGIONS = {
  us: { label: 'US', baseUrl: 'https://api.nps-feedback.example/v1' },
  eu: { label: 'EU', baseUrl: 'https://api.eu.nps-feedback.example/v1' },
} as const;
export type Region = keyof typeof REGIONS;

/** Contains "Zapier", which core relies on to log our requests once, not twice. */
export const USER_AGENT = `NPS-Feedback-Zapier/${APP_VERSION}`;

export const regionOf = (authData: Bundle['authData'] | undefined): Region =>
  authData?.region === 'eu' ? 'eu' : 'us';

/** 127.0.0.0/8, localhost and [::1]: the machine itself. */
const isLoopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' ||
  hostname === '[::1]' ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/**
 * Why an NPS_API_BASE_URL cannot be used (the API key would travel unencrypted or to a host
 * nobody meant), or null when it can: https anywhere, plain http only on loopback (the sandbox).
 */
export const baseUrlProblem = (value: string): string | null => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'it is not a URL';
  }
  if (url.username || url.password) return 'it carries a user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return url.protocol === 'http:'
    ? `plain http is allowed only on loopback (127.0.0.0/8, localhost, [::1]), not for ${url.hostname}`
    : `its scheme ${url.protocol.replace(/:$/, '')} is not https`;
};

/** Thrown when NPS_API_BASE_URL is set to a URL the API key must not be sent to. */
export class BaseUrlError extends Error {
  constructor(problem: string) {
    super(
      `NPS_API_BASE_URL cannot be used: ${problem}. Set it to an https URL (or http on ` +
        `127.0.0.1, localhost or [::1] for a local sandbox), or remove it to use the region's server.`,
    );
    this.name = 'BaseUrlError';
  }
}

/**
 * The API base URL: NPS_API_BASE_URL when set (tests, the sandbox), else the region's server.
 * An override that is not https (or http on loopback) is refused with BaseUrlError rather than
 * ignored, so a misconfigured environment is seen at once instead of silently calling production.
 */
export const baseUrlFor = (authData: Bundle['authData'] | undefined): string => {
  const override = process.env.NPS_API_BASE_URL?.trim();
  if (override) {
    const problem = baseUrlProblem(override);
    if (problem) throw new BaseUrlError(problem);
  }
  return (override || REGIONS[regionOf(authData)].baseUrl).replace(/\/+$/, '');
};

/** True when `url` is the base URL or under it (same origin, path below the base path). */
export const isUnderBaseUrl = (url: string, base: string): boolean => {
  try {
    const target = new URL(url);
    const root = new URL(base);
    if (target.origin !== root.origin) return false;
    const basePath = root.pathname.replace(/\/+$/, '');
    return !basePath || target.pathname === basePath || target.pathname.startsWith(`${basePath}/`);
  } catch {
    return false;
  }
};

/** Data our own calls hand to afterResponse through core's `middlewareData`. */
export interface CallInfo {
  /** "GET /responses": what error messages name. Never carries identity values or secrets. */
  endpoint: string;
  /** Statuses the calling operation handles itself (a search by id turns 404 into no result). */
  handledStatuses?: number[];
  /** The operation's own words for a refused replay (409 idempotency_mismatch). */
  replayMismatch?: string;
}

export const addApiDefaults = (
  request: HttpRequestOptionsWithUrl,
  z: ZObject,
  bundle: Bundle,
): HttpRequestOptionsWithUrl => {
  let base: string;
  try {
    base = baseUrlFor(bundle.authData);
  } catch (error) {
    if (error instanceof BaseUrlError) {
      throw withoutContext(new z.errors.Error(error.message, 'invalid_base_url', 0));
    }
    throw error;
  }
  if (request.url.startsWith('/')) {
    request.url = `${base}${request.url}`;
  }
  // The API key goes to the resolved base URL only, never to an absolute URL elsewhere; any
  // Authorization header a caller set for such a URL is removed too.
  const apiKey = isUnderBaseUrl(request.url, base) ? bundle.authData?.api_key?.trim() : undefined;
  const ours: Record<string, string> = {
    Accept: 'application/json',
    'User-Agent': USER_AGENT,
    ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
  };
  const names = new Set([...Object.keys(ours), 'Authorization'].map((name) => name.toLowerCase()));
  const kept = Object.entries(request.headers ?? {}).filter(
    ([name]) => !names.has(name.toLowerCase()),
  );
  request.headers = { ...Object.fromEntries(kept), ...ours };
  return request;
};

/**
 * A list's cursor the platform no longer accepts (400 with `param: cursor`: it is valid for 24
 * hours and only with the filters it was issued for). Paging then starts again from the top.
 */
export const isExpiredCursorError = (error: unknown): boolean => {
  const e = error as { name?: unknown; status?: unknown; param?: unknown } | null;
  return e?.name === 'HaltedError' && e.status === 400 && e.param === 'cursor';
};

/** Every call goes through `sendApiCall`, which names its endpoint in `middlewareData`. */
const callInfoOf = (response: HttpResponse): CallInfo => {
  const data = response.request.middlewareData as Partial<CallInfo> | undefined;
  return {
    endpoint: data?.endpoint ?? `${response.request.method ?? 'GET'} request`,
    handledStatuses: data?.handledStatuses,
    replayMismatch: data?.replayMismatch,
  };
};

/** Removes the API key from any text that may reach a user or a log. */
export const redact = (text: string, bundle: Bundle | undefined): string => {
  const key = bundle?.authData?.api_key?.trim();
  return key && key.length >= 4 ? text.split(key).join('[redacted]') : text;
};

export const parseErrorBody = async (
  response: HttpResponse,
): Promise<ErrorBody['error'] | undefined> => {
  const parsed = (await contract()).errorBodySchema.safeParse(response.data);
  return parsed.success ? parsed.data.error : undefined;
};

const FIELD_WORDS: Record<string, string> = {
  email: 'email address',
  customer_id: 'customer ID',
  account_number: 'account number',
  salesforce_contact_id: 'Salesforce contact ID',
  hubspot_contact_id: 'HubSpot contact ID',
  pipedrive_person_id: 'Pipedrive person ID',
};

/**
 * Words a marketer understands for an identity conflict on `param` (e.g.
 * `crm_ids.hubspot_contact_id`). The platform's own message is left out: it echoes the value
 * (an email is personal data, and error messages end up in Zap History and logs).
 */
export const identityConflictMessage = (param: string | undefined): string => {
  const field = (param ?? '').split('.').pop() ?? '';
  const words = FIELD_WORDS[field] ?? (field || 'identity value');
  return (
    `Another contact already has this ${words}` +
    (param ? ` (field: ${param})` : '') +
    `. Each email, customer ID, account number and CRM ID can belong to only one contact, ` +
    `so the platform did not move it. Match on that ${words} instead, or clear it on the other ` +
    `contact first.`
  );
};

/**
 * Core appends "What happened: … with bundle {inputData}" to an error's message unless the error
 * says `doNotContextify`; that would put respondents' comments and note bodies into what users and
 * logs see. Every error this app throws goes through here (z.errors.Error already sets it).
 */
export const withoutContext = <E extends Error>(error: E): E => {
  (error as E & { doNotContextify?: boolean }).doNotContextify = true;
  return error;
};

/** Ends a message from the API with exactly one period. */
const sentence = (text: string): string =>
  /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;

const fieldSuffix = (param: string | undefined) => (param ? ` (field: ${param})` : '');

/**
 * Maps an error answer to the Zapier error class a user should get:
 * 401 → ExpiredAuthError (reconnect), 403 → Error naming the scope, 400/404/409/422 → HaltedError
 * with the API's message and field, 5xx → retryable Error with status, endpoint and message.
 */
export const mapApiErrors = async (
  response: HttpResponse,
  z: ZObject,
  bundle: Bundle,
): Promise<HttpResponse> => {
  const { status } = response;
  if (status < 400) return response;
  const info = callInfoOf(response);
  if (info.handledStatuses?.includes(status)) return response;

  const apiError = await parseErrorBody(response);
  const apiMessage = redact(apiError?.message ?? `HTTP ${status}`, bundle);
  const param = apiError?.param;
  const type = apiError?.type ?? 'unknown';

  if (status === 401) {
    if (type === 'wrong_region') {
      const current = regionOf(bundle.authData);
      const other: Region = current === 'us' ? 'eu' : 'us';
      throw withoutContext(
        new z.errors.ExpiredAuthError(
          `This NPS API key belongs to the ${REGIONS[other].label} region, but the connection is set ` +
            `to the ${REGIONS[current].label} region. Reconnect your NPS Feedback account and pick ` +
            `the ${REGIONS[other].label} region.`,
        ),
      );
    }
    throw withoutContext(
      new z.errors.ExpiredAuthError(
        `The NPS Feedback platform did not accept the API key of this connection (${apiMessage}). ` +
          `Reconnect your NPS Feedback account with a valid API key (Settings → API keys).`,
      ),
    );
  }
  if (status === 403) {
    const scope = apiError?.required_scope;
    throw new z.errors.Error(
      scope
        ? `The API key of this connection lacks the "${scope}" scope needed for ${info.endpoint}. ` +
            `Create a key with the "${scope}" scope in the NPS platform and reconnect. (${apiMessage})`
        : `The API key of this connection is not allowed to call ${info.endpoint}: ${apiMessage}`,
      'permission_denied',
      403,
    );
  }
  if (status === 409 && type === 'idempotency_in_progress') {
    // The first attempt of this very step is still running on the platform: try again shortly.
    throw new z.errors.ThrottledError(
      `The same step is still being processed by the NPS platform (${apiMessage}). Zapier will retry it shortly.`,
      5,
    );
  }
  if (status === 409 && type === 'idempotency_mismatch') {
    // A replay of a step whose time input moved (e.g. "in 3 days" resolved again) gets here;
    // the operation says which step it was and what was not done twice.
    const words =
      info.replayMismatch ??
      `This step already ran in the last 24 hours with the same Idempotency-Key and other ` +
        `inputs. The NPS platform kept the first run, so nothing was done twice.`;
    throw withoutContext(
      new z.errors.HaltedError(`${words} (The platform said: ${sentence(apiMessage)})`),
    );
  }
  if (status === 409 && type === 'identity_conflict') {
    throw withoutContext(new z.errors.HaltedError(identityConflictMessage(param)));
  }
  if (status === 400 || status === 404 || status === 409 || status === 422) {
    const error = withoutContext(
      new z.errors.HaltedError(
        `The NPS platform refused ${info.endpoint}: ${apiMessage}${fieldSuffix(param)}`,
      ),
    );
    // Paging recognises an expired cursor (400 with `param: cursor`) by these.
    throw Object.assign(error, { status, param });
  }
  if (status >= 500) {
    throw new z.errors.Error(
      `The NPS platform had a temporary problem (HTTP ${status}) with ${info.endpoint}: ${sentence(apiMessage)} ` +
        `It is safe to retry; Zapier's Autoreplay will try again.`,
      'server_error',
      status,
    );
  }
  throw new z.errors.Error(
    `The NPS platform answered HTTP ${status} to ${info.endpoint}: ${apiMessage}${fieldSuffix(param)}`,
    type,
    status,
  );
};
