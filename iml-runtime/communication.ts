/**
 * The engine under every component of the local Make runtime: a communication (one request or
 * several, in order, `temp` shared) run against its scope, and what the components share to set
 * one up. See ./runner.ts for the sources and what is reproduced.
 */
import { toJsonValue } from './iml.js';
import { isRec, type Rec, type RunOptions, type RunResult } from './app.js';
import { fail, type State } from './requests.js';
import { localOutputs } from './responses.js';
import { runRequest, type RequestOutcome, type Scope } from './pagination.js';

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

export const need = <T>(group: Record<string, T>, id: string, what: string): T => {
  const c = group[id];
  if (!c) throw new Error(`The app has no ${what} "${id}" (has: ${Object.keys(group).join(', ')})`);
  return c;
};

export const listOf = (...lists: unknown[]): unknown[] | undefined => {
  const present = lists.filter(Array.isArray) as unknown[][];
  return present.length ? present.flat() : undefined;
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

export const optsOf = (input: RunOptions): RunOptions => ({
  fetch: input.fetch,
  maxPages: input.maxPages,
  now: input.now,
  timezone: input.timezone,
  functions: input.functions,
});
