/**
 * Stand-ins for Zapier's `z.cursor` and `z.cache` in tests and scripts. appTester does not mock
 * `z.cursor`, and its `z.cache` mock ignores `nx`; the app reads both from `z` only, so a test
 * hands it a `z` that carries the stand-ins (`withStores`). Nothing here is production code.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { DedupeCache } from '../../lib/dedupe.js';
import type { CursorStore } from '../../lib/hooks.js';

export interface Stores {
  cursor?: CursorStore;
  cache?: DedupeCache;
}

/** `z` with the given stand-ins in place of z.cursor / z.cache. */
export const zWithStores = (z: ZObject, stores: Stores): ZObject => {
  const out: Record<string, unknown> = { ...(z as unknown as Record<string, unknown>) };
  if (stores.cursor) out.cursor = stores.cursor;
  if (stores.cache) out.cache = stores.cache;
  return out as unknown as ZObject;
};

type Run = (z: ZObject, bundle: Bundle) => unknown;

/** An operation's function that runs with the stand-ins in its `z`. */
export const withStores =
  (fn: unknown, stores: Stores): Run =>
  (z, bundle) =>
    (fn as Run)(zWithStores(z, stores), bundle);

/** A z.cache stand-in that honours set-if-absent (`nx`). */
export class NxCache implements DedupeCache {
  readonly keys = new Map<string, unknown>();
  async set(key: string, value: unknown, _ttl?: number, _scope?: string[], nx?: boolean) {
    if (nx && this.keys.has(key)) return false;
    this.keys.set(key, value);
    return true;
  }
}

/** An in-memory z.cursor. */
export class MemoryCursor implements CursorStore {
  value: string | null = null;
  readonly sets: string[] = [];
  async get() {
    return this.value;
  }
  async set(cursor: string) {
    this.value = cursor;
    this.sets.push(cursor);
    return null;
  }
}

/**
 * Wraps an appTester so every function it runs gets the stand-ins `current()` returns (when
 * there are any). Functions run this way are ad hoc to appTester, not the app's declared methods.
 */
export const testerWithStores = <T extends (fn: never, bundle?: never, clear?: boolean) => unknown>(
  tester: T,
  current: () => Stores,
): T =>
  Object.assign((fn: unknown, bundle?: unknown, clear?: boolean) => {
    const stores = { ...current() };
    const wrap = typeof fn === 'function' && (stores.cursor || stores.cache);
    return (tester as unknown as (f: unknown, b?: unknown, c?: boolean) => unknown)(
      wrap ? withStores(fn, stores) : fn,
      bundle,
      clear,
    );
  }, tester) as T;
