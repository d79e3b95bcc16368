/**
 * Conformance of responses, their notes and the NPS metrics (sandbox/routes/responses.ts,
 * metrics.ts): the success and error statuses of each operation, every answer validated against
 * api/openapi.yaml; the statuses every operation shares (401, 403, 429, 5xx) are
 * conformance.test.ts's.
 */
import { call, conformanceSandbox, unseenStatuses } from './helpers.js';

const suite = conformanceSandbox();

test('responses: listed with filters, a bad cursor, created once per Idempotency-Key, checked, read by id', async () => {
  expect(
    (await call(suite.sb, 'GET', '/responses?segment=detractor,passive&has_comment=true')).status,
  ).toBe(200);
  expect((await call(suite.sb, 'GET', '/responses?cursor=garbage')).body).toMatchObject({
    error: { param: 'cursor' },
  });
  const created = await call(suite.sb, 'POST', '/responses', {
    body: {
      survey_id: suite.ids.surveyId,
      score: 3,
      comment: 'Support never answered.',
      contact: { email: 'conf.resp@example.com' },
    },
    headers: { 'idempotency-key': 'conf-1' },
  });
  expect(created.status).toBe(201);
  expect((await call(suite.sb, 'POST', '/responses', { rawBody: '{"survey_id": ' })).status).toBe(
    400,
  );
  expect(
    (
      await call(suite.sb, 'POST', '/responses', {
        body: { survey_id: 'srv_nope', score: 3, contact: { email: 'x@example.com' } },
      })
    ).status,
  ).toBe(404);
  const mismatch = await call(suite.sb, 'POST', '/responses', {
    body: { survey_id: suite.ids.surveyId, score: 4, contact: { email: 'conf.resp@example.com' } },
    headers: { 'idempotency-key': 'conf-1' },
  });
  expect(mismatch.body).toMatchObject({ error: { type: 'idempotency_mismatch' } });
  const eleven = await call(suite.sb, 'POST', '/responses', {
    body: { survey_id: suite.ids.surveyId, score: 11, contact: { email: 'x@example.com' } },
  });
  expect(eleven.body).toMatchObject({ error: { type: 'invalid_request', param: 'score' } });
  expect(eleven.status).toBe(422);
  expect((await call(suite.sb, 'GET', `/responses/${suite.ids.responseId}`)).status).toBe(200);
  expect((await call(suite.sb, 'GET', '/responses/rsp_nope')).status).toBe(404);
});

test('update: follow-up set, an empty body, an unknown response, a bad owner email', async () => {
  expect(
    (
      await call(suite.sb, 'PATCH', `/responses/${suite.ids.responseId}`, {
        body: { follow_up: { status: 'open' } },
      })
    ).status,
  ).toBe(200);
  expect(
    (await call(suite.sb, 'PATCH', `/responses/${suite.ids.responseId}`, { body: {} })).status,
  ).toBe(400);
  expect(
    (await call(suite.sb, 'PATCH', '/responses/rsp_nope', { body: { tags: { add: ['a'] } } }))
      .status,
  ).toBe(404);
  const badOwner = await call(suite.sb, 'PATCH', `/responses/${suite.ids.responseId}`, {
    body: { follow_up: { owner_email: 'not-an-email' } },
  });
  expect(badOwner).toMatchObject({
    status: 422,
    body: { error: { param: 'follow_up.owner_email' } },
  });
});

test('notes: added once per Idempotency-Key, a bad body, an unknown response, an empty note', async () => {
  const notes = `/responses/${suite.ids.responseId}/notes`;
  const add = async (body: unknown, idempotencyKey?: string, path = notes) =>
    (
      await call(suite.sb, 'POST', path, {
        body,
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      })
    ).status;
  expect(await add({ body: 'Called the customer.' }, 'n1')).toBe(201);
  expect(await add({ text: 'x' })).toBe(400);
  expect(await add({ body: 'x' }, undefined, '/responses/rsp_nope/notes')).toBe(404);
  expect(await add({ body: 'Other' }, 'n1')).toBe(409);
  expect(await add({ body: '' })).toBe(422);
});

test('metrics: grouped in a time zone, an unknown zone, since required', async () => {
  expect(
    (
      await call(
        suite.sb,
        'GET',
        '/metrics/nps?since=2026-01-01T00:00:00Z&group_by=week&timezone=America/New_York',
      )
    ).status,
  ).toBe(200);
  expect(
    (await call(suite.sb, 'GET', '/metrics/nps?since=2026-01-01T00:00:00Z&timezone=Mars/Olympus'))
      .body,
  ).toMatchObject({ error: { param: 'timezone' } });
  expect((await call(suite.sb, 'GET', '/metrics/nps')).body).toMatchObject({
    error: { param: 'since' },
  });
});

test('coverage: every other status of these operations in the contract was produced', () => {
  expect(unseenStatuses('routes-responses')).toEqual([]);
});
