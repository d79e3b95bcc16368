/**
 * Webhook integrity (issue 6, guarantee 3), with the sandbox's real signed deliveries: two zaps
 * subscribe through the app's performSubscribe, the sandbox POSTs every event to a loopback
 * receiver (startReceiver), and each received delivery goes through `perform` as Zapier hands
 * it over (hookRequest). Every real delivery is accepted; forged, tampered, re-signed with
 * another secret, stale, future and unsigned deliveries, all derived from real ones, are
 * rejected; 1,000 events delivered at least once (30 % retried by the sandbox, shuffled) come out
 * exactly once; one event delivered to two subscriptions fires in both.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import nock from 'nock';
import { Webhook } from 'standardwebhooks';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { hookRequest, startReceiver } from '../../sandbox/zapier-side.js';
import type { ReceivedDelivery, Receiver } from '../../sandbox/zapier-side.js';
import { BASE_URL, app, appTester } from '../helpers/app.js';
import { MemoryCache, installCache, resetSeams } from '../triggers/helpers.js';
import { disableCoreMemoryGuard } from './memory-guard.js';

type Run = (z: ZObject, bundle: Bundle) => Promise<unknown>;
const op = (app.triggers as unknown as Record<string, { operation: Record<string, unknown> }>)
  .new_response?.operation as Record<'perform' | 'performSubscribe' | 'performUnsubscribe', Run>;

type Delivery = Pick<ReceivedDelivery, 'headers' | 'content'>;
interface Zap {
  /** The receiver path is /hooks/<name>. */
  name: string;
  inputData: Record<string, string>;
  subscribeData: { id: string; secret: string };
}

let sb: Sandbox;
let receiver: Receiver;
/** The sandbox's clock offset: it signs deliveries with its own clock. */
let skewMs = 0;
/** What the receiver answers (500 makes the sandbox retry the delivery). */
let answer: (delivery: ReceivedDelivery) => number = () => 200;
/** Every delivery attempt the receiver saw, whatever it answered. */
const seen: ReceivedDelivery[] = [];
let q3Survey = '';
let otherSurvey = '';
/** Every survey, response.created at once (wait_for_themes false). */
let zapAll: Zap;
/** Only the Q3 survey: the sandbox delivers Q3 events to both zaps. */
let zapQ3: Zap;
/** The real deliveries of 200 Q3 events, to each zap. */
let realAll: ReceivedDelivery[] = [];
let realQ3: ReceivedDelivery[] = [];

disableCoreMemoryGuard();

const header = (d: Delivery, name: string) => d.headers[name] ?? '';
const to = (zap: Zap, deliveries: ReceivedDelivery[]) =>
  deliveries.filter((d) => d.path === `/hooks/${zap.name}`);

/** `count` customers answer `surveyId`; resolves, once the sandbox is idle, with every attempt. */
const emit = async (count: number, surveyId: string, tag: string) => {
  const from = seen.length;
  for (let i = 0; i < count; i++) {
    sb.submitResponse({
      survey_id: surveyId,
      score: i % 11,
      comment: `Reliability comment ${tag} ${i}: the onboarding call was long`,
      contact: { email: `rel-${tag}-${i}@example.com` },
    });
    if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
  }
  await sb.settle();
  return seen.slice(from);
};

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sb = await startSandbox({
    analysisDelayMs: 5,
    retryScale: 0.0001,
    deliveryTimeoutMs: 5_000,
    now: () => new Date(Date.now() + skewMs),
  });
  receiver = await startReceiver((delivery) => {
    seen.push(delivery);
    return answer(delivery);
  });
  process.env.NPS_API_BASE_URL = sb.baseUrl;
  const surveys = await fetch(`${sb.baseUrl}/surveys`, {
    headers: { authorization: `Bearer ${sb.keys.live}` },
  });
  const ids = ((await surveys.json()) as { data: Array<{ id: string }> }).data.map((s) => s.id);
  [q3Survey = '', otherSurvey = ''] = ids;
  expect(otherSurvey).not.toBe('');
  const subscribe = async (name: string, inputData: Record<string, string>): Promise<Zap> => ({
    name,
    inputData,
    subscribeData: (await appTester(op.performSubscribe, {
      authData: { api_key: sb.keys.live, region: 'us' },
      inputData,
      targetUrl: receiver.url(name),
    } as unknown as Bundle)) as Zap['subscribeData'],
  });
  zapAll = await subscribe('all', { wait_for_themes: 'false' });
  zapQ3 = await subscribe('q3', { wait_for_themes: 'false', survey_id: q3Survey });
  const batch = await emit(200, q3Survey, 'q3');
  realAll = to(zapAll, batch);
  realQ3 = to(zapQ3, batch);
}, 30_000);

afterAll(async () => {
  resetSeams();
  process.env.NPS_API_BASE_URL = BASE_URL;
  await receiver.close();
  await sb.close();
});

/** Zapier runs the zap's `perform` on one delivery (hookRequest: Zapier's Http-* header names). */
const perform = (zap: Zap, delivery: Delivery) =>
  appTester(op.perform, {
    authData: { api_key: sb.keys.live, region: 'us' },
    inputData: zap.inputData,
    subscribeData: zap.subscribeData,
    ...hookRequest(delivery),
  } as unknown as Bundle) as Promise<Array<{ id: string }>>;

