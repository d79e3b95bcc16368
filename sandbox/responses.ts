/**
 * Responses: recording one (survey UI, import or API) with its `previous` answer and its events
 * (created, segment changed), the AI analysis that follows, updates (tags, themes, follow-up)
 * and the newest-first order GET /responses lists.
 */
import { formatTime, segmentOf } from './metrics.js';
import { ContactStore } from './contacts.js';
import type {
  ContactRec,
  EventMeta,
  JsonObject,
  PreviousRec,
  PropValue,
  QA,
  ResponseRec,
  SurveyRec,
} from './records.js';
import { extractThemes, guessLanguage, normalizeText } from './themes.js';

/** The `previous` of a response: the contact's answer before it. */
export function previousRecOf(prev: ResponseRec): PreviousRec {
  return {
    response_id: prev.id,
    score: prev.score,
    segment: segmentOf(prev.score),
    submitted_at: formatTime(prev.submittedAt),
  };
}

export class ResponseStore extends ContactStore {
  private newestFirst: ResponseRec[] | null = null;

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
      previous: prev ? previousRecOf(prev) : null,
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
      r.previous = prev ? previousRecOf(prev) : null;
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
}
