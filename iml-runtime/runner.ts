/**
 * Runs the components of a Make custom app (Apps Editor local-development layout) against a real
 * HTTP server, on this machine, through the local IML interpreter (./iml.ts). Test tooling only:
 * Make runs the real thing; what this runner does is what Make's documentation says, and where the
 * documentation is silent the choice is written next to the code.
 *
 * Layout: app.ts (types, loading), handover.ts (what Make hands a module as `parameters`),
 * requests.ts (base merge, sending, logs), responses.ts (errors, items), pagination.ts (one request
 * and its pages), interface.ts (output bundles against the interface); this file runs components.
 *
 * Sources:
 * - Base (inherited by modules and RPCs; a module's directive overrides the base's):
 *   https://developers.make.com/custom-apps-documentation/app-components/base
 * - Multiple requests: "All requests are executed sequentially and the output of the last request
 *   is used as the module's output":
 *   https://developers.make.com/custom-apps-documentation/component-blocks/api/multiple-requests
 * - Connection (no base; `parameters` are the connection's params; response.data/metadata/uid):
 *   https://developers.make.com/custom-apps-documentation/app-components/connections/basic-connection
 * - Attached webhooks (`webhook.url` in attach; `response.data` becomes `webhook` in detach):
 *   https://developers.make.com/custom-apps-documentation/app-components/webhooks/dedicated/attached
 * - Webhook communication: the variables "available for you to use everywhere in a webhook" are
 *   now, environment, parameters (the webhook's), data (alias), body, query, method, headers;
 *   nothing else (no connection, no common):
 *   https://developers.make.com/custom-apps-documentation/app-components/webhooks
 * - Instant trigger: communication optional, "The iterate directive is not available. The
 *   pagination directive is not available. Only a single request can be performed", "Exactly one
 *   bundle is generated with each incoming webhook"; its variables are the module's own
 *   (parameters = its static parameters, connection, common, temp) and `payload`, "the current
 *   webhook item" (no `webhook`):
 *   https://developers.make.com/custom-apps-documentation/app-components/modules/instant-trigger
 * - Empty values and `erase`: ./handover.ts.
 * - Sanitization: https://developers.make.com/custom-apps-documentation/app-components/base/sanitization
 *
 * API (all async, all take an `App` from `loadMakeApp(dir)` or built by hand):
 * - `verifyConnection(app, connectionId, { parameters })` → `{ outputs, data, metadata, requests, log }`
 * - `runModule(app, moduleId, { parameters, connection })` (action, search, trigger, universal)
 * - `runRpc(app, rpcId, { parameters, connection })`
 * - `attachWebhook(app, webhookId, { parameters, connection, webhookUrl })` → `data` (the `webhook`)
 * - `detachWebhook(app, webhookId, { parameters, connection, webhook })`
 * - `runInstantTrigger(app, moduleId, { delivery: { body, headers, query? }, parameters, connection })`
 * - `runCommunication(communication, scope, options)`: the engine under all of them.
 * - `checkInterface(outputBundle, module.interface)`: undeclared keys and values of the wrong type.
 * `parameters` are what the user filled in (`''`, `null`, `[]` or no key: left empty; `ERASE`: the
 * erase pill); the module gets what Make hands over: each value converted to its parameter's type,
 * or a BundleValidationError before any request (./handover.ts). `rpcFields` (`rpc://name` → what
 * that RPC answered) lets the fields of a collection an RPC builds be checked the same way. Every result carries `requests` (exactly what
 * was sent: method, url, headers, body text and its JSON) and `log` (request/response pairs with
 * the `log.sanitize` paths replaced by "[sanitized]").
 * Approximate / not reproduced: request `type` multipart/binary, `repeat`, `aws`, `oauth`,
 * `response.wrapper` and `response.trigger` (polling-trigger epoch/ordering) are refused or ignored;
 * query-string arrays are sent as repeated keys; the default error text is "[status] Request failed";
 * response `type` (also keyed by status) parses json, urlencoded and text only (automatic: JSON by
 * Content-Type); pagination beyond `maxPages` fails (Make documents a cap of 50 pagination
 * requests); timeouts, retries (429/5xx) and Make's 100-requests-per-module limit are not simulated.
 *
 * Errors: `MakeRuntimeError` (message, type — Make's error type, statusCode, requests, log).
 */
