/**
 * Cold start, side by side: fresh Node processes from the unzipped build/build.zip, in pairs run
 * one right after the other so that drift of a shared machine hits both alike, and the ratio taken
 * pair by pair (issue 19, item 5):
 *
 * - load: `zapier-platform-core` alone vs the app through the zip's own entry (zapierwrapper.js:
 *   core + dist/entry.js + createAppHandler), as Zapier's runtime loads it. The budget.
 * - first call: the same two, each then running one `authentication.test` (GET /me on a loopback
 *   stand-in of the API): a bare integration on core (no validation) vs the app, whose first call
 *   loads the operation's modules and the contract's schemas. Shows that load-time laziness did not
 *   just move the cost to the first call.
 *
 * Bare node (an empty script) is timed too, for scale. Processes are spawned asynchronously, so the
 * loopback API answers from this process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import AdmZip from 'adm-zip';
import { median, quantile } from './harness.js';

/** The budget of issue 19: the app's cold load at most 10 % over core's, medians of pair ratios. */
export const COLD_START_MAX_RATIO = 1.1;

export interface Paired {
  /** Medians of each side's wall times. */
  coreMs: number;
  appMs: number;
  /** Per-pair ratio app/core: median, p10–p90 and min–max. */
  ratio: number;
  ratioP10: number;
  ratioP90: number;
  ratioMin: number;
  ratioMax: number;
}

export interface ColdStart {
  pairs: number;
  warmups: number;
  emptyMs: number;
  load: Paired;
  firstCall: Paired;
  zipBytes: number;
}

const API_KEY = 'nps_test_bench_0123456789';
const ME = {
  workspace: { id: 'ws_bench', name: 'Bench Inc.', region: 'us' },
  key: { id: 'key_bench', name: 'Zapier', mode: 'test', scopes: ['responses:read'] },
};
const CALL = `{ command: 'execute', method: 'authentication.test', bundle: { authData: { api_key: '${API_KEY}', region: 'us' }, inputData: {} } }`;
const CHECK = `if (out.results?.workspace?.name !== 'Bench Inc.') process.exit(3);\n`;

const SCRIPTS = {
  empty: '',
  core: "import 'zapier-platform-core';\n",
  app: "import { handler } from './zapierwrapper.js';\nif (typeof handler !== 'function') process.exit(2);\n",
  coreCall:
    "import zapier from 'zapier-platform-core';\n" +
    'const app = { version: "1.0.0", platformVersion: zapier.version, authentication: { type: "custom", fields: [{ key: "api_key", required: true }],\n' +
    '  test: async (z) => (await z.request({ url: `${process.env.NPS_API_BASE_URL}/me`, headers: { Authorization: "Bearer x" } })).data } };\n' +
    `const out = await zapier.createAppHandler(app)(${CALL});\n${CHECK}`,
  appCall: `import { handler } from './zapierwrapper.js';\nconst out = await handler(${CALL});\n${CHECK}`,
} as const;
type Variant = keyof typeof SCRIPTS;

const paired = (core: number[], app: number[]): Paired => {
  const ratios = app.map((ms, i) => ms / (core[i] ?? Number.NaN));
  return {
    coreMs: median(core),
    appMs: median(app),
    ratio: median(ratios),
    ratioP10: quantile(ratios, 0.1),
    ratioP90: quantile(ratios, 0.9),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
  };
};

export const coldStart = async (zipPath: string, pairs = 20, warmups = 3): Promise<ColdStart> => {
  const dir = mkdtempSync(join(tmpdir(), 'nps-bench-zip-'));
  const api = createServer((req, res) => {
    const ok = req.url === '/v1/me';
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? ME : { error: { type: 'not_found', message: 'Not found.' } }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const env = {
    ...process.env,
    NODE_OPTIONS: '',
    // Core writes a memory line per call outside test mode; the app reads its API from here.
    NODE_ENV: 'test',
    NPS_API_BASE_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}/v1`,
  };
  try {
    new AdmZip(zipPath).extractAllTo(dir, true);
    for (const [name, text] of Object.entries(SCRIPTS)) {
      writeFileSync(join(dir, `bench-${name}.mjs`), text);
    }
    const once = (variant: Variant): Promise<number> =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(process.execPath, [join(dir, `bench-${variant}.mjs`)], {
          cwd: dir,
          env,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
          const elapsed = performance.now() - started;
          if (code !== 0) reject(new Error(`cold start (${variant}) failed: ${stderr || code}`));
          else resolve(elapsed);
        });
      });
    const times: Record<Variant, number[]> = {
      empty: [],
      core: [],
      app: [],
      coreCall: [],
      appCall: [],
    };
    // Each pair runs back to back; the order inside a pair alternates so neither side always
    // runs first.
    const order: Variant[][] = [['empty'], ['core', 'app'], ['coreCall', 'appCall']];
    for (let i = 0; i < warmups; i += 1) {
      for (const group of order) for (const variant of group) await once(variant);
    }
    for (let i = 0; i < pairs; i += 1) {
      for (const group of order) {
        const runs = i % 2 ? [...group].reverse() : group;
        for (const variant of runs) times[variant].push(await once(variant));
      }
    }
    return {
      pairs,
      warmups,
      emptyMs: median(times.empty),
      load: paired(times.core, times.app),
      firstCall: paired(times.coreCall, times.appCall),
      zipBytes: statSync(zipPath).size,
    };
  } finally {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
