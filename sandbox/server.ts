/**
 * The sandbox platform: a local, stateful implementation of api/openapi.yaml over HTTP on
 * loopback (Fastify), for end-to-end tests, the `npm start` walkthrough and benchmarks.
 * Never imported by the app.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import {
  ajv,
  operations,
  requestValidators,
  toFailure,
  type HttpMethod,
  type Json,
  type Operation,
} from './contract.js';
import {
  assertTimeZone,
  breakdown,
  countPeriods,
  formatTime,
  periods,
  type GroupBy,
} from './metrics.js';
import {
  checkPropertyWrite,
  contactPropertyJson,
  parseContactPropertyDefs,
  type ContactPropertyDef,
} from './properties.js';
import { Random } from './random.js';
import { seedStore } from './seed.js';
import {
  ApiError,
  IDENTITY_ORDER,
  normKey,
  Store,
  type ContactWrite,
  type IdentityKey,
  type JsonObject,
  type KeyRec,
  type PropValue,
  type QA,
  type ResponseRec,
  type Segment,
  type SurveyRec,
  type WebhookFilters,
  type WebhookRec,
} from './store.js';
import { Deliverer, type DeliveryRecord } from './webhooks.js';

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

export interface SubmitResponseInput {
  survey_id: string;
  score: number;
  comment?: string | null;
  contact: ContactWrite;
  language?: string | null;
  channel?: string;
  conversation?: QA[];
  submitted_at?: string;
  tags?: string[];
  properties?: Record<string, PropValue | null>;
}

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
  /** Adds an API key with exactly these scopes (dropped by reset); returns the key. */
  createKey(scopes: string[], mode?: 'live' | 'test'): string;
  /** The workspace's contact property definitions, archived ones included (contract 1.2). */
  contactProperties(): ContactPropertyDef[];
  /** Replaces the property definitions (until reset), e.g. none, or a type added later. */
  defineContactProperties(defs: ContactPropertyDef[]): void;
}