import { evaluate, toJsonValue, type IMLContext } from './iml.js';
import { isRec, type App, type Rec, type RunOptions, type RunResult } from './app.js';
import { handOver } from './handover.js';
import { fail, type State } from './requests.js';
import { localOutputs } from './responses.js';
import { runRequest, type RequestOutcome, type Scope } from './pagination.js';

export {
  loadMakeApp,
  MakeRuntimeError,
  parseJsonc,
  type App,
  type ConnectionDef,
  type LogEntry,
  type ModuleDef,
  type Rec,
  type RpcDef,
  type RunOptions,
  type RunResult,
  type SentRequest,
  type WebhookDef,
} from './app.js';
export { ERASE } from './handover.js';
export { checkInterface, MAKE_DATE_TIME } from './interface.js';

/**
 * Runs a communication: one request or an array of them, in order, `temp` shared; the module's
 * output is the last request's (a last request whose condition is false gives its `default`, or
 * nothing). A request without `url` only evaluates `output`/`iterate` against `scope.vars`.
 */
export const runCommunication = async (
  communication: unknown,
  scope: Scope,
  options: RunOptions = {},
  kind: 'list' | 'single' = 'list',
): Promise<RunResult> => {
  const state: State = { requests: [], log: [], temp: {}, opts: options };
  const result: RunResult = {
    outputs: [],
    requests: state.requests,
    log: state.log,
    temp: state.temp,
  };
  const list = Array.isArray(communication)
    ? communication
    : communication === undefined
      ? []
      : [communication];
  let last: RequestOutcome = { skipped: false, items: [] };
  for (const req of list) {
    if (!isRec(req))
      fail(
        'A communication request must be an object',
        'InvalidConfigurationError',
        undefined,
        state,
      );
    const r = req as Rec;
    last =
      r.url === undefined
        ? { skipped: false, items: localOutputs(r, scope.vars, state) }
        : await runRequest(r, scope, state, result, kind);
  }
  result.outputs = last.items.map(toJsonValue);
  if (result.data) result.data = toJsonValue(result.data) as Rec;
  return result;
};

// ---------------------------------------------------------------------------- components

const need = <T>(group: Record<string, T>, id: string, what: string): T => {
  const c = group[id];
  if (!c) throw new Error(`The app has no ${what} "${id}" (has: ${Object.keys(group).join(', ')})`);
  return c;
};

const listOf = (...lists: unknown[]): unknown[] | undefined => {
  const present = lists.filter(Array.isArray) as unknown[][];
  return present.length ? present.flat() : undefined;
};

export interface ConnectionInput extends RunOptions {
  /** The connection's parameters as the user filled them. */
  parameters: Rec;
}

/** Verifies a connection: its communication without the base; `parameters` are its params. */
export const verifyConnection = async (
  app: App,
  id: string,
  input: ConnectionInput,
): Promise<RunResult> => {
  const def = need(app.connections, id, 'connection');
  const { parameters, ...opts } = input;
  return runCommunication(
    def.communication,
    {
      vars: {
        parameters: handOver(parameters, listOf(def.params), false, `connection ${id}`),
        common: def.common ?? {},
        data: {},
        environment: {},
      },
    },
    opts,
    'single',
  );
};

export interface CallInput extends RunOptions {
  /** The parameters as the user filled them in (see ./handover.ts). */
  parameters: Rec;
  /** The connection as modules read it: its params plus what verify stored in `data`. */
  connection?: Rec;
  /** The attached webhook's data, for RPCs run in an instant trigger's context. */
  webhook?: Rec;
  /**
   * What the RPCs that build fields answered (`rpc://name` → its output), so the fields of a
   * collection they build are validated as Make validates them (./handover.ts).
   */
  rpcFields?: Record<string, unknown[]>;
}

