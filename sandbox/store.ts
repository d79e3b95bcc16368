/**
 * The sandbox platform's state and domain rules: contacts and identity matching, responses,
 * analysis, notes, events and webhook subscriptions. Invitations and their lifecycle live in
 * invitations.ts; HTTP in server.ts.
 */
import type { Json } from './contract.js';
import { formatTime, segmentOf } from './metrics.js';
import type { ContactPropertyDef } from './properties.js';
import { Random } from './random.js';
import {
  extractThemes,
  guessLanguage,
  themeIdFor,
  normalizeText,
  THEME_RULES,
  type Theme,
} from './themes.js';

export type JsonObject = { [key: string]: Json };
export type Segment = 'promoter' | 'passive' | 'detractor';
export type PropValue = string | number | boolean;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param?: string,
    readonly requiredScope?: string,
  ) {
    super(message);
  }

  body(): JsonObject {
    const error: JsonObject = { type: this.type, message: this.message };
    if (this.param !== undefined) error.param = this.param;
    if (this.requiredScope !== undefined) error.required_scope = this.requiredScope;
    return { error };
  }
}

export const ALL_SCOPES = [
  'responses:read',
  'responses:write',
  'contacts:read',
  'contacts:write',
  'surveys:read',
  'surveys:send',
  'webhooks:manage',
];
export const READ_SCOPES = ['responses:read', 'contacts:read', 'surveys:read'];

export interface KeyRec {
  id: string;
  secret: string;
  name: string;
  mode: 'live' | 'test';
  scopes: string[];
  region: 'us' | 'eu';
}

export interface SurveyRec {
  id: string;
  name: string;
  status: string;
  question: string;
  channels: string[];
  createdAt: number;
}

export interface CrmIds {
  salesforce_contact_id: string | null;
  hubspot_contact_id: string | null;
  pipedrive_person_id: number | null;
}

export interface ContactRec {
  id: string;
  email: string | null;
  customer_id: string | null;
  account_number: string | null;
  name: string | null;
  company: string | null;
  phone: string | null;
  locale: string | null;
  crm: CrmIds;
  properties: Record<string, PropValue>;
  unsubscribed: boolean;
  createdAt: number;
  updatedAt: number;
  lastInvitedAt: number | null;
  responseIds: string[];
}

export interface QA {
  question: string;
  answer: string;
}

export interface FollowUpRec {
  status: string;
  owner_email: string | null;
  updatedAt: number | null;
}

export interface PreviousRec {
  response_id: string;
  score: number;
  segment: Segment;
  submitted_at: string;
}

export interface ResponseRec {
  id: string;
  surveyId: string;
  score: number;
  comment: string | null;
  conversation: QA[];
  themes: Theme[];
  analysisStatus: string;
  language: string | null;
  channel: string;
  contactId: string;
  previous: PreviousRec | null;
  followUp: FollowUpRec;
  tags: string[];
  properties: Record<string, PropValue>;
  submittedAt: number;
  analyzedAt: number | null;
  updatedAt: number;
  /** Recorded with a test-mode key (contract 1.3): left out of metrics and live records. */
  test: boolean;
}

export interface NoteRec {
  id: string;
  responseId: string;
  body: string;
  authorEmail: string | null;
  createdAt: number;
}

export interface InvitationRec {
  id: string;
  surveyId: string;
  contactId: string;
  channel: string;
  /** scheduled, skipped, sent, failed or canceled (sandbox/invitations.ts moves it on). */
  status: string;
  skipReason: string | null;
  sendAt: number | null;
  createdAt: number;
  properties: Record<string, PropValue>;
  sentAt: number | null;
  failedAt: number | null;
  failureReason: string | null;
  canceledAt: number | null;
  /** Created with a test-mode key: progresses like a live one, never reaches anyone. */
  test: boolean;
  /** The key that created it (the source of its events). */
  keyId: string | null;
}

export interface EventMeta {
  surveyId: string | null;
  segment: Segment | null;
  score: number | null;
  sourceKeyId: string | null;
  /** About a test record: only subscriptions made with a test-mode key receive it (1.3). */
  test: boolean;
}

