/**
 * One request of a communication in the local Make runner, with its pages: the request's
 * `condition`, the base merged in, `temp`, the answer checked, its items, `response.limit`, and
 * `pagination` until Make would stop. Test tooling only; see ./runner.ts.
 *
 * Sources:
 * - Requests (`condition`, `temp`): https://developers.make.com/custom-apps-documentation/component-blocks/api/making-requests
 *   ("If the value of this directive is false, then the request will not be executed, and the flow
 *   will go to the next request, if present, or return nothing"; the object form's `default` is
 *   "the module output when the condition is false").
 * - Pagination: https://developers.make.com/custom-apps-documentation/component-blocks/api/pagination
 *   (`condition` "Specifies whether to execute the pagination request", with the response's
 *   variables; "The pagination stops automatically after the response with 0 records or once the
 *   condition response.limit is met"; `qs`/`headers` merge over the parent's, `url`, `method`,
 *   `body` replace them; `pagination.page` counts from 1).
 * - Limit: https://developers.make.com/custom-apps-documentation/component-blocks/api/handling-responses/limit
 *
 * So an undefined, null, false or empty condition stops: the next page is asked for only when the
 * condition's value is truthy (e.g. a `next_cursor` string).
 */
import { toJsonValue, type IMLContext } from './iml.js';
import { isRec, type LogEntry, type Rec, type RunResult } from './app.js';
import { ev, fail, mergeWithBase, sanitizeEntry, send } from './requests.js';
import type { Response, State } from './requests.js';
import { checkResponse, itemsOf } from './responses.js';

export interface Scope {
  /** Variables every expression sees (parameters, connection, common, webhook, payload, data…). */
  vars: IMLContext;
  /** The base to merge (undefined: none, as for connections). */
  base?: Rec;
}

/** What one request of a communication gave: skipped (its condition was false) or its items. */
export type RequestOutcome =
  { skipped: true; items: unknown[] } | { skipped: false; items: unknown[] };

/** Keys of a request that are not sent. */
const requestOnly = (r: Rec): Rec => {
  const out: Rec = { ...r };
  for (const k of ['response', 'pagination', 'temp', 'condition', 'log']) delete out[k];
  return out;
};

/** Runs one request (with its pagination); returns its output items. */
export const runRequest = async (
  reqDef: Rec,
  scope: Scope,
  state: State,
  result: RunResult,
  kind: 'list' | 'single',
): Promise<RequestOutcome> => {
  const ctx = { ...scope.vars };
  // `temp` is "executed prior to everything else: before condition, url, qs, body".
  if (isRec(reqDef.temp)) Object.assign(state.temp, ev(reqDef.temp, ctx, state));
  if (reqDef.condition !== undefined) {
    const c = isRec(reqDef.condition) ? reqDef.condition : { condition: reqDef.condition };
    if (!ev(c.condition, ctx, state))
      return { skipped: true, items: c.default === undefined ? [] : [ev(c.default, ctx, state)] };
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
  const limitRaw = response.limit === undefined ? undefined : ev(response.limit, ctx, state);
  const limit =
    limitRaw === undefined || limitRaw === null || limitRaw === '' ? Infinity : Number(limitRaw);
  const pagination = isRec(merged.pagination) ? merged.pagination : undefined;
  const sanitize =
    isRec(merged.log) && Array.isArray(merged.log.sanitize) ? merged.log.sanitize.map(String) : [];
  const items: unknown[] = [];
  // The first request is evaluated with the module's context; each next page's request (the parent
  // merged with `pagination`) with the previous response's body/headers, and `pagination.page` is
  // the number of the page being asked for (1, then 2…).
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
    const { items: pageItems, records } = itemsOf(response, res, rctx, state, kind);
    for (const x of pageItems) if (items.length < limit) items.push(x);
    if (!pagination || items.length >= limit || records === 0) break;
    if (pagination.condition !== undefined && !ev(pagination.condition, rctx, state)) break;
    if (page >= (state.opts.maxPages ?? 50))
      fail(`Pagination did not stop after ${page} pages`, 'RuntimeError', undefined, state);
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
  return { skipped: false, items };
};
