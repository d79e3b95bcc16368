/**
 * End-to-end helpers: the app (through zapier-platform-core's appTester) against a sandbox on
 * loopback over real HTTP, Zapier's side as a local receiver, and the conformance check of every
 * answer the sandbox sent and every webhook body it delivered.
 */
import nock from 'nock';
import { KEYS } from '../../fields/keys.js';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { DedupeCache } from '../../lib/dedupe.js';
import type { CursorStore } from '../../lib/hooks.js';
import { responseValidator, schemaValidator, type HttpMethod } from '../../sandbox/contract.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server.js';
import { hookRequest, startReceiver } from '../../sandbox/zapier-side.js';
import type { Receiver, ReceivedDelivery } from '../../sandbox/zapier-side.js';
import { app, appTester, useStores } from '../helpers/app.js';
import { NxCache } from '../helpers/stores.js';
import { runAsZapier, zapierStep } from '../helpers/zapier-run.js';
import type {
  Operation as ZapierOperation,
  ZapierInput,
  ZapierRunOptions,
  ZapierStep,
} from '../helpers/zapier-run.js';

export { NxCache } from '../helpers/stores.js';

/** The stand-ins the e2e runs get in their `z` (appTester has no z.cursor; its z.cache ignores nx). */
const installed: { cursor?: CursorStore; cache?: DedupeCache } = {};

export { app, appTester, errorOf } from '../helpers/app.js';

type Run = (z: ZObject, bundle: Bundle) => Promise<unknown>;

interface Operation {
  perform: Run;
  performList: Run;
  performSubscribe: Run;
  performUnsubscribe: Run;
}

type Kind = 'triggers' | 'searches' | 'creates';

/** An operation's functions (the app's union types hide some of them). */
export const op = (kind: Kind, key: string): Operation => {
  const entry = (app[kind] as Record<string, { operation: unknown } | undefined>)[key];
  if (!entry) throw new Error(`no ${kind} ${key}`);
  return entry.operation as Operation;
};

export type Rec = Record<string, unknown>;

/** A search or create of the app, as test/helpers/zapier-run.ts runs it. */
export const definitionOf = (kind: 'searches' | 'creates', key: string): ZapierOperation => {
  const entry = (app[kind] as Record<string, ZapierOperation | undefined>)[key];
  if (!entry) throw new Error(`no ${kind} ${key}`);
  return entry;
};

export interface E2E {
  sandbox: Sandbox;
  receiver: Receiver;
  authData: { api_key: string; region: string };
  /** Runs an operation's function through appTester with this sandbox's auth. */
  /** `bundle` is what the test sets (inputData, meta, subscribeData, rawRequest...); loose on purpose. */
  run<T = unknown>(fn: Run, bundle?: Rec): Promise<T>;
  /**
   * Runs a search or create as Zapier runs a step (test/helpers/zapier-run.ts): its fields loaded
   * from this sandbox, empty inputs dropped, Zapier's parsing by field type, meta handed back.
   */
  step<T = Rec>(
    kind: 'searches' | 'creates',
    key: string,
    input: ZapierInput,
    options?: ZapierRunOptions,
  ): Promise<T>;
  /** The same, stopped before perform: the fields and the bundle perform would get. */
  prepare(
    kind: 'searches' | 'creates',
    key: string,
    input: ZapierInput,
    options?: ZapierRunOptions,
  ): Promise<ZapierStep>;
  close(): Promise<void>;
}

/** Starts a sandbox (recording every answer) and a receiver, and points the app at the sandbox. */
export const startE2E = async (
  options: SandboxOptions = {},
  answer?: (delivery: ReceivedDelivery) => number,
): Promise<E2E> => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  const sandbox = await startSandbox({
    analysisDelayMs: 30,
    retryScale: 0.0002,
    recordBodies: true,
    ...options,
  });
  const receiver = await startReceiver(answer);
  process.env.NPS_API_BASE_URL = sandbox.baseUrl;
  // appTester does not mock z.cursor, which every paged trigger (dropdowns too) uses.
  installCursor();
  const authData = { api_key: sandbox.keys.live, region: 'us' };
  return {
    sandbox,
    receiver,
    authData,
    run: async <T>(fn: Run, bundle: Rec = {}) =>
      (await appTester(fn, { authData, inputData: {}, ...bundle } as unknown as Bundle)) as T,
    step: <T>(
      kind: 'searches' | 'creates',
      key: string,
      input: ZapierInput,
      options: ZapierRunOptions = {},
    ) => runAsZapier<T>(definitionOf(kind, key), input, { authData, ...options }),
    prepare: (kind, key, input, options = {}) =>
      zapierStep(definitionOf(kind, key), input, { authData, ...options }),
    close: async () => {
      delete installed.cursor;
      delete installed.cache;
      useStores();
      await receiver.close();
      await sandbox.close();
    },
  };
};

