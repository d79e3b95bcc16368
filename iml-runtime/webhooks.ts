/**
 * Webhooks in the local Make runtime: attach and detach (with the base), and an incoming delivery
 * through the webhook's communication and the instant trigger module. Sources: ./runner.ts.
 */
import { evaluate, toJsonValue, type IMLContext } from './iml.js';
import { isRec, type App, type Rec, type RunResult } from './app.js';
import { listOf, need, optsOf, runCommunication, type CallInput } from './communication.js';
import { handOver } from './handover.js';

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

/** The webhook's `attach` or `detach` request, with the base; `webhook` is its `{{webhook}}`. */
const runHookRequest = async (
  app: App,
  id: string,
  request: 'attach' | 'detach',
  input: CallInput,
  webhook: Rec,
): Promise<RunResult> => {
  const communication = need(app.webhooks, id, 'webhook')[request];
  if (communication === undefined) throw new Error(`Webhook "${id}" has no ${request}`);
  const vars = hookVars(app, id, input, webhook);
  return runCommunication(communication, { vars, base: app.base }, optsOf(input), 'single');
};

/** Attach: the webhook's `attach` request with the base; `response.data` is the `webhook` to keep. */
export const attachWebhook = (app: App, id: string, input: AttachInput): Promise<RunResult> =>
  runHookRequest(app, id, 'attach', input, { url: input.webhookUrl });

export interface DetachInput extends CallInput {
  /** What attach stored (its `data`). */
  webhook: Rec;
}

/** Detach: the webhook's `detach` request with the base; `webhook` is what attach stored. */
export const detachWebhook = (app: App, id: string, input: DetachInput): Promise<RunResult> =>
  runHookRequest(app, id, 'detach', input, input.webhook);

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
