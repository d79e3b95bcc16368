/**
 * Conformance of the events feed and webhook subscriptions (sandbox/routes/events.ts,
 * webhooks.ts): the success and error statuses of each operation, every answer validated against
 * api/openapi.yaml; the statuses every operation shares (401, 403, 429, 5xx) are
 * conformance.test.ts's.
 */
import { call, conformanceSandbox, Receiver, unseenStatuses } from './helpers.js';

const suite = conformanceSandbox();

let receiver: Receiver;

beforeAll(async () => {
  receiver = new Receiver();
  await receiver.start();
});

afterAll(() => receiver.stop());

test('events: listed by type, a bad limit, a type the key may not read', async () => {
  const events = await call(
    suite.sb,
    'GET',
    '/events?type=response.created,contact.unsubscribed&limit=100',
  );
  expect(events.status).toBe(200);
  expect((await call(suite.sb, 'GET', '/events?limit=abc')).status).toBe(400);
  const respOnly = suite.sb.createKey(['responses:read']);
  expect(
    (await call(suite.sb, 'GET', '/events?type=contact.unsubscribed', { key: respOnly })).body,
  ).toMatchObject({
    error: { required_scope: 'contacts:read' },
  });
});

test('webhooks: subscribed once per URL, bad subscriptions refused, listed, deleted once', async () => {
  const hook = await call(suite.sb, 'POST', '/webhooks', {
    body: { url: `${receiver.url}/a`, events: ['response.created'] },
  });
  expect(hook.status).toBe(201);
  const again = await call(suite.sb, 'POST', '/webhooks', {
    body: { url: `${receiver.url}/a`, events: ['response.analyzed'] },
  });
  expect(again.status).toBe(200);
  expect(
    (await call(suite.sb, 'POST', '/webhooks', { body: { url: `${receiver.url}/a`, events: [] } }))
      .status,
  ).toBe(422);
  expect(
    (
      await call(suite.sb, 'POST', '/webhooks', {
        body: { url: 'http://example.com/hook', events: ['response.created'] },
      })
    ).body,
  ).toMatchObject({
    error: { param: 'url' },
  });
  expect(
    (await call(suite.sb, 'POST', '/webhooks', { body: { events: ['response.created'] } })).status,
  ).toBe(400);
  expect((await call(suite.sb, 'GET', '/webhooks')).status).toBe(200);
  const hookId = (hook.body as { id: string }).id;
  expect((await call(suite.sb, 'DELETE', `/webhooks/${hookId}`)).status).toBe(204);
  expect((await call(suite.sb, 'DELETE', `/webhooks/${hookId}`)).status).toBe(404);
});

test('coverage: every other status of these operations in the contract was produced', () => {
  expect(unseenStatuses('routes-events')).toEqual([]);
});
