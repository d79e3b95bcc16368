/**
 * Backfill: new_response's performList paging through 10,000 (or 100,000) responses, as Zapier
 * Transfer and "load more" do (bundle.meta.page 0, 1, 2, ... with the API cursor kept in
 * z.cursor), through appTester against the sandbox. Runs in its own process (`index.ts` spawns
 * it, see backfill-report.ts) so its peak memory is its own. Core's memory checker (which kills a
 * process above 450 MB RSS after 250 runs) would count the sandbox's 100,000 responses held in
 * this same process: it is given an RSS of 0 while the bench samples the real figures.
 *
 * The responses are added with `sandbox.submitResponse` (each one a live answer with its events:
 * the 10,000 run, as before) or loaded with `sandbox.importHistory` (past answers, analysed, no
 * events: the 100,000 run, which would otherwise hold 200,000 event payloads).
 *
 * App time per page = perform's wall time − the same HTTP request replayed with fetch (server +
 * loopback); the replay uses the logged path and query (cursors are valid for 24 hours).
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import newResponse from '../../triggers/new_response.js';
import { ops, installSeams, liveAuth, max, median, p95, runWith } from './harness.js';

export type BackfillLoad = 'submit' | 'import';

export interface Backfill {
  target: number;
  load: BackfillLoad;
  seeded: number;
  added: number;
  submitSeconds: number;
  pages: number;
  items: number;
  requests: number;
  otherRequests: number;
  performP50Ms: number;
  performP95Ms: number;
  performMaxMs: number;
  serverP50Ms: number;
  serverP95Ms: number;
  appP50Ms: number;
  appP95Ms: number;
  appMaxMs: number;
  /** Page 1 (cold: first appTester run, JIT) and the worst of the pages after it. */
  firstPageAppMs: number;
  laterPagesAppMaxMs: number;
  slowestPage: number;
  totalSeconds: number;
  baselineHeapBytes: number;
  peakHeapBytes: number;
  baselineRssBytes: number;
  peakRssBytes: number;
}

const get = async <T>(sandbox: Sandbox, path: string): Promise<T> => {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${sandbox.keys.live}` },
  });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
};

const countResponses = async (sandbox: Sandbox): Promise<number> => {
  let total = 0;
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: { data: unknown[]; next_cursor: string | null } = await get(
      sandbox,
      `/responses?limit=100${query}`,
    );
    total += page.data.length;
    cursor = page.next_cursor;
  } while (cursor);
  return total;
};

export const backfill = async (
  target = 10_000,
  load: BackfillLoad = 'submit',
): Promise<Backfill> => {
  const sandbox = await startSandbox({ rateLimitPerMinute: 10_000_000, analysisDelayMs: 0 });
  const realMemoryUsage = process.memoryUsage;
  try {
    process.env.NPS_API_BASE_URL = sandbox.baseUrl;
    const seeded = await countResponses(sandbox);
    const surveys = await get<{ data: Array<{ id: string }> }>(sandbox, '/surveys?limit=10');
    const surveyIds = surveys.data.map((s) => s.id);
    const added = Math.max(0, target - seeded);
    const submitStarted = performance.now();
    const now = Date.now();
    const answer = (i: number) => ({
      survey_id: surveyIds[i % surveyIds.length] as string,
      score: (i * 7) % 11,
      comment: i % 4 ? `Backfill comment ${i}: pricing is fair, the mobile app is slow.` : null,
      contact: { email: `backfill.${i % 3000}@example.com`, name: `Backfill ${i % 3000}` },
      // 10,000 a minute apart; 100,000 twenty seconds apart (about 23 days)
      submitted_at: new Date(now - (i + 1) * (load === 'import' ? 20_000 : 60_000)).toISOString(),
    });
    if (load === 'import') {
      for (let from = 0; from < added; from += 10_000) {
        const to = Math.min(added, from + 10_000);
        sandbox.importHistory(Array.from({ length: to - from }, (_, k) => answer(from + k)));
      }
    } else {
      for (let i = 0; i < added; i += 1) sandbox.submitResponse(answer(i));
    }
    await sandbox.settle();
    const submitSeconds = (performance.now() - submitStarted) / 1000;

    const { cursor } = installSeams();
    const authData = liveAuth(sandbox.keys.live);
    global.gc?.();
    const real = () => realMemoryUsage.call(process);
    process.memoryUsage = Object.assign(() => ({ ...real(), rss: 0 }), { rss: () => 0 });
    const baseline = real();
    let peakHeap = baseline.heapUsed;
    let peakRss = baseline.rss;
    const sample = () => {
      const usage = real();
      peakHeap = Math.max(peakHeap, usage.heapUsed);
      peakRss = Math.max(peakRss, usage.rss);
    };
    const sampler = setInterval(sample, 2);
    const logBefore = sandbox.requestLog().length;
    const performTimes: number[] = [];
    let items = 0;
    const started = performance.now();
    cursor.value = null;
    for (let page = 0; ; page += 1) {
      const t0 = performance.now();
      const output = (await runWith(ops(newResponse).performList, {
        authData,
        inputData: { wait_for_themes: false },
        meta: { page, isLoadingSample: false },
      })) as unknown[];
      performTimes.push(performance.now() - t0);
      sample();
      if (!output.length) break;
      items += output.length;
    }
    const totalSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const log = sandbox.requestLog().slice(logBefore);
    const listCalls = log.filter((e) => e.method === 'GET' && e.path === '/v1/responses');

    // Replay each page's request: the server + loopback part of a page.
    const serverTimes: number[] = [];
    for (const entry of listCalls) {
      const query = new URLSearchParams(entry.query).toString();
      const t0 = performance.now();
      const response = await fetch(`${sandbox.origin}${entry.path}?${query}`, {
        headers: { authorization: `Bearer ${sandbox.keys.live}` },
      });
      await response.text();
      serverTimes.push(performance.now() - t0);
    }
    // The last perform (page 101) makes no request: the cursor store says the list has ended.
    const paired = performTimes.slice(0, serverTimes.length);
    const appTimes = paired.map((t, i) => Math.max(0, t - (serverTimes[i] ?? 0)));
    return {
      target,
      load,
      seeded,
      added,
      submitSeconds,
      pages: performTimes.length,
      items,
      requests: listCalls.length,
      otherRequests: log.length - listCalls.length,
      performP50Ms: median(paired),
      performP95Ms: p95(paired),
      performMaxMs: max(paired),
      serverP50Ms: median(serverTimes),
      serverP95Ms: p95(serverTimes),
      appP50Ms: median(appTimes),
      appP95Ms: p95(appTimes),
      appMaxMs: max(appTimes),
      firstPageAppMs: appTimes[0] ?? Number.NaN,
      laterPagesAppMaxMs: max(appTimes.slice(1)),
      slowestPage: appTimes.indexOf(max(appTimes)) + 1,
      totalSeconds,
      baselineHeapBytes: baseline.heapUsed,
      peakHeapBytes: peakHeap,
      baselineRssBytes: baseline.rss,
      peakRssBytes: peakRss,
    };
  } finally {
    process.memoryUsage = realMemoryUsage;
    await sandbox.close();
  }
};

/** Run alone (index.ts spawns this file): prints the result as one JSON line. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = Number(process.env.BENCH_BACKFILL_TARGET ?? 10_000);
  const load = (process.env.BENCH_BACKFILL_LOAD ??
    (target > 10_000 ? 'import' : 'submit')) as BackfillLoad;
  const result = await backfill(target, load);
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}
