/**
 * The backfill benchmark in BENCHMARKS.md: runs backfill.ts in its own process for 10,000
 * responses (added as live answers) and 100,000 (loaded as history), and renders its summary
 * rows and its section. `npm run bench -- --only backfill` re-measures just this part and
 * rewrites those rows and that section in place (index.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Backfill, BackfillLoad } from './backfill.js';

export interface BackfillRuns {
  small: Backfill;
  large: Backfill;
}

export interface SummaryRow {
  figure: string;
  value: string;
  budget: string;
  met: boolean | null;
}

type Table = (header: string[], body: string[][]) => string;
const ms = (value: number, digits = 1): string => `${value.toFixed(digits)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const n = (value: number): string => value.toLocaleString('en');

/** Runs backfill.ts in a fresh Node process (its own memory) and returns its result. */
export const spawnBackfill = (target: number, load: BackfillLoad): Backfill => {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'benchmarks/backfill.ts'],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        BENCH_BACKFILL_TARGET: String(target),
        BENCH_BACKFILL_LOAD: load,
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (child.status !== 0 || !line) {
    throw new Error(`backfill of ${target} failed (${child.status}): ${child.stderr.slice(-2000)}`);
  }
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as Backfill;
};

export const runBackfills = (): BackfillRuns => ({
  small: spawnBackfill(10_000, 'submit'),
  large: spawnBackfill(100_000, 'import'),
});

/** One request per 100 responses; every response output once. */
const complete = (fill: Backfill) =>
  fill.requests <= Math.ceil(fill.target / 100) && fill.items === fill.target;

/** A backfill's requests and total time, against a budget of one request per 100 responses. */
const requestsRow = (figure: string, fill: Backfill, budget: string): SummaryRow => ({
  figure,
  value: `${fill.requests} requests, ${fill.totalSeconds.toFixed(1)} s (${fill.items} items, ${fill.pages} performList calls)`,
  budget,
  met: complete(fill),
});

/** A backfill's app time per page, against a budget of 200 ms a page. */
const pageTimeRow = (figure: string, fill: Backfill): SummaryRow => ({
  figure,
  value: `${ms(fill.appP50Ms)} / ${ms(fill.appP95Ms)} / ${ms(fill.appMaxMs)} (page ${fill.slowestPage})`,
  budget: 'each page < 200 ms',
  met: fill.appMaxMs < 200,
});

/** The summary rows of the backfill (figure names start with "5"). */
export const backfillRows = ({ small, large }: BackfillRuns): SummaryRow[] => [
  requestsRow('5a. Backfill: requests and time for 10,000 responses', small, '100 requests'),
  pageTimeRow('5b. Backfill: app time per page p50 / p95 / max', small),
  {
    figure: '5c. Backfill: peak memory (heap used / RSS)',
    value: `${mb(small.peakHeapBytes)} / ${mb(small.peakRssBytes)} (+${mb(small.peakHeapBytes - small.baselineHeapBytes)} heap over the loaded sandbox)`,
    budget: '—',
    met: null,
  },
  requestsRow('5d. Backfill: requests and time for 100,000 responses', large, '1,000 requests'),
  pageTimeRow('5e. Backfill of 100,000: app time per page p50 / p95 / max', large),
];