interface Result {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

interface Ctx {
  key: KeyRec;
  query: Record<string, unknown>;
  rawQuery: Record<string, string>;
  body: unknown;
  params: Record<string, string>;
  path: string;
}

type Handler = (ctx: Ctx) => Result;

const DAY = 86_400_000;
const CURSOR_TTL = DAY;
const IDEMPOTENCY_TTL = DAY;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const SEGMENTS: Segment[] = ['promoter', 'passive', 'detractor'];
const RESPONSE_EVENTS = ['response.created', 'response.analyzed', 'response.updated'];
const CONTACT_EVENTS = ['contact.segment_changed', 'contact.unsubscribed'];

/** A survey as the contract's Survey schema shows it. */
const surveyJson = (s: SurveyRec): JsonObject => ({
  id: s.id,
  name: s.name,
  status: s.status,
  question: s.question,
  channels: [...s.channels],
  created_at: formatTime(s.createdAt),
});

function notFound(what: string, param?: string): ApiError {
  return new ApiError(404, 'not_found', `No such ${what} in this workspace.`, param);
}

function badRequest(message: string, param?: string): ApiError {
  return new ApiError(400, 'invalid_request', message, param);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

function parseTime(value: unknown): number | undefined {
  return typeof value === 'string' ? Date.parse(value) : undefined;
}

function commaList(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** Identity values are matched after trimming, so surrounding spaces never fail validation. */
function trimIdentities(contact: unknown): void {
  if (!contact || typeof contact !== 'object' || Array.isArray(contact)) return;
  const c = contact as Record<string, unknown>;
  for (const k of ['email', 'customer_id', 'account_number']) {
    const v = c[k];
    if (typeof v === 'string') c[k] = v.trim();
  }
}

type SortKey = [number, string];

function compareKeys(a: SortKey, b: SortKey): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

interface CursorData {
  v: 1;
  f: string;
  t: number;
  k?: SortKey;
  o?: number;
}

const submitSchema = ajv.compile({
  type: 'object',
  required: ['survey_id', 'score', 'contact'],
  additionalProperties: false,
  properties: {
    survey_id: { type: 'string' },
    score: { type: 'integer', minimum: 0, maximum: 10 },
    comment: { type: ['string', 'null'], maxLength: 10000 },
    contact: { $ref: 'contract#/components/schemas/ContactWrite' },
    language: { type: ['string', 'null'] },
    channel: { type: 'string', minLength: 1 },
    submitted_at: { type: 'string', format: 'date-time' },
    conversation: {
      type: 'array',
      items: {
        type: 'object',
        required: ['question', 'answer'],
        additionalProperties: false,
        properties: { question: { type: 'string' }, answer: { type: 'string' } },
      },
    },
  },
});

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
          kind: {
            enum: [
              '500',
              '502',
              '503',
              '429',
              'timeout',
              'malformed',
              'drop_after_commit',
              'reset',
              'delay',
            ],
          },
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

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 42;
  const analysisDelayMs = options.analysisDelayMs ?? 300;
  const rateLimit = options.rateLimitPerMinute ?? 600;
  const clock = options.now ?? (() => new Date());
  const nowMs = () => clock().getTime();
  /** Platform timestamps have whole seconds (as they are shown); ties are ordered by id. */
  const storeNow = () => Math.floor(nowMs() / 1000) * 1000;

  let store = new Store(new Random(seed ^ 0x5eed), storeNow, analysisDelayMs);
  let seeded = seedStore(store, seed);
  const deliverer = new Deliverer(store, {
    retryScale: options.retryScale ?? 1,
    deliveryTimeoutMs: options.deliveryTimeoutMs ?? 10_000,
    shuffle: options.shuffleDeliveries ?? false,
    now: nowMs,
  });
  const wire = (s: Store) => {
    s.listener = (event) => deliverer.dispatch(event);
    s.onIdle = () => deliverer.notifyIdle();
  };
  wire(store);

  let log: RequestLogEntry[] = [];
  let recorded: RecordedExchange[] = [];
  let faults: Array<Fault & { remaining: number }> = [];
  const idempotency = new Map<
    string,
    { fp: string; state: 'running' | 'done'; status: number; body: Json | undefined; at: number }
  >();
  const buckets = new Map<string, { start: number; count: number }>();
  const held = new Set<{ socket: Socket; timer: NodeJS.Timeout }>();

  const resetState = () => {
    store.clearTimers();
    store = new Store(new Random(seed ^ 0x5eed), storeNow, analysisDelayMs);
    seeded = seedStore(store, seed);
    wire(store);
    deliverer.reset();
    deliverer.store = store;
    log = [];
    recorded = [];
    faults = [];
    idempotency.clear();
    buckets.clear();
  };

  // ------------------------------------------------------------------ helpers

  const cursorFingerprint = (ctx: Ctx, route: string) => {
    const entries = Object.entries(ctx.rawQuery)
      .filter(([k]) => k !== 'cursor' && k !== 'limit')
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return hash(`${route}?${canonical(entries)}`);
  };

  const decodeCursor = (ctx: Ctx, route: string): CursorData | null => {
    const raw = ctx.rawQuery.cursor;
    if (raw === undefined) return null;
    let data: CursorData;
    try {
      data = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as CursorData;
    } catch {
      throw badRequest('The cursor is not valid.', 'cursor');
    }
    if (!data || data.v !== 1 || typeof data.t !== 'number' || typeof data.f !== 'string')
      throw badRequest('The cursor is not valid.', 'cursor');
    if (data.f !== cursorFingerprint(ctx, route))
      throw badRequest(
        'The cursor was issued for other filters; start again without it.',
        'cursor',
      );
    if (nowMs() - data.t > CURSOR_TTL)
      throw badRequest('The cursor has expired (24 hours); start again.', 'cursor');
    return data;
  };

  const encodeCursor = (ctx: Ctx, route: string, extra: { k?: SortKey; o?: number }) => {
    const data: CursorData = { v: 1, f: cursorFingerprint(ctx, route), t: nowMs(), ...extra };
    return Buffer.from(JSON.stringify(data)).toString('base64url');
  };

  /** Items must be sorted by sortKey descending. */
  function pageByKey<T>(
    ctx: Ctx,
    route: string,
    items: T[],
    sortKey: (t: T) => SortKey,
    toJson: (t: T) => Json,
  ): Result {
    const limit = typeof ctx.query.limit === 'number' ? ctx.query.limit : 25;
    const cursor = decodeCursor(ctx, route);
    let start = 0;
    if (cursor) {
      const k = cursor.k;
      if (!Array.isArray(k) || typeof k[0] !== 'number' || typeof k[1] !== 'string')
        throw badRequest('The cursor is not valid.', 'cursor');
      start = items.findIndex((i) => compareKeys(sortKey(i), k) < 0);
      if (start < 0) start = items.length;
    }
    const page = items.slice(start, start + limit);
    const last = page[page.length - 1];
    const more = start + limit < items.length;
    return {
      status: 200,
      body: {
        data: page.map(toJson),
        next_cursor:
          more && last !== undefined ? encodeCursor(ctx, route, { k: sortKey(last) }) : null,
      },
    };
  }

  function pageByOffset<T>(ctx: Ctx, route: string, items: T[], toJson: (t: T) => Json): Result {
    const limit = typeof ctx.query.limit === 'number' ? ctx.query.limit : 25;
    const cursor = decodeCursor(ctx, route);
    const start = cursor ? cursor.o : 0;
    if (typeof start !== 'number' || start < 0)
      throw badRequest('The cursor is not valid.', 'cursor');
    const page = items.slice(start, start + limit);
    const more = start + limit < items.length;
    return {
      status: 200,
      body: {
        data: page.map(toJson),
        next_cursor: more ? encodeCursor(ctx, route, { o: start + limit }) : null,
      },
    };
  }

  const newestFirst = <T>(items: T[], key: (t: T) => SortKey) =>
    items.sort((a, b) => compareKeys(key(b), key(a)));

  const getSurvey = (id: unknown, param?: string) => {
    const s = typeof id === 'string' ? store.surveys.get(id) : undefined;
    if (!s) throw notFound('survey', param);
    return s;
  };
  const getResponse = (id: string | undefined) => {
    const r = id ? store.responses.get(id) : undefined;
    if (!r) throw notFound('response');
    return r;
  };
  const getContact = (id: string | undefined) => {
    const c = id ? store.contacts.get(id) : undefined;
    if (!c) throw notFound('contact');
    return c;
  };

  const webhookJson = (w: WebhookRec, withSecret: boolean): JsonObject => {
    const filters: JsonObject = {};
    for (const [k, v] of Object.entries(w.filters)) if (v !== undefined) filters[k] = v as Json;
    const body: JsonObject = {
      id: w.id,
      url: w.url,
      events: [...w.events],
      filters,
      description: w.description,
      created_at: formatTime(w.createdAt),
    };
    if (withSecret) body.secret = w.secret;
    return body;
  };

  const submitResponse = (
    input: SubmitResponseInput,
    sourceKeyId: string | null,
    channelDefault: string,
  ): ResponseRec => {
    const survey = getSurvey(input.survey_id, 'survey_id');
    checkPropertyWrite(store.contactProperties, input.contact.properties, 'contact.');
    checkPropertyWrite(store.contactProperties, input.properties);
    const submittedAt =
      input.submitted_at !== undefined ? Date.parse(input.submitted_at) : undefined;
    if (submittedAt !== undefined && submittedAt > nowMs() + 60_000)
      throw new ApiError(
        422,
        'invalid_request',
        'submitted_at must not be in the future.',
        'submitted_at',
      );
    const contact = store.resolveContact(input.contact, 'contact.');
    return store.createResponse({
      survey,
      contact,
      score: input.score,
      comment: input.comment ?? null,
      conversation: input.conversation,
      channel: input.channel ?? channelDefault,
      language: input.language,
      submittedAt: submittedAt === undefined ? undefined : Math.floor(submittedAt / 1000) * 1000,
      tags: input.tags,
      properties: input.properties,
      sourceKeyId,
    });
  };

  // ------------------------------------------------------------------ handlers

  const handlers: Record<string, Handler> = {
    getMe: (ctx) => ({
      status: 200,
      body: {
        workspace: { ...store.workspace, region: 'us' },
        key: {
          id: ctx.key.id,
          name: ctx.key.name,
          mode: ctx.key.mode,
          scopes: [...ctx.key.scopes],
        },
      },
    }),

    listSurveys: (ctx) => {
      const status = ctx.query.status;
      const items = newestFirst(
        [...store.surveys.values()].filter((s) => status === undefined || s.status === status),
        (s) => [s.createdAt, s.id],
      );
      return pageByKey(ctx, 'surveys', items, (s) => [s.createdAt, s.id], surveyJson);
    },

    getSurvey: (ctx) => {
      return { status: 200, body: surveyJson(getSurvey(ctx.params.survey_id)) };
    },

    createInvitation: (ctx) => {
      const survey = getSurvey(ctx.params.survey_id);
      const body = ctx.body as {
        contact: ContactWrite;
        channel?: string;
        send_at?: string;
        respect_throttle?: boolean;
        properties?: Record<string, PropValue | null>;
      };
      const now = nowMs();
      let sendAt: number | null = null;
      if (body.send_at !== undefined) {
        sendAt = Date.parse(body.send_at);
        if (sendAt > now + 30 * DAY)
          throw new ApiError(
            422,
            'invalid_request',
            'send_at must be at most 30 days ahead.',
            'send_at',
          );
      }
      checkPropertyWrite(store.contactProperties, body.contact.properties, 'contact.');
      checkPropertyWrite(store.contactProperties, body.properties);
      const inv = store.invite({
        survey,
        contact: body.contact,
        channel: body.channel ?? 'email',
        sendAt,
        respectThrottle: body.respect_throttle ?? true,
        properties: body.properties ?? {},
      });
      return { status: 202, body: store.invitationJson(inv) };
    },

    listThemes: (ctx) => {
      const surveyId = ctx.query.survey_id;
      const counts = new Map<string, number>();
      for (const r of store.responses.values()) {
        if (surveyId !== undefined && r.surveyId !== surveyId) continue;
        for (const t of r.themes) counts.set(t.id, (counts.get(t.id) ?? 0) + 1);
      }
      const items = [...store.themeRegistry.values()]
        .filter((t) => surveyId === undefined || counts.has(t.id))
        .map((t) => ({ id: t.id, name: t.name, response_count: counts.get(t.id) ?? 0 }))
        .sort((a, b) => b.response_count - a.response_count || (a.name < b.name ? -1 : 1));
      return pageByOffset(ctx, 'themes', items, (t) => t);
    },

    listResponses: (ctx) => {
      const q = ctx.query;
      const segments = commaList(q.segment);
      for (const s of segments ?? [])
        if (!(SEGMENTS as string[]).includes(s))
          throw badRequest(`Unknown segment ${JSON.stringify(s)}.`, 'segment');
      const themes = commaList(q.theme);
      const after = parseTime(q.submitted_after);
      const before = parseTime(q.submitted_before);
      const updatedAfter = parseTime(q.updated_after);
      const contactFilters = (['email', 'customer_id', 'account_number'] as const).filter(
        (k) => typeof q[k] === 'string',
      );
      const items = [...store.responses.values()].filter((r) => {
        if (q.survey_id !== undefined && r.surveyId !== q.survey_id) return false;
        if (segments) {
          const seg = r.score >= 9 ? 'promoter' : r.score >= 7 ? 'passive' : 'detractor';
          if (!segments.includes(seg)) return false;
        }
        if (typeof q.min_score === 'number' && r.score < q.min_score) return false;
        if (typeof q.max_score === 'number' && r.score > q.max_score) return false;
        if (themes && !r.themes.some((t) => themes.includes(t.id) || themes.includes(t.name)))
          return false;
        if (typeof q.has_comment === 'boolean' && q.has_comment !== !!r.comment?.trim())
          return false;
        if (q.analysis_status !== undefined && r.analysisStatus !== q.analysis_status) return false;
        if (q.contact_id !== undefined && r.contactId !== q.contact_id) return false;
        if (contactFilters.length) {
          const c = store.contacts.get(r.contactId);
          if (!c) return false;
          for (const k of contactFilters) {
            const v = c[k];
            if (v === null || normKey(k, v) !== normKey(k, String(q[k]))) return false;
          }
        }
        if (after !== undefined && r.submittedAt < after) return false;
        if (before !== undefined && r.submittedAt >= before) return false;
        if (updatedAfter !== undefined && r.updatedAt < updatedAfter) return false;
        return true;
      });
      newestFirst(items, (r) => [r.submittedAt, r.id]);
      return pageByKey(
        ctx,
        'responses',
        items,
        (r) => [r.submittedAt, r.id],
        (r) => store.responseJson(r),
      );
    },

    createResponse: (ctx) => {
      // The body was validated against ResponseCreateRequest; it is a respondent's answer
      // recorded through the API (channel api by default).
      const r = submitResponse(ctx.body as SubmitResponseInput, ctx.key.id, 'api');
      return { status: 201, body: store.responseJson(r) };
    },

    getResponse: (ctx) => ({
      status: 200,
      body: store.responseJson(getResponse(ctx.params.response_id)),
    }),

    updateResponse: (ctx) => {
      const r = getResponse(ctx.params.response_id);
      store.updateResponse(r, ctx.body as Parameters<Store['updateResponse']>[1], ctx.key.id);
      return { status: 200, body: store.responseJson(r) };
    },

    createNote: (ctx) => {
      const r = getResponse(ctx.params.response_id);
      const body = ctx.body as { body: string; author_email?: string };
      const note = {
        id: store.nextId('note'),
        responseId: r.id,
        body: body.body,
        authorEmail: body.author_email ?? null,
        createdAt: nowMs(),
      };
      store.notes.set(note.id, note);
      return {
        status: 201,
        body: {
          id: note.id,
          response_id: note.responseId,
          body: note.body,
          author_email: note.authorEmail,
          created_at: formatTime(note.createdAt),
        },
      };
    },

    listContacts: (ctx) => {
      const q = ctx.query;
      const given = IDENTITY_ORDER.filter((k) => q[k] !== undefined);
      if (given.length > 1)
        throw badRequest(`Find by one identity key at a time (got ${given.join(', ')}).`, given[1]);
      let items = [...store.contacts.values()];
      const key: IdentityKey | undefined = given[0];
      if (key !== undefined) {
        const found = store.findByKey(key, q[key] as string | number);
        items = found ? [found] : [];
      }
      if (typeof q.unsubscribed === 'boolean')
        items = items.filter((c) => c.unsubscribed === q.unsubscribed);
      newestFirst(items, (c) => [c.createdAt, c.id]);
      return pageByKey(
        ctx,
        'contacts',
        items,
        (c) => [c.createdAt, c.id],
        (c) => store.contactJson(c),
      );
    },

    upsertContact: (ctx) => {
      const write = ctx.body as ContactWrite;
      checkPropertyWrite(store.contactProperties, write.properties);
      const { contact, created } = store.upsertContact(ctx.query.match_on as IdentityKey, write);
      return { status: created ? 201 : 200, body: store.contactJson(contact) };
    },

    listContactProperties: () => ({
      status: 200,
      body: {
        data: store.contactProperties.filter((p) => !p.archived).map(contactPropertyJson),
      },
    }),

    getContact: (ctx) => ({
      status: 200,
      body: store.contactJson(getContact(ctx.params.contact_id)),
    }),

    unsubscribeContact: (ctx) => {
      const c = store.unsubscribe(getContact(ctx.params.contact_id), ctx.key.id);
      return { status: 200, body: store.contactJson(c) };
    },

    getNpsMetrics: (ctx) => {
      const q = ctx.query;
      const timezone = typeof q.timezone === 'string' ? q.timezone : 'UTC';
      try {
        assertTimeZone(timezone);
      } catch {
        throw badRequest(
          `Unknown time zone ${JSON.stringify(timezone)} (use an IANA name).`,
          'timezone',
        );
      }
      const since = parseTime(q.since) ?? 0;
      const until = parseTime(q.until) ?? nowMs();
      if (since >= until) throw badRequest('since must be before until.', 'until');
      const groupBy = q.group_by as GroupBy | undefined;
      if (groupBy && countPeriods(since, until, groupBy, timezone) > 1000)
        throw badRequest('Too many periods (at most 1000); use a coarser group_by.', 'group_by');
      const items = [...store.responses.values()]
        .filter(
          (r) =>
            (q.survey_id === undefined || r.surveyId === q.survey_id) &&
            r.submittedAt >= since &&
            r.submittedAt < until,
        )
        .map((r) => ({ score: r.score, at: r.submittedAt }));
      return {
        status: 200,
        body: {
          ...breakdown(items.map((i) => i.score)),
          survey_id: typeof q.survey_id === 'string' ? q.survey_id : null,
          since: formatTime(since),
          until: formatTime(until),
          timezone,
          periods: groupBy
            ? (periods(items, since, until, groupBy, timezone) as unknown as Json[])
            : [],
        },
      };
    },

    listEvents: (ctx) => {
      const requested = commaList(ctx.query.type);
      const canResponses = ctx.key.scopes.includes('responses:read');
      const canContacts = ctx.key.scopes.includes('contacts:read');
      let types: string[] | null = requested ?? null;
      if (requested) {
        if (requested.some((t) => RESPONSE_EVENTS.includes(t)) && !canResponses)
          throw new ApiError(
            403,
            'permission_denied',
            'Response events need the responses:read scope.',
            undefined,
            'responses:read',
          );
        if (requested.some((t) => CONTACT_EVENTS.includes(t)) && !canContacts)
          throw new ApiError(
            403,
            'permission_denied',
            'Contact events need the contacts:read scope.',
            undefined,
            'contacts:read',
          );
      } else {
        if (!canResponses && !canContacts)
          throw new ApiError(
            403,
            'permission_denied',
            'Events need the responses:read scope.',
            undefined,
            'responses:read',
          );
        if (!canResponses || !canContacts) types = canResponses ? RESPONSE_EVENTS : CONTACT_EVENTS;
      }
      const since = nowMs() - 30 * DAY;
      const items = store.events.filter(
        (e) => e.createdAt >= since && (types === null || types.includes(e.type)),
      );
      newestFirst(items, (e) => [e.createdAt, e.id]);
      return pageByKey(
        ctx,
        'events',
        items,
        (e) => [e.createdAt, e.id],
        (e) => e.payload,
      );
    },

    listWebhooks: (ctx) => {
      const items = newestFirst([...store.webhooks.values()], (w) => [w.createdAt, w.id]);
      return pageByKey(
        ctx,
        'webhooks',
        items,
        (w) => [w.createdAt, w.id],
        (w) => webhookJson(w, false),
      );
    },

    createWebhook: (ctx) => {
      const body = ctx.body as {
        url: string;
        events: string[];
        filters?: WebhookFilters;
        description?: string;
      };
      let url: URL;
      try {
        url = new URL(body.url);
      } catch {
        throw new ApiError(422, 'invalid_request', 'url must be an absolute https URL.', 'url');
      }
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
        throw new ApiError(
          422,
          'invalid_request',
          'url must use https (http only on loopback in the sandbox).',
          'url',
        );
      const f = body.filters ?? {};
      if (f.min_score !== undefined && f.max_score !== undefined && f.min_score > f.max_score)
        throw new ApiError(
          422,
          'invalid_request',
          'filters.min_score must not exceed filters.max_score.',
          'filters.min_score',
        );
      const filters: WebhookFilters = { ...f, exclude_own_changes: f.exclude_own_changes ?? false };
      const existing = [...store.webhooks.values()].find((w) => w.url === body.url);
      if (existing) {
        existing.events = [...body.events];
        existing.filters = filters;
        if (body.description !== undefined) existing.description = body.description;
        existing.ownerKeyId = ctx.key.id;
        return { status: 200, body: webhookJson(existing, true) };
      }
      const w: WebhookRec = {
        id: store.nextId('wh'),
        url: body.url,
        events: [...body.events],
        filters,
        description: body.description ?? null,
        createdAt: nowMs(),
        secret: `whsec_${randomBytes(32).toString('base64')}`,
        ownerKeyId: ctx.key.id,
      };
      store.webhooks.set(w.id, w);
      return { status: 201, body: webhookJson(w, true) };
    },

    deleteWebhook: (ctx) => {
      const id = ctx.params.webhook_id ?? '';
      if (!store.webhooks.delete(id)) throw notFound('webhook');
      deliverer.forget(id);
      return { status: 204 };
    },
  };

  // ------------------------------------------------------------------ HTTP plumbing

  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 1_048_576 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const rateHeaders = (
    bucketId: string,
    consume: boolean,
  ): { headers: Record<string, string>; limited: boolean } => {
    const now = nowMs();
    let b = buckets.get(bucketId);
    if (!b || now - b.start >= 60_000) {
      b = { start: now, count: 0 };
      buckets.set(bucketId, b);
    }
    const limited = consume && b.count >= rateLimit;
    if (consume && !limited) b.count++;
    const reset = Math.ceil((b.start + 60_000) / 1000);
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(rateLimit),
      'x-ratelimit-remaining': String(Math.max(0, rateLimit - b.count)),
      'x-ratelimit-reset': String(reset),
    };
    if (limited) headers['retry-after'] = String(Math.max(1, reset - Math.floor(now / 1000)));
    return { headers, limited };
  };

  const takeFault = (method: string, path: string): (Fault & { remaining: number }) | undefined => {
    const idx = faults.findIndex((f) => {
      if (f.method && f.method.toUpperCase() !== method) return false;
      if (f.path) {
        const prefix = f.path.startsWith('/v1')
          ? f.path
          : `/v1${f.path.startsWith('/') ? '' : '/'}${f.path}`;
        if (!path.startsWith(prefix)) return false;
      }
      return true;
    });
    const fault = faults[idx];
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) faults.splice(idx, 1);
    return fault;
  };

