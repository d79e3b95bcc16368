/** Contract 1.2: GET /contact-properties and the typed-write rules of `properties`. */
import type { Sandbox } from '../../sandbox/server.js';
import { call, control, resettingSandbox } from './helpers.js';

let sb: Sandbox;
let surveyId: string;

resettingSandbox((started, firstSurvey) => {
  sb = started;
  surveyId = firstSurvey;
});

interface Property {
  key: string;
  label: string;
  type: string;
  options: Array<{ value: string; label: string }> | null;
  description: string | null;
}

interface ApiErrorBody {
  error: { type: string; message: string; param?: string };
}

const listed = async (key?: string) =>
  (await call(sb, 'GET', '/contact-properties', { key })).body as { data: Property[] };

const upsert = (properties: Record<string, unknown>, email = 'typed@example.com') =>
  call(sb, 'PUT', '/contacts?match_on=email', { body: { email, properties } });

describe('GET /contact-properties', () => {
  test('lists the demo set in display order with labels, types, options and descriptions', async () => {
    const { data } = await listed();
    expect(data.map((p) => [p.key, p.label, p.type])).toEqual([
      ['plan', 'Plan', 'enum'],
      ['seats', 'Seats', 'number'],
      ['renewal_date', 'Renewal Date', 'date'],
      ['churn_risk', 'Churn Risk', 'boolean'],
      ['region', 'Region', 'string'],
    ]);
    expect(data[0]?.options).toEqual([
      { value: 'free', label: 'Free' },
      { value: 'starter', label: 'Starter' },
      { value: 'growth', label: 'Growth' },
      { value: 'pro', label: 'Pro' },
      { value: 'enterprise', label: 'Enterprise' },
    ]);
    for (const p of data.slice(1)) expect(p.options).toBeNull();
    for (const p of data) expect(p.description).toEqual(expect.any(String));
  });

  test('the archived property is not listed', async () => {
    const { data } = await listed();
    expect(data.map((p) => p.key)).not.toContain('legacy_tier');
    expect(sb.contactProperties().find((p) => p.key === 'legacy_tier')).toMatchObject({
      archived: true,
    });
  });

  test('needs contacts:read; a read-only key has it', async () => {
    expect((await listed(sb.keys.readOnly)).data).toHaveLength(5);
    const noContacts = sb.createKey(['responses:read', 'contacts:write']);
    const denied = await call(sb, 'GET', '/contact-properties', { key: noContacts });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: { required_scope: 'contacts:read' } });
  });

  test('seeded contacts carry values of each type', async () => {
    const contacts = (await call(sb, 'GET', '/contacts?limit=100')).body as {
      data: Array<{ properties: Record<string, unknown> }>;
    };
    const props = contacts.data.map((c) => c.properties);
    expect(props.every((p) => typeof p.seats === 'number')).toBe(true);
    expect(props.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(String(p.renewal_date)))).toBe(true);
    expect(props.some((p) => p.churn_risk === true)).toBe(true);
    expect(props.some((p) => p.churn_risk === false)).toBe(true);
  });

  test('fault injection makes it fail; the faults route takes its path', async () => {
    sb.injectFaults([{ kind: '503', path: '/contact-properties' }]);
    expect((await call(sb, 'GET', '/contact-properties')).status).toBe(503);
    expect((await call(sb, 'GET', '/contact-properties')).status).toBe(200);
    await control(sb, 'POST', '/_sandbox/faults', {
      faults: [{ kind: '500', path: '/contact-properties', count: 2 }],
    });
    expect((await call(sb, 'GET', '/contact-properties')).status).toBe(500);
    expect((await call(sb, 'GET', '/contact-properties')).status).toBe(500);
    expect((await call(sb, 'GET', '/contact-properties')).status).toBe(200);
  });
});