/** `accepted:<items output>`, or the error's name and message. */
const outcome = async (zap: Zap, delivery: Delivery): Promise<string> => {
  try {
    return `accepted:${(await perform(zap, delivery)).length}`;
  } catch (e) {
    return `${(e as Error).name}:${(e as Error).message}`;
  }
};

/** The outcomes of `runs`, at most 25 in flight, in order. */
const outcomes = async (runs: Array<[Zap, Delivery]>): Promise<string[]> => {
  const out: string[] = [];
  for (let start = 0; start < runs.length; start += 25) {
    out.push(...(await Promise.all(runs.slice(start, start + 25).map(([z, d]) => outcome(z, d)))));
  }
  return out;
};

test('every real delivery is accepted: 200 events to 2 zaps, 400 deliveries, 0 false rejections', async () => {
  installCache(new MemoryCache());
  expect(realAll).toHaveLength(200);
  expect(realQ3).toHaveLength(200);
  // Each zap has its own secret; the sandbox signed every delivery with the zap's.
  expect(zapAll.subscribeData.secret).not.toBe(zapQ3.subscribeData.secret);
  const results = await outcomes([
    ...realAll.map((d): [Zap, Delivery] => [zapAll, d]),
    ...realQ3.map((d): [Zap, Delivery] => [zapQ3, d]),
  ]);
  expect(results.filter((o) => o !== 'accepted:1')).toEqual([]);
});

test('every kind of forgery, derived from real deliveries, is rejected with its reason', async () => {
  const sample = realAll.slice(0, 20);
  const q3Copy = new Map(realQ3.map((d) => [header(d, 'webhook-id'), d]));
  const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;
  // The sandbox signs with its own clock: skewing it yields real deliveries signed in the past or
  // the future (a delivery held back, or a platform clock that is off). Onboarding survey only,
  // so they reach zapAll alone.
  const signedAt = async (offsetSeconds: number, tag: string) => {
    skewMs = offsetSeconds * 1000;
    try {
      return to(zapAll, await emit(sample.length, otherSurvey, tag));
    } finally {
      skewMs = 0;
    }
  };
  // Up to 24 hours late is accepted (Zapier may run perform long after it answered the
  // platform, which never retries then); older is a replay.
  const stale = await signedAt(-(24 * 3600 + 600), 'stale');
  // Far enough ahead that a slow run (the checks happen minutes later) cannot bring it within 5 min.
  const future = await signedAt(3600, 'future');
  const lateButInTolerance = await signedAt(-(23 * 3600), 'late');
  const earlyButInTolerance = await signedAt(280, 'early');
  const at = (list: ReceivedDelivery[]) => (_: Delivery, i: number) => list[i] as Delivery;
  for (const list of [stale, future, lateButInTolerance, earlyButInTolerance]) {
    expect(list).toHaveLength(sample.length);
  }

  const mismatch = /signature does not match this zap's subscription secret/;
  const attacks: Record<string, [RegExp, (d: Delivery, i: number) => Delivery]> = {
    'forged signature': [
      mismatch,
      (d) => ({
        ...d,
        headers: { ...d.headers, 'webhook-signature': `v1,${randomBytes(32).toString('base64')}` },
      }),
    ],
    'tampered body': [
      mismatch,
      (d) => ({
        ...d,
        content: d.content.replace(
          /"score":(\d+)/,
          (_, n: string) => `"score":${n === '10' ? 0 : 10}`,
        ),
      }),
    ],
    'tampered webhook-id': [
      mismatch,
      (d) => ({ ...d, headers: { ...d.headers, 'webhook-id': `${header(d, 'webhook-id')}x` } }),
    ],
    'tampered webhook-timestamp': [
      mismatch,
      (d) => ({
        ...d,
        headers: {
          ...d.headers,
          'webhook-timestamp': String(Number(header(d, 'webhook-timestamp')) - 1),
        },
      }),
    ],
    're-signed with an unrelated secret': [
      mismatch,
      (d) => {
        const id = header(d, 'webhook-id');
        const time = new Date(Number(header(d, 'webhook-timestamp')) * 1000);
        return {
          ...d,
          headers: {
            ...d.headers,
            'webhook-signature': new Webhook(otherSecret).sign(id, time, d.content),
          },
        };
      },
    ],
    "the other zap's real delivery of the same event": [
      mismatch,
      (d) => q3Copy.get(header(d, 'webhook-id')) as Delivery,
    ],
    'stale (signed by the sandbox 24 h 10 min ago)': [/more than 24 hours old/, at(stale)],
    'future (signed by the sandbox 1 h ahead)': [/more than 5 minutes in the future/, at(future)],
    'webhook-timestamp not a number': [
      /not a Unix timestamp/,
      (d) => ({ ...d, headers: { ...d.headers, 'webhook-timestamp': 'yesterday' } }),
    ],
    'unsigned (no webhook-* headers)': [
      /the webhook-id, webhook-timestamp, webhook-signature header is missing/,
      (d) => ({ content: d.content, headers: { 'content-type': header(d, 'content-type') } }),
    ],
    'webhook-signature missing': [
      /the webhook-signature header is missing/,
      (d) => {
        const headers = { ...d.headers };
        delete headers['webhook-signature'];
        return { content: d.content, headers };
      },
    ],
  };
  for (const [name, [reason, attack]] of Object.entries(attacks)) {
    // A fresh cache: a rejection must not depend on the event having been seen before.
    installCache(new MemoryCache());
    const forged = sample.map(attack);
    // Each case is really different from what the sandbox sent.
    const sent = (d: Delivery | undefined) => ({ headers: d?.headers, content: d?.content });
    forged.forEach((f, i) => expect([name, sent(f)]).not.toEqual([name, sent(sample[i])]));
    const results = await outcomes(forged.map((f): [Zap, Delivery] => [zapAll, f]));
    for (const result of results) {
      expect([name, result]).toEqual([
        name,
        expect.stringMatching(/^HaltedError:Rejected a webhook delivery/),
      ]);
      expect([name, result]).toEqual([name, expect.stringMatching(reason)]);
    }
  }
  // Controls: the untouched real deliveries, and real ones signed 280 s off (within the 5-minute
  // tolerance), are accepted.
  installCache(new MemoryCache());
  const controls = await outcomes(
    [...sample, ...lateButInTolerance, ...earlyButInTolerance].map((d): [Zap, Delivery] => [
      zapAll,
      d,
    ]),
  );
  expect(controls.filter((o) => o !== 'accepted:1')).toEqual([]);
});

