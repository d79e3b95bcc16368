/**
 * Responses: list, record (the API's POST /responses and the survey UI share one path), get,
 * update, and notes on a response.
 */
import { ajv, toFailure } from '../contract.js';
import { formatTime } from '../metrics.js';
import { checkPropertyWrite } from '../properties.js';
import type { SandboxState } from '../state.js';
import { ApiError, normKey } from '../store.js';
import type {
  ContactWrite,
  JsonObject,
  PropValue,
  QA,
  ResponseRec,
  Segment,
  Store,
} from '../store.js';
import {
  badRequest,
  commaList,
  findResponse,
  findSurvey,
  parseTime,
  trimIdentities,
} from './common.js';
import type { Routes } from './common.js';
import { pageNewestFirst } from './paging.js';

const SEGMENTS: Segment[] = ['promoter', 'passive', 'detractor'];

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

/** What the survey UI accepts (a respondent's answer, with the conversation of follow-ups). */
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

/**
 * Records a response: the contact is matched and written, then the response is created. `how`
 * says where it comes from: the key (its mode makes it a test record, 1.3), or a bulk history
 * load (`quiet`: analysed at once, no events).
 */
function submitResponse(
  state: SandboxState,
  input: SubmitResponseInput,
  sourceKeyId: string | null,
  channelDefault: string,
  how: { test?: boolean; quiet?: boolean } = {},
): ResponseRec {
  const { store } = state;
  const survey = findSurvey(state, input.survey_id, 'survey_id');
  checkPropertyWrite(store.contactProperties, input.contact.properties, 'contact.');
  checkPropertyWrite(store.contactProperties, input.properties);
  const submittedAt = input.submitted_at !== undefined ? Date.parse(input.submitted_at) : undefined;
  if (submittedAt !== undefined && submittedAt > state.nowMs() + 60_000)
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
    test: how.test ?? false,
    quiet: how.quiet ?? false,
  });
}

function checkSubmission(input: SubmitResponseInput): void {
  trimIdentities((input as { contact?: unknown } | null)?.contact);
  if (!submitSchema(input)) {
    const failure = toFailure(submitSchema.errors ?? [], false);
    throw new ApiError(failure.status, 'invalid_request', failure.message, failure.param);
  }
}

/** A respondent's answer given in the survey UI (channel `link` unless given). */
export function submitFromSurveyUi(state: SandboxState, input: SubmitResponseInput): JsonObject {
  checkSubmission(input);
  return state.store.responseJson(submitResponse(state, input, null, 'link'));
}

/**
 * Past answers loaded in bulk (channel `import` unless given), as a workspace migrating its
 * history would: analysed at once, no events or webhooks. For history and backfill tests and
 * benchmarks (10,000 or 100,000 responses). Returns how many were loaded.
 */
export function importHistory(state: SandboxState, inputs: SubmitResponseInput[]): number {
  const contacts = new Set<string>();
  for (const input of inputs) {
    checkSubmission(input);
    contacts.add(submitResponse(state, input, null, 'import', { quiet: true }).contactId);
  }
  // Loaded in any order: `previous` follows submitted_at.
  for (const id of contacts) {
    const contact = state.store.contacts.get(id);
    if (contact) state.store.relinkPrevious(contact);
  }
  return inputs.length;
}

export const responseRoutes: Routes = {
  listResponses: (ctx) => {
    const { store } = ctx.state;
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
    // Already newest first: the page needs no sort.
    const items = store.responsesNewestFirst().filter((r) => {
      if (q.survey_id !== undefined && r.surveyId !== q.survey_id) return false;
      if (segments) {
        const seg = r.score >= 9 ? 'promoter' : r.score >= 7 ? 'passive' : 'detractor';
        if (!segments.includes(seg)) return false;
      }
      if (typeof q.min_score === 'number' && r.score < q.min_score) return false;
      if (typeof q.max_score === 'number' && r.score > q.max_score) return false;
      if (themes && !r.themes.some((t) => themes.includes(t.id) || themes.includes(t.name)))
        return false;
      if (typeof q.has_comment === 'boolean' && q.has_comment !== !!r.comment?.trim()) return false;
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
    return pageNewestFirst(
      ctx,
      'responses',
      items,
      (r) => [r.submittedAt, r.id],
      (r) => store.responseJson(r),
      { sorted: true },
    );
  },

  createResponse: (ctx) => {
    // The body was validated against ResponseCreateRequest; it is a respondent's answer
    // recorded through the API (channel api by default).
    const r = submitResponse(ctx.state, ctx.body as SubmitResponseInput, ctx.key.id, 'api', {
      test: ctx.key.mode === 'test',
    });
    return { status: 201, body: ctx.state.store.responseJson(r) };
  },

  getResponse: (ctx) => ({
    status: 200,
    body: ctx.state.store.responseJson(findResponse(ctx.state, ctx.params.response_id)),
  }),

  updateResponse: (ctx) => {
    const { store } = ctx.state;
    const r = findResponse(ctx.state, ctx.params.response_id);
    store.updateResponse(r, ctx.body as Parameters<Store['updateResponse']>[1], ctx.key.id);
    return { status: 200, body: store.responseJson(r) };
  },

  createNote: (ctx) => {
    const { store } = ctx.state;
    const r = findResponse(ctx.state, ctx.params.response_id);
    const body = ctx.body as { body: string; author_email?: string };
    const note = {
      id: store.nextId('note'),
      responseId: r.id,
      body: body.body,
      authorEmail: body.author_email ?? null,
      createdAt: ctx.state.nowMs(),
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
};