const optsOf = (input: RunOptions): RunOptions => ({
  fetch: input.fetch,
  maxPages: input.maxPages,
  now: input.now,
  timezone: input.timezone,
  functions: input.functions,
});

/** Runs an action, search, (polling) trigger or universal module, with the base. */
export const runModule = async (app: App, id: string, input: CallInput): Promise<RunResult> => {
  const def = need(app.modules, id, 'module');
  if (def.moduleType === 'instant_trigger')
    throw new Error(`Module "${id}" is an instant trigger: use runInstantTrigger`);
  const kind = def.moduleType === 'action' ? 'single' : 'list';
  // Make shows the erase pill for update and universal modules only.
  const erase = def.moduleType === 'universal' || def.actionCrud === 'update';
  const parameters = handOver(
    input.parameters,
    listOf(def.staticParams, def.mappableParams),
    erase,
    `module ${id}`,
    { rpcFields: input.rpcFields, timezone: input.timezone },
  );
  return runCommunication(
    def.communication,
    {
      vars: { parameters, connection: input.connection ?? {}, common: app.common ?? {} },
      base: app.base,
    },
    optsOf(input),
    kind,
  );
};

/** Runs a remote procedure, with the base (and `webhook` in an instant trigger's context). */
export const runRpc = async (app: App, id: string, input: CallInput): Promise<RunResult> => {
  const def = need(app.rpcs, id, 'RPC');
  const parameters = handOver(input.parameters, listOf(def.params), false, `RPC ${id}`);
  return runCommunication(
    def.communication,
    {
      vars: {
        parameters,
        connection: input.connection ?? {},
        common: app.common ?? {},
        ...(input.webhook ? { webhook: input.webhook } : {}),
      },
      base: app.base,
    },
    optsOf(input),
    'list',
  );
};

export interface AttachInput extends CallInput {
  /** The Make hook URL the attach registers (`{{webhook.url}}`). */
  webhookUrl: string;
}

const hookVars = (app: App, id: string, input: CallInput, webhook: Rec): IMLContext => {
  const def = need(app.webhooks, id, 'webhook');
  return {
    parameters: handOver(input.parameters, listOf(def.params), false, `webhook ${id}`, {
      timezone: input.timezone,
    }),
    connection: input.connection ?? {},
    common: app.common ?? {},
    webhook,
  };
};

/** Attach: the webhook's `attach` request with the base; `response.data` is the `webhook` to keep. */
export const attachWebhook = async (
  app: App,
  id: string,
  input: AttachInput,
): Promise<RunResult> => {
  const def = need(app.webhooks, id, 'webhook');
  if (def.attach === undefined) throw new Error(`Webhook "${id}" has no attach`);
  const vars = hookVars(app, id, input, { url: input.webhookUrl });
  return runCommunication(def.attach, { vars, base: app.base }, optsOf(input), 'single');
};

export interface DetachInput extends CallInput {
  /** What attach stored (its `data`). */
  webhook: Rec;
}

/** Detach: the webhook's `detach` request with the base; `webhook` is what attach stored. */
export const detachWebhook = async (
  app: App,
  id: string,
  input: DetachInput,
): Promise<RunResult> => {
  const def = need(app.webhooks, id, 'webhook');
  if (def.detach === undefined) throw new Error(`Webhook "${id}" has no detach`);
  const vars = hookVars(app, id, input, input.webhook);
  return runCommunication(def.detach, { vars, base: app.base }, optsOf(input), 'single');
};

export interface Delivery {
  body: unknown;
  headers?: Record<string, string>;
  query?: Rec;
  method?: string;
}

