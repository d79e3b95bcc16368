/**
 * Cold start: wall time of a fresh Node process that loads (a) nothing, (b) zapier-platform-core
 * alone, (c) the built app through the zip's own entry (zapierwrapper.js: core + the app +
 * createAppHandler), all from the unzipped build/build.zip so (b) and (c) load the same files.
 * Runs are interleaved (b, c, a, b, c, a, ...) after warm-ups so drift hits all three alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import AdmZip from 'adm-zip';
import { median, p95 } from './harness.js';

export interface ColdStart {
  runs: number;
  emptyMs: number;
  coreMs: number;
  appMs: number;
  /** app − core: the app's own share (its modules, zod, standardwebhooks, createAppHandler). */
  appShareMs: number;
  coreP95Ms: number;
  appP95Ms: number;
  zipBytes: number;
}

const SCRIPTS = {
  empty: '',
  core: "import 'zapier-platform-core';\n",
  app: "import { handler } from './zapierwrapper.js';\nif (typeof handler !== 'function') process.exit(2);\n",
} as const;
type Variant = keyof typeof SCRIPTS;

export const coldStart = (zipPath: string, runs = 20, warmups = 3): ColdStart => {
  const dir = mkdtempSync(join(tmpdir(), 'nps-bench-zip-'));
  try {
    new AdmZip(zipPath).extractAllTo(dir, true);
    for (const [name, text] of Object.entries(SCRIPTS)) {
      writeFileSync(join(dir, `bench-${name}.mjs`), text);
    }
    const once = (variant: Variant): number => {
      const started = performance.now();
      const result = spawnSync(process.execPath, [join(dir, `bench-${variant}.mjs`)], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      const elapsed = performance.now() - started;
      if (result.status !== 0) {
        throw new Error(`cold start (${variant}) failed: ${result.stderr || result.status}`);
      }
      return elapsed;
    };
    const times: Record<Variant, number[]> = { empty: [], core: [], app: [] };
    const order: Variant[] = ['core', 'app', 'empty'];
    for (let i = 0; i < warmups; i += 1) order.forEach(once);
    for (let i = 0; i < runs; i += 1) {
      for (const variant of order) times[variant].push(once(variant));
    }
    const coreMs = median(times.core);
    const appMs = median(times.app);
    return {
      runs,
      emptyMs: median(times.empty),
      coreMs,
      appMs,
      appShareMs: appMs - coreMs,
      coreP95Ms: p95(times.core),
      appP95Ms: p95(times.app),
      zipBytes: statSync(zipPath).size,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
