/**
 * Backfill: new_response's performList paging through 10,000 (or 100,000) responses, as Zapier
 * Transfer and "load more" do (bundle.meta.page 0, 1, 2, ... with the API cursor kept in
 * z.cursor), through appTester against the sandbox. Runs in its own process (`index.ts` spawns
 * it, see backfill-report.ts) so its peak memory is its own. Core's memory checker (which kills a
 * process above 450 MB RSS after 250 runs) would count the sandbox's 100,000 responses held in
 * this same process: it is given an RSS of 0 while the bench samples the real figures.
 *
 * The responses are added with `sandbox.submitResponse` (each one a live answer with its events:
 * the 10,000 run, as before, the sandbox in this process) or loaded as history (past answers,
 * analysed, no events: the 100,000 run). For 100,000 the sandbox runs in its own process
 * (benchmarks/sandbox-host.ts, loaded through POST /_sandbox/history), so collecting its large
 * heap never lands in the app's time per page, and the memory figures are the app process's.
 *
 * App time per page = perform's wall time − the same HTTP request replayed with fetch (server +
 * loopback); the replay uses the logged path and query (cursors are valid for 24 hours).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startSandbox, type RequestLogEntry, type SubmitResponseInput } from '../sandbox/server.js';
import newResponse from '../triggers/new_response.js';
import {
  ops,
  installSeams,
  liveAuth,
  max,
  median,
  memoryPeaks,
  p95,
  runWith,
  type MemoryPeaks,
} from './harness.js';

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

/** The sandbox the backfill pages: in this process, or in its own (100,000 responses). */
interface Host {
  baseUrl: string;
  origin: string;
  liveKey: string;
  /** Adds the answers: as live answers (submit) or as history (import). */
  add(inputs: SubmitResponseInput[], load: BackfillLoad): Promise<void>;
  requestLog(): Promise<RequestLogEntry[]>;
  close(): Promise<void>;
}

const SANDBOX_OPTIONS = { rateLimitPerMinute: 10_000_000, analysisDelayMs: 0 };

const inProcess = async (): Promise<Host> => {
  const sandbox = await startSandbox(SANDBOX_OPTIONS);
  return {
    baseUrl: sandbox.baseUrl,
    origin: sandbox.origin,
    liveKey: sandbox.keys.live,
    add: async (inputs, load) => {
      if (load === 'import') sandbox.importHistory(inputs);
      else for (const input of inputs) sandbox.submitResponse(input);
      await sandbox.settle();
    },
    requestLog: async () => sandbox.requestLog(),
    close: () => sandbox.close(),
  };
};

/** benchmarks/sandbox-host.ts in a child process; its controls over HTTP. */
const ownProcess = async (): Promise<Host> => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'benchmarks/sandbox-host.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let buffered = '';
  const ready = new Promise<{ baseUrl: string; origin: string; liveKey: string }>(
    (resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const line = buffered.split('\n').find((l) => l.startsWith('SANDBOX '));
        if (line) resolve(JSON.parse(line.slice('SANDBOX '.length)) as never);
      });
      child.on('exit', (code) => reject(new Error(`the sandbox process exited (${code})`)));
    },
  );
  const info = await ready;
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${info.origin}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return (await response.json()) as unknown;
  };
  return {
    ...info,
    add: async (inputs, load) => {
      if (load !== 'import') throw new Error('a sandbox in its own process loads history only');
      // Bodies stay under the sandbox's 1 MB limit.
      for (let from = 0; from < inputs.length; from += 2_000)
        await control('POST', '/_sandbox/history', { data: inputs.slice(from, from + 2_000) });
    },
    requestLog: async () =>
      ((await control('GET', '/_sandbox/requests')) as { data: RequestLogEntry[] }).data,
    close: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
};

const get = async <T>(sandbox: Host, path: string): Promise<T> => {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${sandbox.liveKey}` },
  });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
};

const countResponses = async (sandbox: Host): Promise<number> => {
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
  const sandbox = load === 'import' ? await ownProcess() : await inProcess();
  let memory: MemoryPeaks | undefined;
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
    await sandbox.add(
      Array.from({ length: added }, (_, i) => answer(i)),
      load,
    );
    const submitSeconds = (performance.now() - submitStarted) / 1000;
    // One pass over the list first: the sandbox's caches (its newest-first order, each contact's
    // responses) are then warm for the pages and for their replays alike, so "perform − replay"
    // stays the app's time. It also checks the sandbox holds the target.
    const held = await countResponses(sandbox);
    if (held !== Math.max(target, seeded)) throw new Error(`the sandbox holds ${held} responses`);

    const { cursor } = installSeams();
    const authData = liveAuth(sandbox.liveKey);
    global.gc?.();
    memory = memoryPeaks();
    const { baseline, peak, sample } = memory;
    const logBefore = (await sandbox.requestLog()).length;
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
    memory.stop();
    const log = (await sandbox.requestLog()).slice(logBefore);
    const listCalls = log.filter((e) => e.method === 'GET' && e.path === '/v1/responses');

    // Replay each page's request: the server + loopback part of a page.
    const serverTimes: number[] = [];
    for (const entry of listCalls) {
      const query = new URLSearchParams(entry.query).toString();
      const t0 = performance.now();
      const response = await fetch(`${sandbox.origin}${entry.path}?${query}`, {
        headers: { authorization: `Bearer ${sandbox.liveKey}` },
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
      peakHeapBytes: peak.heapUsed,
      baselineRssBytes: baseline.rss,
      peakRssBytes: peak.rss,
    };
  } finally {
    memory?.stop();
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
