/**
 * Conformance: every path and every status code the contract lists is produced by the sandbox,
 * and every answer and webhook body validates against api/openapi.yaml (with ajv); webhook
 * signatures verify with the standardwebhooks library.
 */
import nock from 'nock';
import { Webhook } from 'standardwebhooks';
import { operations } from '../../sandbox/contract.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { call, control, Receiver, seen, validateEvent } from './helpers.js';

let sb: Sandbox;
let receiver: Receiver;
let noScopes: string;
let surveyId: string;
let responseId: string;
let contactId: string;
let invitationId: string;

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sb = await startSandbox({ analysisDelayMs: 20, retryScale: 0.0001 });
  receiver = new Receiver();
  await receiver.start();
  noScopes = sb.createKey([]);
  const surveys = (await call(sb, 'GET', '/surveys')).body as { data: Array<{ id: string }> };
  surveyId = surveys.data[0]?.id ?? '';
  const responses = (await call(sb, 'GET', '/responses?limit=1')).body as {
    data: Array<{ id: string; contact: { id: string } }>;
  };
  responseId = responses.data[0]?.id ?? '';
  contactId = responses.data[0]?.contact.id ?? '';
  const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const invitation = await call(sb, 'POST', `/surveys/${surveyId}/invitations`, {
    body: { contact: { email: 'conf.later@example.com' }, send_at: later },
  });
  invitationId = (invitation.body as { id: string }).id;
});

afterAll(async () => {
  await sb.close();
  await receiver.stop();
});

function concrete(template: string, webhookId = 'wh_missing'): string {
  return template
    .replace('{survey_id}', surveyId)
    .replace('{response_id}', responseId)
    .replace('{contact_id}', contactId)
    .replace('{invitation_id}', invitationId)
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
    return { ...(sampleBodies.createResponse as object), survey_id: surveyId };
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
    const unauth = await call(sb, method, path, { key: null, body });
    expect(unauth.status).toBe(401);
    expect((unauth.body as { error: { type: string } }).error.type).toBe('authentication_failed');
    const region = await call(sb, method, path, { key: sb.keys.otherRegion, body });
    expect(region.status).toBe(401);
    expect((region.body as { error: { type: string; message: string } }).error).toMatchObject({
      type: 'wrong_region',
    });
    expect((region.body as { error: { message: string } }).error.message).toMatch(/EU/);
    if (op.requiredScope) {
      const forbidden = await call(sb, method, path, { key: noScopes, body });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toMatchObject({
        error: { type: 'permission_denied', required_scope: op.requiredScope },
      });
    }
    const apiPath = path.split('?')[0] ?? '';
    for (const kind of ['429', '500', '502', '503'] as const) {
      sb.injectFaults([{ kind, path: apiPath, method, retry_after: 2 }]);
      const r = await call(sb, method, path, { body });
      expect(r.status).toBe(Number(kind));
      if (kind === '429') expect(r.headers.get('retry-after')).toBe('2');
    }
  }
});

