/**
 * Shared pieces of the benchmarks: statistics, the machine, and the ways of calling the app
 * (appTester with in-memory z.cache / z.cursor stand-ins, or a trigger's perform with a minimal z).
 */
import { cpus, totalmem } from 'node:os';
import zapier, { type Bundle, type ZObject } from 'zapier-platform-core';
import App from '../index.js';
import { contract } from '../client/request.js';
import { MemoryCursor, NxCache, testerWithStores, type Stores } from '../test/helpers/stores.js';

// The contract's schemas load on an operation's first parse (client/request.ts). In the zip that
// is one bundled module, part of the first call that BENCHMARKS.md §1 measures; here it would be
// the TypeScript source and zod's unbundled modules through tsx, which no user runs. So they are
// loaded up front, as importing the app loaded them before issue 19, and the in-process figures
// (hook path, end to end, backfill) stay the paths' own.
await contract();

// ---------------------------------------------------------------- statistics

export const quantile = (values: readonly number[], q: number): number => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
};
export const median = (values: readonly number[]): number => quantile(values, 0.5);
export const p95 = (values: readonly number[]): number => quantile(values, 0.95);
export const max = (values: readonly number[]): number =>
  values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);

export const ms = (value: number, digits = 1): string => `${value.toFixed(digits)} ms`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

// ---------------------------------------------------------------- machine

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  platform: string;
}

export const machine = (): Machine => ({
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
});

// ---------------------------------------------------------------- calling the app

export type Perform = (z: ZObject, bundle: Bundle) => unknown;
export type Operation = { operation: { perform?: unknown; performList?: unknown } };

/** The z.cache / z.cursor stand-ins every run gets in its z (`installSeams`). */
const stores: Stores = {};
export const appTester = testerWithStores(zapier.createAppTester(App), () => stores);

/** appTester with a loose bundle (the benchmarks build their bundles by hand). */
export const runWith = async (fn: unknown, bundle: Record<string, unknown>): Promise<unknown> =>
  appTester(fn as Perform, bundle as Partial<Bundle>);

/**
 * test/helpers/stores.ts's z.cache stand-in (it honours `nx`), with `get`: the typed properties'
 * look-up reads its cached answer.
 */
export class MemoryCache extends NxCache {
  async get(key: string) {
    return this.keys.has(key) ? this.keys.get(key) : null;
  }
}

/** Fresh stand-ins for the runs that follow (in their z); returns them. */
export const installSeams = (): { cache: MemoryCache; cursor: MemoryCursor } => {
  const cache = new MemoryCache();
  const cursor = new MemoryCursor();
  stores.cache = cache;
  stores.cursor = cursor;
  return { cache, cursor };
};

/**
 * The least z a hook perform touches on its success path: `errors` (for its error classes) and
 * `console`, and `cache` (the stand-in of `installSeams`). No request is possible with it.
 */
export const minimalZ = (): ZObject => {
  const refuse = () => {
    throw new Error('minimal z: no requests in the hook path');
  };
  return {
    errors: zapier.errors,
    console,
    cache: stores.cache,
    request: refuse,
  } as unknown as ZObject;
};

/** Peak memory of the benchmark process, sampled while core's memory guard is held off. */
export interface MemoryPeaks {
  baseline: NodeJS.MemoryUsage;
  peak: { heapUsed: number; rss: number };
  /** Takes one sample now (besides the timer's). */
  sample: () => void;
  /** Stops sampling and gives core its real readings back; calling it again does nothing. */
  stop: () => void;
}

/**
 * Core's memory guard (zapier-platform-core tools/memory-checker.js) ends a process whose RSS
 * passes 450 MB after 250 runs. A benchmark process also holds what never shares Zapier's
 * process (a sandbox with its responses, a DuckDB warehouse with its rows), so until `stop()` the
 * guard reads an RSS of 0, and the real peaks are sampled every `everyMs` and reported instead.
 */
export const memoryPeaks = (everyMs = 2): MemoryPeaks => {
  const realMemoryUsage = process.memoryUsage;
  const real = () => realMemoryUsage.call(process);
  const baseline = real();
  const peak = { heapUsed: baseline.heapUsed, rss: baseline.rss };
  const sample = () => {
    const usage = real();
    peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
    peak.rss = Math.max(peak.rss, usage.rss);
  };
  const timer = setInterval(sample, everyMs);
  process.memoryUsage = Object.assign(() => ({ ...real(), rss: 0 }), { rss: () => 0 });
  let stopped = false;
  return {
    baseline,
    peak,
    sample,
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      sample();
      process.memoryUsage = realMemoryUsage;
    },
  };
};

export const liveAuth = (key: string) => ({ api_key: key, region: 'us' });

export const sleep = (msValue: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, msValue));

/** A trigger's operation functions, whatever its kind (the union type hides them). */
export const ops = (trigger: {
  operation: unknown;
}): { perform?: unknown; performList?: unknown; performSubscribe?: unknown } =>
  trigger.operation as { perform?: unknown; performList?: unknown; performSubscribe?: unknown };
