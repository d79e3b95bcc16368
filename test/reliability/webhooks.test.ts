/**
 * Webhook integrity (issue 6, guarantee 3), against the sandbox with its real signatures:
 * forged, tampered, re-signed with another secret, stale, future and unsigned deliveries are all
 * rejected; every valid delivery is accepted; 1,000 events delivered at least once (30 %
 * duplicates, shuffled) come out exactly once; one event delivered to two subscriptions fires in
 * both.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import nock from 'nock';
import { Webhook } from 'standardwebhooks';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import {
  hookRequest,
  startReceiver,
  type ReceivedDelivery,
  type Receiver,
} from '../../sandbox/zapier-side.js';
import { BASE_URL, app, appTester } from '../helpers/app.js';
import { MemoryCache, installCache, resetSeams } from '../triggers/helpers.js';
import { disableCoreMemoryGuard } from './memory-guard.js';

type Run = (z: ZObject, bundle: Bundle) => Promise<unknown>;
const op = (app.triggers as unknown as Record<string, { operation: Record<string, unknown> }>)
  .new_response?.operation as Record<'perform' | 'performSubscribe' | 'performUnsubscribe', Run>;

const INPUT = { wait_for_themes: 'false' };
let sb: Sandbox;
let receiver: Receiver;
let surveyId = '';
let hookA: { id: string; secret: string };
let hookB: { id: string; secret: string };

disableCoreMemoryGuard();

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sb = await startSandbox({ analysisDelayMs: 5, retryScale: 0.001, deliveryTimeoutMs: 500 });
  receiver = await startReceiver();
  process.env.NPS_API_BASE_URL = sb.baseUrl;
  const authData = { api_key: sb.keys.live, region: 'us' };
  const subscribe = async (name: string) =>
    (await appTester(op.performSubscribe, {
      authData,
      inputData: INPUT,
      targetUrl: receiver.url(name),
    } as unknown as Bundle)) as { id: string; secret: string };
  hookA = await subscribe('a');
  hookB = await subscribe('b');
  const surveys = await fetch(`${sb.baseUrl}/surveys`, {
    headers: { authorization: `Bearer ${sb.keys.live}` },
  });
  surveyId = ((await surveys.json()) as { data: Array<{ id: string }> }).data[0]?.id ?? '';
});

afterAll(async () => {
  resetSeams();
  process.env.NPS_API_BASE_URL = BASE_URL;
  await receiver.close();
  await sb.close();
});

/**
 * The response.created events of the sandbox, exactly as its webhooks deliver them (GET /events
 * returns the delivered bodies), signed with the subscription's secret that the sandbox issued,
 * with the Standard Webhooks library the platform uses. (The sandbox's own deliveries cannot be
 * used in-process yet: see "Open findings" in docs/reliability.md.)
 */
const events = async (count: number): Promise<string[]> => {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ type: 'response.created', limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const page = (await (
      await fetch(`${sb.baseUrl}/events?${query}`, {
        headers: { authorization: `Bearer ${sb.keys.live}` },
      })
    ).json()) as { data: unknown[]; next_cursor: string | null };
    out.push(...page.data.map((event) => JSON.stringify(event)));
    cursor = page.next_cursor;
  } while (cursor && out.length < count);
  return out.slice(0, count);
};

const sent = (hook: { secret: string }, bodies: string[]) =>
  bodies.map((content) => signed(content, (JSON.parse(content) as { id: string }).id, hook.secret));

const deliver = (hook: { id: string; secret: string }, request: ReturnType<typeof hookRequest>) =>
  appTester(op.perform, {
    authData: { api_key: sb.keys.live, region: 'us' },
    inputData: INPUT,
    subscribeData: hook,
    ...request,
  } as unknown as Bundle) as Promise<Array<{ id: string }>>;

const outcome = async (
  hook: { id: string; secret: string },
  delivery: Pick<ReceivedDelivery, 'headers' | 'content'>,
): Promise<string> => {
  try {
    const items = await deliver(hook, hookRequest(delivery));
    return `accepted:${items.length}`;
  } catch (e) {
    return `${(e as Error).name}:${(e as Error).message}`;
  }
};

/** Re-signs a delivery's body as the platform would, with `secret` at `at`. */
const signed = (
  content: string,
  msgId: string,
  secret: string,
  at: Date = new Date(),
): Pick<ReceivedDelivery, 'headers' | 'content'> => ({
  content,
  headers: {
    'content-type': 'application/json',
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(msgId, at, content),
  },
});

