/**
 * The API's HTTP pipeline, in the order the platform applies it to every /v1 request: injected
 * faults, authentication and rate limit, scope, query and body validation against the contract,
 * Idempotency-Key, then the operation's handler (routes/). Each request travels as an Exchange
 * (exchange.ts); Idempotency-Key is kept in idempotency.ts.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { operations, requestValidators, toFailure } from './contract.js';
import type { HttpMethod, Operation } from './contract.js';
import { ApiError } from './errors.js';
import { Exchange } from './exchange.js';
import { claimIdempotency, settleIdempotency } from './idempotency.js';
import type { KeyRec } from './records.js';
import { badRequest, trimIdentities, type Result } from './routes/common.js';
import { handlers } from './routes/index.js';
import type { SandboxState } from './state.js';

/** Rate-limit headers of a bucket (per key, or per address without one); counts the request. */
function rateHeaders(
  state: SandboxState,
  bucketId: string,
  consume: boolean,
): { headers: Record<string, string>; limited: boolean } {
  const limit = state.rateLimit;
  const now = state.nowMs();
  let b = state.buckets.get(bucketId);
  if (!b || now - b.start >= 60_000) {
    b = { start: now, count: 0 };
    state.buckets.set(bucketId, b);
  }
  const limited = consume && b.count >= limit;
  if (consume && !limited) b.count++;
  const reset = Math.ceil((b.start + 60_000) / 1000);
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(Math.max(0, limit - b.count)),
    'x-ratelimit-reset': String(reset),
  };
  if (limited) headers['retry-after'] = String(Math.max(1, reset - Math.floor(now / 1000)));
  return { headers, limited };
}

/** Keeps a socket open without answering (a `timeout` fault), at most 35 s. */
function holdSocket(state: SandboxState, socket: Socket): void {
  const entry = {
    socket,
    timer: setTimeout(() => {
      state.held.delete(entry);
      socket.destroy();
    }, 35_000),
  };
  entry.timer.unref();
  state.held.add(entry);
  socket.on('close', () => {
    clearTimeout(entry.timer);
    state.held.delete(entry);
  });
}

/** Step 1: an injected fault that answers instead of the API; true when it did. */
function answerFault(x: Exchange): boolean {
  const fault = x.fault;
  if (!fault) return false;
  if (x.state.log) console.log(`${x.method} ${x.request.url} -> fault ${fault.kind}`);
  switch (fault.kind) {
    case 'reset':
      x.drop();
      return true;
    case 'timeout':
      x.reply.hijack();
      holdSocket(x.state, x.request.raw.socket);
      return true;
    case '500':
    case '502':
    case '503':
      x.headers = rateHeaders(x.state, `fault`, false).headers;
      x.sendError(
        new ApiError(Number(fault.kind), 'server_error', `Injected fault: ${fault.kind}.`),
      );
      return true;
    case '429': {
      x.headers = rateHeaders(x.state, `fault`, false).headers;
      x.headers['x-ratelimit-remaining'] = '0';
      const retry = fault.retry_after === undefined ? 1 : fault.retry_after;
      x.sendError(
        new ApiError(429, 'rate_limited', 'Too many requests (injected).'),
        retry === null ? {} : { 'retry-after': String(retry) },
      );
      return true;
    }
    case 'malformed':
      x.sendMalformed();
      return true;
    default:
      return false;
  }
}

/** Steps 2 and 3: the key, the rate limit, the region and the scope; the error to send if any. */
function authenticate(x: Exchange): { key: KeyRec } | { error: ApiError } {
  const { state, op, request } = x;
  const auth = request.headers.authorization;
  const match = typeof auth === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
  const key = match?.[1] ? state.store.keyBySecret(match[1]) : undefined;
  const rl = rateHeaders(state, key ? key.id : `anon:${request.ip}`, true);
  x.headers = rl.headers;
  if (rl.limited)
    return {
      error: new ApiError(
        429,
        'rate_limited',
        `Rate limit of ${state.rateLimit} requests per minute exceeded.`,
      ),
    };
  if (!key)
    return {
      error: new ApiError(
        401,
        'authentication_failed',
        'Missing or unknown API key (Authorization: Bearer <key>).',
      ),
    };
  x.entry.keyId = key.id;
  if (key.region !== 'us')
    return {
      error: new ApiError(
        401,
        'wrong_region',
        'This API key belongs to the EU region; use https://api.eu.nps-feedback.example/v1 (choose the EU region).',
      ),
    };
  // GET /events checks per event type in its handler.
  if (op.requiredScope && op.operationId !== 'listEvents' && !key.scopes.includes(op.requiredScope))
    return {
      error: new ApiError(
        403,
        'permission_denied',
        `This API key lacks the ${op.requiredScope} scope.`,
        undefined,
        op.requiredScope,
      ),
    };
  return { key };
}

