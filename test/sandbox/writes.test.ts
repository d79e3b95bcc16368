/** Idempotency, identity matching and merging, contact writes and invitations. */
import type { Sandbox } from '../../sandbox/server.js';
import { call, resettingSandbox } from './helpers.js';

let sb: Sandbox;
let surveyId: string;

resettingSandbox((started, firstSurvey) => {
  sb = started;
  surveyId = firstSurvey;
});

interface Contact {
  id: string;
  email: string | null;
  name: string | null;
  customer_id: string | null;
  crm_ids: Record<string, string | number | null>;
  properties: Record<string, unknown>;
  unsubscribed: boolean;
}

describe('idempotency', () => {
  const body = () => ({
    survey_id: surveyId,
    score: 9,
    comment: 'Great',
    contact: { email: 'idem@example.com' },
  });

  test('a repeat replays the first answer; a different body is idempotency_mismatch', async () => {
    const first = await call(sb, 'POST', '/responses', {
      body: body(),
      headers: { 'idempotency-key': 'k1' },
    });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await call(sb, 'POST', '/responses', {
      body: body(),
      headers: { 'idempotency-key': 'k1' },
    });
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await call(sb, 'POST', '/responses', {
      body: { ...body(), score: 3 },
      headers: { 'idempotency-key': 'k1' },
    });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { type: 'idempotency_mismatch' } });
    const list = await call(sb, 'GET', '/responses?email=IDEM@example.com');
    expect((list.body as { data: unknown[] }).data).toHaveLength(1);
  });

  test('a concurrent repeat is idempotency_in_progress; 5xx answers are not stored', async () => {
    sb.injectFaults([{ kind: 'delay', path: '/responses', method: 'POST', delay_ms: 300 }]);
    const slow = call(sb, 'POST', '/responses', {
      body: body(),
      headers: { 'idempotency-key': 'k2' },
    });
    await new Promise((r) => setTimeout(r, 50));
    const concurrent = await call(sb, 'POST', '/responses', {
      body: body(),
      headers: { 'idempotency-key': 'k2' },
    });
    expect(concurrent.body).toMatchObject({ error: { type: 'idempotency_in_progress' } });
    expect((await slow).status).toBe(201);

    sb.injectFaults([{ kind: '503', path: '/responses', method: 'POST' }]);
    const failed = await call(sb, 'POST', '/responses', {
      body: body(),
      headers: { 'idempotency-key': 'k3' },
    });
    expect(failed.status).toBe(503);
    const retried = await call(sb, 'POST', '/responses', {
      body: body(),
      headers: { 'idempotency-key': 'k3' },
    });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  test('invitations and notes are idempotent too', async () => {
    const inv = { contact: { email: 'invite.idem@example.com' } };
    const a = await call(sb, 'POST', `/surveys/${surveyId}/invitations`, {
      body: inv,
      headers: { 'idempotency-key': 'i1' },
    });
    const b = await call(sb, 'POST', `/surveys/${surveyId}/invitations`, {
      body: inv,
      headers: { 'idempotency-key': 'i1' },
    });
    expect(b.text).toBe(a.text);
    const rid = (
      (await call(sb, 'GET', '/responses?limit=1')).body as { data: Array<{ id: string }> }
    ).data[0]?.id;
    const n1 = await call(sb, 'POST', `/responses/${rid}/notes`, {
      body: { body: 'x' },
      headers: { 'idempotency-key': 'n' },
    });
    const n2 = await call(sb, 'POST', `/responses/${rid}/notes`, {
      body: { body: 'x' },
      headers: { 'idempotency-key': 'n' },
    });
    expect(n2.text).toBe(n1.text);
    expect(n2.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('contacts and identity', () => {
  test('PUT creates (201) then updates (200); email matched case-insensitively after trimming', async () => {
    const a = await call(sb, 'PUT', '/contacts?match_on=email', {
      body: {
        email: 'Ana.Lopez@Example.com',
        name: 'Ana',
        crm_ids: { hubspot_contact_id: '51' },
        properties: { plan: 'pro', seats: 3 },
      },
    });
    expect(a.status).toBe(201);
    const b = await call(sb, 'PUT', '/contacts?match_on=email', {
      body: {
        email: '  ana.lopez@example.com ',
        company: 'Globex',
        crm_ids: { pipedrive_person_id: 7 },
        properties: { seats: null, region: 'emea' },
      },
    });
    expect(b.status).toBe(200);
    const c = b.body as Contact;
    expect(c.id).toBe((a.body as Contact).id);
    expect(c.name).toBe('Ana'); // absent: kept
    expect(c.crm_ids).toEqual({
      salesforce_contact_id: null,
      hubspot_contact_id: '51',
      pipedrive_person_id: 7,
    });
    expect(c.properties).toEqual({ plan: 'pro', region: 'emea' });
    const cleared = await call(
      sb,
      'PUT',
      '/contacts?match_on=crm_ids.hubspot_contact_id'.replace('crm_ids.', ''),
      {
        body: { crm_ids: { hubspot_contact_id: '51' }, name: null },
      },
    );
    expect(cleared.status).toBe(200);
    expect((cleared.body as Contact).name).toBeNull();
    const found = await call(sb, 'GET', '/contacts?pipedrive_person_id=7');
    expect((found.body as { data: Contact[] }).data.map((x) => x.id)).toEqual([c.id]);
  });

  test('identity_conflict names the field; a missing match_on value is 422', async () => {
    await call(sb, 'PUT', '/contacts?match_on=customer_id', {
      body: { customer_id: 'C-1', crm_ids: { salesforce_contact_id: '003AAA' } },
    });
    await call(sb, 'PUT', '/contacts?match_on=customer_id', { body: { customer_id: 'C-2' } });
    const conflict = await call(sb, 'PUT', '/contacts?match_on=customer_id', {
      body: { customer_id: 'C-2', crm_ids: { salesforce_contact_id: '003AAA' } },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({
      error: { type: 'identity_conflict', param: 'crm_ids.salesforce_contact_id' },
    });
    const viaResponse = await call(sb, 'POST', '/responses', {
      body: {
        survey_id: surveyId,
        score: 5,
        contact: { customer_id: 'C-2', crm_ids: { salesforce_contact_id: '003AAA' } },
      },
    });
    expect(viaResponse.body).toMatchObject({
      error: { type: 'identity_conflict', param: 'contact.crm_ids.salesforce_contact_id' },
    });
    const missing = await call(sb, 'PUT', '/contacts?match_on=hubspot_contact_id', {
      body: { email: 'x@example.com' },
    });
    expect(missing).toMatchObject({
      status: 422,
      body: { error: { param: 'crm_ids.hubspot_contact_id' } },
    });
    const unknownProp = await call(sb, 'PUT', '/contacts?match_on=email', {
      body: { email: 'x@example.com', crm_ids: { zoho: '1' } },
    });
    expect(unknownProp).toMatchObject({ status: 400, body: { error: { param: 'crm_ids.zoho' } } });
  });

  test('responses match contacts in order email, customer_id, ...; previous and segment_changed', async () => {
    const first = await call(sb, 'POST', '/responses', {
      body: { survey_id: surveyId, score: 10, contact: { customer_id: 'ORD-1' } },
    });
    const second = await call(sb, 'POST', '/responses', {
      body: {
        survey_id: surveyId,
        score: 4,
        contact: { email: 'ord@example.com', customer_id: 'ORD-1' },
      },
    });
    const r1 = first.body as { id: string; contact: Contact };
    const r2 = second.body as {
      contact: Contact;
      previous: { response_id: string; segment: string } | null;
    };
    expect(r2.contact.id).toBe(r1.contact.id);
    expect(r2.contact.email).toBe('ord@example.com');
    expect(r2.previous).toMatchObject({ response_id: r1.id, segment: 'promoter' });
    const events = await call(sb, 'GET', '/events?type=contact.segment_changed&limit=1');
    expect((events.body as { data: unknown[] }).data[0]).toMatchObject({
      data: { previous_segment: 'promoter', segment: 'detractor', contact: { id: r1.contact.id } },
    });
  });
});

describe('invitations', () => {
  const inv = (body: unknown) => call(sb, 'POST', `/surveys/${surveyId}/invitations`, { body });

  test('new contact scheduled now; recently surveyed and unsubscribed skipped; send_at rules', async () => {
    const before = Date.now();
    const fresh = await inv({
      contact: { email: 'fresh@example.com' },
      send_at: '2020-01-01T00:00:00Z',
    });
    expect(fresh.status).toBe(202);
    expect(fresh.body).toMatchObject({ status: 'scheduled', skip_reason: null, channel: 'email' });
    expect(Date.parse((fresh.body as { send_at: string }).send_at)).toBeGreaterThanOrEqual(
      Math.floor(before / 1000) * 1000,
    );
    const again = await inv({ contact: { email: 'FRESH@example.com' } });
    expect(again.body).toMatchObject({
      status: 'skipped',
      skip_reason: 'recently_surveyed',
      send_at: null,
    });
    const forced = await inv({ contact: { email: 'fresh@example.com' }, respect_throttle: false });
    expect(forced.body).toMatchObject({ status: 'scheduled' });
    const contactId = (fresh.body as { contact_id: string }).contact_id;
    await call(sb, 'POST', `/contacts/${contactId}/unsubscribe`);
    expect((await inv({ contact: { email: 'fresh@example.com' } })).body).toMatchObject({
      skip_reason: 'unsubscribed',
    });
    const far = new Date(Date.now() + 31 * 86_400_000).toISOString();
    expect((await inv({ contact: { email: 'far@example.com' }, send_at: far })).body).toMatchObject(
      { error: { param: 'send_at' } },
    );
    const noEmail = await inv({ contact: { customer_id: 'NOEMAIL-1' } });
    expect(noEmail).toMatchObject({
      status: 422,
      body: {
        error: {
          param: 'contact.email',
          message: 'The email channel needs an email for the contact.',
        },
      },
    });
    const badEmail = await inv({ contact: { email: 'not an email' } });
    expect(badEmail).toMatchObject({ status: 422, body: { error: { param: 'contact.email' } } });
    const inApp = await inv({ contact: { customer_id: 'NOEMAIL-1' }, channel: 'in_app' });
    expect(inApp.body).toMatchObject({ status: 'scheduled', channel: 'in_app' });
  });

  test('a seeded contact who answered recently is throttled', async () => {
    const recent = await call(
      sb,
      'GET',
      `/responses?limit=1&submitted_after=${new Date(Date.now() - 30 * 86_400_000).toISOString()}`,
    );
    const c = (recent.body as { data: Array<{ contact: Contact }> }).data[0]?.contact;
    expect(c).toBeDefined();
    const res = await inv({
      contact: { customer_id: c?.customer_id ?? undefined, email: c?.email ?? undefined },
    });
    expect(res.body).toMatchObject({
      status: 'skipped',
      skip_reason: c?.unsubscribed ? 'unsubscribed' : 'recently_surveyed',
    });
  });
});
