/**
 * Sandbox controls: the operations tests and demos use besides the API (reset, faults, keys,
 * survey answers, history imports, contact property definitions, due invitations, the outbox,
 * logs), as functions and as unauthenticated /_sandbox routes.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Json } from './contract.js';
import type { OutboxMessage } from './invitations.js';
import { parseContactPropertyDefs, type ContactPropertyDef } from './properties.js';
import { badRequest } from './routes/common.js';
import { importHistory, submitFromSurveyUi, type SubmitResponseInput } from './routes/responses.js';
import type { SandboxState } from './state.js';
import { ApiError } from './errors.js';

/** Adds an API key with exactly these scopes (dropped by reset); returns its secret. */
export function createKey(
  state: SandboxState,
  scopes: string[],
  mode: 'live' | 'test' = 'live',
): string {
  const secret = `nps_${mode}_${randomBytes(20).toString('hex')}`;
  state.store.keys.push({
    id: state.store.nextId('key'),
    secret,
    name: 'Sandbox key',
    mode,
    scopes: [...scopes],
    region: 'us',
  });
  return secret;
}

/** The surveys that reached someone (live invitations sent), oldest first (copies). */
export function outbox(state: SandboxState): OutboxMessage[] {
  return state.invitations.outbox.map((m) => ({ ...m }));
}

/** The contact property definitions, archived ones included (copies). */
export function contactProperties(state: SandboxState): ContactPropertyDef[] {
  return state.store.contactProperties.map((p) => ({
    ...p,
    options: p.options ? p.options.map((o) => ({ ...o })) : null,
  }));
}

/** Replaces the contact property definitions until the next reset (400 when one is invalid). */
export function defineContactProperties(state: SandboxState, defs: unknown): void {
  state.store.contactProperties = parseContactPropertyDefs(defs);
}

function answer(reply: FastifyReply, fn: () => { status: number; body?: Json }): void {
  try {
    const r = fn();
    reply.code(r.status).type('application/json; charset=utf-8');
    void reply.send(r.body === undefined ? undefined : JSON.stringify(r.body));
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(500, 'server_error', String(e));
    void reply
      .code(err.status)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(err.body()));
  }
}

function jsonBody(request: FastifyRequest): unknown {
  const raw = typeof request.body === 'string' ? request.body : '';
  if (!raw.trim()) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
}

const asJson = (value: unknown) => value as Json;

/** Registers the /_sandbox routes. */
export function registerControls(app: FastifyInstance, state: SandboxState): void {
  const pending = () => ({ status: 200, body: { pending: asJson(state.faults.list()) } });

  app.post('/_sandbox/reset', (_request, reply) =>
    answer(reply, () => {
      state.reset();
      return { status: 200, body: { ok: true } };
    }),
  );
  app.post('/_sandbox/faults', (request, reply) =>
    answer(reply, () => {
      state.faults.inject(jsonBody(request) as { faults: unknown });
      return pending();
    }),
  );
  app.get('/_sandbox/faults', (_request, reply) => answer(reply, pending));
  app.delete('/_sandbox/faults', (_request, reply) =>
    answer(reply, () => {
      state.faults.clear();
      return pending();
    }),
  );
  app.post('/_sandbox/keys', (request, reply) =>
    answer(reply, () => {
      const body = jsonBody(request) as { scopes?: unknown; mode?: unknown };
      if (!Array.isArray(body.scopes) || !body.scopes.every((x) => typeof x === 'string'))
        throw badRequest('scopes must be a list of strings.', 'scopes');
      const mode = body.mode === 'test' ? 'test' : 'live';
      const scopes = body.scopes as string[];
      return { status: 201, body: { key: createKey(state, scopes, mode), scopes, mode } };
    }),
  );
  app.get('/_sandbox/deliveries', (_request, reply) =>
    answer(reply, () => {
      state.sendDue();
      return { status: 200, body: { data: asJson(state.deliverer.log.map((d) => ({ ...d }))) } };
    }),
  );
  app.get('/_sandbox/requests', (_request, reply) =>
    answer(reply, () => ({
      status: 200,
      body: { data: asJson(state.requests.map((l) => ({ ...l }))) },
    })),
  );
  app.post('/_sandbox/invitations/send-due', (_request, reply) =>
    answer(reply, () => ({ status: 200, body: { sent: state.sendDue() } })),
  );
  app.get('/_sandbox/outbox', (_request, reply) =>
    answer(reply, () => {
      state.sendDue();
      return { status: 200, body: { data: asJson(outbox(state)) } };
    }),
  );
  app.post('/_sandbox/history', (request, reply) =>
    answer(reply, () => {
      const body = jsonBody(request) as { data?: unknown };
      if (!Array.isArray(body.data)) throw badRequest('data must be a list of responses.', 'data');
      return {
        status: 201,
        body: { imported: importHistory(state, body.data as SubmitResponseInput[]) },
      };
    }),
  );
  app.post('/_sandbox/responses', (request, reply) =>
    answer(reply, () => ({
      status: 201,
      body: submitFromSurveyUi(state, jsonBody(request) as SubmitResponseInput),
    })),
  );
  app.get('/_sandbox/contact-properties', (_request, reply) =>
    answer(reply, () => ({ status: 200, body: { data: asJson(contactProperties(state)) } })),
  );
  app.put('/_sandbox/contact-properties', (request, reply) =>
    answer(reply, () => {
      defineContactProperties(state, (jsonBody(request) as { data?: unknown }).data);
      return { status: 200, body: { data: asJson(contactProperties(state)) } };
    }),
  );
  app.post('/_sandbox/settle', async (_request, reply) => {
    await state.settle();
    answer(reply, () => ({ status: 200, body: { ok: true } }));
  });
}
