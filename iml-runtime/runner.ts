/**
 * Runs the components of a Make custom app (Apps Editor local-development layout) against a real
 * HTTP server, on this machine, through the local IML interpreter (./iml.ts). Test tooling only:
 * Make runs the real thing; what this runner does is what Make's documentation says, and where the
 * documentation is silent the choice is written next to the code.
 *
 * Layout: app.ts (types, loading), handover.ts (what Make hands a module as `parameters`),
 * requests.ts (base merge, sending, logs), responses.ts (errors, items), pagination.ts (one request
 * and its pages), interface.ts (output bundles against the interface), communication.ts (one
 * communication, the engine under all of them), webhooks.ts (attach, detach, instant triggers);
 * this file runs connections, modules and RPCs.
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
import type { App, Rec, RunOptions, RunResult } from './app.js';
import { listOf, need, optsOf, runCommunication, type CallInput } from './communication.js';
import { handOver } from './handover.js';

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
export { runCommunication, type CallInput } from './communication.js';
export {
  attachWebhook,
  detachWebhook,
  runInstantTrigger,
  type AttachInput,
  type Delivery,
  type DetachInput,
  type InstantInput,
} from './webhooks.js';

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
