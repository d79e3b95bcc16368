/**
 * Issue 10, item 14: production code has no module-level test seams. The cursor store and the
 * dedupe cache come from `z` (z.cursor, z.cache); tests hand the app a `z` with stand-ins.
 */
import * as dedupe from '../lib/dedupe.js';
import * as hooks from '../lib/hooks.js';
import { isFirstDelivery } from '../lib/dedupe.js';
import { NxCache, zWithStores } from './helpers/stores.js';
import type { ZObject } from 'zapier-platform-core';

describe('test seams', () => {
  it('lib/hooks.ts and lib/dedupe.ts export no function that swaps a module-level store', () => {
    const exported = [...Object.keys(hooks), ...Object.keys(dedupe)];
    expect(exported.filter((name) => /^use[A-Z]/.test(name))).toEqual([]);
  });

  it('two runs with their own z.cache deduplicate independently (no shared module state)', async () => {
    const z = { console: { warn: () => undefined } } as unknown as ZObject;
    const a = zWithStores(z, { cache: new NxCache() });
    const b = zWithStores(z, { cache: new NxCache() });
    expect(await isFirstDelivery(a, 'wh_1', 'evt_1')).toBe(true);
    expect(await isFirstDelivery(b, 'wh_1', 'evt_1')).toBe(true);
    expect(await isFirstDelivery(a, 'wh_1', 'evt_1')).toBe(false);
  });
});
