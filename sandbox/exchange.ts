/**
 * One API request on its way through the pipeline (api.ts): what is logged in the request log,
 * recorded for `exchanges()` and sent, including the answers faults make (a malformed body, a
 * dropped connection).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Json, Operation } from './contract.js';
import type { ApiError } from './errors.js';
import type { PendingFault } from './faults.js';
import type { RequestLogEntry, SandboxState } from './state.js';

function queryOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, string | string[]>)) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

export /** One API request on its way through the pipeline: what is logged, recorded and sent. */
class Exchange {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: Record<string, string>;
  readonly idemKey: string | null;
  readonly entry: RequestLogEntry;
  headers: Record<string, string> = {};
  fault: PendingFault | undefined;

  constructor(
    readonly state: SandboxState,
    readonly op: Operation,
    readonly request: FastifyRequest,
    readonly reply: FastifyReply,
  ) {
    this.method = request.method.toUpperCase();
    this.path = request.url.split('?')[0] ?? request.url;
    this.rawQuery = queryOf(request);
    const idemHeader = request.headers['idempotency-key'];
    this.idemKey = typeof idemHeader === 'string' ? idemHeader : null;
    this.entry = {
      method: this.method,
      path: this.path,
      query: this.rawQuery,
      status: 0,
      keyId: null,
      idempotencyKey: this.idemKey,
      at: state.nowMs(),
    };
    state.requests.push(this.entry);
  }

  private record(status: number, text: string, sent: Record<string, string>): void {
    if (!this.state.recordBodies) return;
    this.state.recorded.push({
      method: this.method,
      path: this.path,
      template: this.op.path,
      status,
      headers: sent,
      body: text,
      fault: this.fault?.kind ?? null,
    });
  }

  say(outcome: string): void {
    if (this.state.log) console.log(`${this.method} ${this.request.url} -> ${outcome}`);
  }

  send(status: number, body: Json | undefined, extra: Record<string, string> = {}): void {
    this.entry.status = status;
    this.say(String(status));
    const sent = { ...this.headers, ...extra };
    this.reply.code(status).headers(sent);
    if (body === undefined || status === 204) {
      this.record(status, '', sent);
      void this.reply.send();
    } else {
      const text = JSON.stringify(body);
      this.record(status, text, { ...sent, 'content-type': 'application/json; charset=utf-8' });
      void this.reply.type('application/json; charset=utf-8').send(text);
    }
  }

  sendError(e: ApiError, extra: Record<string, string> = {}): void {
    this.send(e.status, e.body(), extra);
  }

  sendMalformed(): void {
    const text = '{"data": [{"id": "rsp_';
    this.entry.status = 200;
    this.record(200, text, { 'content-type': 'application/json' });
    this.reply.code(200).type('application/json').send(text);
  }

  /** Closes the connection without an answer (the request may have taken effect). */
  drop(status = 0): void {
    if (status) this.entry.status = status;
    this.reply.hijack();
    this.request.raw.socket.destroy();
  }
}