test('200 real deliveries are all accepted; every kind of forgery is rejected', async () => {
  installCache(new MemoryCache());
  for (let i = 0; i < 200; i++) {
    sb.submitResponse({
      survey_id: surveyId,
      score: i % 11,
      comment: `Reliability comment ${i}: the onboarding call was long`,
      contact: { email: `rel${i}@example.com` },
    });
  }
  const received = sent(hookA, await events(200));
  expect(received).toHaveLength(200);
  const outcomes = await Promise.all(received.map((d) => outcome(hookA, d)));
  // Zero false rejections.
  expect(outcomes.filter((o) => o !== 'accepted:1')).toEqual([]);

  const sample = received.slice(0, 20);
  const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;
  type Delivery = Pick<ReceivedDelivery, 'headers' | 'content'>;
  const attacks: Record<string, (d: Delivery) => Delivery> = {
    forged: (d) => ({
      ...d,
      headers: { ...d.headers, 'webhook-signature': `v1,${randomBytes(32).toString('base64')}` },
    }),
    tampered: (d) => ({
      ...d,
      content: d.content.replace(
        /"score":(\d+)/,
        (_, n: string) => `"score":${n === '10' ? 0 : 10}`,
      ),
    }),
    'tampered id': (d) => ({
      ...d,
      headers: { ...d.headers, 'webhook-id': `${d.headers['webhook-id']}x` },
    }),
    'other secret': (d) => signed(d.content, d.headers['webhook-id'] ?? '', otherSecret),
    "other subscription's secret": (d) =>
      signed(d.content, d.headers['webhook-id'] ?? '', hookB.secret),
    stale: (d) =>
      signed(
        d.content,
        d.headers['webhook-id'] ?? '',
        hookA.secret,
        new Date(Date.now() - 301_000),
      ),
    future: (d) =>
      signed(
        d.content,
        d.headers['webhook-id'] ?? '',
        hookA.secret,
        new Date(Date.now() + 301_000),
      ),
    unsigned: (d) => ({ content: d.content, headers: { 'content-type': 'application/json' } }),
    'no signature': (d) => {
      const headers = { ...d.headers };
      delete headers['webhook-signature'];
      return { content: d.content, headers };
    },
  };
  for (const [name, attack] of Object.entries(attacks)) {
    // A fresh cache: a rejection must not depend on the event having been seen before.
    installCache(new MemoryCache());
    const results = await Promise.all(sample.map((d) => outcome(hookA, attack(d))));
    for (const result of results) {
      expect([name, result]).toEqual([
        name,
        expect.stringMatching(/^HaltedError:Rejected a webhook delivery/),
      ]);
    }
  }
  // The right secret for the right subscription, re-signed now: accepted (the control).
  installCache(new MemoryCache());
  const control = await Promise.all(
    sample.map((d) =>
      outcome(hookA, signed(d.content, d.headers['webhook-id'] ?? '', hookA.secret)),
    ),
  );
  expect(control.every((o) => o === 'accepted:1')).toBe(true);
}, 60_000);

test('1,000 events, 30 % delivered twice or more, shuffled: each outputs exactly once', async () => {
  installCache(new MemoryCache());
  const template = (await events(1))[0];
  if (!template) throw new Error('no delivery to copy');
  const base = JSON.parse(template) as {
    id: string;
    data: { response: { id: string } };
  };
  const bodies = Array.from({ length: 1000 }, (_, i) => {
    const event = structuredClone(base);
    event.id = `evt_rel_${i}`;
    event.data.response.id = `rsp_rel_${i}`;
    return JSON.stringify(event);
  });
  // 30 % of the events get 1 or 2 extra deliveries (each re-signed with its own timestamp, the
  // same webhook-id), then the whole list is shuffled with a seeded Fisher-Yates.
  const all = bodies.flatMap((content, i) =>
    Array.from({ length: i % 10 < 3 ? 2 + (i % 2) : 1 }, () => ({ content, i })),
  );
  const random =
    fc.sample(fc.array(fc.nat(), { minLength: all.length, maxLength: all.length }), {
      numRuns: 1,
      seed: 6,
    })[0] ?? [];
  for (let k = all.length - 1; k > 0; k--) {
    const j = (random[k] ?? 0) % (k + 1);
    [all[k], all[j]] = [all[j] as (typeof all)[number], all[k] as (typeof all)[number]];
  }
  const deliveries = all.map(({ content, i }) =>
    signed(content, `evt_rel_${i}`, hookA.secret, new Date(Date.now() - (i % 60) * 1000)),
  );
  expect(deliveries.length).toBeGreaterThanOrEqual(1300);

  const counts = new Map<string, number>();
  for (let start = 0; start < deliveries.length; start += 25) {
    const batch = deliveries.slice(start, start + 25);
    const outputs = await Promise.all(batch.map((d) => deliver(hookA, hookRequest(d))));
    for (const item of outputs.flat()) counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
  }
  expect(counts.size).toBe(1000);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}, 60_000);

test('an event delivered to two subscriptions fires in both', async () => {
  installCache(new MemoryCache());
  sb.submitResponse({
    survey_id: surveyId,
    score: 10,
    comment: 'Both zaps should see this one',
    contact: { email: 'both@example.com' },
  });
  const [body] = await events(1);
  if (!body) throw new Error('no event');
  // The same event (same webhook-id) reaches both subscriptions, each signed with its secret.
  const [a] = sent(hookA, [body]);
  const [b] = sent(hookB, [body]);
  if (!a || !b) throw new Error('missing deliveries');
  expect(a.headers['webhook-id']).toBe(b.headers['webhook-id']);
  expect(await outcome(hookA, a)).toBe('accepted:1');
  expect(await outcome(hookB, b)).toBe('accepted:1');
  // And each subscription still drops its own repeat.
  expect(await outcome(hookA, a)).toBe('accepted:0');
  expect(await outcome(hookB, b)).toBe('accepted:0');
});