export interface EventRec {
  id: string;
  type: string;
  createdAt: number;
  payload: JsonObject;
  meta: EventMeta;
}

export interface WebhookFilters {
  survey_id?: string;
  segments?: Segment[];
  min_score?: number;
  max_score?: number;
  exclude_own_changes?: boolean;
}

export interface WebhookRec {
  id: string;
  url: string;
  events: string[];
  filters: WebhookFilters;
  description: string | null;
  createdAt: number;
  secret: string;
  ownerKeyId: string;
  /** The mode of the key that subscribed: a live subscription never gets test events. */
  ownerMode: 'live' | 'test';
}

export interface ContactWrite {
  email?: string | null;
  customer_id?: string | null;
  account_number?: string | null;
  name?: string | null;
  company?: string | null;
  phone?: string | null;
  locale?: string | null;
  crm_ids?: Partial<Record<keyof CrmIds, string | number | null>>;
  properties?: Record<string, PropValue | null>;
}

export type IdentityKey =
  | 'email'
  | 'customer_id'
  | 'account_number'
  | 'salesforce_contact_id'
  | 'hubspot_contact_id'
  | 'pipedrive_person_id';

export const IDENTITY_ORDER: IdentityKey[] = [
  'email',
  'customer_id',
  'account_number',
  'salesforce_contact_id',
  'hubspot_contact_id',
  'pipedrive_person_id',
];
const CRM_KEYS: Array<keyof CrmIds> = [
  'salesforce_contact_id',
  'hubspot_contact_id',
  'pipedrive_person_id',
];
const TOP_KEYS = ['email', 'customer_id', 'account_number'] as const;

export function isCrmKey(key: IdentityKey): key is keyof CrmIds {
  return (CRM_KEYS as string[]).includes(key);
}

/** The dotted param of an identity key inside a contact body (`crm_ids.x` for CRM ids). */
export function keyParam(key: IdentityKey, prefix = ''): string {
  return prefix + (isCrmKey(key) ? `crm_ids.${key}` : key);
}

/** Normalized form used to compare identity values. */
export function normKey(key: IdentityKey, value: string | number): string {
  const s = String(value).trim();
  return key === 'email' ? s.toLowerCase() : s;
}

function identityOf(c: ContactRec, key: IdentityKey): string | number | null {
  return isCrmKey(key) ? c.crm[key] : c[key];
}

export type EventListener = (event: EventRec) => void;

export class Store {
  keys: KeyRec[] = [];
  workspace = { id: 'ws_acme', name: 'Acme Inc.' };
  surveys = new Map<string, SurveyRec>();
  contacts = new Map<string, ContactRec>();
  responses = new Map<string, ResponseRec>();
  notes = new Map<string, NoteRec>();
  invitations = new Map<string, InvitationRec>();
  events: EventRec[] = [];
  webhooks = new Map<string, WebhookRec>();
  themeRegistry = new Map<string, Theme>();
  /** The workspace's custom contact properties in display order (archived ones included). */
  contactProperties: ContactPropertyDef[] = [];
  private seq = 0;
  private timers = new Set<NodeJS.Timeout>();
  private newestFirst: ResponseRec[] | null = null;
  private byContact = new WeakMap<
    ContactRec,
    { count: number; all: ResponseRec[]; live: ResponseRec[] }
  >();
  private index: Map<IdentityKey, Map<string, ContactRec>> | null = null;
  private indexVersion = '';
  private contactWrites = 0;
  listener: EventListener | null = null;
  onIdle: () => void = () => {};

  constructor(
    readonly rng: Random,
    readonly now: () => number,
    readonly analysisDelayMs: number,
  ) {
    for (const rule of THEME_RULES)
      this.themeRegistry.set(rule.id, { id: rule.id, name: rule.name, sentiment: 'neutral' });
  }

  /** Ids sort in creation order: prefix, a base36 sequence, a random tail. */
  nextId(prefix: string): string {
    this.seq++;
    return `${prefix}_${this.seq.toString(36).padStart(6, '0')}${this.rng.chars(4)}`;
  }

  keyBySecret(secret: string): KeyRec | undefined {
    return this.keys.find((k) => k.secret === secret);
  }