describe('typed writes', () => {
  const refused: Array<[string, unknown, RegExp]> = [
    ['seats', 'ten', /number/],
    ['seats', '40', /number/],
    ['churn_risk', 'true', /true or false/],
    ['churn_risk', 1, /true or false/],
    ['renewal_date', '2027-02-30', /YYYY-MM-DD/],
    ['renewal_date', '2027-3-1', /YYYY-MM-DD/],
    ['renewal_date', '2027-03-01T00:00:00Z', /YYYY-MM-DD/],
    ['plan', 'Enterprise', /one of \["free","starter","growth","pro","enterprise"\]/],
    ['plan', 'platinum', /one of/],
    ['region', 'x'.repeat(1001), /at most 1000 characters/],
    ['region', 7, /string/],
  ];

  test.each(refused)(
    'PUT /contacts refuses %s = %j with 422 naming it',
    async (key, value, msg) => {
      const r = await upsert({ [key]: value });
      expect(r.status).toBe(422);
      const { error } = r.body as ApiErrorBody;
      expect(error).toMatchObject({ type: 'invalid_request', param: `properties.${key}` });
      expect(error.message).toMatch(msg);
      expect(error.message).toContain(key);
      // Nothing was written.
      const found = await call(sb, 'GET', '/contacts?email=typed@example.com');
      expect((found.body as { data: unknown[] }).data).toEqual([]);
    },
  );

  test('values that fit are stored as sent; null clears; undefined keys are stored as given', async () => {
    const values = {
      plan: 'enterprise',
      seats: 40,
      renewal_date: '2028-02-29',
      churn_risk: false,
      region: 'x'.repeat(1000),
      deal_id: '4711',
      score_bucket: 3,
    };
    const created = await upsert(values);
    expect(created.status).toBe(201);
    expect((created.body as { properties: unknown }).properties).toEqual(values);
    const cleared = await upsert({ seats: null, plan: null });
    expect(cleared.status).toBe(200);
    expect((cleared.body as { properties: Record<string, unknown> }).properties).not.toHaveProperty(
      'seats',
    );
  });

  test('the archived property accepts any value, like an undefined key', async () => {
    const r = await upsert({ legacy_tier: 'bronze' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ properties: { legacy_tier: 'bronze' } });
  });

  test('invitations check the contact properties and the invitation properties', async () => {
    const inv = `/surveys/${surveyId}/invitations`;
    const nested = await call(sb, 'POST', inv, {
      body: { contact: { email: 'typed@example.com', properties: { seats: 'many' } } },
    });
    expect(nested).toMatchObject({
      status: 422,
      body: { error: { param: 'contact.properties.seats' } },
    });
    const top = await call(sb, 'POST', inv, {
      body: { contact: { email: 'typed@example.com' }, properties: { plan: 'gold' } },
    });
    expect(top).toMatchObject({ status: 422, body: { error: { param: 'properties.plan' } } });
    // A refused invitation wrote no contact.
    const found = await call(sb, 'GET', '/contacts?email=typed@example.com');
    expect((found.body as { data: unknown[] }).data).toEqual([]);
    const ok = await call(sb, 'POST', inv, {
      body: {
        contact: { email: 'typed@example.com', properties: { plan: 'pro', churn_risk: true } },
        properties: { seats: 12 },
      },
    });
    expect(ok.status).toBe(202);
  });

  test('POST /responses and the survey UI check contact and response properties', async () => {
    const body = {
      survey_id: surveyId,
      score: 4,
      contact: { email: 'typed@example.com', properties: { renewal_date: '2027-13-01' } },
    };
    const api = await call(sb, 'POST', '/responses', { body });
    expect(api).toMatchObject({
      status: 422,
      body: { error: { param: 'contact.properties.renewal_date' } },
    });
    const top = await call(sb, 'POST', '/responses', {
      body: { ...body, contact: { email: 'typed@example.com' }, properties: { seats: '3' } },
    });
    expect(top).toMatchObject({ status: 422, body: { error: { param: 'properties.seats' } } });
    expect(() => sb.submitResponse(body)).toThrow(/renewal_date/);
    const ok = await call(sb, 'POST', '/responses', {
      body: {
        ...body,
        contact: { email: 'typed@example.com', properties: { renewal_date: '2027-12-01' } },
        properties: { plan: 'starter', source: 'call' },
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      properties: { plan: 'starter', source: 'call' },
      contact: { properties: { renewal_date: '2027-12-01' } },
    });
  });
});

describe('control API for property definitions', () => {
  test('definitions can be replaced (an unknown type counts as string) and reset restores them', async () => {
    const put = await control(sb, 'PUT', '/_sandbox/contact-properties', {
      data: [
        { key: 'tier', label: 'Tier', type: 'currency', options: null, description: null },
        {
          key: 'old',
          label: 'Old',
          type: 'number',
          options: null,
          description: null,
          archived: true,
        },
      ],
    });
    expect(put.status).toBe(200);
    expect((await listed()).data.map((p) => [p.key, p.type])).toEqual([['tier', 'currency']]);
    expect((await upsert({ tier: 5 })).body).toMatchObject({
      error: { param: 'properties.tier' },
    });
    expect((await upsert({ tier: 'gold', old: 'x', seats: 'now undefined' })).status).toBe(201);
    sb.defineContactProperties([]);
    expect((await listed()).data).toEqual([]);
    sb.reset();
    expect((await listed()).data).toHaveLength(5);
  });

  test('bad definitions are refused with 400', async () => {
    const bad = await control(sb, 'PUT', '/_sandbox/contact-properties', {
      data: [{ key: 'Bad Key', label: 'x', type: 'string', options: null, description: null }],
    });
    expect(bad.status).toBe(400);
    expect(() =>
      sb.defineContactProperties([
        { key: 'a', label: 'A', type: 'string', options: null, description: null },
        { key: 'a', label: 'A', type: 'string', options: null, description: null },
      ]),
    ).toThrow(/duplicate/);
    expect((await control(sb, 'GET', '/_sandbox/contact-properties')).body).toMatchObject({
      data: expect.arrayContaining([expect.objectContaining({ key: 'legacy_tier' })]),
    });
  });
});
