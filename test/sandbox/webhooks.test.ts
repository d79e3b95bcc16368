/**
 * Webhook subscriptions and deliveries: one per URL, retries with backoff, 410, filters, timeouts;
 * every delivered body matches the contract's Event schema and its signature verifies.
 */
import nock from 'nock';
import { Webhook } from 'standardwebhooks';
import { EVENT_TYPES } from '../../client/api/events.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { call, control, Receiver, validateEvent, waitFor } from './helpers.js';

let sb: Sandbox;
let receiver: Receiver;
let surveyId: string;

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sb = await startSandbox({ analysisDelayMs: 20, retryScale: 0.002, deliveryTimeoutMs: 300 });
  receiver = new Receiver();
  await receiver.start();
  surveyId =
    ((await call(sb, 'GET', '/surveys')).body as { data: Array<{ id: string }> }).data[0]?.id ?? '';
});

afterAll(async () => {
  await sb.close();
  await receiver.stop();
});

beforeEach(() => {
  sb.reset();
  receiver.received.length = 0;
  receiver.respond = () => 200;
});

interface Hook {
  id: string;
  secret: string;
  events: string[];
  filters: Record<string, unknown>;
}

async function subscribe(
  path: string,
  events: string[],
  filters?: Record<string, unknown>,
  key?: string,
): Promise<{ status: number; hook: Hook }> {
  const r = await call(sb, 'POST', '/webhooks', {
    body: { url: receiver.url + path, events, ...(filters ? { filters } : {}) },
    key,
  });
  return { status: r.status, hook: r.body as Hook };
}

const submit = (score: number, email: string, comment: string | null = 'Support was great') =>
  sb.submitResponse({ survey_id: surveyId, score, comment, contact: { email } });

const types = (path: string) =>
  receiver.received
    .filter((r) => r.path === path)
    .map((r) => (JSON.parse(r.body) as { type: string }).type);

test('one subscription per URL: same id and secret, events and filters replaced; list hides secrets', async () => {
  const a = await subscribe('/one', ['response.created']);
  expect(a.status).toBe(201);
  expect(a.hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
  const b = await subscribe('/one', ['response.analyzed'], { segments: ['detractor'] });
  expect(b.status).toBe(200);
  expect(b.hook).toMatchObject({
    id: a.hook.id,
    secret: a.hook.secret,
    events: ['response.analyzed'],
    filters: { segments: ['detractor'] },
  });
  const list = (await call(sb, 'GET', '/webhooks')).body as {
    data: Array<Record<string, unknown>>;
  };
  expect(list.data).toHaveLength(1);
  expect(list.data[0]).not.toHaveProperty('secret');
});

test('created then analyzed, signed; the same event to two subscriptions has the same id', async () => {
  const one = await subscribe('/a', ['response.created', 'response.analyzed']);
  await subscribe('/b', ['response.analyzed']);
  submit(10, 'two.subs@example.com', 'Support was helpful and the onboarding smooth.');
  await sb.settle();
  expect(types('/a')).toEqual(['response.created', 'response.analyzed']);
  const analyzedA = receiver.received.find(
    (r) => r.path === '/a' && r.body.includes('response.analyzed'),
  );
  const analyzedB = receiver.received.find((r) => r.path === '/b');
  expect(analyzedA?.headers['webhook-id']).toBe(analyzedB?.headers['webhook-id']);
  const event = JSON.parse(analyzedA?.body ?? '{}') as {
    data: { response: { analysis_status: string; themes: Array<{ id: string }> } };
  };
  validateEvent(event);
  expect(event.data.response.analysis_status).toBe('complete');
  expect(event.data.response.themes.map((t) => t.id)).toEqual(['thm_support', 'thm_onboarding']);
  const created = JSON.parse(receiver.received[0]?.body ?? '{}') as {
    data: { response: { themes: unknown[]; analysis_status: string } };
  };
  expect(created.data.response).toMatchObject({ themes: [], analysis_status: 'pending' });
  new Webhook(one.hook.secret).verify(
    receiver.received[0]?.body ?? '',
    receiver.received[0]?.headers ?? {},
  );
});

test('non-2xx answers and timeouts are retried on the scaled schedule, each attempt re-signed', async () => {
  const { hook } = await subscribe('/flaky', ['response.created']);
  receiver.respond = (_r, i) => (i === 0 ? 500 : i === 1 ? 'hang' : 200);
  submit(9, 'flaky@example.com');
  await sb.settle();
  const attempts = sb.deliveries().filter((d) => d.webhookId === hook.id);
  expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
    [1, 500],
    [2, null],
    [3, 200],
  ]);
  expect(attempts[1]?.error).toMatch(/no answer/);
  expect(new Set(attempts.map((d) => d.eventId)).size).toBe(1);
  // Backoff: 5 s x 0.002 = 10 ms, then the 300 ms delivery timeout, then 5 min x 0.002 = 600 ms.
  const at = attempts.map((d) => d.at);
  expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(500);
  const wh = new Webhook(hook.secret);
  for (const r of receiver.received) expect(() => wh.verify(r.body, r.headers)).not.toThrow();
  const deliveries = await control(sb, 'GET', '/_sandbox/deliveries');
  expect((deliveries.body as { data: unknown[] }).data).toHaveLength(3);
}, 10_000);

test('410 Gone deletes the subscription at once', async () => {
  const { hook } = await subscribe('/gone', ['response.created']);
  receiver.respond = () => 410;
  submit(9, 'gone1@example.com');
  await sb.settle();
  submit(9, 'gone2@example.com');
  await sb.settle();
  expect(receiver.received).toHaveLength(1);
  expect((await call(sb, 'DELETE', `/webhooks/${hook.id}`)).status).toBe(404);
});

