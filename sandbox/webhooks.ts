/**
 * Webhook deliveries as the contract describes them: Standard Webhooks signatures (re-signed for
 * every attempt), at least once with backoff, 410 deletes the subscription, optional shuffling.
 */
import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import type { EventRec, Store, WebhookRec } from './store.js';

/** Delays before retries 1..6, in ms (5 s, 5 min, 30 min, 2 h, 5 h, 10 h). */
export const RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000];

export interface DeliveryRecord {
  webhookId: string;
  eventId: string;
  eventType: string;
  url: string;
  attempt: number;
  status: number | null;
  error: string | null;
  at: number;
  body: string;
  headers: Record<string, string>;
}

interface Job {
  webhook: WebhookRec;
  event: EventRec;
  body: string;
  attempt: number;
  timer: NodeJS.Timeout | null;
  inFlight: boolean;
}

export interface DelivererOptions {
  retryScale: number;
  deliveryTimeoutMs: number;
  shuffle: boolean;
  now: () => number;
}

/**
 * Does a subscription want this event (types and filters, evaluated on the event's response)?
 * A subscription made with a live key never gets events about test records (1.3).
 */
export function matches(webhook: WebhookRec, event: EventRec): boolean {
  if (!webhook.events.includes(event.type)) return false;
  const f = webhook.filters;
  const m = event.meta;
  if (m.test && webhook.ownerMode !== 'test') return false;
  const responseFilters =
    f.segments !== undefined || f.min_score !== undefined || f.max_score !== undefined;
  if (event.type === 'contact.unsubscribed') return !responseFilters;
  if (event.type === 'invitation.failed') {
    // Only survey_id applies, on the invitation's survey; response filters never match.
    return !responseFilters && (f.survey_id === undefined || m.surveyId === f.survey_id);
  }
  if (f.survey_id !== undefined && m.surveyId !== f.survey_id) return false;
  if (f.segments !== undefined && (m.segment === null || !f.segments.includes(m.segment)))
    return false;
  if (f.min_score !== undefined && (m.score === null || m.score < f.min_score)) return false;
  if (f.max_score !== undefined && (m.score === null || m.score > f.max_score)) return false;
  if (
    f.exclude_own_changes === true &&
    event.type === 'response.updated' &&
    m.sourceKeyId === webhook.ownerKeyId
  )
    return false;
  return true;
}

export class Deliverer {
  readonly log: DeliveryRecord[] = [];
  private jobs = new Set<Job>();
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private active = new Set<ClientRequest>();

  constructor(
    public store: Store,
    private readonly options: DelivererOptions,
  ) {}

  /** Queues the event for every matching subscription. */
  dispatch(event: EventRec): void {
    if (this.closed) return;
    const body = JSON.stringify(event.payload);
    for (const webhook of this.store.webhooks.values()) {
      if (!matches(webhook, event)) continue;
      const job: Job = { webhook, event, body, attempt: 0, timer: null, inFlight: false };
      this.jobs.add(job);
      this.schedule(job, this.options.shuffle ? Math.floor(Math.random() * 40) : 0);
    }
  }

  pending(): number {
    return this.jobs.size;
  }

  /** Resolves when nothing is pending (analysis timers are checked by the caller). */
  notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  waitForChange(): Promise<void> {
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops every pending delivery of a subscription (deleted). */
  forget(webhookId: string): void {
    for (const job of this.jobs) {
      if (job.webhook.id === webhookId && !job.inFlight) this.finish(job);
    }
  }

  reset(): void {
    for (const job of [...this.jobs]) this.finish(job);
    this.log.length = 0;
  }

  close(): void {
    this.closed = true;
    for (const job of [...this.jobs]) this.finish(job);
    for (const req of this.active) req.destroy();
    this.active.clear();
  }

  private finish(job: Job): void {
    if (job.timer) clearTimeout(job.timer);
    job.timer = null;
    this.jobs.delete(job);
    this.notifyIdle();
  }

  private schedule(job: Job, delayMs: number): void {
    job.timer = setTimeout(() => {
      job.timer = null;
      void this.attempt(job);
    }, delayMs);
    job.timer.unref();
  }

  private async attempt(job: Job): Promise<void> {
    if (this.closed) return;
    if (this.store.webhooks.get(job.webhook.id) !== job.webhook) {
      this.finish(job);
      return;
    }
    job.attempt++;
    job.inFlight = true;
    const at = this.options.now();
    const msgId = job.event.id;
    const signature = new Webhook(job.webhook.secret).sign(msgId, new Date(at), job.body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'nps-feedback-sandbox-webhooks/1.0',
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(at / 1000)),
      'webhook-signature': signature,
    };
    const result = await this.post(job.webhook.url, headers, job.body);
    job.inFlight = false;
    this.log.push({
      webhookId: job.webhook.id,
      eventId: msgId,
      eventType: job.event.type,
      url: job.webhook.url,
      attempt: job.attempt,
      status: result.status,
      error: result.error,
      at,
      body: job.body,
      headers,
    });
    if (this.closed) return;
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      this.finish(job);
      return;
    }
    if (result.status === 410) {
      if (this.store.webhooks.get(job.webhook.id) === job.webhook)
        this.store.webhooks.delete(job.webhook.id);
      this.forget(job.webhook.id);
      this.finish(job);
      return;
    }
    const delay = RETRY_SCHEDULE_MS[job.attempt - 1];
    if (delay === undefined || this.store.webhooks.get(job.webhook.id) !== job.webhook) {
      this.finish(job); // failed permanently (or unsubscribed meanwhile)
      return;
    }
    this.schedule(job, Math.max(0, Math.round(delay * this.options.retryScale)));
    this.notifyIdle();
  }

  private post(
    url: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number | null; error: string | null }> {
    return new Promise((resolve) => {
      let done = false;
      const settle = (status: number | null, error: string | null) => {
        if (done) return;
        done = true;
        resolve({ status, error });
      };
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        settle(null, 'invalid url');
        return;
      }
      // Looked up at call time and called as request(options, callback): zapier-platform-core
      // patches http.request in-process (to log) with a wrapper that takes only those two
      // arguments, so request(url, options, callback) would lose the callback and never settle.
      const send = target.protocol === 'https:' ? https.request : http.request;
      try {
        const req = send(
          {
            protocol: target.protocol,
            hostname: target.hostname.replace(/^\[|\]$/g, ''),
            port: target.port || undefined,
            path: `${target.pathname}${target.search}`,
            method: 'POST',
            headers: {
              ...headers,
              'content-length': String(Buffer.byteLength(body)),
              connection: 'close',
            },
            agent: false,
            timeout: this.options.deliveryTimeoutMs,
          },
          (res) => {
            res.resume();
            res.on('end', () => settle(res.statusCode ?? null, null));
            res.on('error', (e: Error) => settle(res.statusCode ?? null, e.message));
          },
        );
        this.active.add(req);
        req.on('close', () => {
          this.active.delete(req);
          // Never leave a delivery pending: closed without a (complete) answer is a failure.
          setImmediate(() => settle(null, 'the connection closed without an answer'));
        });
        req.on('timeout', () => {
          req.destroy(new Error(`no answer within ${this.options.deliveryTimeoutMs} ms`));
        });
        req.on('error', (e: Error) => settle(null, e.message));
        req.end(body);
      } catch (e) {
        settle(null, e instanceof Error ? e.message : String(e));
      }
    });
  }
}
