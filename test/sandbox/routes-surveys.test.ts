/**
 * Conformance of the account, surveys, invitations and themes (sandbox/routes/me.ts, surveys.ts,
 * invitations.ts, themes.ts): the success and error statuses of each operation, every answer
 * validated against api/openapi.yaml; the statuses every operation shares (401, 403, 429, 5xx) are
 * conformance.test.ts's.
 */
import { call, conformanceSandbox, unseenStatuses } from './helpers.js';

const suite = conformanceSandbox();

const invitations = () => `/surveys/${suite.ids.surveyId}/invitations`;

test('GET /me', async () => {
  expect((await call(suite.sb, 'GET', '/me')).status).toBe(200);
});

test('surveys: listed with a valid limit, read by id, 404 for another id', async () => {
  expect((await call(suite.sb, 'GET', '/surveys?status=active')).status).toBe(200);
  expect((await call(suite.sb, 'GET', '/surveys?limit=0')).body).toMatchObject({
    error: { type: 'invalid_request', param: 'limit' },
  });
  expect((await call(suite.sb, 'GET', `/surveys/${suite.ids.surveyId}`)).status).toBe(200);
  expect((await call(suite.sb, 'GET', '/surveys/srv_nope')).status).toBe(404);
});

test('invitations: accepted, a bad body, a read-only key, an unknown survey, no phone for SMS, an identity conflict', async () => {
  const inv = invitations();
  const ro = suite.sb.keys.readOnly;
  expect(
    (await call(suite.sb, 'POST', inv, { body: { contact: { email: 'new.person@example.com' } } }))
      .status,
  ).toBe(202);
  expect(
    (await call(suite.sb, 'POST', inv, { body: { contact: { email: 'a@example.com' }, bogus: 1 } }))
      .status,
  ).toBe(400);
  expect(
    (await call(suite.sb, 'POST', inv, { key: ro, body: { contact: { email: 'a@example.com' } } }))
      .status,
  ).toBe(403);
  expect(
    (
      await call(suite.sb, 'POST', '/surveys/srv_nope/invitations', {
        body: { contact: { email: 'a@example.com' } },
      })
    ).status,
  ).toBe(404);
  const sms = await call(suite.sb, 'POST', inv, {
    body: { contact: { customer_id: 'NO-PHONE-1' }, channel: 'sms' },
  });
  expect(sms.status).toBe(422);
  expect(sms.body).toMatchObject({
    error: {
      param: 'contact.phone',
      message: 'The sms channel needs a phone (E.164) for the contact.',
    },
  });
  await call(suite.sb, 'PUT', '/contacts?match_on=customer_id', {
    body: { customer_id: 'CONF-A', email: 'conf.a@example.com' },
  });
  await call(suite.sb, 'PUT', '/contacts?match_on=customer_id', {
    body: { customer_id: 'CONF-B' },
  });
  const conflict = await call(suite.sb, 'POST', inv, {
    body: { contact: { customer_id: 'CONF-B', email: 'conf.a@example.com' } },
  });
  expect(conflict.status).toBe(409);
});

test('one invitation: read, canceled twice with the same answer, a sent one refused', async () => {
  const ro = suite.sb.keys.readOnly;
  const one = await call(suite.sb, 'GET', `/invitations/${suite.ids.invitationId}`);
  expect(one).toMatchObject({
    status: 200,
    body: { id: suite.ids.invitationId, status: 'scheduled' },
  });
  expect((await call(suite.sb, 'GET', '/invitations/inv_nope')).status).toBe(404);
  expect(
    (await call(suite.sb, 'POST', `/invitations/${suite.ids.invitationId}/cancel`, { key: ro }))
      .body,
  ).toMatchObject({ error: { type: 'permission_denied', required_scope: 'surveys:send' } });
  const canceled = await call(suite.sb, 'POST', `/invitations/${suite.ids.invitationId}/cancel`);
  expect(canceled).toMatchObject({ status: 200, body: { status: 'canceled' } });
  expect(
    await call(suite.sb, 'POST', `/invitations/${suite.ids.invitationId}/cancel`),
  ).toMatchObject({
    status: 200,
    body: canceled.body as object,
  });
  expect((await call(suite.sb, 'POST', '/invitations/inv_nope/cancel')).status).toBe(404);
  const now = await call(suite.sb, 'POST', invitations(), {
    body: { contact: { email: 'conf.now@example.com' } },
  });
  const sentId = (now.body as { id: string }).id;
  expect((await call(suite.sb, 'GET', `/invitations/${sentId}`)).body).toMatchObject({
    status: 'sent',
  });
  expect(await call(suite.sb, 'POST', `/invitations/${sentId}/cancel`)).toMatchObject({
    status: 409,
    body: { error: { type: 'invitation_not_cancelable' } },
  });
});

test('themes: listed by survey, limit checked', async () => {
  expect((await call(suite.sb, 'GET', `/themes?survey_id=${suite.ids.surveyId}`)).status).toBe(200);
  expect((await call(suite.sb, 'GET', '/themes?limit=500')).status).toBe(400);
});

test('coverage: every other status of these operations in the contract was produced', () => {
  expect(unseenStatuses('routes-surveys')).toEqual([]);
});
