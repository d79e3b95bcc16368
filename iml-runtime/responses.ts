/**
 * Responses in the local Make runner: whether an answer is an error (`valid`, `error`, any
 * status >= 400) and which output items it gives (`iterate` with its `condition`, `output`).
 * Test tooling only; see ./runner.ts.
 *
 * Sources:
 * - Valid: https://developers.make.com/custom-apps-documentation/component-blocks/api/handling-responses/valid
 *   ("Some services might return an HTTP status code >= 400 … handled by standard error handling")
 * - Error handling: https://developers.make.com/custom-apps-documentation/app-components/base/error-handling
 * - Iterate: https://developers.make.com/custom-apps-documentation/component-blocks/api/handling-responses/iterate
 * - Output: https://developers.make.com/custom-apps-documentation/component-blocks/api/handling-responses/output
 */
import type { IMLContext } from './iml.js';
import { isRec, type Rec } from './app.js';
import { ev, fail, type Response, type State } from './requests.js';

/** Throws Make's error for an answer that is not valid: a status >= 400 always is. */
export const checkResponse = (
  response: Rec,
  res: Response,
  ctx: IMLContext,
  state: State,
): void => {
  const rctx = { ...ctx, body: res.body, headers: res.headers, statusCode: res.status };
  // A status >= 400 is always an error (standard error handling); `valid` only refuses a status
  // < 400, it can never accept a 4xx/5xx.
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

/**
 * The items one answer gives: with `iterate`, `output` per item of the container that passes the
 * iterate `condition` (default: the item); without, `output` once (default: the body; a list
 * answer of a search is its items). `records` counts the items the answer held (the container's
 * length), which pagination reads: it stops after an answer with 0 records.
 */
export const itemsOf = (
  response: Rec,
  res: Response,
  rctx: IMLContext,
  state: State,
  kind: 'list' | 'single',
): { items: unknown[]; records: number } => {
  const items: unknown[] = [];
  if (response.iterate !== undefined) {
    const it = isRec(response.iterate) ? response.iterate : { container: response.iterate };
    const container = ev(it.container, rctx, state);
    if (!Array.isArray(container)) {
      if (container !== undefined && container !== null)
        fail('response.iterate did not evaluate to an array', 'DataError', res.status, state);
      return { items, records: 0 };
    }
    for (const item of container) {
      const ictx = { ...rctx, item };
      if (it.condition !== undefined && !ev(it.condition, ictx, state)) continue;
      items.push(response.output === undefined ? item : ev(response.output, ictx, state));
    }
    return { items, records: container.length };
  }
  if (response.output !== undefined) items.push(ev(response.output, rctx, state));
  else if (kind === 'list' && Array.isArray(res.body)) items.push(...(res.body as unknown[]));
  else if (res.body !== undefined) items.push(res.body);
  return { items, records: items.length };
};

/**
 * `output`/`iterate` without a request: a webhook's communication (variables body, headers, query,
 * method, parameters), or a request-less module. Its `condition`, when false, gives nothing.
 */
export const localOutputs = (r: Rec, ctx: IMLContext, state: State): unknown[] => {
  const resp = isRec(r.response) ? r.response : {};
  const output = r.output ?? resp.output;
  const iterate = r.iterate ?? resp.iterate;
  if (r.condition !== undefined) {
    const c = isRec(r.condition) ? r.condition : { condition: r.condition };
    if (!ev(c.condition, ctx, state))
      return c.default === undefined ? [] : [ev(c.default, ctx, state)];
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