/** "## 5. Backfill" up to (not including) the next section. */
export const backfillSection = ({ small, large }: BackfillRuns, mdTable: Table): string => {
  const row = (measure: string, value: (fill: Backfill) => string) => [
    measure,
    value(small),
    value(large),
  ];
  return `## 5. Backfill

What: new_response's \`performList\` through appTester, as Zapier Transfer and "load more" page
(\`meta.page\` 0, 1, 2, … with the API cursor in z.cursor, here an in-memory stand-in in the run's z),
until it returns nothing, \`wait_for_themes\` false (no filter). ${n(small.target)} responses
(${small.seeded} seeded + ${n(small.added)} added as live answers with \`sandbox.submitResponse\`) and
${n(large.target)} (${large.seeded} seeded + ${n(large.added)} loaded as history with
\`POST /_sandbox/history\`: analysed, no events). Each size runs in its own Node process
(\`node --expose-gc --import tsx benchmarks/backfill.ts\`), so memory is its own. For 10,000 the
sandbox runs in that process (the peaks include it); for 100,000 in another one
(benchmarks/sandbox-host.ts), so collecting its large heap never lands in the app's time per page
and the memory figures are the app process's. Core's memory checker is given an RSS of 0 (it
would count the sandbox's responses in the first case).

${mdTable(
  ['measure', n(small.target), n(large.target)],
  [
    row(
      'API requests (GET /responses)',
      (f) => `${f.requests} (other requests: ${f.otherRequests})`,
    ),
    row('items output', (f) => n(f.items)),
    row(
      'performList calls',
      (f) => `${f.pages} (the last one ends on the empty cursor without a request)`,
    ),
    row('**whole backfill**', (f) => `**${f.totalSeconds.toFixed(2)} s**`),
    row(
      'perform per page p50 / p95 / max',
      (f) => `${ms(f.performP50Ms)} / ${ms(f.performP95Ms)} / ${ms(f.performMaxMs)}`,
    ),
    row(
      'server + loopback per page p50 / p95 (the same request replayed with fetch)',
      (f) => `${ms(f.serverP50Ms)} / ${ms(f.serverP95Ms)}`,
    ),
    row(
      '**app time per page** p50 / p95 / max (perform − replay)',
      (f) =>
        `${ms(f.appP50Ms)} / ${ms(f.appP95Ms)} / ${ms(f.appMaxMs)} (slowest: page ${f.slowestPage})`,
    ),
    row(
      'app time, page 1 (cold) / worst later page',
      (f) => `${ms(f.firstPageAppMs)} / ${ms(f.laterPagesAppMaxMs)}`,
    ),
    row(
      'responses added / loaded before paging',
      (f) =>
        `${f.submitSeconds.toFixed(1)} s (${f.load === 'import' ? 'POST /_sandbox/history' : 'submitResponse'})`,
    ),
    row(
      'heap used: loaded sandbox → peak',
      (f) => `${mb(f.baselineHeapBytes)} → ${mb(f.peakHeapBytes)}`,
    ),
    row('RSS: loaded sandbox → peak', (f) => `${mb(f.baselineRssBytes)} → ${mb(f.peakRssBytes)}`),
  ],
)}

Each call asks for one page of 100 and makes one request (every filter travels in the query), so
a call's time is one request's, bounded by the paging budget (20 s of Zapier's 30 s per call);
the time per page does not grow with the size of the history. The app's own memory is the
increase over the loaded baseline (each page holds one 100-response API page and its 100 records).
Reproduce: \`npm run bench\` (or \`npm run bench -- --only backfill\` for this section alone), or
\`NODE_ENV=test npx tsx benchmarks/backfill.ts\` (\`BENCH_BACKFILL_TARGET\` changes the size,
\`BENCH_BACKFILL_LOAD\` \`submit\` or \`import\` how the responses are added); the request count can
be checked with \`GET /_sandbox/requests\` on \`npm run sandbox\`.
`;
};

/** The same tables as index.ts writes. */
const mdTable: Table = (header, body) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
  ].join('\n');

const status = (met: boolean | null) => (met === null ? '—' : met ? 'met' : 'MISSED');

/** The "Budgets not met" section, recomputed from the summary table as it now stands. */
export const withBudgetsRecounted = (text: string): string => {
  const missed = text
    .split('\n')
    .filter((l) => /^\| \d/.test(l) && l.trim().endsWith('| MISSED |'))
    .map((l) => l.split(' | '))
    .map((c) => `- ${(c[0] ?? '').replace(/^\| /, '')}: ${c[1] ?? ''} (budget ${c[2] ?? ''}).`);
  const budgets = text.indexOf('## Budgets not met');
  if (budgets < 0) return text;
  return `${text.slice(0, budgets)}## Budgets not met\n\n${missed.length ? missed.join('\n') : 'None: every budget is met.'}\n`;
};

/**
 * BENCHMARKS.md with the backfill's summary rows (figures "5…") and section replaced by `runs`,
 * saying when they were measured; everything else as it was generated.
 */
export const spliceBackfill = (doc: string, runs: BackfillRuns, today: string): string => {
  const lines = doc.split('\n');
  // Only the summary table's rows: other tables (steps per recipe) have rows "| 5…" too.
  const summary = lines.indexOf('## Summary');
  const next = lines.findIndex((l, i) => i > summary && l.startsWith('## '));
  const isBackfillRow = (l: string, i: number) => i > summary && i < next && l.startsWith('| 5');
  const first = lines.findIndex(isBackfillRow);
  if (summary < 0 || first < 0)
    throw new Error('BENCHMARKS.md has no backfill rows in its summary');
  const others = lines.filter((l, i) => !isBackfillRow(l, i));
  const rows = backfillRows(runs).map(
    (r) =>
      `| ${[r.figure, r.value, r.budget, status(r.met)].map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`,
  );
  others.splice(first, 0, ...rows);
  const text = others.join('\n');
  const start = text.indexOf('## 5. Backfill');
  const end = text.indexOf('\n## 6.', start);
  if (start < 0 || end < 0) throw new Error('BENCHMARKS.md has no "## 5. Backfill" section');
  return withBudgetsRecounted(
    `${text.slice(0, start)}${backfillSection(runs, mdTable)}\nThis section and rows 5a-5e were measured again on ${today} with \`npm run bench -- --only backfill\`.\n${text.slice(end)}`,
  );
};

/** `npm run bench -- --only backfill`: re-measures the backfill and rewrites its part of the file. */
export const updateBackfillOnly = (file = 'BENCHMARKS.md'): BackfillRuns => {
  const runs = runBackfills();
  const today = new Date().toISOString().slice(0, 10);
  writeFileSync(file, spliceBackfill(readFileSync(file, 'utf8'), runs, today));
  return runs;
};
