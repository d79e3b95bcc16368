/**
 * Runs the components of a Make custom app (Apps Editor local-development layout) against a real
 * HTTP server, on this machine, through the local IML interpreter (./iml.ts). Test tooling only:
 * Make runs the real thing; what this runner does is what Make's documentation says, and where the
 * documentation is silent the choice is written next to the code.
 *
 * Sources:
 * - Base (inherited by modules and RPCs; a module's directive overrides the base's):
 *   https://developers.make.com/custom-apps-documentation/app-components/base
 * - Communication (request keys, response.output/iterate/limit/temp/valid/error, pagination):
 *   https://developers.make.com/custom-apps-documentation/block-elements (and the VS Code
 *   extension's schema syntaxes/imljson/schemas/api.json).
 * - Connection (no base; `parameters` are the connection's params; response.data/metadata/uid):
 *   https://developers.make.com/custom-apps-documentation/app-components/connections/basic-connection
 * - Attached webhooks (`webhook.url` in attach; `response.data` becomes `webhook` in detach):
 *   https://developers.make.com/custom-apps-documentation/app-components/webhooks/dedicated/attached
 * - Webhook communication (variables body, query, method, headers, parameters/data):
 *   https://developers.make.com/custom-apps-documentation/app-components/webhooks
 * - Instant trigger (optional communication, one request per bundle, `payload` = webhook item):
 *   https://developers.make.com/custom-apps-documentation/app-components/modules/instant-trigger
 * - Sanitization: https://developers.make.com/custom-apps-documentation/app-components/base/sanitization
 *
 * API (all async, all take an `App` from `loadMakeApp(dir)` or built by hand):
 * - `verifyConnection(app, connectionId, { parameters })` → `{ outputs, data, metadata, requests, log }`
 * - `runModule(app, moduleId, { parameters, connection })` (action, search, trigger, universal)
 * - `runRpc(app, rpcId, { parameters, connection })`
 * - `attachWebhook(app, webhookId, { parameters, connection, webhookUrl })` → `data` (the `webhook`)
 * - `detachWebhook(app, webhookId, { parameters, connection, webhook })`
 * - `runInstantTrigger(app, moduleId, { delivery: { body, headers, query? }, parameters, connection, webhook })`
 * - `runCommunication(communication, scope, options)`: the engine under all of them.
 * - `checkInterface(outputBundle, module.interface)`: undeclared keys and values of the wrong type.
 * Every result carries `requests` (exactly what was sent: method, url, headers, body text and its
 * JSON) and `log` (request/response pairs with the `log.sanitize` paths replaced by "[sanitized]").
 * Approximate / not reproduced: request `type` multipart/binary, `repeat`, `aws`, `oauth`,
 * `response.wrapper` and `response.trigger` (polling-trigger epoch/ordering) are refused or ignored;
 * query-string arrays are sent as repeated keys; the default error text is "[status] Request failed";
 * a communication array concatenates the outputs of its requests; response `type` (also keyed by
 * status) parses json, urlencoded and text only (automatic: JSON by Content-Type); pagination
 * beyond `maxPages` fails (Make stops silently); timeouts, retries (429/5xx) and Make's
 * 100-requests-per-run limit are not simulated.
 *
 * Errors: `MakeRuntimeError` (message, type — Make's error type, statusCode, requests, log).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { evaluate, toJsonValue, type IMLContext, type IMLOptions } from './iml.js';

export type Rec = Record<string, unknown>;

export interface ModuleDef {
  moduleType?: string;
  connection?: string | null;
  webhook?: string | null;
  communication?: unknown;
  staticParams?: unknown;
  mappableParams?: unknown;
  interface?: unknown;
  samples?: unknown;
}
export interface ConnectionDef {
  connectionType?: string;
  communication?: unknown;
  params?: unknown;
  common?: unknown;
}
export interface WebhookDef {
  webhookType?: string;
  connection?: string | null;
  communication?: unknown;
  params?: unknown;
  attach?: unknown;
  detach?: unknown;
  update?: unknown;
}
export interface RpcDef {
  connection?: string | null;
  communication?: unknown;
  params?: unknown;
}
export interface App {
  base: Rec;
  common?: Rec;
  connections: Record<string, ConnectionDef>;
  webhooks: Record<string, WebhookDef>;
  modules: Record<string, ModuleDef>;
  rpcs: Record<string, RpcDef>;
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as sent (text), when there was one. */
  body?: string;
  /** `body` parsed, when it was JSON. */
  json?: unknown;
}
export interface LogEntry {
  request: { method: string; url: string; headers: Rec; qs: Rec; body: unknown };
  response?: { status: number; headers: Rec; body: unknown };
}
export interface RunResult {
  /** Output bundles (Dates as ISO strings). */
  outputs: unknown[];
  requests: SentRequest[];
  log: LogEntry[];
  temp: Rec;
  /** response.data (connection data; for attach: the `webhook` collection). */
  data?: Rec;
  metadata?: unknown;
  uid?: unknown;
  /** Instant triggers: what the webhook's `respond` / `verification.respond` answers the caller. */
  respond?: unknown;
}

