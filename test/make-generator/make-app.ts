/**
 * What the tests of the generated Make modules share (modules-*.test.ts): make/ loaded and run by
 * the local IML runtime (iml-runtime/) against a sandbox over real HTTP, and the helpers that
 * read what was sent and check outputs against each module's interface.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import {
  attachWebhook,
  checkInterface,
  loadMakeApp,
  runInstantTrigger,
  runModule,
  runRpc,
} from '../../iml-runtime/runner.js';
import type { App, Rec, RunResult, SentRequest } from '../../iml-runtime/runner.js';
import { startSandbox, type Sandbox, type SubmitResponseInput } from '../../sandbox/server.js';
import { startReceiver, type Receiver } from '../../sandbox/zapier-side.js';

export const MAKE_DIR = fileURLToPath(new URL('../../make', import.meta.url));
export const EMAIL = 'make.modules@example.com';
export const CRM = {
  salesforce_contact_id: '003MAKE000001',
  hubspot_contact_id: '7007',
  pipedrive_person_id: 5150,
};

export let sandbox: Sandbox;
export let receiver: Receiver;
export let app: App;
export let connection: Rec;
export let surveyId = '';
/** What listContactPropertyFields answers: the typed fields Make shows and validates. */
export let typedFields: unknown[] = [];

/** The Make app as deployed, with the base URL override (common data) pointed at the sandbox. */
export const loadApp = async (baseUrl: string): Promise<App> => {
  const loaded = await loadMakeApp(MAKE_DIR);
  loaded.common = { ...loaded.common, api_base_url: baseUrl };
  for (const conn of Object.values(loaded.connections)) {
    conn.common = { ...(conn.common as Rec | undefined), api_base_url: baseUrl };
  }
  return loaded;
};

/**
 * Starts a sandbox and a receiver for the file that calls it, loads make/ against them, and
 * stops both after the file's tests. The bindings above are live: each test file reads them
 * after its beforeAll has run.
 */
export const useMakeApp = (setUp?: () => Promise<void>) => {
  beforeAll(async () => {
    nock.enableNetConnect(/127\.0\.0\.1/);
    sandbox = await startSandbox({ analysisDelayMs: 30, retryScale: 0.0002 });
    receiver = await startReceiver();
    app = await loadApp(sandbox.baseUrl);
    connection = { api_key: sandbox.keys.live, region: 'us' };
    const surveys = await runRpc(app, 'listSurveys', { parameters: {}, connection });
    surveyId = String((surveys.outputs[0] as Rec).value);
    typedFields = (await runRpc(app, 'listContactPropertyFields', { parameters: {}, connection }))
      .outputs;
    await setUp?.();
  });

  afterAll(async () => {
    await receiver.close();
    await sandbox.close();
  });
};

export const submit = (score: number, comment: string, extra: Partial<SubmitResponseInput> = {}) =>
  sandbox.submitResponse({
    survey_id: surveyId,
    score,
    comment,
    contact: { email: EMAIL, name: 'Make Tester', customer_id: 'cus_make_1', crm_ids: CRM },
    ...extra,
  });

/** The request as the API saw it: method, path without the base, query, JSON body, key. */
export const seen = (request: SentRequest | undefined) => {
  if (!request) throw new Error('no request was sent');
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname.replace(new URL(sandbox.baseUrl).pathname, ''),
    query: Object.fromEntries(url.searchParams),
    body: request.json,
    idempotencyKey: request.headers['Idempotency-Key'] ?? request.headers['idempotency-key'],
    authorization: request.headers.Authorization ?? request.headers.authorization,
  };
};

/** A GET on the API with the live key, as JSON. */
export const api = async <T>(path: string): Promise<T> =>
  (await (
    await fetch(`${sandbox.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${sandbox.keys.live}` },
    })
  ).json()) as T;

/** Every item of a list, following next_cursor (at most `max`). */
export const apiAll = async <T>(path: string, max = Infinity): Promise<T[]> => {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { data: T[]; next_cursor: string | null } = await api(
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor && out.length < max);
  return out.slice(0, max);
};

/** Every output bundle holds only what the module's interface declares, with the declared types. */
export const expectInterface = (id: string, outputs: unknown[]) => {
  for (const output of outputs) {
    expect(checkInterface(output, app.modules[id]?.interface)).toEqual([]);
  }
};

/** A module run as Make runs it: its parameters validated (typed fields as the RPC gives them). */
export const run = async (id: string, parameters: Rec): Promise<RunResult> => {
  const result = await runModule(app, id, {
    parameters,
    connection,
    rpcFields: { 'rpc://listContactPropertyFields': typedFields },
  });
  expectInterface(id, result.outputs);
  return result;
};

/** Send NPS Survey by email to one address (more parameters, e.g. `send_at`, on top): the invitation. */
export const invite = async (email: string, more: Rec = {}): Promise<Rec> =>
  (await run('sendSurvey', { survey_id: surveyId, email, channel: 'email', ...more }))
    .outputs[0] as Rec;

/** A moment some days from now, as the text a scenario maps into `send_at`. */
export const daysAhead = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString();

export const errorOf = async (promise: Promise<unknown>): Promise<Error & { type?: string }> => {
  try {
    await promise;
  } catch (error) {
    return error as Error & { type?: string };
  }
  throw new Error('expected the module to fail');
};

export const jsonFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return path.endsWith('.json') ? [path] : [];
  });

// ---------------------------------------------------------------- webhooks and instant triggers

export interface Attached {
  module: string;
  webhook: string;
  url: string;
  parameters: Rec;
  data: Rec;
}

export const attach = async (
  module: string,
  webhook: string,
  name: string,
  parameters: Rec = {},
): Promise<Attached> => {
  const url = receiver.url(name);
  const result = await attachWebhook(app, webhook, { parameters, connection, webhookUrl: url });
  return { module, webhook, url, parameters, data: result.data ?? {} };
};

/** Runs every real signed delivery the hook received through its webhook and instant trigger. */
export const fire = async (hook: Attached): Promise<Rec[]> => {
  const path = new URL(hook.url).pathname;
  const out: Rec[] = [];
  for (const delivery of receiver.deliveries.filter((d) => d.path === path)) {
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,/);
    const result = await runInstantTrigger(app, hook.module, {
      delivery: { body: JSON.parse(delivery.content), headers: delivery.headers },
      parameters: hook.parameters,
      connection,
      webhook: hook.data,
    });
    expectInterface(hook.module, result.outputs);
    out.push(...(result.outputs as Rec[]));
  }
  return out;
};

/** Once the sandbox has settled, the one bundle the hook's deliveries make (none or two fail). */
export const fireOne = async (hook: Attached): Promise<Rec> => {
  await sandbox.settle();
  const records = await fire(hook);
  expect(records).toHaveLength(1);
  return records[0] as Rec;
};

/** The first real delivery a hook received, as parsed JSON (to alter like a forger would). */
export const delivered = (hook: Attached, pick: (event: Rec) => boolean = () => true): Rec => {
  const path = new URL(hook.url).pathname;
  const events = receiver.deliveries
    .filter((d) => d.path === path)
    .map((d) => JSON.parse(d.content) as Rec)
    .filter(pick);
  if (!events[0]) throw new Error(`no delivery for ${path}`);
  return events[0];
};
export const trigger = (hook: Attached, body: Rec) =>
  runInstantTrigger(app, hook.module, {
    delivery: { body },
    parameters: hook.parameters,
    connection,
    webhook: hook.data,
  });
