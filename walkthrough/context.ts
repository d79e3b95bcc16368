/**
 * What every step of the walkthrough runs with: the sandbox, the local receiver standing in for
 * Zapier's webhook URLs, and `run`, which runs one of the app's functions through
 * zapier-platform-core's appTester as Zapier does, with the connection's authData.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type App from '../index.js';
import type { KEYS } from '../fields/keys.js';
import type { Sandbox } from '../sandbox/server.js';
import type { Receiver } from '../sandbox/zapier-side.js';

export type Row = Record<string, unknown>;
type Operation = (z: ZObject, bundle: Bundle) => unknown;
type Kind = 'triggers' | 'searches' | 'creates';

export interface Walk {
  sandbox: Sandbox;
  receiver: Receiver;
  app: typeof App;
  keys: typeof KEYS;
  /** The `operation` of a trigger, search or create, by key. */
  operation: (kind: Kind, key: string) => Row;
  /** Runs one of the app's functions as Zapier does, with the live key's authData. */
  run: <T = Row[]>(fn: unknown, bundle?: Partial<Bundle> & { inputData?: Row }) => Promise<T>;
}

/** The first record of a search's answer (or the record itself). */
export const first = (rows: unknown): Row =>
  Array.isArray(rows) ? (rows[0] as Row) : (rows as Row);

/**
 * Loads core and the app (after the caller has set the environment, as Zapier loads the app
 * with its environment in place) and returns the steps' context.
 */
export const createWalk = async (sandbox: Sandbox, receiver: Receiver): Promise<Walk> => {
  const { default: zapier } = await import('zapier-platform-core');
  const { default: app } = await import('../index.js');
  const { KEYS: keys } = await import('../fields/keys.js');
  const { MemoryCursor, NxCache, testerWithStores } = await import('../test/helpers/stores.js');
  // Zapier's z.cache honours set-if-absent (nx), which deduplication relies on, and Zapier keeps
  // the paging cursor between "load more" calls (z.cursor); the tester does neither, so the
  // walkthrough plays Zapier's part: every run gets these stand-ins in its z.
  const stores = { cache: new NxCache(), cursor: new MemoryCursor() };
  const appTester = testerWithStores(zapier.createAppTester(app), () => stores);
  const authData = { api_key: sandbox.keys.live, region: 'us' };
  return {
    sandbox,
    receiver,
    app,
    keys,
    operation: (kind, key) => {
      const group = (app as unknown as Record<string, Record<string, { operation: Row }>>)[kind];
      const op = group?.[key]?.operation;
      if (!op) throw new Error(`no ${kind}.${key}`);
      return op;
    },
    run: <T>(fn: unknown, bundle: Partial<Bundle> & { inputData?: Row } = {}) =>
      appTester(fn as Operation, { authData, ...bundle } as Partial<Bundle>) as Promise<T>,
  };
};

/** GET on the sandbox with the live key, as a quick look at the platform's own data. */
export const getJson = async <T>(walk: Walk, path: string): Promise<T> =>
  (await (
    await fetch(`${walk.sandbox.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${walk.sandbox.keys.live}` },
    })
  ).json()) as T;
