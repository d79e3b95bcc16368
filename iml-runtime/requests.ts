/**
 * Requests of the local Make runner: a request merged with the app's base (Make's "Base": headers,
 * query string, body and response directives inherited, the request winning), sent over HTTP,
 * logged with the `log.sanitize` paths hidden, and its answer parsed by `response.type`.
 * Test tooling only; see ./runner.ts.
 *
 * Sources: https://developers.make.com/custom-apps-documentation/app-components/base ,
 * https://developers.make.com/custom-apps-documentation/component-blocks/api/making-requests ,
 * https://developers.make.com/custom-apps-documentation/app-components/base/sanitization
 */
import { evaluate, toJsonValue, type IMLContext } from './iml.js';
import { isRec, MakeRuntimeError } from './app.js';
import type { LogEntry, Rec, RunOptions, SentRequest } from './app.js';

export interface State {
  requests: SentRequest[];
  log: LogEntry[];
  temp: Rec;
  opts: RunOptions;
}

export interface Response {
  status: number;
  headers: Rec;
  body: unknown;
}

export const fail = (
  message: string,
  type: string,
  status: number | undefined,
  state: State,
): never => {
  throw new MakeRuntimeError(message, type, status, state.requests, state.log);
};

/** Evaluates IML in `ctx` with the run's `temp`. */
export const ev = (v: unknown, ctx: IMLContext, state: State): unknown =>
  evaluate(v, { ...ctx, temp: state.temp }, state.opts);

/** Base + request: headers/qs merged (request wins, header names case-insensitively), body merged
 * when both are collections, response directives merged (request wins; `error` merged per status
 * key), log.sanitize concatenated. Everything else: the request's value, else the base's. */
export const mergeWithBase = (base: Rec, req: Rec): Rec => {
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

export const sanitizeEntry = (entry: LogEntry, paths: string[]): LogEntry => {
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

export const send = async (
  req: Rec,
  baseUrl: string | undefined,
  state: State,
): Promise<Response> => {
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
