/** Shared helpers of the sandbox suites: HTTP calls checked against the contract, a receiver. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  matchTemplate,
  operations,
  responseValidator,
  schemaValidator,
} from '../../sandbox/contract.js';
import type { HttpMethod } from '../../sandbox/contract.js';
import nock from 'nock';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';

export interface CallResult {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Which (method template status) answers a suite has seen, for coverage checks. */
export const seen = new Set<string>();

export function errorsText(errors: unknown): string {
  return JSON.stringify(errors, null, 1);
}

/** Calls the sandbox API and validates the answer body against the contract. */
export async function call(
  sb: Sandbox,
  method: string,
  pathAndQuery: string,
  opts: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  const key = opts.key === undefined ? sb.keys.live : opts.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(sb.baseUrl + pathAndQuery, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) parsed = JSON.parse(text);
  const m = method.toLowerCase() as HttpMethod;
  const path = pathAndQuery.split('?')[0] ?? '';
  const template = matchTemplate(m, path);
  if (!template) throw new Error(`no contract path for ${method} ${path}`);
  const validator = responseValidator(m, template, res.status);
  if (validator && !validator(parsed)) {
    throw new Error(
      `${method} ${pathAndQuery} -> ${res.status} does not match the contract: ${errorsText(validator.errors)}\n${text.slice(0, 500)}`,
    );
  }
  if (!validator && text)
    throw new Error(`${method} ${pathAndQuery} -> ${res.status} has an unexpected body`);
  for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
    if (res.headers.get(h) === null)
      throw new Error(`${method} ${pathAndQuery} -> ${res.status} lacks ${h}`);
  }
  seen.add(`${m} ${template} ${res.status >= 500 ? 'default' : res.status}`);
  return { status: res.status, body: parsed, text, headers: res.headers };
}

export function validateEvent(body: unknown): void {
  const v = schemaValidator('Event');
  if (!v(body)) throw new Error(`event does not match the contract: ${errorsText(v.errors)}`);
}

/** POST to a /_sandbox control. */
export async function control(
  sb: Sandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(sb.baseUrl.replace(/\/v1$/, '') + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A local webhook receiver; `respond` decides each answer's status (or 'hang'). */
export class Receiver {
  readonly received: Received[] = [];
  respond: (r: Received, index: number) => number | 'hang' = () => 200;
  private server: Server;
  private hanging = new Set<ServerResponse>();
  url = '';

  constructor() {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
        const r = { path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(r);
        const status = this.respond(r, this.received.length - 1);
        if (status === 'hang') {
          this.hanging.add(res);
          return;
        }
        res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Asserts the list order of responses: submitted_at newest first, equal times by id, newest id first. */
export function expectNewestFirst(
  items: ReadonlyArray<{ id: string; submitted_at: string }>,
): void {
  const misordered = items.slice(1).flatMap((b, i) => {
    const a = items[i];
    const inOrder =
      !a || a.submitted_at > b.submitted_at || (a.submitted_at === b.submitted_at && a.id > b.id);
    return inOrder ? [] : [`${a.id} before ${b.id}`];
  });
  expect(misordered).toEqual([]);
}

/** Ids of the seeded workspace that the conformance suites call with. */
export interface SeededIds {
  surveyId: string;
  responseId: string;
  /** The contact of `responseId`. */
  contactId: string;
  /** An invitation scheduled 3 days ahead (cancelable). */
  invitationId: string;
}

export async function seededIds(sb: Sandbox): Promise<SeededIds> {
  const surveys = (await call(sb, 'GET', '/surveys')).body as { data: Array<{ id: string }> };
  const surveyId = surveys.data[0]?.id ?? '';
  const responses = (await call(sb, 'GET', '/responses?limit=1')).body as {
    data: Array<{ id: string; contact: { id: string } }>;
  };
  const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const invitation = await call(sb, 'POST', `/surveys/${surveyId}/invitations`, {
    body: { contact: { email: 'conf.later@example.com' }, send_at: later },
  });
  return {
    surveyId,
    responseId: responses.data[0]?.id ?? '',
    contactId: responses.data[0]?.contact.id ?? '',
    invitationId: (invitation.body as { id: string }).id,
  };
}

/**
 * The sandbox of a conformance suite: started before the file's tests (with the seeded ids
 * they call with), closed after them. Read `sb` and `ids` inside tests and hooks.
 */
export function conformanceSandbox(): { sb: Sandbox; ids: SeededIds } {
  const suite = {} as { sb: Sandbox; ids: SeededIds };
  beforeAll(async () => {
    nock.enableNetConnect(/127\.0\.0\.1/);
    suite.sb = await startSandbox({ analysisDelayMs: 20, retryScale: 0.0001 });
    suite.ids = await seededIds(suite.sb);
  });
  afterAll(() => suite.sb.close());
  return suite;
}

/**
 * A sandbox started before the file's tests and reset before each of them; `ready` gets it with
 * the id of its first survey.
 */
export function resettingSandbox(ready: (sb: Sandbox, surveyId: string) => void): void {
  let started: Sandbox | undefined;
  beforeAll(async () => {
    nock.enableNetConnect(/127\.0\.0\.1/);
    started = await startSandbox({ analysisDelayMs: 10 });
    const surveys = (await call(started, 'GET', '/surveys')).body as {
      data: Array<{ id: string }>;
    };
    ready(started, surveys.data[0]?.id ?? '');
  });
  afterAll(() => started?.close());
  beforeEach(() => started?.reset());
}

/** The statuses every operation answers with, produced for each by conformance.test.ts. */
export const GENERIC_STATUSES: readonly string[] = ['401', '403', '429', 'default'];

/**
 * The suites that produce the other statuses of the contract, one per group of routes/, with
 * the operations each covers (conformance.test.ts checks that every operation has one).
 */
export const STATUS_SUITES: Record<string, readonly string[]> = {
  'routes-surveys': [
    'getMe',
    'listSurveys',
    'getSurvey',
    'createInvitation',
    'getInvitation',
    'cancelInvitation',
    'listThemes',
  ],
  'routes-responses': [
    'listResponses',
    'createResponse',
    'getResponse',
    'updateResponse',
    'createNote',
    'getNpsMetrics',
  ],
  'routes-contacts': [
    'listContacts',
    'upsertContact',
    'listContactProperties',
    'getContact',
    'unsubscribeContact',
  ],
  'routes-events': ['listEvents', 'listWebhooks', 'createWebhook', 'deleteWebhook'],
};

/**
 * The `method path status` answers of the contract that no call of this test file produced:
 * the generic statuses of every operation ('generic'), or the other statuses of a suite's.
 */
export function unseenStatuses(suite: 'generic' | keyof typeof STATUS_SUITES): string[] {
  const mine = (operationId: string, status: string) =>
    suite === 'generic'
      ? GENERIC_STATUSES.includes(status)
      : !GENERIC_STATUSES.includes(status) && Boolean(STATUS_SUITES[suite]?.includes(operationId));
  return operations.flatMap((op) =>
    op.statuses
      .filter((status) => mine(op.operationId, status))
      .map((status) => `${op.method} ${op.path} ${status}`)
      .filter((answer) => !seen.has(answer)),
  );
}
