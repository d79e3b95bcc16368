/**
 * The two axes of the fault matrix (./faults.test.ts): every operation that calls the API, with
 * inputs that pass its checks, and every way a call can fail (statuses and bodies from nock; a
 * reset and a timeout from loopback servers, set up by the test).
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { API_KEY, BASE_URL, app } from '../helpers/app.js';
import { SECRET, TARGET_URL } from '../fixtures/triggers.js';

export type Run = (z: ZObject, bundle: Bundle) => unknown;
export interface Op {
  name: string;
  run: Run;
  bundle: Record<string, unknown>;
}

const ORIGIN = new URL(BASE_URL).origin;

// ------------------------------------------------------------------ the operations

const fn = (value: unknown): Run => value as Run;
type TriggerOp = {
  perform?: unknown;
  performList?: unknown;
  performSubscribe?: unknown;
  performUnsubscribe?: unknown;
};
const triggers = app.triggers as unknown as Record<string, { operation: TriggerOp }>;
const searches = app.searches as unknown as Record<string, { operation: { perform: unknown } }>;
const creates = app.creates as unknown as Record<string, { operation: { perform: unknown } }>;

export const ops: Op[] = [
  {
    name: 'authentication test (GET /me)',
    run: fn((app.authentication as { test: unknown }).test),
    bundle: {},
  },
];
for (const [key, { operation }] of Object.entries(triggers)) {
  if (operation.performList) {
    ops.push({ name: `${key}.performList`, run: fn(operation.performList), bundle: {} });
    ops.push({
      name: `${key}.performSubscribe`,
      run: fn(operation.performSubscribe),
      bundle: { targetUrl: TARGET_URL },
    });
    ops.push({
      name: `${key}.performUnsubscribe`,
      run: fn(operation.performUnsubscribe),
      bundle: { subscribeData: { id: 'wh_1', secret: SECRET } },
    });
  } else {
    ops.push({ name: `${key}.perform`, run: fn(operation.perform), bundle: {} });
  }
}
const searchInputs: Record<string, Record<string, unknown>> = {
  find_contact: { identity_key: 'email', identity_value: 'ana@example.com' },
  find_response: { response_id: 'rsp_2b9x' },
  nps_report: { period: 'last_30_days', compare_previous: 'false' },
};
const createInputs: Record<string, Record<string, unknown>> = {
  upsert_contact: { identity_key: 'email', identity_value: 'ana@example.com', name: 'Ana' },
  send_survey: { survey_id: 'srv_q3nps', email: 'ana@example.com' },
  record_response: {
    survey_id: 'srv_q3nps',
    score: 3,
    email: 'ana@example.com',
    comment: 'Billing charged me twice, very disappointed',
  },
  add_note: { response_id: 'rsp_2b9x', body: 'Called Ana: refund issued' },
  update_response: { response_id: 'rsp_2b9x', follow_up_status: 'closed' },
  unsubscribe_contact: { identity_key: 'email', identity_value: 'ana@example.com' },
  cancel_invitation: { invitation_id: 'inv_5t2' },
};
for (const [key, { operation }] of Object.entries(searches)) {
  ops.push({
    name: key,
    run: fn(operation.perform),
    bundle: { inputData: searchInputs[key] ?? {} },
  });
}
for (const [key, { operation }] of Object.entries(creates)) {
  ops.push({
    name: key,
    run: fn(operation.perform),
    bundle: { inputData: createInputs[key] ?? {} },
  });
}

// ------------------------------------------------------------------ the faults

export interface Fault {
  name: string;
  install?: () => void;
  /** For faults that need a real server: the base URL to point the app at. */
  server?: 'reset';
  timeout?: true;
}

const error = (type: string, message: string, extra: Record<string, string> = {}) => ({
  error: { type, message, ...extra },
});
const everyMethod = (
  status: number,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => {
  const scope = nock(ORIGIN).persist();
  for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    scope.intercept(/.*/, m).reply(status, body as nock.Body, headers);
  }
};

export const faults: Fault[] = [
  {
    name: '400',
    install: () =>
      everyMethod(400, error('invalid_request', 'limit must be at most 100', { param: 'limit' })),
  },
  {
    name: '401',
    install: () => everyMethod(401, error('authentication_failed', `Unknown API key ${API_KEY}.`)),
  },
  {
    name: '403',
    install: () =>
      everyMethod(
        403,
        error('permission_denied', 'Missing scope.', { required_scope: 'responses:write' }),
      ),
  },
  {
    name: '404',
    install: () => everyMethod(404, error('not_found', 'No such thing in this workspace.')),
  },
  {
    name: '409',
    install: () =>
      everyMethod(
        409,
        error('identity_conflict', 'Another contact has this email.', { param: 'contact.email' }),
      ),
  },
  {
    name: '409 in progress',
    install: () =>
      everyMethod(
        409,
        error('idempotency_in_progress', 'A request with this Idempotency-Key is still running.'),
      ),
  },
  {
    name: '422',
    install: () =>
      everyMethod(422, error('invalid_request', 'An email is needed.', { param: 'contact.email' })),
  },
  {
    name: '429 Retry-After',
    install: () =>
      everyMethod(429, error('rate_limited', 'Too many requests.'), {
        'content-type': 'application/json',
        'retry-after': '17',
      }),
  },
  {
    name: '429',
    install: () => everyMethod(429, error('rate_limited', 'Too many requests.')),
  },
  { name: '500', install: () => everyMethod(500, error('server_error', 'Internal error.')) },
  {
    name: '502',
    install: () => everyMethod(502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' }),
  },
  { name: '503', install: () => everyMethod(503, error('server_error', 'Maintenance.')) },
  { name: 'timeout', timeout: true },
  { name: 'reset', server: 'reset' },
  {
    name: 'non-JSON 200',
    install: () => everyMethod(200, '<html>Login</html>', { 'content-type': 'text/html' }),
  },
  {
    name: 'contract-breaking 200',
    install: () => everyMethod(200, { data: 'nope', id: 42 }),
  },
];

// ------------------------------------------------------------------ classification
