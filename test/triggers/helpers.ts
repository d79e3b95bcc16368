/** Trigger test helpers: signed deliveries, an in-memory cursor store and a cache honouring nx. */
import { Webhook } from 'standardwebhooks';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { DedupeCache } from '../../lib/dedupe.js';
import type { CursorStore } from '../../lib/hooks.js';
import { SECRET } from '../fixtures/triggers.js';
import { appTester, authData, useStores } from '../helpers/app.js';
import { MemoryCursor, NxCache } from '../helpers/stores.js';

const installed: { cursor?: CursorStore; cache?: DedupeCache } = {};

export interface DeliveryOptions {
  secret?: string;
  /** Signing time; default now. */
  at?: Date;
  msgId?: string;
  /** Sign and deliver this raw body instead of the event's JSON. */
  signedBody?: string;
  /** Deliver this body instead of the one that was signed (tampering). */
  deliveredBody?: string;
  /** Leave these headers out. */
  omit?: Array<'id' | 'timestamp' | 'signature'>;
  /** Header names as Zapier's rawRequest gives them (`Http-Webhook-Id`) or as sent. */
  headerStyle?: 'zapier' | 'plain';
}

/** The rawRequest/cleanedRequest of one delivery, signed with standardwebhooks' own `sign`. */
export const delivery = (event: { id: string }, options: DeliveryOptions = {}) => {
  const body = options.signedBody ?? JSON.stringify(event);
  const msgId = options.msgId ?? event.id;
  const at = options.at ?? new Date();
  const signature = new Webhook(options.secret ?? SECRET).sign(msgId, at, body);
  const name = (header: string) =>
    options.headerStyle === 'plain'
      ? `webhook-${header}`
      : `Http-Webhook-${header[0]?.toUpperCase()}${header.slice(1)}`;
  const headers: Record<string, string> = { 'Http-Content-Type': 'application/json' };
  const values = {
    id: msgId,
    timestamp: String(Math.floor(at.getTime() / 1000)),
    signature,
  };
  for (const [header, value] of Object.entries(values)) {
    if (!options.omit?.includes(header as 'id')) headers[name(header)] = value;
  }
  const content = options.deliveredBody ?? body;
  return {
    rawRequest: { method: 'POST' as const, headers, content, querystring: '' },
    cleanedRequest: (content.startsWith('{') ? JSON.parse(content) : {}) as Record<string, unknown>,
  };
};

/** The in-memory stand-in for z.cursor, handed to the app in the `z` of appTester runs. */
export const installCursor = () => {
  const store = new MemoryCursor();
  installed.cursor = store;
  useStores(installed);
  return store;
};

/** A z.cache double that honours nx (appTester's mock does not) and records its calls. */
export class MemoryCache extends NxCache {
  readonly calls: Array<{ key: string; ttl?: number; scope?: string[]; nx?: boolean }> = [];
  override async set(key: string, value: unknown, ttl?: number, scope?: string[], nx?: boolean) {
    this.calls.push({ key, ttl, scope, nx });
    return super.set(key, value, ttl, scope, nx);
  }
}

export const installCache = (cache: DedupeCache = new MemoryCache()) => {
  installed.cache = cache;
  useStores(installed);
  return cache;
};

export const resetSeams = () => {
  delete installed.cursor;
  delete installed.cache;
  useStores();
};

/**
 * In each test of the calling block, a fresh z.cache (honouring nx) and z.cursor, removed after
 * the test; `seams.cursor` is the current test's cursor store.
 */
export const useSeams = (): { readonly cursor: MemoryCursor } => {
  const seams = { cursor: new MemoryCursor() };
  beforeEach(() => {
    installCache();
    seams.cursor = installCursor();
  });
  afterEach(resetSeams);
  return seams;
};

/** Unix time `seconds` from now. */
export const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000);

type Run = (z: ZObject, bundle: Bundle) => Promise<unknown>;
/** A trigger's operation with the functions these tests call (the union type hides them). */
export interface TestOperation {
  perform: Run;
  performList: Run;
  performSubscribe: Run;
  performUnsubscribe: Run;
  sample?: Record<string, unknown>;
  outputFields?: Array<{ key: string }>;
}
export const operationOf = (trigger: { operation: unknown }): TestOperation =>
  trigger.operation as TestOperation;

/**
 * Runs a trigger's perform on one delivery of `event`, signed with SECRET for the webhook fixture's
 * subscription (wh_3kQ), as Zapier's hook URL hands it over; the items it outputs.
 */
export const deliverTo = async <Item = Record<string, unknown> & { id: string }>(
  operation: TestOperation,
  inputData: Record<string, unknown>,
  event: { id: string },
  options: DeliveryOptions = {},
): Promise<Item[]> =>
  (await appTester(operation.perform, {
    authData,
    inputData,
    subscribeData: { id: 'wh_3kQ', secret: SECRET },
    ...delivery(event, options),
  } as Partial<Bundle>)) as Item[];

/** Runs a trigger's performList (samples, "load more") with the connection's key; its items. */
export const listFrom = async <Item = Record<string, unknown> & { id: string }>(
  operation: TestOperation,
  inputData: Record<string, unknown>,
  meta: Partial<Bundle['meta']> = {},
  auth: Record<string, string> = authData,
): Promise<Item[]> =>
  (await appTester(operation.performList, {
    authData: auth,
    inputData,
    meta,
  } as Partial<Bundle>)) as Item[];