test('success and error statuses of each operation', async () => {
  const ro = sb.keys.readOnly;
  // account
  expect((await call(sb, 'GET', '/me')).status).toBe(200);
  // surveys
  expect((await call(sb, 'GET', '/surveys?status=active')).status).toBe(200);
  expect((await call(sb, 'GET', '/surveys?limit=0')).body).toMatchObject({
    error: { type: 'invalid_request', param: 'limit' },
  });
  expect((await call(sb, 'GET', `/surveys/${surveyId}`)).status).toBe(200);
  expect((await call(sb, 'GET', '/surveys/srv_nope')).status).toBe(404);
  // invitations
  const inv = `/surveys/${surveyId}/invitations`;
  expect(
    (await call(sb, 'POST', inv, { body: { contact: { email: 'new.person@example.com' } } }))
      .status,
  ).toBe(202);
  expect(
    (await call(sb, 'POST', inv, { body: { contact: { email: 'a@example.com' }, bogus: 1 } }))
      .status,
  ).toBe(400);
  expect(
    (await call(sb, 'POST', inv, { key: ro, body: { contact: { email: 'a@example.com' } } }))
      .status,
  ).toBe(403);
  expect(
    (
      await call(sb, 'POST', '/surveys/srv_nope/invitations', {
        body: { contact: { email: 'a@example.com' } },
      })
    ).status,
  ).toBe(404);
  const sms = await call(sb, 'POST', inv, {
    body: { contact: { customer_id: 'NO-PHONE-1' }, channel: 'sms' },
  });
  expect(sms.status).toBe(422);
  expect(sms.body).toMatchObject({ error: { param: 'contact.phone' } });
  await call(sb, 'PUT', '/contacts?match_on=customer_id', {
    body: { customer_id: 'CONF-A', email: 'conf.a@example.com' },
  });
  await call(sb, 'PUT', '/contacts?match_on=customer_id', { body: { customer_id: 'CONF-B' } });
  const conflict = await call(sb, 'POST', inv, {
    body: { contact: { customer_id: 'CONF-B', email: 'conf.a@example.com' } },
  });
  expect(conflict.status).toBe(409);
  // one invitation (1.3): read, cancel (twice: the same answer), and a sent one refused
  const one = await call(sb, 'GET', `/invitations/${invitationId}`);
  expect(one).toMatchObject({ status: 200, body: { id: invitationId, status: 'scheduled' } });
  expect((await call(sb, 'GET', '/invitations/inv_nope')).status).toBe(404);
  expect(
    (await call(sb, 'POST', `/invitations/${invitationId}/cancel`, { key: ro })).body,
  ).toMatchObject({ error: { type: 'permission_denied', required_scope: 'surveys:send' } });
  const canceled = await call(sb, 'POST', `/invitations/${invitationId}/cancel`);
  expect(canceled).toMatchObject({ status: 200, body: { status: 'canceled' } });
  expect(await call(sb, 'POST', `/invitations/${invitationId}/cancel`)).toMatchObject({
    status: 200,
    body: canceled.body as object,
  });
  expect((await call(sb, 'POST', '/invitations/inv_nope/cancel')).status).toBe(404);
  const now = await call(sb, 'POST', inv, {
    body: { contact: { email: 'conf.now@example.com' } },
  });
  const sentId = (now.body as { id: string }).id;
  expect((await call(sb, 'GET', `/invitations/${sentId}`)).body).toMatchObject({
    status: 'sent',
  });
  expect(await call(sb, 'POST', `/invitations/${sentId}/cancel`)).toMatchObject({
    status: 409,
    body: { error: { type: 'invitation_not_cancelable' } },
  });
  // themes
  expect((await call(sb, 'GET', `/themes?survey_id=${surveyId}`)).status).toBe(200);
  expect((await call(sb, 'GET', '/themes?limit=500')).status).toBe(400);
  // responses
  expect(
    (await call(sb, 'GET', '/responses?segment=detractor,passive&has_comment=true')).status,
  ).toBe(200);
  expect((await call(sb, 'GET', '/responses?cursor=garbage')).body).toMatchObject({
    error: { param: 'cursor' },
  });
  const created = await call(sb, 'POST', '/responses', {
    body: {
      survey_id: surveyId,
      score: 3,
      comment: 'Support never answered.',
      contact: { email: 'conf.resp@example.com' },
    },
    headers: { 'idempotency-key': 'conf-1' },
  });
  expect(created.status).toBe(201);
  expect((await call(sb, 'POST', '/responses', { rawBody: '{"survey_id": ' })).status).toBe(400);
  expect(
    (
      await call(sb, 'POST', '/responses', {
        body: { survey_id: 'srv_nope', score: 3, contact: { email: 'x@example.com' } },
      })
    ).status,
  ).toBe(404);
  const mismatch = await call(sb, 'POST', '/responses', {
    body: { survey_id: surveyId, score: 4, contact: { email: 'conf.resp@example.com' } },
    headers: { 'idempotency-key': 'conf-1' },
  });
  expect(mismatch.body).toMatchObject({ error: { type: 'idempotency_mismatch' } });
  const eleven = await call(sb, 'POST', '/responses', {
    body: { survey_id: surveyId, score: 11, contact: { email: 'x@example.com' } },
  });
  expect(eleven.body).toMatchObject({ error: { type: 'invalid_request', param: 'score' } });
  expect(eleven.status).toBe(422);
  expect((await call(sb, 'GET', `/responses/${responseId}`)).status).toBe(200);
  expect((await call(sb, 'GET', '/responses/rsp_nope')).status).toBe(404);
  // update
  expect(
    (
      await call(sb, 'PATCH', `/responses/${responseId}`, {
        body: { follow_up: { status: 'open' } },
      })
    ).status,
  ).toBe(200);
  expect((await call(sb, 'PATCH', `/responses/${responseId}`, { body: {} })).status).toBe(400);
  expect(
    (await call(sb, 'PATCH', '/responses/rsp_nope', { body: { tags: { add: ['a'] } } })).status,
  ).toBe(404);
  const badOwner = await call(sb, 'PATCH', `/responses/${responseId}`, {
    body: { follow_up: { owner_email: 'not-an-email' } },
  });
  expect(badOwner).toMatchObject({
    status: 422,
    body: { error: { param: 'follow_up.owner_email' } },
  });
  // notes
  const notes = `/responses/${responseId}/notes`;
  expect(
    (
      await call(sb, 'POST', notes, {
        body: { body: 'Called the customer.' },
        headers: { 'idempotency-key': 'n1' },
      })
    ).status,
  ).toBe(201);
  expect((await call(sb, 'POST', notes, { body: { text: 'x' } })).status).toBe(400);
  expect(
    (await call(sb, 'POST', '/responses/rsp_nope/notes', { body: { body: 'x' } })).status,
  ).toBe(404);
  expect(
    (
      await call(sb, 'POST', notes, {
        body: { body: 'Other' },
        headers: { 'idempotency-key': 'n1' },
      })
    ).status,
  ).toBe(409);
  expect((await call(sb, 'POST', notes, { body: { body: '' } })).status).toBe(422);
  // contacts
  expect((await call(sb, 'GET', '/contacts?email=CONF.A@example.com')).status).toBe(200);
  expect((await call(sb, 'GET', '/contacts?email=a@example.com&customer_id=1')).status).toBe(400);
  expect(
    (
      await call(sb, 'PUT', '/contacts?match_on=email', {
        body: { email: 'brand.new@example.com' },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await call(sb, 'PUT', '/contacts?match_on=email', {
        body: { email: 'Brand.New@example.com ', name: 'B' },
      })
    ).status,
  ).toBe(200);
  expect((await call(sb, 'PUT', '/contacts?match_on=nope', { body: {} })).status).toBe(400);
  expect(
    (
      await call(sb, 'PUT', '/contacts?match_on=customer_id', {
        body: { customer_id: 'CONF-B', email: 'conf.a@example.com' },
      })
    ).status,
  ).toBe(409);
  expect(
    (await call(sb, 'PUT', '/contacts?match_on=email', { body: { name: 'No email' } })).body,
  ).toMatchObject({ error: { param: 'email' } });
  expect(
    (
      await call(sb, 'PUT', '/contacts?match_on=email', {
        body: { email: 'x@example.com', phone: '555-1234' },
      })
    ).body,
  ).toMatchObject({ error: { param: 'phone' } });
  // contact properties (1.2): listed in display order, typed writes refused with 422
  const props = await call(sb, 'GET', '/contact-properties');
  expect(props.status).toBe(200);
  expect((props.body as { data: Array<{ key: string }> }).data.map((p) => p.key)).toEqual([
    'plan',
    'seats',
    'renewal_date',
    'churn_risk',
    'region',
  ]);
  expect(
    (await call(sb, 'GET', '/contact-properties', { key: sb.createKey(['responses:read']) }))
      .status,
  ).toBe(403);
  expect(
    (
      await call(sb, 'PUT', '/contacts?match_on=email', {
        body: { email: 'typed@example.com', properties: { seats: 'ten' } },
      })
    ).body,
  ).toMatchObject({ error: { type: 'invalid_request', param: 'properties.seats' } });
  expect(
    await call(sb, 'POST', inv, {
      body: { contact: { email: 'typed@example.com', properties: { plan: 'platinum' } } },
    }),
  ).toMatchObject({ status: 422, body: { error: { param: 'contact.properties.plan' } } });
  expect(
    await call(sb, 'POST', inv, {
      body: { contact: { email: 'typed@example.com' }, properties: { churn_risk: 'yes' } },
    }),
  ).toMatchObject({ status: 422, body: { error: { param: 'properties.churn_risk' } } });
  expect(
    await call(sb, 'POST', '/responses', {
      body: {
        survey_id: surveyId,
        score: 6,
        contact: { email: 'typed@example.com', properties: { renewal_date: '2027-02-30' } },
      },
    }),
  ).toMatchObject({ status: 422, body: { error: { param: 'contact.properties.renewal_date' } } });
  expect(
    await call(sb, 'POST', '/responses', {
      body: {
        survey_id: surveyId,
        score: 6,
        contact: { email: 'typed@example.com' },
        properties: { region: 'x'.repeat(1001) },
      },
    }),
  ).toMatchObject({ status: 422, body: { error: { param: 'properties.region' } } });
  expect((await call(sb, 'GET', `/contacts/${contactId}`)).status).toBe(200);
  expect((await call(sb, 'GET', '/contacts/con_nope')).status).toBe(404);
  expect((await call(sb, 'POST', `/contacts/${contactId}/unsubscribe`)).status).toBe(200);
  expect((await call(sb, 'POST', '/contacts/con_nope/unsubscribe')).status).toBe(404);
  // metrics
  expect(
    (
      await call(
        sb,
        'GET',
        '/metrics/nps?since=2026-01-01T00:00:00Z&group_by=week&timezone=America/New_York',
      )
    ).status,
  ).toBe(200);
  expect(
    (await call(sb, 'GET', '/metrics/nps?since=2026-01-01T00:00:00Z&timezone=Mars/Olympus')).body,
  ).toMatchObject({ error: { param: 'timezone' } });
  expect((await call(sb, 'GET', '/metrics/nps')).body).toMatchObject({ error: { param: 'since' } });
  // events
  const events = await call(
    sb,
    'GET',
    '/events?type=response.created,contact.unsubscribed&limit=100',
  );
  expect(events.status).toBe(200);
  expect((await call(sb, 'GET', '/events?limit=abc')).status).toBe(400);
  const respOnly = sb.createKey(['responses:read']);
  expect(
    (await call(sb, 'GET', '/events?type=contact.unsubscribed', { key: respOnly })).body,
  ).toMatchObject({
    error: { required_scope: 'contacts:read' },
  });
  // webhooks
  const hook = await call(sb, 'POST', '/webhooks', {
    body: { url: `${receiver.url}/a`, events: ['response.created'] },
  });
  expect(hook.status).toBe(201);
  const again = await call(sb, 'POST', '/webhooks', {
    body: { url: `${receiver.url}/a`, events: ['response.analyzed'] },
  });
  expect(again.status).toBe(200);
  expect(
    (await call(sb, 'POST', '/webhooks', { body: { url: `${receiver.url}/a`, events: [] } }))
      .status,
  ).toBe(422);
  expect(
    (
      await call(sb, 'POST', '/webhooks', {
        body: { url: 'http://example.com/hook', events: ['response.created'] },
      })
    ).body,
  ).toMatchObject({
    error: { param: 'url' },
  });
  expect(
    (await call(sb, 'POST', '/webhooks', { body: { events: ['response.created'] } })).status,
  ).toBe(400);
  expect((await call(sb, 'GET', '/webhooks')).status).toBe(200);
  const hookId = (hook.body as { id: string }).id;
  expect((await call(sb, 'DELETE', `/webhooks/${hookId}`)).status).toBe(204);
  expect((await call(sb, 'DELETE', `/webhooks/${hookId}`)).status).toBe(404);
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

test('every webhook body matches the Event schema and its signature verifies', async () => {
  const hook = await call(sb, 'POST', '/webhooks', {
    body: {
      url: `${receiver.url}/all`,
      events: [
        'response.created',
        'response.analyzed',
        'response.updated',
        'contact.segment_changed',
        'contact.unsubscribed',
        'invitation.failed',
      ],
    },
  });
  const secret = (hook.body as { secret: string }).secret;
  const email = 'hooked@example.com';
  await control(sb, 'POST', '/_sandbox/responses', {
    survey_id: surveyId,
    score: 10,
    comment: 'Great support!',
    contact: { email },
  });
  const second = await control(sb, 'POST', '/_sandbox/responses', {
    survey_id: surveyId,
    score: 2,
    comment: 'Muy lento.',
    contact: { email },
  });
  expect(second.status).toBe(201);
  const rid = (second.body as { id: string }).id;
  await call(sb, 'PATCH', `/responses/${rid}`, { body: { tags: { add: ['vip'] } } });
  const contact = (second.body as { contact: { id: string } }).contact.id;
  await call(sb, 'POST', `/contacts/${contact}/unsubscribe`);
  await call(sb, 'POST', `/surveys/${surveyId}/invitations`, {
    body: { contact: { email: 'hooked@bounce.example' } },
  });
  await sb.settle();
  const mine = receiver.received.filter((r) => r.path === '/all');
  const types = new Set(mine.map((r) => (JSON.parse(r.body) as { type: string }).type));
  expect([...types].sort()).toEqual([
    'contact.segment_changed',
    'contact.unsubscribed',
    'invitation.failed',
    'response.analyzed',
    'response.created',
    'response.updated',
  ]);
  const wh = new Webhook(secret);
  for (const r of mine) {
    const payload = JSON.parse(r.body) as { id: string };
    validateEvent(payload);
    expect(r.headers['webhook-id']).toBe(payload.id);
    expect(() => wh.verify(r.body, r.headers)).not.toThrow();
  }
  // GET /events lists the same bodies.
  const listed = await call(sb, 'GET', '/events?limit=100');
  for (const e of (listed.body as { data: unknown[] }).data) validateEvent(e);
  await call(sb, 'DELETE', `/webhooks/${(hook.body as { id: string }).id}`);
});

test('malformed, reset, timeout and drop_after_commit faults', async () => {
  sb.injectFaults([{ kind: 'malformed', path: '/me' }]);
  const malformed = await fetch(`${sb.baseUrl}/me`, {
    headers: { authorization: `Bearer ${sb.keys.live}` },
  });
  expect(malformed.status).toBe(200);
  await expect(malformed.clone().json()).rejects.toThrow();
  await malformed.text();
  sb.injectFaults([{ kind: 'reset', path: '/me' }]);
  await expect(
    fetch(`${sb.baseUrl}/me`, { headers: { authorization: `Bearer ${sb.keys.live}` } }),
  ).rejects.toThrow();
  sb.injectFaults([{ kind: 'timeout', path: '/me' }]);
  await expect(
    fetch(`${sb.baseUrl}/me`, {
      headers: { authorization: `Bearer ${sb.keys.live}` },
      signal: AbortSignal.timeout(200),
    }),
  ).rejects.toThrow();
  const faults = await control(sb, 'POST', '/_sandbox/faults', {
    faults: [{ kind: 'drop_after_commit', path: '/responses', method: 'POST' }],
  });
  expect(faults.status).toBe(200);
  const body = { survey_id: surveyId, score: 8, contact: { customer_id: 'DROP-1' } };
  const headers = {
    authorization: `Bearer ${sb.keys.live}`,
    'content-type': 'application/json',
    'idempotency-key': 'drop-1',
  };
  await expect(
    fetch(`${sb.baseUrl}/responses`, { method: 'POST', headers, body: JSON.stringify(body) }),
  ).rejects.toThrow();
  const retry = await call(sb, 'POST', '/responses', {
    body,
    headers: { 'idempotency-key': 'drop-1' },
  });
  expect(retry.status).toBe(201);
  expect(retry.headers.get('idempotent-replayed')).toBe('true');
  const list = await call(sb, 'GET', '/responses?customer_id=DROP-1');
  expect((list.body as { data: unknown[] }).data).toHaveLength(1);
});

test('coverage: every status code of every operation in the contract was produced', () => {
  const missing: string[] = [];
  for (const op of operations) {
    for (const status of op.statuses) {
      const k = `${op.method} ${op.path} ${status}`;
      if (!seen.has(k)) missing.push(k);
    }
  }
  expect(missing).toEqual([]);
});
