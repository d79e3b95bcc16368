/**
 * The instant trigger new_response, two ways:
 *
 * - End to end on loopback: the sandbox commits a response (`submitResponse`), its webhook
 *   delivery (`response.created`, wait_for_themes false) reaches `startReceiver()`, and the
 *   trigger's perform runs on it through appTester (core's middleware included), one response
 *   at a time. Latency = commit → perform's output in hand.
 * - In process: the trigger's own perform called directly with a minimal z (no appTester) on
 *   10,000 deliveries signed with distinct webhook-ids over the bodies the sandbox really sent:
 *   signature check, JSON.parse, schema parse (zod/mini), filters, record, dedupe (in-memory z.cache stand-in).
 *   Beside it, a bare JSON.parse of the same body.
 */
import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import type { Bundle } from 'zapier-platform-core';
import { parseEvent } from '../client/api.js';
import { verifyDelivery } from '../lib/signature.js';
import { toResponseRecord } from '../records/response.js';
import { startSandbox } from '../sandbox/server.js';
import { hookRequest, startReceiver, type ReceivedDelivery } from '../sandbox/zapier-side.js';
import newResponse from '../triggers/new_response.js';
import { ops, installSeams, liveAuth, median, minimalZ, p95, runWith, sleep } from './harness.js';
import type { Perform } from './harness.js';

export interface EndToEnd {
  responses: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** commit → delivery received by the receiver. */
  deliveryP50Ms: number;
  deliveryP95Ms: number;
  /** received → perform's output (appTester). */
  performP50Ms: number;
  performP95Ms: number;
  requestsDuringPerform: number;
  /** POSTs to the receiver that were not the sandbox's deliveries to our hook URL (ignored). */
  strays: number;
  bodies: string[];
  secret: string;
  subscriptionId: string;
}

const INPUT = { wait_for_themes: false };

export const endToEnd = async (count = 500): Promise<EndToEnd> => {
  const sandbox = await startSandbox({ rateLimitPerMinute: 1_000_000 });
  const receiver = await startReceiver();
  try {
    process.env.NPS_API_BASE_URL = sandbox.baseUrl;
    installSeams();
    const authData = liveAuth(sandbox.keys.live);
    // A path of our own: on a shared machine a stray POST (another job's sandbox retrying to a
    // port the receiver now holds) must not be taken for our delivery.
    const hookUrl = receiver.url(`bench-e2e-${process.pid}-${Date.now()}`);
    const ownPath = new URL(hookUrl).pathname;
    const webhook = (await runWith(ops(newResponse).performSubscribe, {
      authData,
      inputData: INPUT,
      targetUrl: hookUrl,
    })) as { id: string; secret: string };
    const surveys = (await (
      await fetch(`${sandbox.baseUrl}/surveys?limit=1`, {
        headers: { authorization: `Bearer ${sandbox.keys.live}` },
      })
    ).json()) as { data: Array<{ id: string }> };
    const surveyId = surveys.data[0]?.id;
    if (!surveyId) throw new Error('the sandbox has no survey');

    let next: ((delivery: ReceivedDelivery) => void) | undefined;
    let strays = 0;
    receiver.onDelivery((delivery) => {
      if (delivery.path === ownPath && delivery.headers['webhook-id']) next?.(delivery);
      else strays += 1;
    });
    const total: number[] = [];
    const delivery: number[] = [];
    const perform: number[] = [];
    const bodies: string[] = [];
    const logBefore = sandbox.requestLog().length;
    for (let i = 0; i < count; i += 1) {
      const arrived = new Promise<ReceivedDelivery>((resolve) => {
        next = resolve;
      });
      const started = performance.now();
      sandbox.submitResponse({
        survey_id: surveyId,
        score: i % 11,
        comment: i % 3 ? `Bench comment ${i}: the onboarding was quick, support slower.` : null,
        contact: { email: `bench.e2e.${i}@example.com`, name: `Bench ${i}` },
      });
      const received = await Promise.race([
        arrived,
        sleep(10_000).then((): never => {
          const last = sandbox.deliveries().slice(-3);
          throw new Error(
            `response ${i}: no delivery within 10 s (strays ${strays}; last deliveries ${JSON.stringify(
              last.map((d) => ({
                url: d.url,
                status: d.status,
                error: d.error,
                type: d.eventType,
              })),
            )})`,
          );
        }),
      ]);
      const receivedAt = performance.now();
      const items = (await runWith(ops(newResponse).perform, {
        authData,
        inputData: INPUT,
        subscribeData: { id: webhook.id, secret: webhook.secret },
        ...hookRequest(received),
      })) as unknown[];
      const done = performance.now();
      if (items.length !== 1)
        throw new Error(`delivery ${i}: perform output ${items.length} items`);
      total.push(done - started);
      delivery.push(receivedAt - started);
      perform.push(done - receivedAt);
      bodies.push(received.content);
    }
    const requestsDuringPerform = sandbox.requestLog().length - logBefore;
    return {
      responses: count,
      p50Ms: median(total),
      p95Ms: p95(total),
      maxMs: Math.max(...total),
      deliveryP50Ms: median(delivery),
      deliveryP95Ms: p95(delivery),
      performP50Ms: median(perform),
      performP95Ms: p95(perform),
      requestsDuringPerform,
      strays,
      bodies,
      secret: webhook.secret,
      subscriptionId: webhook.id,
    };
  } finally {
    await receiver.close();
    await sandbox.close();
  }
};

