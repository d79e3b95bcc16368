/**
 * Warehouse load (issue 20 item 4): responses loaded through New NPS Response's performList,
 * paged as Zapier Transfer pages it (appTester, z.cursor stand-in), mapped by the warehouse
 * recipe and upserted into an in-memory DuckDB, for 10,000 and 100,000 responses; then the
 * monthly true-NPS query on the 100,000 rows. Runs in its own process (index.ts spawns it):
 * `NODE_ENV=test npx tsx benchmarks/warehouse.ts`.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../sandbox/server.js';
import newResponse from '../triggers/new_response.js';
import { Warehouse } from '../warehouse/duckdb.js';
import { loadResponses } from '../warehouse/load.js';
import { installSeams, liveAuth, median, memoryPeaks, ops, runWith } from './harness.js';

const SELF = fileURLToPath(import.meta.url);

export interface WarehouseLoad {
  responses: number;
  requests: number;
  calls: number;
  seconds: number;
  rowsPerSecond: number;
  /** The process's peak RSS during the load: the app, appTester and DuckDB together. */
  peakRssBytes: number;
}

export interface WarehouseBench {
  loads: WarehouseLoad[];
  monthlyQueryMs: number;
  monthlyQueryRows: number;
}

/**
 * The sandbox holding `target` responses, in a child process of its own: with 100,000 responses
 * in this process, core's memory checker (450 MB RSS after 250 runs) would end the benchmark.
 */
const childSandbox = async (target: number) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SELF, '--serve-sandbox', String(target)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, NODE_ENV: 'test' },
    },
  );
  const info = await new Promise<{ baseUrl: string; origin: string; key: string }>(
    (resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('SANDBOX '));
        if (line)
          resolve(
            JSON.parse(line.slice('SANDBOX '.length)) as {
              baseUrl: string;
              origin: string;
              key: string;
            },
          );
      });
      child.on('exit', (code) => reject(new Error(`the sandbox process exited (${code})`)));
    },
  );
  return { ...info, stop: () => child.kill('SIGTERM') };
};

const load = async (
  target: number,
  keep?: (w: Warehouse) => Promise<void>,
): Promise<WarehouseLoad> => {
  const sandbox = await childSandbox(target);
  const warehouse = await Warehouse.open();
  // The warehouse (DuckDB) and its rows share the process with the app, which they never do on
  // Zapier (each page runs in Zapier's process, the rows land in BigQuery or Snowflake): core's
  // memory guard is held off and the real peak reported (the app's own memory is section 5's).
  const memory = memoryPeaks(5);
  try {
    process.env.NPS_API_BASE_URL = sandbox.baseUrl;
    const { cursor } = installSeams();
    cursor.value = null;
    const authData = liveAuth(sandbox.key);
    const log = async () =>
      (
        (await (await fetch(`${sandbox.origin}/_sandbox/requests`)).json()) as {
          data: Array<{ path: string }>;
        }
      ).data;
    const before = (await log()).length;
    const started = performance.now();
    const result = await loadResponses(
      warehouse,
      (page) =>
        runWith(ops(newResponse).performList, {
          authData,
          inputData: { wait_for_themes: true },
          meta: { page, isLoadingSample: false },
        }) as Promise<Array<Record<string, unknown>>>,
    );
    const seconds = (performance.now() - started) / 1000;
    const requests = (await log()).slice(before).filter((e) => e.path === '/v1/responses').length;
    if (keep) await keep(warehouse);
    memory.sample();
    return {
      responses: result.rows,
      requests,
      calls: result.calls,
      seconds,
      rowsPerSecond: result.rows / seconds,
      peakRssBytes: memory.peak.rss,
    };
  } finally {
    memory.stop();
    warehouse.close();
    sandbox.stop();
  }
};

/** In the child: a sandbox with `target` responses, announced on stdout, until it is stopped. */
const serveSandbox = async (target: number) => {
  const sandbox = await startSandbox({ rateLimitPerMinute: 100_000_000, analysisDelayMs: 0 });
  const surveys = (await (
    await fetch(`${sandbox.baseUrl}/surveys?limit=10`, {
      headers: { authorization: `Bearer ${sandbox.keys.live}` },
    })
  ).json()) as { data: Array<{ id: string }> };
  // The demo workspace holds 320 responses already.
  const seeded = 320;
  const now = Date.now();
  for (let i = 0; i < target - seeded; i += 1) {
    sandbox.submitResponse({
      survey_id: surveys.data[i % surveys.data.length]?.id as string,
      score: (i * 7) % 11,
      comment: i % 3 ? `Warehouse bench ${i}: pricing is fair, the mobile app is slow.` : null,
      contact: { email: `wh.${i % 5000}@example.com` },
      submitted_at: new Date(now - (i + 1) * 150_000).toISOString(),
    });
  }
  await sandbox.settle();
  process.stdout.write(
    `SANDBOX ${JSON.stringify({ baseUrl: sandbox.baseUrl, origin: sandbox.origin, key: sandbox.keys.live })}\n`,
  );
  process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
  // A parent that ended without stopping it (a crash) closes this pipe: never outlive it, or a
  // caller waiting for the parent's stderr to close (spawnSync in index.ts) waits forever.
  process.stdin.on('end', () => process.exit(0)).resume();
};

export const warehouseBench = async (): Promise<WarehouseBench> => {
  const small = await load(10_000);
  let monthlyQueryMs = Number.NaN;
  let monthlyQueryRows = 0;
  const big = await load(100_000, async (warehouse) => {
    const params = {
      grain: 'month',
      timezone: 'Europe/Madrid',
      since: '2000-01-01T00:00:00Z',
      until: '2100-01-01T00:00:00Z',
    };
    const times: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const t0 = performance.now();
      const rows = await warehouse.run('nps_trend', params);
      times.push(performance.now() - t0);
      monthlyQueryRows = rows.length;
    }
    monthlyQueryMs = median(times.slice(2));
  });
  return { loads: [small, big], monthlyQueryMs, monthlyQueryRows };
};

if (process.argv[1] && SELF === process.argv[1]) {
  const serve = process.argv.indexOf('--serve-sandbox');
  if (serve > 0) await serveSandbox(Number(process.argv[serve + 1]));
  else {
    const result = await warehouseBench();
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
    process.exit(0);
  }
}
