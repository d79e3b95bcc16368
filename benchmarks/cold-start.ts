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
import { fileURLToPath } from 'node:url';
import { median, ms, quantile } from './harness.js';
import { withBudgetsRecounted, type SummaryRow } from './backfill-report.js';

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

/** Per-pair ratios b/a of two series timed side by side, with each side's median. */
export const pairStats = (a: readonly number[], b: readonly number[]): Paired => {
  const ratios = b.map((ms, i) => ms / (a[i] ?? Number.NaN));
  return {
    coreMs: median(a),
    appMs: median(b),
    ratio: median(ratios),
    ratioP10: quantile(ratios, 0.1),
    ratioP90: quantile(ratios, 0.9),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
  };
};

/** A bench script in an unzipped build: its folder and its file name there. */
interface Script {
  dir: string;
  name: Variant;
}

/** A loopback stand-in of GET /me for the first calls, and the environment that points at it. */
const startApi = async () => {
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
  return { env, close: () => api.close() };
};

/** build/build.zip unzipped in a temporary folder, with the bench scripts beside its entry. */
const unzipped = (zipPath: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'nps-bench-zip-'));
  new AdmZip(zipPath).extractAllTo(dir, true);
  for (const [name, text] of Object.entries(SCRIPTS)) {
    writeFileSync(join(dir, `bench-${name}.mjs`), text);
  }
  return dir;
};

/** The wall time of one fresh process running `script` (spawned asynchronously: the API answers). */
const timeOnce = (script: Script, env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(script.dir, `bench-${script.name}.mjs`)], {
      cwd: script.dir,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = performance.now() - started;
      if (code !== 0) reject(new Error(`cold start (${script.name}) failed: ${stderr || code}`));
      else resolve(elapsed);
    });
  });

/**
 * Times groups of scripts `pairs` times after `warmups`: in each round every group runs back to
 * back, a pair in alternating order so that neither side always runs first. Returns each group's
 * times, in the order of its scripts.
 */
const sideBySide = async (
  groups: Script[][],
  env: NodeJS.ProcessEnv,
  pairs: number,
  warmups: number,
): Promise<number[][][]> => {
  const times = groups.map((group) => group.map(() => [] as number[]));
  for (let i = 0; i < warmups; i += 1) {
    for (const group of groups) for (const script of group) await timeOnce(script, env);
  }
  for (let i = 0; i < pairs; i += 1) {
    for (const [g, group] of groups.entries()) {
      const order = group.map((_, k) => k);
      for (const k of i % 2 ? order.reverse() : order) {
        const script = group[k];
        if (script) times[g]?.[k]?.push(await timeOnce(script, env));
      }
    }
  }
  return times;
};

