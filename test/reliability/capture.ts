/**
 * Captures every request the app sends to the fake API (nock, persisted for a whole suite),
 * answers each with a valid contract fixture, and checks each request against api/openapi.yaml:
 * a known method and path template, non-empty path parameters that decode intact, only declared
 * query parameters whose values fit their schemas, and a body that fits the requestBody schema.
 */
import nock from 'nock';
import { matchTemplate, requestValidators, type HttpMethod } from '../../sandbox/contract.js';
import { contract, validateAgainst } from '../helpers/contract.js';
import { BASE_URL } from '../helpers/app.js';
import {
  contactFixture,
  contactListFixture,
  metricsFixture,
  noteFixture,
  recordedResponseFixture,
  responseFixture,
  responseListFixture,
  scheduledInvitationFixture,
  unsubscribedContactFixture,
  updatedResponseFixture,
} from '../fixtures/actions.js';

export interface CapturedRequest {
  method: string;
  /** The raw path after the base URL's /v1, still percent-encoded. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
}

const ORIGIN = new URL(BASE_URL).origin;
const BASE_PATH = new URL(BASE_URL).pathname.replace(/\/$/, '');

/** A valid answer for each operation the searches and creates call. */
const answerFor = (method: string, template: string | null): [number, unknown] => {
  switch (`${method} ${template}`) {
    case 'GET /contacts':
      return [200, contactListFixture];
    case 'PUT /contacts':
      return [200, contactFixture];
    case 'GET /contacts/{contact_id}':
      return [200, contactFixture];
    case 'POST /contacts/{contact_id}/unsubscribe':
      return [200, unsubscribedContactFixture];
    case 'GET /responses':
      return [200, responseListFixture];
    case 'POST /responses':
      return [201, recordedResponseFixture];
    case 'GET /responses/{response_id}':
      return [200, responseFixture];
    case 'PATCH /responses/{response_id}':
      return [200, updatedResponseFixture];
    case 'POST /responses/{response_id}/notes':
      return [201, noteFixture];
    case 'POST /surveys/{survey_id}/invitations':
      return [202, scheduledInvitationFixture];
    case 'GET /invitations/{invitation_id}':
      return [200, scheduledInvitationFixture];
    case 'POST /invitations/{invitation_id}/cancel':
      return [
        200,
        { ...scheduledInvitationFixture, status: 'canceled', canceled_at: '2026-11-21T14:05:00Z' },
      ];
    case 'GET /metrics/nps':
      return [200, metricsFixture];
    default:
      return [
        500,
        { error: { type: 'server_error', message: `unexpected ${method} ${template}` } },
      ];
  }
};

/** Installs persisted interceptors for every method; returns the list requests are pushed to. */
export const captureRequests = (): CapturedRequest[] => {
  const captured: CapturedRequest[] = [];
  const scope = nock(ORIGIN).persist();
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    // nock 15 hands the reply function the fetch Request.
    scope.intercept(/.*/, method).reply(async (request: Request) => {
      const url = new URL(request.url);
      const path = url.pathname.startsWith(BASE_PATH)
        ? url.pathname.slice(BASE_PATH.length)
        : url.pathname;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const text = await request.text();
      let body: unknown = undefined;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      const query: Record<string, string> = {};
      url.searchParams.forEach((value, name) => {
        query[name] = value;
      });
      captured.push({ method, path, query, body, headers });
      return answerFor(method, templateOf(method, path));
    });
  }
  return captured;
};

const templateOf = (method: string, path: string): string | null =>
  matchTemplate(method.toLowerCase() as HttpMethod, path);

type Json = Record<string, unknown>;
const paths = contract.paths as Record<string, Record<string, Json>>;

const deref = (node: Json): Json => {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  let target: unknown = contract;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    target = (target as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return target as Json;
};

const pointer = (template: string) => template.replace(/~/g, '~0').replace(/\//g, '~1');

/** Problems with one captured request; [] when it conforms to the contract. */
export const contractProblems = (request: CapturedRequest): string[] => {
  const problems: string[] = [];
  const method = request.method.toLowerCase() as HttpMethod;
  const template = templateOf(request.method, request.path);
  if (!template) return [`${request.method} ${request.path} is not an operation of the contract`];
  const op = paths[template]?.[method];
  if (!op) return [`no operation ${method} ${template}`];
  const params = ((op.parameters as Json[] | undefined) ?? []).map(deref);

  // Path parameters: each segment decodes to a non-empty value with no path syntax left over.
  const tsegs = template.split('/');
  const segs = request.path.split('/');
  tsegs.forEach((t, i) => {
    if (!t.startsWith('{')) return;
    const raw = segs[i] ?? '';
    let value = '';
    try {
      value = decodeURIComponent(raw);
    } catch {
      problems.push(`path parameter ${t} is not valid percent-encoding: ${raw.slice(0, 40)}`);
      return;
    }
    if (value === '' || value === '.' || value === '..') {
      problems.push(`path parameter ${t} is "${value}"`);
    }
    if (/[/?#]/.test(raw)) problems.push(`path parameter ${t} is not encoded: ${raw.slice(0, 40)}`);
  });

  // Query: only declared parameters, each valid against its schema (coerced as the API does).
  const declared = new Set(params.filter((p) => p.in === 'query').map((p) => String(p.name)));
  for (const name of Object.keys(request.query)) {
    if (!declared.has(name)) problems.push(`query parameter ${name} is not in the contract`);
  }
  const { query, body } = requestValidators(method, template);
  if (query && !query({ ...request.query })) {
    problems.push(
      ...(query.errors ?? []).map((e) => `query ${e.instancePath || '(root)'} ${e.message ?? ''}`),
    );
  }

  // Body: exactly the requestBody schema (validated with the shared contract validator).
  if (body) {
    const ptr = `#/paths/${pointer(template)}/${method}/requestBody/content/application~1json/schema`;
    problems.push(...validateAgainst(ptr, request.body).map((p) => `body ${p}`));
  } else if (request.body !== undefined) {
    problems.push('a body was sent to an operation that takes none');
  }

  // Idempotency-Key: 1 to 255 characters when sent.
  const idem = request.headers['idempotency-key'];
  if (idem !== undefined && (idem.length < 1 || idem.length > 255)) {
    problems.push(`Idempotency-Key has ${idem.length} characters`);
  }
  return problems;
};
