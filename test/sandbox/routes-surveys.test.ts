/**
 * Conformance of the account, surveys, invitations and themes (sandbox/routes/me.ts, surveys.ts,
 * invitations.ts, themes.ts): the success and error statuses of each operation, every answer
 * validated against api/openapi.yaml; the statuses every operation shares (401, 403, 429, 5xx) are
 * conformance.test.ts's.
 */
import nock from 'nock';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { call, seededIds, unseenStatuses, type SeededIds } from './helpers.js';

let sb: Sandbox;
let ids: SeededIds;

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sb = await startSandbox({ analysisDelayMs: 20, retryScale: 0.0001 });
  ids = await seededIds(sb);
});

afterAll(async () => {
  await sb.close();
});

const invitations = () => `/surveys/${ids.surveyId}/invitations`;

test('GET /me', async () => {
  expect((await call(sb, 'GET', '/me')).status).toBe(200);
});

test('surveys: listed with a valid limit, read by id, 404 for another id', async () => {
  expect((await call(sb, 'GET', '/surveys?status=active')).status).toBe(200);
  expect((await call(sb, 'GET', '/surveys?limit=0')).body).toMatchObject({
    error: { type: 'invalid_request', param: 'limit' },
  });
  expect((await call(sb, 'GET', `/surveys/${ids.surveyId}`)).status).toBe(200);
  expect((await call(sb, 'GET', '/surveys/srv_nope')).status).toBe(404);
});

test('invitations: accepted, a bad body, a read-only key, an unknown survey, no phone for SMS, an identity conflict', async () => {
  const inv = invitations();
  const ro = sb.keys.readOnly;
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
});

test('one invitation: read, canceled twice with the same answer, a sent one refused', async () => {
  const ro = sb.keys.readOnly;
  const one = await call(sb, 'GET', `/invitations/${ids.invitationId}`);
  expect(one).toMatchObject({ status: 200, body: { id: ids.invitationId, status: 'scheduled' } });
  expect((await call(sb, 'GET', '/invitations/inv_nope')).status).toBe(404);
  expect(
    (await call(sb, 'POST', `/invitations/${ids.invitationId}/cancel`, { key: ro })).body,
  ).toMatchObject({ error: { type: 'permission_denied', required_scope: 'surveys:send' } });
  const canceled = await call(sb, 'POST', `/invitations/${ids.invitationId}/cancel`);
  expect(canceled).toMatchObject({ status: 200, body: { status: 'canceled' } });
  expect(await call(sb, 'POST', `/invitations/${ids.invitationId}/cancel`)).toMatchObject({
    status: 200,
    body: canceled.body as object,
  });
  expect((await call(sb, 'POST', '/invitations/inv_nope/cancel')).status).toBe(404);
  const now = await call(sb, 'POST', invitations(), {
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
});

test('themes: listed by survey, limit checked', async () => {
  expect((await call(sb, 'GET', `/themes?survey_id=${ids.surveyId}`)).status).toBe(200);
  expect((await call(sb, 'GET', '/themes?limit=500')).status).toBe(400);
});

test('coverage: every other status of these operations in the contract was produced', () => {
  expect(unseenStatuses('routes-surveys')).toEqual([]);
});