export class MakeRuntimeError extends Error {
  constructor(
    message: string,
    readonly type: string,
    readonly statusCode: number | undefined,
    readonly requests: SentRequest[],
    readonly log: LogEntry[],
  ) {
    super(message);
    this.name = 'MakeRuntimeError';
  }
}

export interface RunOptions extends IMLOptions {
  /** fetch to use (default: global fetch). */
  fetch?: typeof fetch;
  /** Safety cap on pages per request (default 50). */
  maxPages?: number;
}

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

// ------------------------------------------------------------------------------- loading

/** Reads JSON with comments (the Apps Editor's `.iml.json` files are JSONC). */
export const parseJsonc = (text: string): unknown => {
  let out = '';
  let i = 0;
  let inStr = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (inStr) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (c === '"') inStr = false;
      i++;
    } else if (c === '"') {
      inStr = true;
      out += c;
      i++;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  // trailing commas are allowed in JSONC
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1')) as unknown;
};

/**
 * Loads an app from a directory holding `makecomapp.json` (generalCodeFiles.base/common, and
 * components.{connection,webhook,module,rpc}.<id>.codeFiles.<codeType> paths relative to it).
 */
export const loadMakeApp = async (dir: string): Promise<App> => {
  const manifestPath = join(dir, 'makecomapp.json');
  const manifest = parseJsonc(await readFile(manifestPath, 'utf8'));
  if (!isRec(manifest)) throw new Error(`${manifestPath} is not an object`);
  const root = dirname(manifestPath);
  const read = async (rel: unknown): Promise<unknown> =>
    typeof rel === 'string' ? parseJsonc(await readFile(join(root, rel), 'utf8')) : undefined;
  const general = isRec(manifest.generalCodeFiles) ? manifest.generalCodeFiles : {};
  const components = isRec(manifest.components) ? manifest.components : {};
  const load = async (kind: string): Promise<Record<string, Rec>> => {
    const out: Record<string, Rec> = {};
    const group = components[kind];
    if (!isRec(group)) return out;
    for (const [id, meta] of Object.entries(group)) {
      if (!isRec(meta)) continue;
      const def: Rec = { ...meta };
      delete def.codeFiles;
      const files = isRec(meta.codeFiles) ? meta.codeFiles : {};
      for (const [codeType, rel] of Object.entries(files)) def[codeType] = await read(rel);
      out[id] = def;
    }
    return out;
  };
  const base = await read(general.base);
  const common = await read(general.common);
  return {
    base: isRec(base) ? base : {},
    common: isRec(common) ? common : undefined,
    connections: (await load('connection')) as Record<string, ConnectionDef>,
    webhooks: (await load('webhook')) as Record<string, WebhookDef>,
    modules: (await load('module')) as Record<string, ModuleDef>,
    rpcs: (await load('rpc')) as Record<string, RpcDef>,
  };
};