  // ---------------------------------------------------------------- contacts

  findByKey(key: IdentityKey, value: string | number): ContactRec | undefined {
    const wanted = normKey(key, value);
    if (wanted === '') return undefined;
    // The index answers hits fast (bulk history loads look up the same contacts again and
    // again); a hit is checked against the contact as it is now, and a miss is confirmed by a
    // scan, so a value written behind the index's back (the seed) is never missed.
    const hit = this.identityIndex().get(key)?.get(wanted);
    if (hit && this.contacts.get(hit.id) === hit) {
      const v = identityOf(hit, key);
      if (v !== null && normKey(key, v) === wanted) return hit;
    }
    for (const c of this.contacts.values()) {
      const v = identityOf(c, key);
      if (v !== null && normKey(key, v) === wanted) {
        this.index = null;
        return c;
      }
    }
    return undefined;
  }

  /** Contacts by normalised identity value, per key; rebuilt after contacts are added or written. */
  private identityIndex(): Map<IdentityKey, Map<string, ContactRec>> {
    const version = `${this.contacts.size}:${this.contactWrites}`;
    if (this.index && this.indexVersion === version) return this.index;
    const index = new Map<IdentityKey, Map<string, ContactRec>>();
    for (const key of IDENTITY_ORDER) index.set(key, new Map());
    for (const c of this.contacts.values()) {
      for (const key of IDENTITY_ORDER) {
        const v = identityOf(c, key);
        if (v !== null && !index.get(key)?.has(normKey(key, v)))
          index.get(key)?.set(normKey(key, v), c);
      }
    }
    this.index = index;
    this.indexVersion = version;
    return index;
  }

  /** Trims identity values and refuses empty ones (422 with the dotted param). */
  normalizeWrite(write: ContactWrite, prefix: string): ContactWrite {
    const out: ContactWrite = { ...write };
    for (const key of TOP_KEYS) {
      const v = out[key];
      if (typeof v === 'string') {
        const t = v.trim();
        if (!t)
          throw new ApiError(
            422,
            'invalid_request',
            `${prefix}${key} must not be empty.`,
            prefix + key,
          );
        out[key] = t;
      }
    }
    if (out.crm_ids) {
      const crm = { ...out.crm_ids };
      for (const key of CRM_KEYS) {
        const v = crm[key];
        if (typeof v === 'string') {
          const t = v.trim();
          if (!t)
            throw new ApiError(
              422,
              'invalid_request',
              `${keyParam(key, prefix)} must not be empty.`,
              keyParam(key, prefix),
            );
          crm[key] = t;
        }
      }
      out.crm_ids = crm;
    }
    return out;
  }

  writeValue(write: ContactWrite, key: IdentityKey): string | number | null | undefined {
    return isCrmKey(key) ? write.crm_ids?.[key] : write[key];
  }

  hasIdentity(write: ContactWrite): boolean {
    return IDENTITY_ORDER.some((k) => {
      const v = this.writeValue(write, k);
      return v !== null && v !== undefined;
    });
  }

  /** The contact an invitation or recorded response refers to: first key that matches, in order. */
  matchContact(write: ContactWrite): ContactRec | undefined {
    for (const key of IDENTITY_ORDER) {
      const v = this.writeValue(write, key);
      if (v === null || v === undefined) continue;
      const found = this.findByKey(key, v);
      if (found) return found;
    }
    return undefined;
  }

  /** 409 identity_conflict when the write would give another contact's identity to the target. */
  checkConflicts(target: ContactRec | undefined, write: ContactWrite, prefix: string): void {
    for (const key of IDENTITY_ORDER) {
      const v = this.writeValue(write, key);
      if (v === null || v === undefined) continue;
      const owner = this.findByKey(key, v);
      if (owner && owner !== target) {
        throw new ApiError(
          409,
          'identity_conflict',
          `${key} ${JSON.stringify(v)} already belongs to another contact (${owner.id}).`,
          keyParam(key, prefix),
        );
      }
    }
  }

