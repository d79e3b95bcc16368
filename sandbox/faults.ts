/**
 * Fault injection: queued faults that the next matching API requests get instead of (or on top
 * of) their normal answer. Used by tests (`Sandbox.injectFaults`) and POST /_sandbox/faults.
 */
import { ajv, toFailure } from './contract.js';
import { ApiError } from './errors.js';

export type FaultKind =
  '500' | '502' | '503' | '429' | 'timeout' | 'malformed' | 'drop_after_commit' | 'reset' | 'delay';

export interface Fault {
  kind: FaultKind;
  /** Prefix of the request path; `/responses` and `/v1/responses` are the same. */
  path?: string;
  method?: string;
  count?: number;
  retry_after?: number | null;
  /** Sandbox extension, with kind `delay`: process the request normally after this many ms. */
  delay_ms?: number;
}

export type PendingFault = Fault & { remaining: number };

const FAULT_KINDS: FaultKind[] = [
  '500',
  '502',
  '503',
  '429',
  'timeout',
  'malformed',
  'drop_after_commit',
  'reset',
  'delay',
];

const faultsSchema = ajv.compile({
  type: 'object',
  required: ['faults'],
  additionalProperties: false,
  properties: {
    faults: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind'],
        additionalProperties: false,
        properties: {
          kind: { enum: FAULT_KINDS },
          path: { type: 'string' },
          method: { type: 'string' },
          count: { type: 'integer', minimum: 1 },
          retry_after: { type: ['integer', 'null'], minimum: 0 },
          delay_ms: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
});

/** The queue of pending faults, in the order they were injected. */
export class FaultQueue {
  private pending: PendingFault[] = [];

  /** Queues faults after checking them (400 naming the bad field). */
  inject(body: { faults: unknown }): void {
    if (!faultsSchema(body)) {
      const failure = toFailure(faultsSchema.errors ?? [], true);
      throw new ApiError(400, 'invalid_request', failure.message, failure.param);
    }
    for (const f of body.faults as Fault[]) this.pending.push({ ...f, remaining: f.count ?? 1 });
  }

  list(): PendingFault[] {
    return this.pending.map((f) => ({ ...f }));
  }

  clear(): void {
    this.pending = [];
  }

  /** The first fault matching a request (method upper case, path with /v1), used up once. */
  take(method: string, path: string): PendingFault | undefined {
    const idx = this.pending.findIndex((f) => {
      if (f.method && f.method.toUpperCase() !== method) return false;
      if (f.path) {
        const prefix = f.path.startsWith('/v1')
          ? f.path
          : `/v1${f.path.startsWith('/') ? '' : '/'}${f.path}`;
        if (!path.startsWith(prefix)) return false;
      }
      return true;
    });
    const fault = this.pending[idx];
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.pending.splice(idx, 1);
    return fault;
  }
}