/** Steps 4 and 5: the query and the JSON body, validated against the contract. */
function parseRequest(x: Exchange): { query: Record<string, unknown>; body: unknown } {
  const { op, request } = x;
  const validators = requestValidators(op.method, op.path);
  const query: Record<string, unknown> = { ...x.rawQuery };
  if (validators.query && !validators.query(query)) {
    const failure = toFailure(validators.query.errors ?? [], true);
    throw badRequest(failure.message, failure.param);
  }
  let body: unknown = undefined;
  if (validators.body) {
    const raw = typeof request.body === 'string' ? request.body : '';
    if (!raw.trim()) throw badRequest('A JSON body is required.');
    try {
      body = JSON.parse(raw);
    } catch {
      throw badRequest('The body is not valid JSON.');
    }
    trimIdentities(
      op.operationId === 'upsertContact' ? body : (body as { contact?: unknown } | null)?.contact,
    );
    if (!validators.body(body)) {
      const failure = toFailure(validators.body.errors ?? [], false);
      throw new ApiError(failure.status, 'invalid_request', failure.message, failure.param);
    }
  }
  return { query, body };
}

async function handle(
  state: SandboxState,
  op: Operation,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const x = new Exchange(state, op, request, reply);
  // 1. Injected faults
  x.fault = state.faults.take(x.method, x.path);
  if (answerFault(x)) return;
  // 2-3. Authentication, rate limit, region, scope
  const auth = authenticate(x);
  if ('error' in auth) {
    x.sendError(auth.error);
    return;
  }
  const { key } = auth;
  try {
    // 4-5. Query and body
    const { query, body } = parseRequest(x);
    // 6. Idempotency
    const claim = claimIdempotency(x, key, body);
    if (claim === 'answered') return;
    // 7. Run
    let result: Result;
    try {
      if (x.fault?.kind === 'delay') {
        const ms = x.fault.delay_ms ?? 1000;
        await new Promise((r) => setTimeout(r, ms).unref());
      }
      const handler = handlers[op.operationId];
      if (!handler) throw new Error(`no handler for ${op.operationId}`);
      // Invitations whose send_at has come on the sandbox's clock go out before anything is read.
      state.sendDue();
      result = handler({
        state,
        key,
        query,
        rawQuery: x.rawQuery,
        body,
        params: request.params as Record<string, string>,
        path: x.path,
      });
    } catch (e) {
      if (e instanceof ApiError && e.status < 500)
        settleIdempotency(state, claim, e.status, e.body());
      else settleIdempotency(state, claim, 500, undefined);
      throw e;
    }
    settleIdempotency(state, claim, result.status, result.body);
    if (x.fault?.kind === 'drop_after_commit') {
      x.say(`dropped after commit (${result.status})`);
      x.drop(result.status);
      return;
    }
    x.send(result.status, result.body, result.headers);
  } catch (e) {
    if (e instanceof ApiError) x.sendError(e);
    else {
      if (state.log) console.error(e);
      x.sendError(new ApiError(500, 'server_error', 'Internal sandbox error.'));
    }
  }
}

/** Registers every operation of the contract under /v1. */
export function registerApi(app: FastifyInstance, state: SandboxState): void {
  for (const op of operations) {
    const url = '/v1' + op.path.replace(/\{(\w+)\}/g, ':$1');
    app.route({
      method: op.method.toUpperCase() as Uppercase<HttpMethod>,
      url,
      handler: (request, reply) => handle(state, op, request, reply),
    });
  }
}
