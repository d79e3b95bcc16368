/**
 * Communication files (`*.communication.iml.json`, webhook `*.attach.iml.json` /
 * `*.detach.iml.json`) and the app's Base (`general/base.iml.json`).
 *
 * Shapes from Make's "Communication" / "Handling responses" pages, "Base", "Basic connection",
 * "Webhooks", "Attached" and "Instant trigger" pages, and the VS Code Apps Editor's `api.json` /
 * `base.json` schemas (see docs/make.md). Unknown keys are refused where those schemas set
 * `additionalProperties: false`; the per-component rules the pages state in prose (a connection
 * makes a single request and has no `output`, an instant trigger neither iterates nor paginates…)
 * are refinements on top.
 */
import { z } from 'zod';
import {
  aws,
  condition,
  error,
  flatCollection,
  httpMethod,
  iterate,
  json,
  log,
  metadata,
  oauth1,
  pagination,
  repeat,
  requestType,
  respond,
  responseType,
  temp,
  trigger,
  url,
  valid,
  verification,
} from './iml.js';

/** The `response` directive of a request. */
export const responseDirective = z.strictObject({
  type: responseType.optional(),
  valid: valid.optional(),
  limit: z.union([z.number(), z.string()]).optional(),
  error: error.optional(),
  iterate: iterate.optional(),
  temp: temp.optional(),
  output: json,
  trigger: trigger.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  metadata: metadata.optional(),
  uid: z.union([z.string(), z.number()]).optional(),
  oauth: oauth1.optional(),
  wrapper: json,
  expires: z.string().min(1).max(512).optional(),
});

const endpointName = z.string().min(1);

/** Keys a request may carry (api.json `#request`). */
const requestShape = {
  url: url.optional(),
  endpoint: z
    .union([
      endpointName,
      z.strictObject({ name: endpointName, connection: z.string().optional() }),
    ])
    .optional(),
  input: z.record(z.string(), z.unknown()).optional(),
  encodeUrl: z.boolean().optional(),
  method: httpMethod.optional(),
  headers: flatCollection.optional(),
  qs: flatCollection.optional(),
  ca: z.string().max(8192).optional(),
  body: json,
  type: requestType.optional(),
  temp: temp.optional(),
  condition: condition.optional(),
  gzip: z.boolean().optional(),
  aws: aws.optional(),
  followRedirects: z.boolean().optional(),
  followAllRedirects: z.boolean().optional(),
  log: log.optional(),
  oauth: oauth1.optional(),
  pagination: pagination.optional(),
  output: json,
  iterate: iterate.optional(),
  respond: respond.optional(),
  verification: verification.optional(),
  repeat: repeat.optional(),
  response: responseDirective.optional(),
};

type RequestLike = { method?: unknown; url?: unknown; body?: unknown } & Record<string, unknown>;

/** POST, PUT and PATCH need `url` and `body` (send `{}` when there is nothing to send). */
function bodyForWrites(r: RequestLike, ctx: z.RefinementCtx, methods: string[]): void {
  if (typeof r.method === 'string' && methods.includes(r.method)) {
    if (r.url === undefined)
      ctx.addIssue({ code: 'custom', path: ['url'], message: `${r.method} needs url` });
    if (!('body' in r))
      ctx.addIssue({ code: 'custom', path: ['body'], message: `${r.method} needs body` });
  }
}