/**
 * Starts the end-to-end set-up before the file's tests and closes it after them; `ready` gets it
 * with the id of the demo workspace's first survey. `options` and `answer` as startE2E's.
 */
export const useE2E = (
  ready: (e2e: E2E, surveyId: string) => void,
  options?: SandboxOptions,
  answer?: (delivery: ReceivedDelivery) => number,
) => {
  let started: E2E | undefined;
  beforeAll(async () => {
    started = await startE2E(options, answer);
    const surveys = await started.run<Rec[]>(op('triggers', KEYS.triggers.survey).perform);
    ready(started, String(surveys[0]?.id));
  });
  afterAll(async () => {
    await started?.close();
  });
};

export const installNxCache = (): NxCache => {
  const cache = new NxCache();
  installed.cache = cache;
  useStores(installed);
  return cache;
};

/** An in-memory z.cursor, handed to the app in the `z` of the e2e runs. */
export const installCursor = (): CursorStore & { value: string | null } => {
  const store = {
    value: null as string | null,
    async get() {
      return store.value;
    },
    async set(cursor: string) {
      store.value = cursor;
      return null;
    },
  };
  installed.cursor = store;
  useStores(installed);
  return store;
};

/** The hook bundle Zapier gives `perform` for a delivery to a subscription. */
export const hookBundle = (
  delivery: ReceivedDelivery,
  subscribeData: Rec,
  inputData: Rec = {},
) => ({
  ...hookRequest(delivery),
  subscribeData,
  inputData,
});

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The deliveries the receiver accepted for one hook URL. */
export const deliveriesTo = (e2e: E2E, url: string): ReceivedDelivery[] => {
  const path = new URL(url).pathname;
  return e2e.receiver.deliveries.filter((d) => d.path === path);
};

/** The type of a delivered event. */
export const typeOf = (delivery: ReceivedDelivery): string =>
  (JSON.parse(delivery.content) as { type: string }).type;

/**
 * Every answer the sandbox sent (except an injected malformed body, which is meant to break the
 * contract) and every webhook body it delivered, checked against api/openapi.yaml. Returns the
 * problems found; also checks that something was recorded at all.
 */
export const conformanceProblems = (sandbox: Sandbox): string[] => {
  const problems: string[] = [];
  const exchanges = sandbox.exchanges();
  if (!exchanges.length) problems.push('no answers were recorded (recordBodies off?)');
  for (const x of exchanges) {
    const where = `${x.method} ${x.path} -> ${x.status}`;
    if (x.fault === 'malformed') continue;
    let validator;
    try {
      validator = responseValidator(x.method.toLowerCase() as HttpMethod, x.template, x.status);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
      continue;
    }
    if (!validator) {
      if (x.body !== '') problems.push(`${where}: a body where the contract has none`);
      continue;
    }
    if (!/^application\/json/.test(x.headers['content-type'] ?? '')) {
      problems.push(`${where}: content-type ${x.headers['content-type'] ?? '(none)'}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(x.body);
    } catch {
      problems.push(`${where}: not JSON`);
      continue;
    }
    if (!validator(parsed)) problems.push(`${where}: ${JSON.stringify(validator.errors)}`);
    for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
      if (x.headers[h] === undefined) problems.push(`${where}: lacks ${h}`);
    }
  }
  const event = schemaValidator('Event');
  for (const d of sandbox.deliveries()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(d.body);
    } catch {
      problems.push(`delivery ${d.eventId}: not JSON`);
      continue;
    }
    if (!event(parsed))
      problems.push(`delivery ${d.eventId} (${d.eventType}): ${JSON.stringify(event.errors)}`);
    for (const h of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      if (!d.headers[h]) problems.push(`delivery ${d.eventId}: lacks ${h}`);
    }
  }
  return problems;
};

/** A response as the sandbox's API lists it (the fields these suites read). */
export interface ApiResponse {
  id: string;
  score: number;
  segment: string;
  submitted_at: string;
  survey: { id: string };
  contact: {
    id: string;
    email: string | null;
    customer_id: string | null;
    crm_ids: Record<string, string | number | null | undefined>;
  };
}

/** Every response the sandbox holds, read straight from its API with the live key. */
export const sandboxResponses = async (sandbox: Sandbox, query = ''): Promise<ApiResponse[]> => {
  const out: ApiResponse[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '100');
    if (cursor) params.set('cursor', cursor);
    const res = await fetch(`${sandbox.baseUrl}/responses?${params.toString()}`, {
      headers: { authorization: `Bearer ${sandbox.keys.live}` },
    });
    const page = (await res.json()) as { data: ApiResponse[]; next_cursor: string | null };
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
};