export interface InstantInput extends CallInput {
  delivery: Delivery;
  /** The instant trigger module's own static parameters (default: none). */
  moduleParameters?: Rec;
  /** What attach stored; Make does not give it to the instant trigger module (accepted, unused). */
  webhook?: Rec;
}

const lowerKeys = (o: unknown): Rec => {
  const out: Rec = {};
  if (isRec(o)) for (const [k, v] of Object.entries(o)) out[k.toLowerCase()] = v;
  return out;
};

/** The instant trigger's communication, refused where Make's documentation rules it out. */
const instantCommunication = (id: string, comm: unknown): Rec | undefined => {
  if (comm === undefined || (isRec(comm) && Object.keys(comm).length === 0)) return undefined;
  if (!isRec(comm))
    throw new Error(`Instant trigger "${id}": only a single request can be performed`);
  const response = isRec(comm.response) ? comm.response : {};
  for (const [where, directive] of [
    ['iterate', comm.iterate ?? response.iterate],
    ['pagination', comm.pagination],
  ] as const)
    if (directive !== undefined)
      throw new Error(`Instant trigger "${id}": the ${where} directive is not available`);
  return comm;
};

/**
 * An incoming webhook delivery through the webhook's communication (variables body, headers, query,
 * method, parameters = data = the webhook's params) — one item unless it iterates, none when its
 * `condition` is false — then, per item, the instant trigger's communication with `payload` = the
 * item: without one the bundle is the payload; with one it makes one request (with the base) and
 * `response.output` reads `body` (the response) and `payload`. One bundle per item.
 */
export const runInstantTrigger = async (
  app: App,
  id: string,
  input: InstantInput,
): Promise<RunResult> => {
  const def = need(app.modules, id, 'module');
  if (def.moduleType !== undefined && def.moduleType !== 'instant_trigger')
    throw new Error(`Module "${id}" is not an instant trigger`);
  const hook = def.webhook ? need(app.webhooks, def.webhook, 'webhook') : undefined;
  const comm = instantCommunication(id, def.communication);
  const opts = optsOf(input);
  const parameters = handOver(
    input.parameters,
    listOf(hook?.params),
    false,
    `webhook ${def.webhook ?? ''}`,
    { timezone: input.timezone },
  );
  const vars: IMLContext = {
    body: input.delivery.body,
    headers: lowerKeys(input.delivery.headers ?? {}),
    query: input.delivery.query ?? {},
    method: input.delivery.method ?? 'POST',
    parameters,
    data: parameters,
    environment: {},
  };
  // verification {condition, respond}: a handshake request is answered and makes no bundle;
  // respond {type, status, headers, body}: what Make answers the sender (webhooks docs).
  const hc = hook?.communication;
  if (isRec(hc) && isRec(hc.verification) && evaluate(hc.verification.condition, vars, opts))
    return {
      outputs: [],
      requests: [],
      log: [],
      temp: {},
      respond: toJsonValue(evaluate(hc.verification.respond, vars, opts)),
    };
  const respond =
    isRec(hc) && hc.respond !== undefined
      ? toJsonValue(evaluate(hc.respond, vars, opts))
      : undefined;
  const items = await runCommunication(
    hook?.communication ?? { output: '{{body}}' },
    { vars },
    opts,
  );
  const result: RunResult = { outputs: [], requests: [], log: [], temp: {} };
  if (respond !== undefined) result.respond = respond;
  const moduleParameters = handOver(
    input.moduleParameters ?? {},
    listOf(def.staticParams),
    false,
    `module ${id}`,
  );
  for (const payload of items.outputs) {
    if (!comm) {
      result.outputs.push(payload);
      continue;
    }
    const r = await runCommunication(
      comm,
      {
        vars: {
          parameters: moduleParameters,
          connection: input.connection ?? {},
          common: app.common ?? {},
          payload,
        },
        base: app.base,
      },
      opts,
      'single',
    );
    result.outputs.push(...r.outputs);
    result.requests.push(...r.requests);
    result.log.push(...r.log);
  }
  return result;
};