/** One request (module, RPC, attach/detach). */
export const request = z.strictObject(requestShape).superRefine((r, ctx) => {
  bodyForWrites(r, ctx, ['POST', 'PUT', 'PATCH']);
  if (r.input !== undefined && r.endpoint === undefined) {
    ctx.addIssue({ code: 'custom', path: ['input'], message: 'input is only used with endpoint' });
  }
  if (r.endpoint !== undefined) {
    for (const key of ['url', 'method', 'headers', 'qs', 'body', 'type'] as const) {
      if (key in r)
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is not used with endpoint` });
    }
  }
});

/** Module and RPC communication: one request, or several chained ones. */
export const communication = z.union([request, z.array(request).min(1)]);

function forbid(keys: string[], where: string, prefix: string[] = []) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const key of keys) {
      if (key in value)
        ctx.addIssue({
          code: 'custom',
          path: [...prefix, key],
          message: `${key} is not available ${where}`,
        });
    }
  };
}

/**
 * Connection communication ("Basic connection"): a single request; no `aws` or `pagination`;
 * `response` has no `limit`, `iterate` or `output`, and is extended with `data`, `uid`, `metadata`.
 */
export const connectionCommunication = request.superRefine((r, ctx) => {
  forbid(['aws', 'pagination', 'iterate', 'output'], 'in a connection')(r, ctx);
  if (r.response) {
    forbid(['limit', 'iterate', 'output', 'trigger'], 'in a connection response', ['response'])(
      r.response,
      ctx,
    );
  }
});

/**
 * Instant trigger communication ("Instant trigger"): optional (`{}`), at most one request, used to
 * fetch more data for each bundle; `iterate` and `pagination` are not available.
 */
export const instantTriggerCommunication = request.superRefine((r, ctx) => {
  forbid(['pagination', 'iterate'], 'in an instant trigger')(r, ctx);
  if (r.response)
    forbid(['iterate', 'limit'], 'in an instant trigger response', ['response'])(r.response, ctx);
});

/**
 * Webhook communication ("Webhooks"): how the incoming request becomes bundles and what Make
 * answers. Variables there: `body`, `headers`, `query`, `method`, `parameters` (= `data`).
 */
export const webhookCommunication = z.strictObject({
  verification: verification.optional(),
  respond: respond.optional(),
  iterate: iterate.optional(),
  output: json,
  condition: z.union([z.string(), z.boolean()]).optional(),
  uid: z.string().optional(),
});

/**
 * Attach ("Attached"): registers `{{webhook.url}}` with the service; what detach needs is saved in
 * `response.data` (detach reads it as `webhook`).
 */
export const webhookAttach = request.superRefine((r, ctx) => {
  if (r.url === undefined)
    ctx.addIssue({ code: 'custom', path: ['url'], message: 'attach needs url' });
  if (r.response?.data === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['response', 'data'],
      message: 'attach must save the remote webhook id in response.data for detach',
    });
  }
});
/**
 * Detach: one request, or chained requests as any RPC ("The attach and detach procedures are
 * written the same way as other RPCs", webhooks/dedicated/attached; VSX validates the file with
 * api.json, which allows an array), each with its url.
 */
const detachRequest = request.superRefine((r, ctx) => {
  if (r.url === undefined)
    ctx.addIssue({ code: 'custom', path: ['url'], message: 'detach needs url' });
});
export const webhookDetach = z.union([detachRequest, z.array(detachRequest).min(1)]);

const baseResponse = responseDirective.omit({ trigger: true, expires: true });

/**
 * Base (`general/base.iml.json`): what every request of the app inherits. A request's keys but
 * those of one module's call (endpoint, input, gzip, output, iterate, respond, verification,
 * repeat), with `baseUrl` and `timeout`, and a response without trigger or expiry.
 */
const baseRequest = z
  .strictObject(requestShape)
  .omit({
    endpoint: true,
    input: true,
    gzip: true,
    output: true,
    iterate: true,
    respond: true,
    verification: true,
    repeat: true,
  })
  .extend({
    baseUrl: z.string().min(1).max(512).optional(),
    timeout: z.number().int().min(1).max(300000).optional(),
    response: baseResponse.optional(),
  })
  .superRefine((r, ctx) => bodyForWrites(r, ctx, ['POST', 'PUT', 'PATCH', 'DELETE']));
export const base = z.union([baseRequest, z.array(baseRequest).min(1)]);

/** Epoch (polling triggers' "choose where to start"): one request whose output has date and label. */
export const epoch = request.superRefine((r, ctx) => {
  const output = r.response?.output;
  const ok = output !== null && typeof output === 'object' && 'date' in output && 'label' in output;
  if (!ok)
    ctx.addIssue({ code: 'custom', path: ['response', 'output'], message: 'needs date and label' });
});