// ------------------------------------------------------------------------------- engine

const lowerKeys = (o: unknown): Rec => {
  const out: Rec = {};
  if (isRec(o)) for (const [k, v] of Object.entries(o)) out[k.toLowerCase()] = v;
  return out;
};

/** Base + request: headers/qs merged (request wins, header names case-insensitively), body merged
 * when both are collections, response directives merged (request wins; `error` merged per status
 * key), log.sanitize concatenated. Everything else: the request's value, else the base's. */
const mergeWithBase = (base: Rec, req: Rec): Rec => {
  const out: Rec = { ...base, ...req };
  delete out.baseUrl;
  delete out.timeout;
  const headers: Rec = {};
  const names = new Map<string, string>();
  for (const src of [base.headers, req.headers])
    if (isRec(src))
      for (const [k, v] of Object.entries(src)) {
        const prev = names.get(k.toLowerCase());
        if (prev !== undefined) delete headers[prev];
        names.set(k.toLowerCase(), k);
        headers[k] = v;
      }
  if (base.headers !== undefined || req.headers !== undefined) out.headers = headers;
  if (isRec(base.qs) || isRec(req.qs))
    out.qs = { ...(isRec(base.qs) ? base.qs : {}), ...(isRec(req.qs) ? req.qs : {}) };
  if (isRec(base.body) && isRec(req.body)) out.body = { ...base.body, ...req.body };
  if (isRec(base.response) || isRec(req.response)) {
    const b = isRec(base.response) ? base.response : {};
    const r = isRec(req.response) ? req.response : {};
    const response: Rec = { ...b, ...r };
    if (isRec(b.error) && isRec(r.error)) response.error = { ...b.error, ...r.error };
    out.response = response;
  }
  const sanitize = [base.log, req.log].flatMap((l) =>
    isRec(l) && Array.isArray(l.sanitize) ? l.sanitize : [],
  );
  if (sanitize.length) out.log = { sanitize };
  return out;
};

