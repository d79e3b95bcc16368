/**
 * Conformance of the API's pipeline (sandbox/api.ts): the statuses every operation shares, 401
 * (no key, the other region's key), 403 (a key without the scope), 429 and 5xx, a real rate
 * limit, and the faults that answer instead of the API; every answer validates against
 * api/openapi.yaml (with ajv). Each operation's own success and error statuses are produced by
 * the suite of its routes (STATUS_SUITES: routes-*.test.ts); signed webhook bodies are checked
 * in webhooks.test.ts.
 */
import { operations } from '../../sandbox/contract.js';
import { startSandbox } from '../../sandbox/server.js';
import { call, conformanceSandbox, control, STATUS_SUITES, unseenStatuses } from './helpers.js';

const suite = conformanceSandbox();

let noScopes: string;

beforeAll(() => {
  noScopes = suite.sb.createKey([]);
});

function concrete(template: string, webhookId = 'wh_missing'): string {
  return template
    .replace('{survey_id}', suite.ids.surveyId)
    .replace('{response_id}', suite.ids.responseId)
    .replace('{contact_id}', suite.ids.contactId)
    .replace('{invitation_id}', suite.ids.invitationId)
    .replace('{webhook_id}', webhookId);
}

const sampleBodies: Record<string, unknown> = {
  createInvitation: { contact: { email: 'conformance@example.com' }, respect_throttle: false },
  createResponse: { survey_id: '', score: 9, contact: { email: 'conformance@example.com' } },
  updateResponse: { tags: { add: ['x'] } },
  createNote: { body: 'hello' },
  upsertContact: { email: 'conformance@example.com' },
  createWebhook: { url: 'http://127.0.0.1:1/hook', events: ['response.created'] },
};

function bodyFor(operationId: string): unknown {
  if (operationId === 'createResponse')
    return { ...(sampleBodies.createResponse as object), survey_id: suite.ids.surveyId };
  return sampleBodies[operationId];
}

function pathFor(operationId: string, template: string): string {
  if (operationId === 'upsertContact') return '/contacts?match_on=email';
  if (operationId === 'getNpsMetrics') return '/metrics/nps?since=2026-01-01T00:00:00Z';
  return concrete(template);
}

test('generic statuses for every operation: 401, 403, 429 and 5xx from faults', async () => {
  for (const op of operations) {
    const method = op.method.toUpperCase();
    const path = pathFor(op.operationId, op.path);
    const body = bodyFor(op.operationId);
    const unauth = await call(suite.sb, method, path, { key: null, body });
    expect(unauth.status).toBe(401);
    expect((unauth.body as { error: { type: string } }).error.type).toBe('authentication_failed');
    const region = await call(suite.sb, method, path, { key: suite.sb.keys.otherRegion, body });
    expect(region.status).toBe(401);
    expect((region.body as { error: { type: string; message: string } }).error).toMatchObject({
      type: 'wrong_region',
    });
    expect((region.body as { error: { message: string } }).error.message).toMatch(/EU/);
    if (op.requiredScope) {
      const forbidden = await call(suite.sb, method, path, { key: noScopes, body });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toMatchObject({
        error: { type: 'permission_denied', required_scope: op.requiredScope },
      });
    }
    const apiPath = path.split('?')[0] ?? '';
    for (const kind of ['429', '500', '502', '503'] as const) {
      suite.sb.injectFaults([{ kind, path: apiPath, method, retry_after: 2 }]);
      const r = await call(suite.sb, method, path, { body });
      expect(r.status).toBe(Number(kind));
      if (kind === '429') expect(r.headers.get('retry-after')).toBe('2');
    }
  }
});

test('a real rate limit: 429 with Retry-After once the per-minute budget is spent', async () => {
  const small = await startSandbox({ rateLimitPerMinute: 3 });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(small, 'GET', '/me')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(small, 'GET', '/me');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  } finally {
    await small.close();
  }
});

test('malformed, reset, timeout and drop_after_commit faults', async () => {
  suite.sb.injectFaults([{ kind: 'malformed', path: '/me' }]);
  const malformed = await fetch(`${suite.sb.baseUrl}/me`, {
    headers: { authorization: `Bearer ${suite.sb.keys.live}` },
  });
  expect(malformed.status).toBe(200);
  await expect(malformed.clone().json()).rejects.toThrow();
  await malformed.text();
  suite.sb.injectFaults([{ kind: 'reset', path: '/me' }]);
  await expect(
    fetch(`${suite.sb.baseUrl}/me`, { headers: { authorization: `Bearer ${suite.sb.keys.live}` } }),
  ).rejects.toThrow();
  suite.sb.injectFaults([{ kind: 'timeout', path: '/me' }]);
  await expect(
    fetch(`${suite.sb.baseUrl}/me`, {
      headers: { authorization: `Bearer ${suite.sb.keys.live}` },
      signal: AbortSignal.timeout(200),
    }),
  ).rejects.toThrow();
  const faults = await control(suite.sb, 'POST', '/_sandbox/faults', {
    faults: [{ kind: 'drop_after_commit', path: '/responses', method: 'POST' }],
  });
  expect(faults.status).toBe(200);
  const body = { survey_id: suite.ids.surveyId, score: 8, contact: { customer_id: 'DROP-1' } };
  const headers = {
    authorization: `Bearer ${suite.sb.keys.live}`,
    'content-type': 'application/json',
    'idempotency-key': 'drop-1',
  };
  await expect(
    fetch(`${suite.sb.baseUrl}/responses`, { method: 'POST', headers, body: JSON.stringify(body) }),
  ).rejects.toThrow();
  const retry = await call(suite.sb, 'POST', '/responses', {
    body,
    headers: { 'idempotency-key': 'drop-1' },
  });
  expect(retry.status).toBe(201);
  expect(retry.headers.get('idempotent-replayed')).toBe('true');
  const list = await call(suite.sb, 'GET', '/responses?customer_id=DROP-1');
  expect((list.body as { data: unknown[] }).data).toHaveLength(1);
});

test('coverage: the statuses every operation shares were produced for each of them', () => {
  expect(unseenStatuses('generic')).toEqual([]);
});

test('every operation of the contract has a suite for its other statuses', () => {
  const covered = Object.values(STATUS_SUITES).flat();
  expect([...covered].sort()).toEqual(operations.map((op) => op.operationId).sort());
});
