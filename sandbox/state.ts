/**
 * The sandbox's state, in one explicit object: the platform's data (the Store, replaced on
 * reset), webhook deliveries, the request log, recorded exchanges, pending faults, idempotency
 * slots, rate-limit buckets and held sockets. Route handlers and the HTTP pipeline receive it.
 */
import type { Socket } from 'node:net';
import type { Json } from './contract.js';
import { FaultQueue, type FaultKind } from './faults.js';
import { Invitations } from './invitations.js';
import { Random } from './random.js';
import { seedStore, type SeedResult } from './seed.js';
import { Store } from './store.js';
import { Deliverer } from './webhooks.js';

export interface SandboxOptions {
  port?: number;
  seed?: number;
  analysisDelayMs?: number;
  retryScale?: number;
  deliveryTimeoutMs?: number;
  shuffleDeliveries?: boolean;
  rateLimitPerMinute?: number;
  now?: () => Date;
  log?: boolean;
  /** Keep every API answer (status, headers, body as sent) for `exchanges()`; off by default. */
  recordBodies?: boolean;
}

/** One answer of the API as the sandbox sent it (with `recordBodies`). */
export interface RecordedExchange {
  method: string;
  /** The concrete path, e.g. /v1/responses/rsp_1. */
  path: string;
  /** The contract's path template, e.g. /responses/{response_id}. */
  template: string;
  status: number;
  headers: Record<string, string>;
  /** The body exactly as sent ('' when none). */
  body: string;
  /** Set when an injected fault produced this answer (a malformed body is meant to break it). */
  fault: FaultKind | null;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  keyId: string | null;
  idempotencyKey: string | null;
  at: number;
}

/** What an Idempotency-Key (per API key) is bound to. */
export interface IdempotencySlot {
  fp: string;
  state: 'running' | 'done';
  status: number;
  body: Json | undefined;
  at: number;
}

export class SandboxState {
  readonly seed: number;
  readonly analysisDelayMs: number;
  readonly rateLimit: number;
  readonly log: boolean;
  readonly recordBodies: boolean;
  private readonly clock: () => Date;

  store: Store;
  /** The invitation lifecycle over `store` (replaced with it on reset). */
  invitations: Invitations;
  keys: SeedResult['keys'];
  readonly deliverer: Deliverer;
  requests: RequestLogEntry[] = [];
  recorded: RecordedExchange[] = [];
  readonly faults = new FaultQueue();
  readonly idempotency = new Map<string, IdempotencySlot>();
  readonly buckets = new Map<string, { start: number; count: number }>();
  /** Sockets of `timeout` faults, held open until they close (or 35 s pass). */
  readonly held = new Set<{ socket: Socket; timer: NodeJS.Timeout }>();

  constructor(options: SandboxOptions = {}) {
    this.seed = options.seed ?? 42;
    this.analysisDelayMs = options.analysisDelayMs ?? 300;
    this.rateLimit = options.rateLimitPerMinute ?? 600;
    this.log = options.log ?? false;
    this.recordBodies = options.recordBodies ?? false;
    this.clock = options.now ?? (() => new Date());
    this.store = this.newStore();
    this.invitations = new Invitations(this.store);
    this.keys = seedStore(this.store, this.seed).keys;
    this.deliverer = new Deliverer(this.store, {
      retryScale: options.retryScale ?? 1,
      deliveryTimeoutMs: options.deliveryTimeoutMs ?? 10_000,
      shuffle: options.shuffleDeliveries ?? false,
      now: () => this.nowMs(),
    });
    this.wire();
  }

  nowMs(): number {
    return this.clock().getTime();
  }

  private newStore(): Store {
    /** Platform timestamps have whole seconds (as they are shown); ties are ordered by id. */
    const storeNow = () => Math.floor(this.nowMs() / 1000) * 1000;
    return new Store(new Random(this.seed ^ 0x5eed), storeNow, this.analysisDelayMs);
  }

  private wire(): void {
    this.store.listener = (event) => this.deliverer.dispatch(event);
    this.store.onIdle = () => this.deliverer.notifyIdle();
  }

  /** Back to the seeded workspace: data, keys, deliveries, logs, faults and limits. */
  reset(): void {
    this.store.clearTimers();
    this.invitations.close();
    this.store = this.newStore();
    this.invitations = new Invitations(this.store);
    this.keys = seedStore(this.store, this.seed).keys;
    this.wire();
    this.deliverer.reset();
    this.deliverer.store = this.store;
    this.requests = [];
    this.recorded = [];
    this.faults.clear();
    this.idempotency.clear();
    this.buckets.clear();
  }

  /** Sends the invitations that are due on the sandbox's clock (their events go out). */
  sendDue(): number {
    return this.invitations.sendDue();
  }

  /**
   * Resolves once no analysis and no webhook delivery is pending; invitations due by now are
   * sent first (later ones stay scheduled).
   */
  async settle(): Promise<void> {
    this.sendDue();
    for (;;) {
      if (this.store.pendingAnalysis() === 0 && this.deliverer.pending() === 0) return;
      await Promise.race([this.deliverer.waitForChange(), new Promise((r) => setTimeout(r, 20))]);
    }
  }

  /** Stops timers, deliveries and held sockets (the HTTP server is closed by its owner). */
  close(): void {
    this.store.clearTimers();
    this.invitations.close();
    this.deliverer.close();
    for (const h of this.held) {
      clearTimeout(h.timer);
      h.socket.destroy();
    }
    this.held.clear();
  }
}