  newContact(at: number, id = this.nextId('con')): ContactRec {
    return {
      id,
      email: null,
      customer_id: null,
      account_number: null,
      name: null,
      company: null,
      phone: null,
      locale: null,
      crm: { salesforce_contact_id: null, hubspot_contact_id: null, pipedrive_person_id: null },
      properties: {},
      unsubscribed: false,
      createdAt: at,
      updatedAt: at,
      lastInvitedAt: null,
      responseIds: [],
    };
  }

  /** Applies the contact rules: absent kept, null clears, crm_ids/properties merged key by key. */
  applyWrite(c: ContactRec, write: ContactWrite, at: number): boolean {
    let changed = false;
    const fields = [
      'email',
      'customer_id',
      'account_number',
      'name',
      'company',
      'phone',
      'locale',
    ] as const;
    for (const f of fields) {
      const v = write[f];
      if (v === undefined) continue;
      if (c[f] !== v) {
        c[f] = v;
        changed = true;
      }
    }
    if (write.crm_ids) {
      for (const key of CRM_KEYS) {
        const v = write.crm_ids[key];
        if (v === undefined) continue;
        if (key === 'pipedrive_person_id') {
          const n = v === null ? null : Number(v);
          if (c.crm.pipedrive_person_id !== n) {
            c.crm.pipedrive_person_id = n;
            changed = true;
          }
        } else {
          const s = v === null ? null : String(v);
          if (c.crm[key] !== s) {
            c.crm[key] = s;
            changed = true;
          }
        }
      }
    }
    if (write.properties) {
      for (const [k, v] of Object.entries(write.properties)) {
        if (v === null) {
          if (k in c.properties) {
            delete c.properties[k];
            changed = true;
          }
        } else if (c.properties[k] !== v) {
          c.properties[k] = v;
          changed = true;
        }
      }
    }
    if (changed) {
      c.updatedAt = at;
      this.contactWrites++;
    }
    return changed;
  }

  /**
   * Matches (or creates) the contact of an invitation or a recorded response and writes it.
   * `check` runs on the would-be result before anything is committed.
   */
  resolveContact(
    rawWrite: ContactWrite,
    prefix: string,
    check?: (existing: ContactRec | undefined, merged: ContactRec) => void,
  ): ContactRec {
    const write = this.normalizeWrite(rawWrite, prefix);
    if (!this.hasIdentity(write)) {
      throw new ApiError(
        422,
        'invalid_request',
        'The contact needs at least one identity key (email, customer_id, account_number) or CRM id.',
        prefix.replace(/\.$/, '') || 'contact',
      );
    }
    const existing = this.matchContact(write);
    this.checkConflicts(existing, write, prefix);
    const at = this.now();
    const draft: ContactRec = existing
      ? { ...existing, crm: { ...existing.crm }, properties: { ...existing.properties } }
      : this.previewContact(at);
    this.applyWrite(draft, write, at);
    check?.(existing, draft);
    if (existing) {
      this.applyWrite(existing, write, at);
      return existing;
    }
    draft.id = this.nextId('con');
    this.contacts.set(draft.id, draft);
    return draft;
  }

  private previewContact(at: number): ContactRec {
    return this.newContact(at, 'con_pending'); // the real id is assigned on commit
  }

  /** PUT /contacts?match_on=... */
  upsertContact(
    matchOn: IdentityKey,
    rawWrite: ContactWrite,
  ): { contact: ContactRec; created: boolean } {
    const write = this.normalizeWrite(rawWrite, '');
    const value = this.writeValue(write, matchOn);
    if (value === null || value === undefined) {
      throw new ApiError(
        422,
        'invalid_request',
        `match_on is ${matchOn}, so the body needs a value for ${keyParam(matchOn)}.`,
        keyParam(matchOn),
      );
    }
    const existing = this.findByKey(matchOn, value);
    this.checkConflicts(existing, write, '');
    const at = this.now();
    if (existing) {
      this.applyWrite(existing, write, at);
      return { contact: existing, created: false };
    }
    const c = this.newContact(at);
    this.applyWrite(c, write, at);
    c.updatedAt = at;
    this.contacts.set(c.id, c);
    return { contact: c, created: true };
  }

