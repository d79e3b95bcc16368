/**
 * The sandbox platform: a local, stateful implementation of api/openapi.yaml over HTTP on
 * loopback (Fastify), for end-to-end tests, the `npm start` walkthrough and benchmarks.
 * Never imported by the app.
 *
 * Layout: state.ts (the one state object), api.ts (the request pipeline), routes/ (one module
 * per resource), faults.ts, webhooks.ts (deliveries), control.ts (/_sandbox routes and helpers),
 * store.ts (domain rules), invitations.ts (the invitation lifecycle), seed.ts (the demo
 * workspace), properties.ts (contact properties).
 */
import Fastify from 'fastify';
import { registerApi } from './api.js';
import {
  contactProperties,
  createKey,
  defineContactProperties,
  outbox,
  registerControls,
} from './control.js';
import type { Fault } from './faults.js';
import type { ContactPropertyDef } from './properties.js';
import type { OutboxMessage } from './invitations.js';
import { importHistory, submitFromSurveyUi, type SubmitResponseInput } from './routes/responses.js';
import { SandboxState } from './state.js';
import type { RecordedExchange, RequestLogEntry, SandboxOptions } from './state.js';
import { ApiError, type JsonObject } from './store.js';
import type { DeliveryRecord } from './webhooks.js';

export type { Fault, FaultKind } from './faults.js';
export type { OutboxMessage } from './invitations.js';
export type { ContactPropertyDef } from './properties.js';
export type { SubmitResponseInput } from './routes/responses.js';
export type { RecordedExchange, RequestLogEntry, SandboxOptions } from './state.js';

export interface Sandbox {
  baseUrl: string;
  keys: { live: string; readOnly: string; otherRegion: string; test: string };
  workspace: { id: string; name: string };
  requestLog(): RequestLogEntry[];
  /** Every API answer sent, when started with `recordBodies: true` (else always empty). */
  exchanges(): RecordedExchange[];
  deliveries(): DeliveryRecord[];
  settle(): Promise<void>;
  reset(): void;
  close(): Promise<void>;
  /** Sandbox extras. */
  origin: string;
  injectFaults(faults: Fault[]): void;
  submitResponse(input: SubmitResponseInput): JsonObject;
  /**
   * Loads past answers in bulk (channel `import` unless given): analysed at once, no events or
   * webhooks. For history loads of 10,000 or 100,000 responses. Returns how many.
   */
  importHistory(inputs: SubmitResponseInput[]): number;
  /** Sends the invitations due on the sandbox's clock now (also done before every API call). */
  sendDueInvitations(): number;
  /** Surveys that reached someone: live invitations sent (test-mode ones never appear). */
  outbox(): OutboxMessage[];
  /** Adds an API key with exactly these scopes (dropped by reset); returns the key. */
  createKey(scopes: string[], mode?: 'live' | 'test'): string;
  /** The workspace's contact property definitions, archived ones included (contract 1.2). */
  contactProperties(): ContactPropertyDef[];
  /** Replaces the property definitions (until reset), e.g. none, or a type added later. */
  defineContactProperties(defs: ContactPropertyDef[]): void;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = new SandboxState(options);

  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 1_048_576 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  registerApi(app, state);
  registerControls(app, state);
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(
        JSON.stringify(
          new ApiError(
            404,
            'not_found',
            `No route ${request.method} ${request.url.split('?')[0]}.`,
          ).body(),
        ),
      );
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const type = status >= 500 ? 'server_error' : 'invalid_request';
    void reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(new ApiError(status, type, error.message).body()));
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}/v1`,
    origin,
    get keys() {
      return { ...state.keys };
    },
    get workspace() {
      return { ...state.store.workspace };
    },
    requestLog: () => state.requests.map((l) => ({ ...l, query: { ...l.query } })),
    exchanges: () => state.recorded.map((r) => ({ ...r, headers: { ...r.headers } })),
    deliveries: () => state.deliverer.log.map((d) => ({ ...d, headers: { ...d.headers } })),
    settle: () => state.settle(),
    reset: () => state.reset(),
    injectFaults: (faults) => state.faults.inject({ faults }),
    submitResponse: (input) => submitFromSurveyUi(state, input),
    importHistory: (inputs) => importHistory(state, inputs),
    sendDueInvitations: () => state.sendDue(),
    outbox: () => {
      state.sendDue();
      return outbox(state);
    },
    createKey: (scopes, mode) => createKey(state, scopes, mode),
    contactProperties: () => contactProperties(state),
    defineContactProperties: (defs) => defineContactProperties(state, defs),
    close: async () => {
      state.close();
      await app.close();
    },
  };
}