test('1,000 events, 30 % redelivered by the sandbox, shuffled: each outputs exactly once', async () => {
  // The receiver answers 500 to the first attempt of 30 % of the events (the second too for a
  // third of those), so the sandbox redelivers them, re-signed with the same webhook-id. Zapier
  // may well have run a delivery whose answer failed: every attempt goes through perform.
  const order = new Map<string, number>();
  const attempts = new Map<string, number>();
  answer = (delivery) => {
    const id = header(delivery, 'webhook-id');
    if (!order.has(id)) order.set(id, order.size);
    const k = order.get(id) as number;
    const attempt = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, attempt);
    const failures = k % 10 < 3 ? 1 + (k % 10 === 1 ? 1 : 0) : 0;
    return attempt <= failures ? 500 : 200;
  };
  let all: ReceivedDelivery[];
  try {
    all = to(zapAll, await emit(1000, otherSurvey, 'load'));
  } finally {
    answer = () => 200;
  }
  const perEvent = new Map<string, number>();
  for (const d of all) {
    perEvent.set(header(d, 'webhook-id'), (perEvent.get(header(d, 'webhook-id')) ?? 0) + 1);
  }
  expect(perEvent.size).toBe(1000);
  expect([...perEvent.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(300);
  expect(all.length).toBeGreaterThanOrEqual(1400);

  // Shuffled with a seeded Fisher-Yates: a repeat may arrive before its first delivery.
  const random =
    fc.sample(fc.array(fc.nat(), { minLength: all.length, maxLength: all.length }), {
      numRuns: 1,
      seed: 6,
    })[0] ?? [];
  for (let k = all.length - 1; k > 0; k--) {
    const j = (random[k] ?? 0) % (k + 1);
    [all[k], all[j]] = [all[j] as ReceivedDelivery, all[k] as ReceivedDelivery];
  }

  installCache(new MemoryCache());
  const counts = new Map<string, number>();
  for (let start = 0; start < all.length; start += 25) {
    const batch = all.slice(start, start + 25);
    const outputs = await Promise.all(batch.map((d) => perform(zapAll, d)));
    for (const item of outputs.flat()) counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
  }
  expect(counts.size).toBe(1000);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}, 60_000);

test('an event delivered to two subscriptions fires in both, and once in each', async () => {
  installCache(new MemoryCache());
  const pairs = realQ3.slice(0, 20).map((q3) => {
    const all = realAll.find((d) => header(d, 'webhook-id') === header(q3, 'webhook-id'));
    if (!all) throw new Error('the sandbox did not deliver the event to both zaps');
    return { all, q3 };
  });
  for (const { all, q3 } of pairs) {
    // The same event (same webhook-id and body), each copy signed with its zap's secret.
    expect(all.content).toBe(q3.content);
    expect(header(all, 'webhook-signature')).not.toBe(header(q3, 'webhook-signature'));
  }
  const first = await outcomes(
    pairs.flatMap(({ all, q3 }): Array<[Zap, Delivery]> => [
      [zapQ3, q3],
      [zapAll, all],
    ]),
  );
  expect(first.every((o) => o === 'accepted:1')).toBe(true);
  // A repeat to either zap is dropped.
  const again = await outcomes(
    pairs.flatMap(({ all, q3 }): Array<[Zap, Delivery]> => [
      [zapAll, all],
      [zapQ3, q3],
    ]),
  );
  expect(again.every((o) => o === 'accepted:0')).toBe(true);
});