  unsubscribe(c: ContactRec, source: string | null): ContactRec {
    if (!c.unsubscribed) {
      c.unsubscribed = true;
      c.updatedAt = this.now();
      this.emit(
        'contact.unsubscribed',
        { contact: this.contactJson(c) },
        {
          surveyId: null,
          segment: null,
          score: null,
          sourceKeyId: source,
          test: false,
        },
      );
    }
    return c;
  }

  /** Adds a response id to its contact, keeping (submitted_at, id) order (history may come late). */
  private insertInOrder(c: ContactRec, r: ResponseRec): void {
    const sorted = this.contactResponses(c, true);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = sorted[mid] as ResponseRec;
      if (m.submittedAt < r.submittedAt || (m.submittedAt === r.submittedAt && m.id < r.id))
        lo = mid + 1;
      else hi = mid;
    }
    c.responseIds.splice(lo, 0, r.id);
  }

  /**
   * The contact's responses, oldest first. Test responses (1.3) are left out unless asked for:
   * they never change what live records show (the contact's NPS, `previous`, the throttle).
   */
  contactResponses(c: ContactRec, includeTest = false): readonly ResponseRec[] {
    // responseIds is kept in (submitted_at, id) order (insertInOrder; the seed adds in order),
    // and responses are never removed: the lists are rebuilt only when the contact gets one.
    let cached = this.byContact.get(c);
    if (!cached || cached.count !== c.responseIds.length) {
      const all: ResponseRec[] = [];
      for (const id of c.responseIds) {
        const r = this.responses.get(id);
        if (r) all.push(r);
      }
      cached = { count: c.responseIds.length, all, live: all.filter((r) => !r.test) };
      this.byContact.set(c, cached);
    }
    return includeTest ? cached.all : cached.live;
  }

  contactJson(c: ContactRec): JsonObject {
    const rs = this.contactResponses(c);
    const latest = rs[rs.length - 1];
    return {
      id: c.id,
      email: c.email,
      customer_id: c.customer_id,
      account_number: c.account_number,
      name: c.name,
      company: c.company,
      phone: c.phone,
      locale: c.locale,
      crm_ids: { ...c.crm },
      properties: { ...c.properties },
      nps: {
        latest_score: latest ? latest.score : null,
        latest_segment: latest ? segmentOf(latest.score) : null,
        latest_response_at: latest ? formatTime(latest.submittedAt) : null,
        response_count: rs.length,
      },
      unsubscribed: c.unsubscribed,
      created_at: formatTime(c.createdAt),
      updated_at: formatTime(c.updatedAt),
    };
  }

  // ---------------------------------------------------------------- responses

  responseJson(r: ResponseRec): JsonObject {
    const survey = this.surveys.get(r.surveyId);
    const contact = this.contacts.get(r.contactId);
    return {
      id: r.id,
      survey: { id: r.surveyId, name: survey ? survey.name : r.surveyId },
      score: r.score,
      segment: segmentOf(r.score),
      comment: r.comment,
      conversation: r.conversation.map((q) => ({ ...q })),
      themes: r.themes.map((t) => ({ ...t })),
      analysis_status: r.analysisStatus,
      language: r.language,
      channel: r.channel,
      contact: contact ? this.contactJson(contact) : null,
      previous: r.previous ? { ...r.previous } : null,
      follow_up: {
        status: r.followUp.status,
        owner_email: r.followUp.owner_email,
        updated_at: r.followUp.updatedAt === null ? null : formatTime(r.followUp.updatedAt),
      },
      tags: [...r.tags],
      properties: { ...r.properties },
      submitted_at: formatTime(r.submittedAt),
      analyzed_at: r.analyzedAt === null ? null : formatTime(r.analyzedAt),
      updated_at: formatTime(r.updatedAt),
      test: r.test,
    };
  }

  /**
   * The contact's latest response before (`at`, `id`) in submitted_at-then-id order; test
   * responses count only for a test response.
   */
  previousOf(c: ContactRec, at: number, id?: string, includeTest = false): ResponseRec | undefined {
    const before = this.contactResponses(c, includeTest).filter(
      (r) => r.submittedAt < at || (id !== undefined && r.submittedAt === at && r.id < id),
    );
    return before[before.length - 1];
  }

  /** Records a response (survey UI, import or API) and fires its events. */
  createResponse(input: {
    survey: SurveyRec;
    contact: ContactRec;
    score: number;
    comment: string | null;
    conversation?: QA[];
    channel: string;
    language?: string | null;
    submittedAt?: number;
    tags?: string[];
    properties?: Record<string, PropValue | null>;
    sourceKeyId: string | null;
    /** Recorded with a test-mode key (1.3). */
    test?: boolean;
    /** History loaded in bulk: analysed at once, no events (nothing happens "now"). */
    quiet?: boolean;
  }): ResponseRec {
    const at = this.now();
    const submittedAt = input.submittedAt ?? at;
    const id = this.nextId('rsp');
    const test = input.test ?? false;
    const prev = this.previousOf(input.contact, submittedAt, id, test);
    const props: Record<string, PropValue> = {};
    for (const [k, v] of Object.entries(input.properties ?? {})) if (v !== null) props[k] = v;
    const latestBefore = this.contactResponses(input.contact, test).at(-1);
    const r: ResponseRec = {
      id,
      surveyId: input.survey.id,
      score: input.score,
      comment: input.comment,
      conversation: input.conversation ?? [],
      themes: [],
      analysisStatus: 'pending',
      language: input.language ?? guessLanguage(input.comment),
      channel: input.channel,
      contactId: input.contact.id,
      previous: prev
        ? {
            response_id: prev.id,
            score: prev.score,
            segment: segmentOf(prev.score),
            submitted_at: formatTime(prev.submittedAt),
          }
        : null,
      followUp: { status: 'none', owner_email: null, updatedAt: null },
      tags: [...new Set(input.tags ?? [])],
      properties: props,
      submittedAt,
      analyzedAt: null,
      updatedAt: at,
      test,
    };
    this.responses.set(r.id, r);
    this.newestFirst = null;
    this.insertInOrder(input.contact, r);
    if (input.quiet) {
      this.analyze(r, at);
      return r;
    }
    const meta = this.metaOf(r, null);
    this.emit('response.created', { response: this.responseJson(r) }, meta);
    const isLatest = !latestBefore || latestBefore.submittedAt <= submittedAt; // ids grow, so ties are newer
    if (prev && isLatest && segmentOf(prev.score) !== segmentOf(r.score)) {
      this.emit(
        'contact.segment_changed',
        {
          contact: this.contactJson(input.contact),
          previous_segment: segmentOf(prev.score),
          segment: segmentOf(r.score),
          response: this.responseJson(r),
        },
        meta,
      );
    }
    this.scheduleAnalysis(r);
    return r;
  }

  private scheduleAnalysis(r: ResponseRec): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.responses.get(r.id) !== r) return;
      this.analyze(r);
      this.emit('response.analyzed', { response: this.responseJson(r) }, this.metaOf(r, null));
      this.checkIdle();
    }, this.analysisDelayMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Runs the keyword extractor; a comment containing `[analysis:fail]` makes analysis fail. */
  analyze(r: ResponseRec, at = this.now()): void {
    const texts = [r.comment, ...r.conversation.map((q) => q.answer)];
    if (r.comment?.includes('[analysis:fail]')) {
      r.analysisStatus = 'failed';
    } else {
      r.themes = extractThemes(texts, r.score);
      for (const t of r.themes)
        if (!this.themeRegistry.has(t.id)) this.themeRegistry.set(t.id, { ...t });
      r.analysisStatus = 'complete';
    }
    r.analyzedAt = at;
    r.updatedAt = at;
  }

  /**
   * Sets every response's `previous` of a contact from submitted_at order: after a history load,
   * whose answers may arrive newest first (test answers look back on all, live ones on live).
   */
  relinkPrevious(c: ContactRec): void {
    let lastLive: ResponseRec | undefined;
    let last: ResponseRec | undefined;
    for (const r of this.contactResponses(c, true)) {
      const prev = r.test ? last : lastLive;
      r.previous = prev
        ? {
            response_id: prev.id,
            score: prev.score,
            segment: segmentOf(prev.score),
            submitted_at: formatTime(prev.submittedAt),
          }
        : null;
      last = r;
      if (!r.test) lastLive = r;
    }
  }

  metaOf(r: ResponseRec, sourceKeyId: string | null): EventMeta {
    return {
      surveyId: r.surveyId,
      segment: segmentOf(r.score),
      score: r.score,
      sourceKeyId,
      test: r.test,
    };
  }

  /**
   * Every response, newest first by (submitted_at, id): the order GET /responses lists. Kept
   * until a response is added (submitted_at never changes), so paging 100,000 responses does
   * not sort them again for every page.
   */
  responsesNewestFirst(): ResponseRec[] {
    if (this.newestFirst?.length !== this.responses.size) this.newestFirst = null;
    this.newestFirst ??= [...this.responses.values()].sort(
      (a, b) => b.submittedAt - a.submittedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
    return this.newestFirst;
  }

  /** PATCH /responses/{id}: returns the fields that changed. */
  updateResponse(
    r: ResponseRec,
    patch: {
      tags?: { add?: string[]; remove?: string[]; set?: string[] };
      themes?: { add?: string[]; remove?: string[] };
      follow_up?: { status?: string; owner_email?: string | null };
    },
    keyId: string,
  ): void {
    const before = this.responseJson(r);
    const at = this.now();
    const previous: JsonObject = {};
    if (patch.tags) {
      let tags = patch.tags.set ? [...patch.tags.set] : [...r.tags];
      for (const t of patch.tags.add ?? []) tags.push(t);
      const remove = new Set(patch.tags.remove ?? []);
      tags = [...new Set(tags)].filter((t) => !remove.has(t));
      if (JSON.stringify(tags) !== JSON.stringify(r.tags)) {
        previous.tags = before.tags ?? [];
        r.tags = tags;
      }
    }
    if (patch.themes) {
      let themes = r.themes.map((t) => ({ ...t }));
      for (const name of patch.themes.add ?? []) {
        const theme = this.themeByName(name) ?? this.createTheme(name);
        if (!themes.some((t) => t.id === theme.id)) themes.push({ ...theme });
      }
      const remove = (patch.themes.remove ?? []).map((n) => normalizeText(n));
      themes = themes.filter(
        (t) => !remove.includes(normalizeText(t.name)) && !remove.includes(normalizeText(t.id)),
      );
      if (JSON.stringify(themes) !== JSON.stringify(r.themes)) {
        previous.themes = before.themes ?? [];
        r.themes = themes;
      }
    }
    if (patch.follow_up) {
      const status = patch.follow_up.status ?? r.followUp.status;
      const owner =
        patch.follow_up.owner_email === undefined
          ? r.followUp.owner_email
          : patch.follow_up.owner_email;
      if (status !== r.followUp.status || owner !== r.followUp.owner_email) {
        previous.follow_up = before.follow_up ?? null;
        r.followUp = { status, owner_email: owner, updatedAt: at };
      }
    }
    if (Object.keys(previous).length === 0) return;
    r.updatedAt = at;
    this.emit(
      'response.updated',
      {
        response: this.responseJson(r),
        previous_attributes: previous,
        source: { type: 'api', key_id: keyId },
      },
      this.metaOf(r, keyId),
    );
  }

  themeByName(name: string): Theme | undefined {
    const n = normalizeText(name);
    for (const t of this.themeRegistry.values()) if (normalizeText(t.name) === n) return t;
    return undefined;
  }

  private createTheme(name: string): Theme {
    let id = themeIdFor(name);
    while (this.themeRegistry.has(id)) id += '_x';
    const theme = { id, name: name.trim(), sentiment: 'neutral' };
    this.themeRegistry.set(id, theme);
    return theme;
  }

  // ---------------------------------------------------------------- events

  emit(type: string, data: JsonObject, meta: EventMeta, at = this.now()): EventRec {
    const id = this.nextId('evt');
    const event: EventRec = {
      id,
      type,
      createdAt: at,
      payload: { id, type, created_at: formatTime(at), data },
      meta,
    };
    this.events.push(event);
    this.listener?.(event);
    return event;
  }

  // ---------------------------------------------------------------- timers

  pendingAnalysis(): number {
    return this.timers.size;
  }

  private checkIdle(): void {
    this.onIdle();
  }

  clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