// ---------------------------------------------------------------- in process

export interface HookPath {
  deliveries: number;
  bodyBytes: number;
  performP50Ms: number;
  performP95Ms: number;
  jsonParseP50Ms: number;
  jsonParseP95Ms: number;
  /** Parts of the path, each timed alone over the same deliveries (medians). */
  verifyP50Ms: number;
  schemaParseP50Ms: number;
  recordP50Ms: number;
  /** One appTester call of the same perform, for scale (median over 1,000). */
  appTesterP50Ms: number;
}

const timeEach = async <T>(inputs: readonly T[], fn: (input: T) => unknown): Promise<number[]> => {
  const times: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    const result = fn(input);
    if (result instanceof Promise) await result;
    times.push(performance.now() - started);
  }
  return times;
};

export const hookPath = async (
  source: Pick<EndToEnd, 'bodies' | 'secret' | 'subscriptionId'>,
  count = 10_000,
  warmup = 2_000,
): Promise<HookPath> => {
  const { bodies, secret } = source;
  if (!bodies.length) throw new Error('no delivery bodies to replay');
  const signer = new Webhook(secret);
  const subscribeData = { id: source.subscriptionId, secret };
  const makeBundles = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => {
      const body = bodies[i % bodies.length] as string;
      const msgId = `msg_${prefix}_${i}`;
      const at = new Date();
      const headers = {
        'content-type': 'application/json',
        'webhook-id': msgId,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signer.sign(msgId, at, body),
      };
      return {
        inputData: INPUT,
        subscribeData,
        ...hookRequest({ headers, content: body }),
      } as unknown as Bundle;
    });
  installSeams();
  const z = minimalZ();
  const perform = ops(newResponse).perform as Perform;
  const run = async (bundle: Bundle) => {
    const items = (await perform(z, bundle)) as unknown[];
    if (items.length !== 1) throw new Error('hook path: a delivery output nothing');
  };

  await timeEach(makeBundles('warm', warmup), run);
  const bundles = makeBundles('timed', count);
  const performTimes = await timeEach(bundles, run);
  const contents = bundles.map((bundle) => bundle.rawRequest?.content ?? '');
  await timeEach(contents.slice(0, warmup), (body) => JSON.parse(body));
  const parseTimes = await timeEach(contents, (body) => JSON.parse(body));

  // The parts, alone.
  const verifyTimes = await timeEach(bundles, (bundle) => verifyDelivery(z, bundle));
  const raws = contents.map((body) => JSON.parse(body) as unknown);
  const schemaTimes = await timeEach(raws, (raw) => parseEvent(z, 'webhook delivery', raw));
  const events = await Promise.all(raws.map((raw) => parseEvent(z, 'webhook delivery', raw)));
  const recordTimes = await timeEach(events, (event) =>
    event && (event.type === 'response.created' || event.type === 'response.analyzed')
      ? toResponseRecord(event.data.response, 'en')
      : null,
  );

  // appTester for scale: fresh webhook-ids so dedupe does not short-cut.
  const testerBundles = makeBundles('tester', 1_000);
  const testerTimes = await timeEach(testerBundles, (bundle) =>
    runWith(perform, bundle as unknown as Record<string, unknown>),
  );

  return {
    deliveries: count,
    bodyBytes: Math.round(
      contents.reduce((sum, body) => sum + Buffer.byteLength(body), 0) / contents.length,
    ),
    performP50Ms: median(performTimes),
    performP95Ms: p95(performTimes),
    jsonParseP50Ms: median(parseTimes),
    jsonParseP95Ms: p95(parseTimes),
    verifyP50Ms: median(verifyTimes),
    schemaParseP50Ms: median(schemaTimes),
    recordP50Ms: median(recordTimes),
    appTesterP50Ms: median(testerTimes),
  };
};