/** Splits a sanitize path (`request.headers.\`X-Api-Key\``) into parts. */
const pathParts = (p: string): string[] => {
  const parts: string[] = [];
  const re = /`([^`]*)`|([^.]+)/g;
  for (const m of p.matchAll(re)) parts.push((m[1] ?? m[2]) as string);
  return parts;
};

const sanitizeEntry = (entry: LogEntry, paths: string[]): LogEntry => {
  const copy = JSON.parse(JSON.stringify(entry)) as LogEntry;
  for (const p of paths) {
    const parts = pathParts(p);
    let cur: unknown = copy;
    for (let i = 0; i < parts.length; i++) {
      if (!isRec(cur)) break;
      const want = parts[i] as string;
      // header names compare case-insensitively; other keys exactly
      const key =
        parts[i - 1] === 'headers'
          ? Object.keys(cur).find((k) => k.toLowerCase() === want.toLowerCase())
          : want;
      if (key === undefined || !(key in cur)) break;
      if (i === parts.length - 1) cur[key] = '[sanitized]';
      else cur = cur[key];
    }
  }
  return copy;
};

const fail = (message: string, type: string, status: number | undefined, state: State): never => {
  throw new MakeRuntimeError(message, type, status, state.requests, state.log);
};

interface State {
  requests: SentRequest[];
  log: LogEntry[];
  temp: Rec;
  opts: RunOptions;
}

interface Scope {
  /** Variables every expression sees (parameters, connection, common, webhook, payload, data…). */
  vars: IMLContext;
  /** The base to merge (undefined: none, as for connections). */
  base?: Rec;
}

const ev = (v: unknown, ctx: IMLContext, state: State): unknown =>
  evaluate(v, { ...ctx, temp: state.temp }, state.opts);

const toQs = (qs: unknown): [string, string][] => {
  const out: [string, string][] = [];
  if (!isRec(qs)) return out;
  for (const [k, v] of Object.entries(qs)) {
    if (v === undefined || v === null) continue;
    for (const x of Array.isArray(v) ? v : [v])
      out.push([
        k,
        x instanceof Date ? x.toISOString() : typeof x === 'object' ? JSON.stringify(x) : String(x),
      ]);
  }
  return out;
};

interface Response {
  status: number;
  headers: Rec;
  body: unknown;
}

const send = async (req: Rec, baseUrl: string | undefined, state: State): Promise<Response> => {
  const rawUrl = typeof req.url === 'string' ? req.url : '';
  if (!rawUrl) fail('The request has no url', 'InvalidConfigurationError', undefined, state);
  let url: string;
  if (/^https?:\/\//i.test(rawUrl)) url = rawUrl;
  else if (baseUrl !== undefined && rawUrl.startsWith('/'))
    url = baseUrl.replace(/\/+$/, '') + rawUrl;
  else
    url = fail(
      `Relative url "${rawUrl}" without a base URL`,
      'InvalidConfigurationError',
      undefined,
      state,
    );
  const u = new URL(url);
  for (const [k, v] of toQs(req.qs)) u.searchParams.append(k, v);
  const method = (typeof req.method === 'string' && req.method ? req.method : 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  if (isRec(req.headers))
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined && v !== null) headers[k] = String(v);
  const hasHeader = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
  let body: string | undefined;
  let json: unknown;
  const type = typeof req.type === 'string' ? req.type : 'json';
  if (req.body !== undefined && method !== 'GET') {
    if (type === 'json') {
      json = toJsonValue(req.body);
      body = JSON.stringify(json);
      if (!hasHeader('content-type')) headers['Content-Type'] = 'application/json';
    } else if (type === 'urlencoded') {
      body = new URLSearchParams(toQs(req.body)).toString();
      if (!hasHeader('content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (type === 'text' || type === 'string' || type === 'raw') {
      body = typeof req.body === 'string' ? req.body : JSON.stringify(toJsonValue(req.body));
      try {
        json = JSON.parse(body) as unknown;
      } catch {
        // not JSON: text only
      }
    } else
      fail(
        `Request type "${type}" is not supported by the local runtime`,
        'InvalidConfigurationError',
        undefined,
        state,
      );
  }
  const sent: SentRequest = { method, url: u.toString(), headers: { ...headers } };
  if (body !== undefined) sent.body = body;
  if (json !== undefined) sent.json = json;
  state.requests.push(sent);
  const entry: LogEntry = {
    request: {
      method,
      url: `${u.origin}${u.pathname}`,
      headers: { ...headers },
      qs: Object.fromEntries(u.searchParams.entries()),
      body: json ?? body,
    },
  };
  state.log.push(entry);
  const f = state.opts.fetch ?? fetch;
  let res: globalThis.Response;
  try {
    res = await f(u, { method, headers, body });
  } catch (e) {
    return fail(`Connection failed: ${(e as Error).message}`, 'ConnectionError', undefined, state);
  }
  const text = await res.text();
  const resHeaders: Rec = {};
  res.headers.forEach((v, k) => {
    resHeaders[k] = v;
  });
  let parsed: unknown = text === '' ? undefined : text;
  const declared = isRec(req.response) ? req.response.type : undefined;
  // response.type may be keyed by status: "200", a range "400-499", or "*" (schema response.json#type)
  const responseType = isRec(declared) ? typeForStatus(declared, res.status) : declared;
  if (responseType === 'urlencoded' && text !== '') {
    parsed = Object.fromEntries(new URLSearchParams(text).entries());
  }
  const wantJson =
    responseType === 'json' ||
    ((responseType === undefined || responseType === 'automatic') &&
      /json/i.test(String(resHeaders['content-type'] ?? '')));
  if (wantJson && text !== '') {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      if (responseType === 'json')
        fail('The response is not valid JSON', 'DataError', res.status, state);
    }
  }
  entry.response = { status: res.status, headers: resHeaders, body: parsed };
  return { status: res.status, headers: resHeaders, body: parsed };
};

const typeForStatus = (byStatus: Rec, status: number): unknown => {
  if (byStatus[String(status)] !== undefined) return byStatus[String(status)];
  for (const [key, value] of Object.entries(byStatus)) {
    const m = /^(\d{3})-(\d{3})$/.exec(key);
    if (m && status >= Number(m[1]) && status <= Number(m[2])) return value;
  }
  return byStatus['*'];
};

const checkResponse = (response: Rec, res: Response, ctx: IMLContext, state: State) => {
  const rctx = { ...ctx, body: res.body, headers: res.headers, statusCode: res.status };
  // A status >= 400 is always an error (standard error handling); `valid` only refuses a status
  // < 400, it can never accept a 4xx/5xx (https://developers.make.com/custom-apps-documentation/
  // component-blocks/api/handling-responses/valid).
  let valid = res.status < 400;
  let validMessage: unknown;
  let validType: unknown;
  if (valid && response.valid !== undefined) {
    if (isRec(response.valid)) {
      valid = Boolean(ev(response.valid.condition, rctx, state));
      validMessage = response.valid.message;
      validType = response.valid.type;
    } else valid = Boolean(ev(response.valid, rctx, state));
  }
  if (valid) return;
  const spec = response.error;
  let message: unknown;
  let type: unknown;
  if (typeof spec === 'string') message = spec;
  else if (isRec(spec)) {
    const byStatus = spec[String(res.status)];
    const s = isRec(byStatus) ? byStatus : spec;
    message = s.message;
    type = s.type;
  }
  if (message === undefined && validMessage !== undefined) {
    message = validMessage;
    type = validType;
  }
  const text =
    message === undefined
      ? `[${res.status}] Request failed`
      : String(ev(message, rctx, state) ?? '');
  const t = type === undefined ? 'RuntimeError' : String(ev(type, rctx, state));
  fail(text, t, res.status, state);
};

/** Runs one request (with its pagination); returns its output items. */
const runRequest = async (
  reqDef: Rec,
  scope: Scope,
  state: State,
  result: RunResult,
  kind: 'list' | 'single',
): Promise<unknown[]> => {
  const ctx = { ...scope.vars };
  if (reqDef.condition !== undefined) {
    const c = isRec(reqDef.condition) ? reqDef.condition : { condition: reqDef.condition };
    if (!ev(c.condition, ctx, state))
      return c.default === undefined ? [] : [ev(c.default, ctx, state)];
  }
  for (const k of ['repeat', 'aws', 'oauth', 'endpoint'])
    if (reqDef[k] !== undefined)
      fail(
        `"${k}" is not supported by the local runtime`,
        'InvalidConfigurationError',
        undefined,
        state,
      );
  const merged = scope.base ? mergeWithBase(scope.base, reqDef) : { ...reqDef };
  const baseUrl =
    scope.base && typeof scope.base.baseUrl === 'string'
      ? String(ev(scope.base.baseUrl, ctx, state))
      : undefined;
  const response: Rec = isRec(merged.response) ? merged.response : {};
  if (response.wrapper !== undefined)
    fail(
      'response.wrapper is not supported by the local runtime',
      'InvalidConfigurationError',
      undefined,
      state,
    );
  if (isRec(merged.temp)) Object.assign(state.temp, ev(merged.temp, ctx, state));
  const limitRaw = response.limit === undefined ? undefined : ev(response.limit, ctx, state);
  const limit =
    limitRaw === undefined || limitRaw === null || limitRaw === '' ? Infinity : Number(limitRaw);
  const pagination = isRec(merged.pagination) ? merged.pagination : undefined;
  const sanitize =
    isRec(merged.log) && Array.isArray(merged.log.sanitize) ? merged.log.sanitize.map(String) : [];
  const items: unknown[] = [];
  // The first request is evaluated with the module's context; each next page's request (the parent
  // merged with `pagination`) with the previous response's body/headers, and `pagination.page` is
  // the number of the page being asked for (1, then 2…), as the pagination docs say.
  const requestOnly = (r: Rec): Rec => {
    const out: Rec = { ...r };
    for (const k of ['response', 'pagination', 'temp', 'condition', 'log']) delete out[k];
    return out;
  };
  let evaluated = ev(requestOnly(merged), { ...ctx, pagination: { page: 1 } }, state) as Rec;
  for (let page = 1; ; page++) {
    evaluated.response = { type: response.type };
    const logStart = state.log.length;
    let res: Response;
    try {
      res = await send(evaluated, baseUrl, state);
    } finally {
      for (let i = logStart; i < state.log.length; i++)
        state.log[i] = sanitizeEntry(state.log[i] as LogEntry, sanitize);
    }
    const rctx = { ...ctx, body: res.body, headers: res.headers, statusCode: res.status };
    checkResponse(response, res, ctx, state);
    if (isRec(response.temp)) Object.assign(state.temp, ev(response.temp, rctx, state));
    if (response.data !== undefined)
      result.data = { ...(result.data ?? {}), ...(ev(response.data, rctx, state) as Rec) };
    if (response.metadata !== undefined)
      result.metadata = toJsonValue(ev(response.metadata, rctx, state));
    if (response.uid !== undefined) result.uid = toJsonValue(ev(response.uid, rctx, state));
    const pageItems: unknown[] = [];
    if (response.iterate !== undefined) {
      const it = isRec(response.iterate) ? response.iterate : { container: response.iterate };
      const container = ev(it.container, rctx, state);
      if (!Array.isArray(container)) {
        if (container !== undefined && container !== null)
          fail('response.iterate did not evaluate to an array', 'DataError', res.status, state);
      } else
        for (const item of container) {
          const ictx = { ...rctx, item };
          if (it.condition !== undefined && !ev(it.condition, ictx, state)) continue;
          pageItems.push(response.output === undefined ? item : ev(response.output, ictx, state));
        }
    } else if (response.output !== undefined) pageItems.push(ev(response.output, rctx, state));
    else if (kind === 'list' && Array.isArray(res.body)) pageItems.push(...res.body);
    else if (res.body !== undefined) pageItems.push(res.body);
    for (const x of pageItems) if (items.length < limit) items.push(x);
    if (!pagination || items.length >= limit || pageItems.length === 0) break;
    if (page >= (state.opts.maxPages ?? 50))
      fail(`Pagination did not stop after ${page} pages`, 'RuntimeError', undefined, state);
    if (pagination.condition !== undefined && !ev(pagination.condition, rctx, state)) break;
    const pg: Rec = { ...pagination };
    const mergeWithParent = pg.mergeWithParent;
    delete pg.condition;
    delete pg.mergeWithParent;
    // mergeWithParent (default true): headers and qs merged over the parent's; url, method, body
    // replace the parent's when given.
    const next: Rec =
      mergeWithParent === false
        ? { ...pg }
        : {
            ...merged,
            ...pg,
            headers: {
              ...(isRec(merged.headers) ? merged.headers : {}),
              ...(isRec(pg.headers) ? pg.headers : {}),
            },
            qs: { ...(isRec(merged.qs) ? merged.qs : {}), ...(isRec(pg.qs) ? pg.qs : {}) },
          };
    evaluated = ev(requestOnly(next), { ...rctx, pagination: { page: page + 1 } }, state) as Rec;
  }
  return items;
};

/**
 * Runs a communication (one request or an array of them, in order; outputs concatenated; `temp`
 * shared). A request without `url` only evaluates `output`/`iterate` against `scope.vars`.
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
  for (const req of list) {
    if (!isRec(req))
      fail(
        'A communication request must be an object',
        'InvalidConfigurationError',
        undefined,
        state,
      );
    const r = req as Rec;
    if (r.url === undefined) {
      result.outputs.push(...localOutputs(r, scope.vars, state));
      continue;
    }
    result.outputs.push(...(await runRequest(r, scope, state, result, kind)));
  }
  result.outputs = result.outputs.map(toJsonValue);
  if (result.data) result.data = toJsonValue(result.data) as Rec;
  return result;
};

/** output/iterate without a request (webhook communication; instant triggers without url). */
const localOutputs = (r: Rec, ctx: IMLContext, state: State): unknown[] => {
  const resp = isRec(r.response) ? r.response : {};
  const output = r.output ?? resp.output;
  const iterate = r.iterate ?? resp.iterate;
  if (r.condition !== undefined) {
    const c = isRec(r.condition) ? r.condition : { condition: r.condition };
    if (!ev(c.condition, ctx, state)) return [];
  }
  if (iterate !== undefined) {
    const it = isRec(iterate) ? iterate : { container: iterate };
    const container = ev(it.container, ctx, state);
    if (!Array.isArray(container)) return [];
    return container
      .filter((item) => it.condition === undefined || ev(it.condition, { ...ctx, item }, state))
      .map((item) => (output === undefined ? item : ev(output, { ...ctx, item }, state)));
  }
  return [output === undefined ? ctx.body : ev(output, ctx, state)];
};

// ---------------------------------------------------------------------------- components

const need = <T>(group: Record<string, T>, id: string, what: string): T => {
  const c = group[id];
  if (!c) throw new Error(`The app has no ${what} "${id}" (has: ${Object.keys(group).join(', ')})`);
  return c;
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
    { vars: { parameters, common: def.common ?? {}, data: {}, environment: {} } },
    opts,
    'single',
  );
};

export interface CallInput extends RunOptions {
  parameters: Rec;
  /** The connection as modules read it: its params plus what verify stored in `data`. */
  connection?: Rec;
  /** The attached webhook's data, for RPCs run in an instant trigger's context. */
  webhook?: Rec;
}

const moduleVars = (app: App, input: CallInput): IMLContext => ({
  parameters: input.parameters,
  connection: input.connection ?? {},
  common: app.common ?? {},
  ...(input.webhook ? { webhook: input.webhook } : {}),
});

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
  return runCommunication(
    def.communication,
    { vars: moduleVars(app, input), base: app.base },
    optsOf(input),
    kind,
  );
};

/** Runs a remote procedure, with the base. */
export const runRpc = async (app: App, id: string, input: CallInput): Promise<RunResult> => {
  const def = need(app.rpcs, id, 'RPC');
  return runCommunication(
    def.communication,
    { vars: moduleVars(app, input), base: app.base },
    optsOf(input),
    'list',
  );
};

export interface AttachInput extends CallInput {
  /** The Make hook URL the attach registers (`{{webhook.url}}`). */
  webhookUrl: string;
}

/** Attach: the webhook's `attach` request with the base; `response.data` is the `webhook` to keep. */
export const attachWebhook = async (
  app: App,
  id: string,
  input: AttachInput,
): Promise<RunResult> => {
  const def = need(app.webhooks, id, 'webhook');
  if (def.attach === undefined) throw new Error(`Webhook "${id}" has no attach`);
  const vars = { ...moduleVars(app, input), webhook: { url: input.webhookUrl } };
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
  return runCommunication(
    def.detach,
    { vars: moduleVars(app, input), base: app.base },
    optsOf(input),
    'single',
  );
};

export interface Delivery {
  body: unknown;
  headers?: Record<string, string>;
  query?: Rec;
  method?: string;
}

export interface InstantInput extends CallInput {
  delivery: Delivery;
  /** What attach stored (the `webhook` collection). */
  webhook?: Rec;
}

/**
 * An incoming webhook delivery through the webhook's communication (variables body, headers, query,
 * method, parameters = data = the webhook's params) — one item unless it iterates, none when its
 * `condition` is false — then, per item, the instant trigger's communication with `payload` = the
 * item: without a `url` it evaluates `output` (default: the payload); with one it makes one request
 * (with the base) and `response.output` reads `body` (the response) and `payload`.
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
  const opts = optsOf(input);
  const headers = lowerKeys(input.delivery.headers ?? {});
  const hookVars: IMLContext = {
    body: input.delivery.body,
    headers,
    query: input.delivery.query ?? {},
    method: input.delivery.method ?? 'POST',
    parameters: input.parameters,
    data: input.parameters,
    connection: input.connection ?? {},
    common: app.common ?? {},
    environment: {},
  };
  // verification {condition, respond}: a handshake request is answered and makes no bundle;
  // respond {type, status, headers, body}: what Make answers the sender (webhooks docs).
  const hc = hook?.communication;
  if (isRec(hc) && isRec(hc.verification) && evaluate(hc.verification.condition, hookVars, opts))
    return {
      outputs: [],
      requests: [],
      log: [],
      temp: {},
      respond: toJsonValue(evaluate(hc.verification.respond, hookVars, opts)),
    };
  const respond =
    isRec(hc) && hc.respond !== undefined
      ? toJsonValue(evaluate(hc.respond, hookVars, opts))
      : undefined;
  const first = await runCommunication(
    hook?.communication ?? { output: '{{body}}' },
    { vars: hookVars },
    opts,
  );
  const result: RunResult = { outputs: [], requests: [], log: [], temp: {} };
  if (respond !== undefined) result.respond = respond;
  for (const payload of first.outputs) {
    const vars = { ...moduleVars(app, input), payload, webhook: input.webhook ?? {} };
    const comm = def.communication;
    const isEmptyComm = comm === undefined || (isRec(comm) && Object.keys(comm).length === 0);
    if (isEmptyComm) {
      result.outputs.push(payload);
      continue;
    }
    const r = await runCommunication(comm, { vars, base: app.base }, opts, 'single');
    result.outputs.push(...r.outputs);
    result.requests.push(...r.requests);
    result.log.push(...r.log);
  }
  return result;
};

// ------------------------------------------------------------------------------ interface

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  email: (v) => typeof v === 'string',
  url: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  uinteger: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
  boolean: (v) => typeof v === 'boolean',
  date: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  array: (v) => Array.isArray(v),
  collection: (v) => isRec(v),
};

/**
 * Compares one output bundle with a module's interface (array of {name, type, spec}): every key
 * the output has must be declared, and a non-null value must fit its declared type (text, number,
 * integer, uinteger, boolean, date, array, collection; other types are not checked). Nested
 * collections (`spec` = fields) and arrays (`spec` = item spec or fields) are walked. Returns the
 * problems as sentences (empty when the output matches).
 */
export const checkInterface = (output: unknown, iface: unknown, path = ''): string[] => {
  const fields = Array.isArray(iface) ? iface.filter(isRec) : [];
  if (!isRec(output)) return [`${path || 'output'} is not a collection`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(output)) {
    const at = path ? `${path}.${key}` : key;
    const field = fields.find((f) => f.name === key);
    if (!field) {
      problems.push(`${at} is not declared in the interface`);
      continue;
    }
    if (value === null || value === undefined) continue;
    const type = typeof field.type === 'string' ? field.type : '';
    const check = TYPE_CHECKS[type];
    if (check && !check(value)) {
      problems.push(`${at} is declared ${type} but is ${JSON.stringify(value)}`);
      continue;
    }
    if (type === 'collection' && Array.isArray(field.spec))
      problems.push(...checkInterface(value, field.spec, at));
    if (type === 'array' && Array.isArray(value)) {
      const spec = field.spec;
      const itemFields = Array.isArray(spec)
        ? spec
        : isRec(spec) && spec.type === 'collection' && Array.isArray(spec.spec)
          ? spec.spec
          : undefined;
      const itemCheck =
        isRec(spec) && typeof spec.type === 'string' ? TYPE_CHECKS[spec.type] : undefined;
      value.forEach((item, i) => {
        if (itemFields) problems.push(...checkInterface(item, itemFields, `${at}[${i + 1}]`));
        else if (itemCheck && item !== null && !itemCheck(item))
          problems.push(
            `${at}[${i + 1}] is declared ${String((spec as Rec).type)} but is ${JSON.stringify(item)}`,
          );
      });
    }
  }
  return problems;
};