test('filters: segments, scores, survey; contact.unsubscribed only without response filters', async () => {
  await subscribe('/det', ['response.created'], { segments: ['detractor'], survey_id: surveyId });
  await subscribe('/range', ['response.created'], { min_score: 7, max_score: 8 });
  await subscribe('/unsub-filtered', ['contact.unsubscribed'], { segments: ['detractor'] });
  await subscribe('/unsub', ['contact.unsubscribed'], { survey_id: 'srv_ignored' });
  submit(10, 'p@example.com');
  submit(8, 'pa@example.com');
  const det = submit(2, 'd@example.com') as { contact: { id: string } };
  await call(sb, 'POST', `/contacts/${det.contact.id}/unsubscribe`);
  await call(sb, 'POST', `/contacts/${det.contact.id}/unsubscribe`); // harmless, no second event
  await sb.settle();
  const scoreOf = (path: string) =>
    receiver.received
      .filter((r) => r.path === path)
      .map(
        (r) =>
          (JSON.parse(r.body) as { data: { response: { score: number } } }).data.response.score,
      );
  expect(scoreOf('/det')).toEqual([2]);
  expect(scoreOf('/range')).toEqual([8]);
  expect(types('/unsub')).toEqual(['contact.unsubscribed']);
  expect(types('/unsub-filtered')).toEqual([]);
});

test('response.updated carries previous_attributes and source; exclude_own_changes drops own changes', async () => {
  await subscribe('/own', ['response.updated'], { exclude_own_changes: true });
  const other = sb.keys.test;
  await subscribe('/all-updates', ['response.updated'], undefined, other);
  const r = submit(5, 'upd@example.com') as { id: string };
  await sb.settle();
  await call(sb, 'PATCH', `/responses/${r.id}`, {
    body: {
      follow_up: { status: 'open', owner_email: 'csm@acme.example' },
      tags: { add: ['vip'] },
    },
  });
  await call(sb, 'PATCH', `/responses/${r.id}`, {
    body: { themes: { add: ['Billing portal'] } },
    key: other,
  });
  await call(sb, 'PATCH', `/responses/${r.id}`, { body: { tags: { add: ['vip'] } } }); // no change, no event
  await sb.settle();
  expect(types('/all-updates')).toEqual(['response.updated', 'response.updated']);
  const own = receiver.received
    .filter((r2) => r2.path === '/own')
    .map((r2) => JSON.parse(r2.body) as { data: { source: { key_id: string } } });
  expect(own).toHaveLength(1);
  const first = JSON.parse(
    receiver.received.find((x) => x.path === '/all-updates')?.body ?? '{}',
  ) as {
    data: {
      previous_attributes: Record<string, unknown>;
      source: { type: string; key_id: string };
      response: { themes: unknown[] };
    };
  };
  expect(Object.keys(first.data.previous_attributes).sort()).toEqual(['follow_up', 'tags']);
  expect(first.data.previous_attributes.follow_up).toMatchObject({ status: 'none' });
  expect(first.data.source.type).toBe('api');
  const me = (await call(sb, 'GET', '/me')).body as { key: { id: string } };
  expect(first.data.source.key_id).toBe(me.key.id);
  const themes = (await call(sb, 'GET', '/themes?limit=100')).body as {
    data: Array<{ id: string; name: string }>;
  };
  expect(themes.data).toContainEqual(
    expect.objectContaining({ id: 'thm_billing_portal', name: 'Billing portal' }),
  );
});

test('segment_changed fires when a contact moves segment; shuffled deliveries still all arrive', async () => {
  const shuffled = await startSandbox({ analysisDelayMs: 5, shuffleDeliveries: true });
  try {
    const hook = (
      await call(shuffled, 'POST', '/webhooks', {
        body: {
          url: `${receiver.url}/shuffle`,
          events: ['contact.segment_changed', 'response.created'],
        },
      })
    ).body as Hook;
    const survey =
      ((await call(shuffled, 'GET', '/surveys')).body as { data: Array<{ id: string }> }).data[0]
        ?.id ?? '';
    for (const score of [10, 9, 3, 8])
      shuffled.submitResponse({
        survey_id: survey,
        score,
        contact: { email: 'mover@example.com' },
      });
    await shuffled.settle();
    await waitFor(() => receiver.received.filter((r) => r.path === '/shuffle').length === 6);
    const changes = receiver.received
      .filter((r) => r.path === '/shuffle')
      .map(
        (r) =>
          JSON.parse(r.body) as {
            type: string;
            data: { previous_segment?: string; segment?: string };
          },
      )
      .filter((e) => e.type === 'contact.segment_changed')
      .map((e) => `${e.data.previous_segment}->${e.data.segment}`)
      .sort();
    expect(changes).toEqual(['detractor->passive', 'promoter->detractor']);
    const wh = new Webhook(hook.secret);
    for (const r of receiver.received.filter((x) => x.path === '/shuffle'))
      wh.verify(r.body, r.headers);
  } finally {
    await shuffled.close();
  }
});

test('every webhook body matches the Event schema and its signature verifies', async () => {
  const hook = await call(sb, 'POST', '/webhooks', {
    body: {
      url: `${receiver.url}/all`,
      events: EVENT_TYPES,
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
  expect([...types].sort()).toEqual([...EVENT_TYPES].sort());
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
