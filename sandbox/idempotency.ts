/**
 * Idempotency-Key (step 6 of the pipeline, api.ts): a retried idempotent request with the same
 * key and body gets the first answer again (`idempotent-replayed: true`) for 24 hours; the same
 * key with another body is a 409, and so is one still running. A server error frees the key.
 */
import { canonical, hash } from './canonical.js';
import type { Json } from './contract.js';
import { ApiError } from './errors.js';
import type { Exchange } from './exchange.js';
import type { KeyRec } from './records.js';
import { badRequest } from './routes/common.js';
import type { SandboxState } from './state.js';

const IDEMPOTENCY_TTL = 86_400_000;

export interface IdempotencyClaim {
  slot: string;
  fp: string;
}

/**
 * Step 6: an Idempotency-Key of an idempotent operation. Returns the claimed slot (null when
 * there is none to keep), or 'answered' when an earlier answer was replayed (or dropped again).
 */
export function claimIdempotency(
  x: Exchange,
  key: KeyRec,
  body: unknown,
): IdempotencyClaim | null | 'answered' {
  const { state, idemKey } = x;
  if (!x.op.idempotent || idemKey === null) return null;
  if (idemKey.length < 1 || idemKey.length > 255)
    throw badRequest('Idempotency-Key must be 1 to 255 characters.', 'Idempotency-Key');
  const slot = `${key.id}:${idemKey}`;
  const fp = hash(`${x.method} ${x.path} ${canonical(body)}`);
  const prior = state.idempotency.get(slot);
  if (prior && state.nowMs() - prior.at < IDEMPOTENCY_TTL) {
    if (prior.fp !== fp)
      throw new ApiError(
        409,
        'idempotency_mismatch',
        'This Idempotency-Key was used with a different request.',
        'Idempotency-Key',
      );
    if (prior.state === 'running')
      throw new ApiError(
        409,
        'idempotency_in_progress',
        'A request with this Idempotency-Key is still running.',
        'Idempotency-Key',
      );
    if (x.fault?.kind === 'drop_after_commit') x.drop(prior.status);
    else x.send(prior.status, prior.body, { 'idempotent-replayed': 'true' });
    return 'answered';
  }
  state.idempotency.set(slot, {
    fp,
    state: 'running',
    status: 0,
    body: undefined,
    at: state.nowMs(),
  });
  return { slot, fp };
}

/** Keeps an answer below 500 for replays; a server error frees the key for a retry. */
export function settleIdempotency(
  state: SandboxState,
  claim: IdempotencyClaim | null,
  status: number,
  body: Json | undefined,
): void {
  if (!claim) return;
  if (status < 500)
    state.idempotency.set(claim.slot, {
      fp: claim.fp,
      state: 'done',
      status,
      body,
      at: state.nowMs(),
    });
  else state.idempotency.delete(claim.slot);
}
