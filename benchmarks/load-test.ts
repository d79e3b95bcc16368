/**
 * `npm run test:load` (issue 6, guarantee 6): the app against the sandbox under load.
 *
 * The sandbox platform runs in-process; one `new_response` zap subscribes through the app's
 * performSubscribe; 2,000 customers answer; the sandbox signs and POSTs each webhook (at least
 * once, shuffled) to a loopback receiver; a pool of at most 50 concurrent Zapier workers runs
 * the trigger's `perform` on each delivery (signature check, parsing, deduplication with a z.cache
 * double that honours nx); then 500 deliveries run again one at a time (empty dedupe cache) for
 * the cost of one perform without queueing. Core's http patch stays on, as in production. It
 * prints throughput and latency percentiles; it asserts only correctness (each response output
 * exactly once, no rejection, each one-at-a-time run outputs once) and exits 1 otherwise. Figures
 * go into docs/reliability.md by hand: they are measurements, not test assertions.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { startSandbox } from '../sandbox/server.js';
import { hookRequest, startReceiver, type ReceivedDelivery } from '../sandbox/zapier-side.js';

type Run = (z: ZObject, bundle: Bundle) => Promise<unknown>;

const TOTAL = Number(process.env.LOAD_TOTAL ?? 2000);
const IN_FLIGHT = Number(process.env.LOAD_IN_FLIGHT ?? 50);

const sandbox = await startSandbox({
  analysisDelayMs: 5,
  retryScale: 0.001,
  shuffleDeliveries: true,
  rateLimitPerMinute: 1_000_000,
});
process.env.NPS_API_BASE_URL = sandbox.baseUrl;
process.env.NODE_ENV ??= 'test';
const { default: zapier } = await import('zapier-platform-core');
const { default: App } = await import('../index.js');
const { NxCache, testerWithStores } = await import('../test/helpers/stores.js');

// Core's http patch (request logging) stays on, as in production: the sandbox's deliveries go
// through the patched http.request in this same process. Every run gets a z.cache that honours
// set-if-absent (nx), as Zapier's does (the tester's mock does not).
const stores = { cache: new NxCache() };
const appTester = testerWithStores(zapier.createAppTester(App), () => stores);

const op = (App.triggers as unknown as Record<string, { operation: Record<string, unknown> }>)
  .new_response?.operation as Record<'perform' | 'performSubscribe' | 'performUnsubscribe', Run>;
const authData = { api_key: sandbox.keys.live, region: 'us' };
const inputData = { wait_for_themes: 'false' };

const receiver = await startReceiver();
const subscription = (await appTester(op.performSubscribe, {
  authData,
  inputData,
  targetUrl: receiver.url('load'),
} as unknown as Bundle)) as { id: string; secret: string };

const surveys = (await (
  await fetch(`${sandbox.baseUrl}/surveys`, {
    headers: { authorization: `Bearer ${sandbox.keys.live}` },
  })
).json()) as { data: Array<{ id: string }> };
const surveyId = surveys.data[0]?.id ?? '';

// The Zapier side: a queue of received deliveries and at most IN_FLIGHT perform runs.
const queue: ReceivedDelivery[] = [];
const outputs = new Map<string, number>();
const latencies: number[] = [];
let deliveriesSeen = 0;
let rejected = 0;
let running = 0;
let peak = 0;
let wake: (() => void) | undefined;

let holding = true;
const pump = () => {
  while (!holding && running < IN_FLIGHT && queue.length) {
    const delivery = queue.shift() as ReceivedDelivery;
    running += 1;
    peak = Math.max(peak, running);
    const start = performance.now();
    void (
      appTester(op.perform, {
        authData,
        inputData,
        subscribeData: subscription,
        ...hookRequest(delivery),
      } as unknown as Bundle) as Promise<Array<{ response_id: string }>>
    )
      .then((items) => {
        for (const item of items)
          outputs.set(item.response_id, (outputs.get(item.response_id) ?? 0) + 1);
      })
      .catch(() => {
        rejected += 1;
      })
      .finally(() => {
        latencies.push(performance.now() - start);
        running -= 1;
        pump();
        wake?.();
      });
  }
};
receiver.onDelivery((delivery) => {
  deliveriesSeen += 1;
  queue.push(delivery);
  pump();
});

// Phase 1: the sandbox delivers every webhook (the receiver answers 200 and queues it).
const deliveryStarted = performance.now();
for (let i = 0; i < TOTAL; i++) {
  sandbox.submitResponse({
    survey_id: surveyId,
    score: i % 11,
    comment: i % 3 ? `Load comment ${i}` : null,
    contact: { email: `load${i}@example.com` },
  });
  if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
}
await receiver.waitFor(TOTAL, { timeoutMs: 120_000 });
const deliverySeconds = (performance.now() - deliveryStarted) / 1000;
// Zapier may get a delivery more than once: replay 10 % of them (the same bytes) shuffled in.
const replays = queue.filter((_, i) => i % 10 === 0);
for (const replay of replays) queue.splice(Math.floor(Math.random() * queue.length), 0, replay);
deliveriesSeen += replays.length;
// Phase 2: the Zapier side works the queue with at most IN_FLIGHT perform runs at a time.
const started = performance.now();
holding = false;
pump();
const deadline = Date.now() + 120_000;
while ((outputs.size < TOTAL || running || queue.length) && Date.now() < deadline) {
  await new Promise<void>((resolve) => {
    wake = resolve;
    setTimeout(resolve, 100);
  });
}
const seconds = (performance.now() - started) / 1000;
await sandbox.settle();

// Phase 3: the cost of one perform without queueing: SERIAL of the received deliveries again,
// one at a time, with an empty dedupe cache (each must output its response once more).
const SERIAL = Math.min(500, receiver.deliveries.length);
stores.cache.keys.clear();
const serialLatencies: number[] = [];
let serialOutputs = 0;
for (const delivery of receiver.deliveries.slice(0, SERIAL)) {
  const start = performance.now();
  const items = (await appTester(op.perform, {
    authData,
    inputData,
    subscribeData: subscription,
    ...hookRequest(delivery),
  } as unknown as Bundle)) as unknown[];
  serialLatencies.push(performance.now() - start);
  serialOutputs += items.length;
}

const percentile = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const pct = percentile(latencies);
const serialPct = percentile(serialLatencies);
const duplicates = [...outputs.values()].filter((n) => n !== 1).length;
const result = {
  responses: TOTAL,
  deliveries_processed: deliveriesSeen,
  repeat_deliveries_dropped:
    deliveriesSeen - rejected - [...outputs.values()].reduce((a, b) => a + b, 0),
  rejected,
  output_exactly_once: outputs.size === TOTAL && duplicates === 0,
  distinct_outputs: outputs.size,
  in_flight_limit: IN_FLIGHT,
  peak_in_flight: peak,
  sandbox_delivery_seconds: Number(deliverySeconds.toFixed(2)),
  sandbox_deliveries_per_s: Number((TOTAL / deliverySeconds).toFixed(1)),
  processing_seconds: Number(seconds.toFixed(2)),
  processing_throughput_per_s: Number((deliveriesSeen / seconds).toFixed(1)),
  perform_p50_ms: Number(pct(50).toFixed(1)),
  perform_p95_ms: Number(pct(95).toFixed(1)),
  perform_max_ms: Number(pct(100).toFixed(1)),
  serial_runs: SERIAL,
  serial_outputs: serialOutputs,
  serial_perform_p50_ms: Number(serialPct(50).toFixed(1)),
  serial_perform_p95_ms: Number(serialPct(95).toFixed(1)),
  node: process.version,
};
console.log(JSON.stringify(result, null, 2));

await appTester(op.performUnsubscribe, {
  authData,
  inputData,
  subscribeData: subscription,
} as unknown as Bundle);
await receiver.close();
await sandbox.close();
process.exit(result.output_exactly_once && rejected === 0 && serialOutputs === SERIAL ? 0 : 1);