  const queryOf = (request: FastifyRequest): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(
      (request.query ?? {}) as Record<string, string | string[]>,
    )) {
      const value = Array.isArray(v) ? v[v.length - 1] : v;
      if (typeof value === 'string') out[k] = value;
    }
    return out;
  };

  const holdSocket = (socket: Socket) => {
    const entry = {
      socket,
      timer: setTimeout(() => {
        held.delete(entry);
        socket.destroy();
      }, 35_000),
    };
    entry.timer.unref();
    held.add(entry);
    socket.on('close', () => {
      clearTimeout(entry.timer);
      held.delete(entry);
    });
  };

  const handle = async (
    op: Operation,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> => {
    const method = request.method.toUpperCase();
    const path = request.url.split('?')[0] ?? request.url;
    const rawQuery = queryOf(request);
    const idemHeader = request.headers['idempotency-key'];
    const idemKey = typeof idemHeader === 'string' ? idemHeader : null;
    const entry: RequestLogEntry = {
      method,
      path,
      query: rawQuery,
      status: 0,
      keyId: null,
      idempotencyKey: idemKey,
      at: nowMs(),
    };
    log.push(entry);
    let headers: Record<string, string> = {};

    const record = (status: number, text: string, sent: Record<string, string>) => {
      if (!options.recordBodies) return;
      recorded.push({
        method,
        path,
        template: op.path,
        status,
        headers: sent,
        body: text,
        fault: fault?.kind ?? null,
      });
    };
    const send = (status: number, body: Json | undefined, extra: Record<string, string> = {}) => {
      entry.status = status;
      if (options.log) console.log(`${method} ${request.url} -> ${status}`);
      const sent = { ...headers, ...extra };
      reply.code(status).headers(sent);
      if (body === undefined || status === 204) {
        record(status, '', sent);
        void reply.send();
      } else {
        const text = JSON.stringify(body);
        record(status, text, { ...sent, 'content-type': 'application/json; charset=utf-8' });
        void reply.type('application/json; charset=utf-8').send(text);
      }
    };
    const sendError = (e: ApiError, extra: Record<string, string> = {}) =>
      send(e.status, e.body(), extra);

    // 1. Injected faults
    const fault = takeFault(method, path);
    if (fault) {
      if (options.log) console.log(`${method} ${request.url} -> fault ${fault.kind}`);
      switch (fault.kind) {
        case 'reset':
          reply.hijack();
          request.raw.socket.destroy();
          return;
        case 'timeout':
          reply.hijack();
          holdSocket(request.raw.socket);
          return;
        case '500':
        case '502':
        case '503':
          headers = rateHeaders(`fault`, false).headers;
          sendError(
            new ApiError(Number(fault.kind), 'server_error', `Injected fault: ${fault.kind}.`),
          );
          return;
        case '429': {
          headers = rateHeaders(`fault`, false).headers;
          headers['x-ratelimit-remaining'] = '0';
          const retry = fault.retry_after === undefined ? 1 : fault.retry_after;
          sendError(
            new ApiError(429, 'rate_limited', 'Too many requests (injected).'),
            retry === null ? {} : { 'retry-after': String(retry) },
          );
          return;
        }
        case 'malformed': {
          const text = '{"data": [{"id": "rsp_';
          entry.status = 200;
          record(200, text, { 'content-type': 'application/json' });
          reply.code(200).type('application/json').send(text);
          return;
        }
        default:
          break;
      }
    }

    // 2. Authentication and rate limit
    const auth = request.headers.authorization;
    const match = typeof auth === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
    const key = match?.[1] ? store.keyBySecret(match[1]) : undefined;
    const rl = rateHeaders(key ? key.id : `anon:${request.ip}`, true);
    headers = rl.headers;
    if (rl.limited) {
      sendError(
        new ApiError(
          429,
          'rate_limited',
          `Rate limit of ${rateLimit} requests per minute exceeded.`,
        ),
      );
      return;
    }
    if (!key) {
      sendError(
        new ApiError(
          401,
          'authentication_failed',
          'Missing or unknown API key (Authorization: Bearer <key>).',
        ),
      );
      return;
    }
    entry.keyId = key.id;
    if (key.region !== 'us') {
      sendError(
        new ApiError(
          401,
          'wrong_region',
          'This API key belongs to the EU region; use https://api.eu.nps-feedback.example/v1 (choose the EU region).',
        ),
      );
      return;
    }
    // 3. Scope (GET /events checks per event type in its handler)
    if (
      op.requiredScope &&
      op.operationId !== 'listEvents' &&
      !key.scopes.includes(op.requiredScope)
    ) {
      sendError(
        new ApiError(
          403,
          'permission_denied',
          `This API key lacks the ${op.requiredScope} scope.`,
          undefined,
          op.requiredScope,
        ),
      );
      return;
    }

    try {
      // 4. Query
      const validators = requestValidators(op.method, op.path);
      const query: Record<string, unknown> = { ...rawQuery };
      if (validators.query && !validators.query(query)) {
        const failure = toFailure(validators.query.errors ?? [], true);
        throw badRequest(failure.message, failure.param);
      }
      // 5. Body
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
          op.operationId === 'upsertContact'
            ? body
            : (body as { contact?: unknown } | null)?.contact,
        );
        if (!validators.body(body)) {
          const failure = toFailure(validators.body.errors ?? [], false);
          throw new ApiError(failure.status, 'invalid_request', failure.message, failure.param);
        }
      }
      // 6. Idempotency
      let idemSlot: string | null = null;
      let fp = '';
      if (op.idempotent && idemKey !== null) {
        if (idemKey.length < 1 || idemKey.length > 255)
          throw badRequest('Idempotency-Key must be 1 to 255 characters.', 'Idempotency-Key');
        idemSlot = `${key.id}:${idemKey}`;
        fp = hash(`${method} ${path} ${canonical(body)}`);
        const prior = idempotency.get(idemSlot);
        if (prior && nowMs() - prior.at < IDEMPOTENCY_TTL) {
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
          if (fault?.kind === 'drop_after_commit') {
            reply.hijack();
            request.raw.socket.destroy();
            entry.status = prior.status;
            return;
          }
          send(prior.status, prior.body, { 'idempotent-replayed': 'true' });
          return;
        }
        idempotency.set(idemSlot, {
          fp,
          state: 'running',
          status: 0,
          body: undefined,
          at: nowMs(),
        });
      }
      // 7. Run
      let result: Result;
      try {
        if (fault?.kind === 'delay')
          await new Promise((r) => setTimeout(r, fault.delay_ms ?? 1000).unref());
        const handler = handlers[op.operationId];
        if (!handler) throw new Error(`no handler for ${op.operationId}`);
        result = handler({
          key,
          query,
          rawQuery,
          body,
          params: request.params as Record<string, string>,
          path,
        });
      } catch (e) {
        if (idemSlot) {
          if (e instanceof ApiError && e.status < 500) {
            idempotency.set(idemSlot, {
              fp,
              state: 'done',
              status: e.status,
              body: e.body(),
              at: nowMs(),
            });
          } else idempotency.delete(idemSlot);
        }
        throw e;
      }
      if (idemSlot) {
        if (result.status < 500)
          idempotency.set(idemSlot, {
            fp,
            state: 'done',
            status: result.status,
            body: result.body,
            at: nowMs(),
          });
        else idempotency.delete(idemSlot);
      }
      if (fault?.kind === 'drop_after_commit') {
        entry.status = result.status;
        if (options.log)
          console.log(`${method} ${request.url} -> dropped after commit (${result.status})`);
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
      send(result.status, result.body, result.headers);
    } catch (e) {
      if (e instanceof ApiError) sendError(e);
      else {
        if (options.log) console.error(e);
        sendError(new ApiError(500, 'server_error', 'Internal sandbox error.'));
      }
    }
  };

  for (const op of operations) {
    const url = '/v1' + op.path.replace(/\{(\w+)\}/g, ':$1');
    app.route({
      method: op.method.toUpperCase() as Uppercase<HttpMethod>,
      url,
      handler: (request, reply) => handle(op, request, reply),
    });
  }

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

  // ------------------------------------------------------------------ sandbox controls

  const doSubmit = (input: SubmitResponseInput): JsonObject => {
    trimIdentities((input as { contact?: unknown } | null)?.contact);
    if (!submitSchema(input)) {
      const failure = toFailure(submitSchema.errors ?? [], false);
      throw new ApiError(failure.status, 'invalid_request', failure.message, failure.param);
    }
    return store.responseJson(submitResponse(input, null, 'link'));
  };

  const createKey = (scopes: string[], mode: 'live' | 'test' = 'live'): string => {
    const secret = `nps_${mode}_${randomBytes(20).toString('hex')}`;
    store.keys.push({
      id: store.nextId('key'),
      secret,
      name: 'Sandbox key',
      mode,
      scopes: [...scopes],
      region: 'us',
    });
    return secret;
  };

  const injectFaults = (list: Fault[]) => {
    if (!faultsSchema({ faults: list })) {
      const failure = toFailure(faultsSchema.errors ?? [], true);
      throw new ApiError(400, 'invalid_request', failure.message, failure.param);
    }
    for (const f of list) faults.push({ ...f, remaining: f.count ?? 1 });
  };

  const control = (reply: FastifyReply, fn: () => { status: number; body?: Json }) => {
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
  };
  const jsonBody = (request: FastifyRequest): unknown => {
    const raw = typeof request.body === 'string' ? request.body : '';
    if (!raw.trim()) return {};
    try {
      return JSON.parse(raw);
    } catch {
      throw badRequest('The body is not valid JSON.');
    }
  };

  app.post('/_sandbox/reset', (_request, reply) =>
    control(reply, () => {
      resetState();
      return { status: 200, body: { ok: true } };
    }),
  );
  app.post('/_sandbox/faults', (request, reply) =>
    control(reply, () => {
      const body = jsonBody(request) as { faults?: unknown };
      if (!faultsSchema(body)) {
        const failure = toFailure(faultsSchema.errors ?? [], true);
        throw badRequest(failure.message, failure.param);
      }
      injectFaults((body as { faults: Fault[] }).faults);
      return { status: 200, body: { pending: faults.map((f) => ({ ...f })) as unknown as Json } };
    }),
  );
  app.get('/_sandbox/faults', (_request, reply) =>
    control(reply, () => ({
      status: 200,
      body: { pending: faults.map((f) => ({ ...f })) as unknown as Json },
    })),
  );
  app.delete('/_sandbox/faults', (_request, reply) =>
    control(reply, () => {
      faults = [];
      return { status: 200, body: { pending: [] } };
    }),
  );
  app.post('/_sandbox/keys', (request, reply) =>
    control(reply, () => {
      const body = jsonBody(request) as { scopes?: unknown; mode?: unknown };
      if (!Array.isArray(body.scopes) || !body.scopes.every((x) => typeof x === 'string'))
        throw badRequest('scopes must be a list of strings.', 'scopes');
      const mode = body.mode === 'test' ? 'test' : 'live';
      return {
        status: 201,
        body: {
          key: createKey(body.scopes as string[], mode),
          scopes: body.scopes as string[],
          mode,
        },
      };
    }),
  );
  app.get('/_sandbox/deliveries', (_request, reply) =>
    control(reply, () => ({
      status: 200,
      body: { data: deliverer.log.map((d) => ({ ...d })) as unknown as Json },
    })),
  );
  app.get('/_sandbox/requests', (_request, reply) =>
    control(reply, () => ({
      status: 200,
      body: { data: log.map((l) => ({ ...l })) as unknown as Json },
    })),
  );
  app.post('/_sandbox/responses', (request, reply) =>
    control(reply, () => ({
      status: 201,
      body: doSubmit(jsonBody(request) as SubmitResponseInput),
    })),
  );
  const contactProperties = (): ContactPropertyDef[] =>
    store.contactProperties.map((p) => ({
      ...p,
      options: p.options ? p.options.map((o) => ({ ...o })) : null,
    }));
  const defineContactProperties = (defs: ContactPropertyDef[]) => {
    store.contactProperties = parseContactPropertyDefs(defs);
  };
  app.get('/_sandbox/contact-properties', (_request, reply) =>
    control(reply, () => ({
      status: 200,
      body: { data: contactProperties() as unknown as Json },
    })),
  );
  app.put('/_sandbox/contact-properties', (request, reply) =>
    control(reply, () => {
      const body = jsonBody(request) as { data?: unknown };
      defineContactProperties(body.data as ContactPropertyDef[]);
      return { status: 200, body: { data: contactProperties() as unknown as Json } };
    }),
  );
  app.post('/_sandbox/settle', async (_request, reply) => {
    await settle();
    return control(reply, () => ({ status: 200, body: { ok: true } }));
  });

  const settle = async (): Promise<void> => {
    for (;;) {
      if (store.pendingAnalysis() === 0 && deliverer.pending() === 0) return;
      await Promise.race([deliverer.waitForChange(), new Promise((r) => setTimeout(r, 20))]);
    }
  };

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;

  const sandbox: Sandbox = {
    baseUrl: `${origin}/v1`,
    origin,
    get keys() {
      return { ...seeded.keys };
    },
    get workspace() {
      return { ...store.workspace };
    },
    requestLog: () => log.map((l) => ({ ...l, query: { ...l.query } })),
    exchanges: () => recorded.map((r) => ({ ...r, headers: { ...r.headers } })),
    deliveries: () => deliverer.log.map((d) => ({ ...d, headers: { ...d.headers } })),
    settle,
    reset: resetState,
    injectFaults,
    submitResponse: (input) => doSubmit(input),
    createKey,
    contactProperties,
    defineContactProperties,
    close: async () => {
      store.clearTimers();
      deliverer.close();
      for (const h of held) {
        clearTimeout(h.timer);
        h.socket.destroy();
      }
      held.clear();
      await app.close();
    },
  };
  return sandbox;
}
