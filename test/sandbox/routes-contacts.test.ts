/**
 * Conformance of contacts and contact properties (sandbox/routes/contacts.ts,
 * contact-properties.ts): the success and error statuses of each operation, every answer validated
 * against api/openapi.yaml; the statuses every operation shares (401, 403, 429, 5xx) are
 * conformance.test.ts's.
 */
import { call, conformanceSandbox, unseenStatuses } from './helpers.js';

const suite = conformanceSandbox();

test('contacts: found by email, one identity at a time, upserted, conflicts and bad values refused, read, unsubscribed', async () => {
  // Two contacts: CONF-A owns conf.a@example.com, CONF-B has no email.
  await call(suite.sb, 'PUT', '/contacts?match_on=customer_id', {
    body: { customer_id: 'CONF-A', email: 'conf.a@example.com' },
  });
  await call(suite.sb, 'PUT', '/contacts?match_on=customer_id', {
    body: { customer_id: 'CONF-B' },
  });
  expect((await call(suite.sb, 'GET', '/contacts?email=CONF.A@example.com')).status).toBe(200);
  expect((await call(suite.sb, 'GET', '/contacts?email=a@example.com&customer_id=1')).status).toBe(
    400,
  );
  expect(
    (
      await call(suite.sb, 'PUT', '/contacts?match_on=email', {
        body: { email: 'brand.new@example.com' },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await call(suite.sb, 'PUT', '/contacts?match_on=email', {
        body: { email: 'Brand.New@example.com ', name: 'B' },
      })
    ).status,
  ).toBe(200);
  expect((await call(suite.sb, 'PUT', '/contacts?match_on=nope', { body: {} })).status).toBe(400);
  expect(
    (
      await call(suite.sb, 'PUT', '/contacts?match_on=customer_id', {
        body: { customer_id: 'CONF-B', email: 'conf.a@example.com' },
      })
    ).status,
  ).toBe(409);
  expect(
    (await call(suite.sb, 'PUT', '/contacts?match_on=email', { body: { name: 'No email' } })).body,
  ).toMatchObject({ error: { param: 'email' } });
  expect(
    (
      await call(suite.sb, 'PUT', '/contacts?match_on=email', {
        body: { email: 'x@example.com', phone: '555-1234' },
      })
    ).body,
  ).toMatchObject({ error: { param: 'phone' } });
  expect((await call(suite.sb, 'GET', `/contacts/${suite.ids.contactId}`)).status).toBe(200);
  expect((await call(suite.sb, 'GET', '/contacts/con_nope')).status).toBe(404);
  expect(
    (await call(suite.sb, 'POST', `/contacts/${suite.ids.contactId}/unsubscribe`)).status,
  ).toBe(200);
  expect((await call(suite.sb, 'POST', '/contacts/con_nope/unsubscribe')).status).toBe(404);
});

test('contact properties: listed in display order, typed writes refused with 422 naming the field', async () => {
  const inv = `/surveys/${suite.ids.surveyId}/invitations`;
  const props = await call(suite.sb, 'GET', '/contact-properties');
  expect(props.status).toBe(200);
  expect((props.body as { data: Array<{ key: string }> }).data.map((p) => p.key)).toEqual([
    'plan',
    'seats',
    'renewal_date',
    'churn_risk',
    'region',
  ]);
  expect(
    (
      await call(suite.sb, 'GET', '/contact-properties', {
        key: suite.sb.createKey(['responses:read']),
      })
    ).status,
  ).toBe(403);
  const email = 'typed@example.com';
  const answer = { survey_id: suite.ids.surveyId, score: 6 };
  // Each write with a value its property's type refuses: [method, path, body, the field named].
  const refused: Array<[string, string, unknown, string]> = [
    [
      'PUT',
      '/contacts?match_on=email',
      { email, properties: { seats: 'ten' } },
      'properties.seats',
    ],
    [
      'POST',
      inv,
      { contact: { email, properties: { plan: 'platinum' } } },
      'contact.properties.plan',
    ],
    [
      'POST',
      inv,
      { contact: { email }, properties: { churn_risk: 'yes' } },
      'properties.churn_risk',
    ],
    [
      'POST',
      '/responses',
      { ...answer, contact: { email, properties: { renewal_date: '2027-02-30' } } },
      'contact.properties.renewal_date',
    ],
    [
      'POST',
      '/responses',
      { ...answer, contact: { email }, properties: { region: 'x'.repeat(1001) } },
      'properties.region',
    ],
  ];
  for (const [method, path, body, param] of refused)
    expect(await call(suite.sb, method, path, { body })).toMatchObject({
      status: 422,
      body: { error: { type: 'invalid_request', param } },
    });
});

test('coverage: every other status of these operations in the contract was produced', () => {
  expect(unseenStatuses('routes-contacts')).toEqual([]);
});