/** `sideBySide` with the loopback API up, in the unzipped builds `dirs`; removes them after. */
const timeUnzipped = async (
  dirs: string[],
  groups: Script[][],
  pairs: number,
  warmups: number,
): Promise<number[][][]> => {
  const api = await startApi();
  try {
    return await sideBySide(groups, api.env, pairs, warmups);
  } finally {
    api.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
};

/** The pair statistics of a two-script group's times (`pairStats`, first script against second). */
const pairedTimes = (times: number[][] | undefined): Paired =>
  pairStats(times?.[0] ?? [], times?.[1] ?? []);

export const coldStart = async (zipPath: string, pairs = 20, warmups = 3): Promise<ColdStart> => {
  const dir = unzipped(zipPath);
  const at = (name: Variant): Script => ({ dir, name });
  const [empty, load, call] = await timeUnzipped(
    [dir],
    [[at('empty')], [at('core'), at('app')], [at('coreCall'), at('appCall')]],
    pairs,
    warmups,
  );
  return {
    pairs,
    warmups,
    emptyMs: median(empty?.[0] ?? []),
    load: pairedTimes(load),
    firstCall: pairedTimes(call),
    zipBytes: statSync(zipPath).size,
  };
};

export interface ColdStartComparison {
  pairs: number;
  warmups: number;
  /** Ratios zip/base pair by pair (`coreMs` is the base's median, `appMs` the zip's). */
  load: Paired;
  firstCall: Paired;
}

/**
 * Two builds of the app side by side (e.g. main's and a branch's build.zip): the same pairs as
 * `coldStart`, the app of `zipPath` against the app of `baseZipPath`, ratios zip/base.
 */
export const compareColdStarts = async (
  baseZipPath: string,
  zipPath: string,
  pairs = 20,
  warmups = 3,
): Promise<ColdStartComparison> => {
  const base = unzipped(baseZipPath);
  const dir = unzipped(zipPath);
  const [load, call] = await timeUnzipped(
    [base, dir],
    (['app', 'appCall'] as const).map((name) => [
      { dir: base, name },
      { dir, name },
    ]),
    pairs,
    warmups,
  );
  return { pairs, warmups, load: pairedTimes(load), firstCall: pairedTimes(call) };
};

// ---------------------------------------------------------------- BENCHMARKS.md

type Table = (header: string[], body: string[][]) => string;
const ratio = (value: number) => value.toFixed(2);
const spread = (p: Paired) => [
  `${ratio(p.ratioP10)}–${ratio(p.ratioP90)}`,
  `${ratio(p.ratioMin)}–${ratio(p.ratioMax)}`,
];

/** The summary row of the cold start (figure "1."): the budget. */
export const coldStartRow = (cold: ColdStart): SummaryRow => ({
  figure: `1. Cold start: app / core, side by side (median of ${cold.pairs} pair ratios, p10–p90)`,
  value: `${ratio(cold.load.ratio)} (${ratio(cold.load.ratioP10)}–${ratio(cold.load.ratioP90)}; app ${ms(cold.load.appMs)}, core ${ms(cold.load.coreMs)})`,
  budget: `≤ ${COLD_START_MAX_RATIO.toFixed(2)}`,
  met: cold.load.ratio <= COLD_START_MAX_RATIO,
});

/** "## 1. Cold start" up to (not including) the next section. */
export const coldStartSection = (cold: ColdStart, mdTable: Table): string => `## 1. Cold start

What: wall time of fresh \`node\` processes spawned from the bench in the unzipped
build/build.zip, side by side: ${cold.pairs} pairs after ${cold.warmups} warm-ups, the two of a pair
run back to back (in alternating order), and the ratio taken pair by pair, so a machine that
slows down or speeds up during the run moves both sides of a pair alike. The figure is the
median of the pair ratios; p10–p90 and min–max show the spread (wide: the machine was busy).

- **load** (the budget, ≤ ${COLD_START_MAX_RATIO.toFixed(2)}): \`import 'zapier-platform-core'\` vs the app
  as Zapier's runtime loads it (\`import { handler } from './zapierwrapper.js'\`: core,
  dist/entry.js, \`createAppHandler\`). dist/entry.js holds the definition as data; an operation's
  modules, the schemas (zod/mini, bundled) and standardwebhooks load when it first runs.
- **first call** (no budget): the same, each then running one \`authentication.test\` against a
  loopback stand-in of GET /me: a bare integration on core (one \`z.request\`, no validation) vs
  the app, whose first call loads its modules and the schemas, and has core compile its far
  larger definition.

${mdTable(
  ['pair', 'core median', 'app median', 'ratio (median)', 'p10–p90', 'min–max'],
  [
    [
      'load',
      ms(cold.load.coreMs),
      ms(cold.load.appMs),
      `**${ratio(cold.load.ratio)}**`,
      ...spread(cold.load),
    ],
    [
      'first call',
      ms(cold.firstCall.coreMs),
      ms(cold.firstCall.appMs),
      ratio(cold.firstCall.ratio),
      ...spread(cold.firstCall),
    ],
  ],
)}

Bare node (an empty script): ${ms(cold.emptyMs)}.

Reproduce: \`npm run bench -- --only cold\` (this section alone);
\`npx tsx benchmarks/cold-start.ts --compare base.zip build/build.zip\` compares two builds side by
side (e.g. the main branch's build.zip and this one's). With public tools, from the unzipped zip
(\`import 'zapier-platform-core'\` in core.mjs, \`import './zapierwrapper.js'\` in app.mjs):
\`hyperfine -N -w 3 -r 20 'node core.mjs' 'node app.mjs'\` (Node 22).
`;

const status = (met: boolean | null) => (met === null ? '—' : met ? 'met' : 'MISSED');

/**
 * BENCHMARKS.md with the cold start's summary row (figure "1.") and section replaced by `cold`,
 * saying when they were measured; everything else as it was generated.
 */
export const spliceColdStart = (
  doc: string,
  cold: ColdStart,
  today: string,
  mdTable: Table,
): string => {
  const lines = doc.split('\n');
  const summary = lines.indexOf('## Summary');
  const row = lines.findIndex((l, i) => i > summary && l.startsWith('| 1. '));
  if (summary < 0 || row < 0) throw new Error('BENCHMARKS.md has no cold start row in its summary');
  const r = coldStartRow(cold);
  lines[row] =
    `| ${[r.figure, r.value, r.budget, status(r.met)].map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const text = lines.join('\n');
  const start = text.indexOf('## 1. Cold start');
  const end = text.indexOf('\n## 2.', start);
  if (start < 0 || end < 0) throw new Error('BENCHMARKS.md has no "## 1. Cold start" section');
  return withBudgetsRecounted(
    `${text.slice(0, start)}${coldStartSection(cold, mdTable)}\nThis section and row 1 were measured again on ${today} with \`npm run bench -- --only cold\`.\n${text.slice(end)}`,
  );
};

// `npx tsx benchmarks/cold-start.ts --compare base.zip [zip]`: two builds side by side.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--compare');
  const base = at >= 0 ? process.argv[at + 1] : undefined;
  const zip = (at >= 0 ? process.argv[at + 2] : undefined) ?? 'build/build.zip';
  if (!base) {
    console.error('usage: npx tsx benchmarks/cold-start.ts --compare base.zip [build/build.zip]');
    process.exit(2);
  }
  const result = await compareColdStarts(base, zip);
  const line = (name: string, p: Paired) =>
    `${name}: ${zip} / ${base} = ${ratio(p.ratio)} (p10–p90 ${spread(p)[0]}, min–max ${spread(p)[1]}; ${ms(p.appMs)} vs ${ms(p.coreMs)}, medians of ${result.pairs} pairs)`;
  console.log(line('load', result.load));
  console.log(line('first call', result.firstCall));
  process.exit(0);
}
