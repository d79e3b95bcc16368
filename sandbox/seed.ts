/**
 * The deterministic demo workspace: 'Acme Inc.', two surveys, contacts with CRM ids, a few
 * hundred English and Spanish responses over the last six months, and a month of past events.
 * Everything but the dates (relative to now) is fixed by the seed.
 */
import { segmentOf } from './metrics.js';
import { demoContactProperties } from './properties.js';
import { Random } from './random.js';
import { previousRecOf } from './responses.js';
import {
  COMPANIES_EN,
  COMPANIES_ES,
  FIRST_EN,
  FIRST_ES,
  FRAGMENTS,
  IMPACT,
  LAST_EN,
  LAST_ES,
  OPENERS,
  OWNERS,
  PLANS,
  QUESTIONS,
  TAGS,
} from './seed-data.js';
import type { Lang } from './seed-data.js';
import { ALL_SCOPES, READ_SCOPES } from './store.js';
import type { ContactRec, JsonObject, KeyRec, QA, ResponseRec, Store } from './store.js';

const DAY = 86_400_000;

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export interface SeedResult {
  keys: { live: string; readOnly: string; otherRegion: string; test: string };
}

/** Fills an empty store with the demo workspace. */
export function seedStore(store: Store, seed: number): SeedResult {
  const rng = new Random(seed);
  const now = Math.floor(store.now() / 1000) * 1000;
  const secret = (prefix: string) =>
    `${prefix}${rng.chars(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;

  const keys = {
    live: secret('nps_live_'),
    readOnly: secret('nps_live_'),
    otherRegion: secret('nps_live_'),
    test: secret('nps_test_'),
  };
  store.workspace = { id: `ws_${rng.chars(6)}`, name: 'Acme Inc.' };
  /** An API key of the workspace; its id is drawn from the seed in the order the keys are listed. */
  const key = (
    keySecret: string,
    name: string,
    mode: KeyRec['mode'],
    scopes: readonly string[],
    region: KeyRec['region'],
  ): KeyRec => ({
    id: `key_${rng.chars(8)}`,
    secret: keySecret,
    name,
    mode,
    scopes: [...scopes],
    region,
  });
  store.keys = [
    key(keys.live, 'Zapier', 'live', ALL_SCOPES, 'us'),
    key(keys.readOnly, 'Read-only reporting', 'live', READ_SCOPES, 'us'),
    key(keys.otherRegion, 'EU workspace key', 'live', ALL_SCOPES, 'eu'),
    key(keys.test, 'Zapier (test mode)', 'test', ALL_SCOPES, 'us'),
  ];

  const quarterly = {
    id: `srv_${rng.chars(6)}`,
    name: 'Quarterly NPS',
    status: 'active',
    question: 'How likely are you to recommend Acme to a friend or colleague?',
    channels: ['email', 'sms', 'link'],
    createdAt: now - 220 * DAY,
  };
  const onboarding = {
    id: `srv_${rng.chars(6)}`,
    name: 'Onboarding NPS',
    status: 'active',
    question:
      'After your first weeks with Acme, how likely are you to recommend us to a colleague?',
    channels: ['email', 'in_app'],
    createdAt: now - 200 * DAY,
  };
  store.surveys.set(quarterly.id, quarterly);
  store.surveys.set(onboarding.id, onboarding);
  store.contactProperties = demoContactProperties();

  // Contacts
  const contactCount = 140;
  const contacts: ContactRec[] = [];
  const langOf = new Map<string, Lang>();
  const usedNames = new Set<string>();
  for (let i = 0; i < contactCount; i++) {
    const lang: Lang = rng.chance(0.35) ? 'es' : 'en';
    let first = '';
    let last = '';
    do {
      first = rng.pick(lang === 'es' ? FIRST_ES : FIRST_EN);
      last = rng.pick(lang === 'es' ? LAST_ES : LAST_EN);
    } while (usedNames.has(`${first} ${last}`) && usedNames.size < 300);
    usedNames.add(`${first} ${last}`);
    const company = rng.pick(lang === 'es' ? COMPANIES_ES : COMPANIES_EN);
    const domain = `${ascii(company)}.example`;
    const c = store.newContact(now - rng.int(200, 260) * DAY + rng.int(0, DAY / 1000) * 1000);
    c.name = `${first} ${last}`;
    c.company = company;
    c.email = `${ascii(first)}.${ascii(last)}${usedNames.size > 200 ? i : ''}@${domain}`;
    if (contacts.some((o) => o.email === c.email))
      c.email = `${ascii(first)}.${ascii(last)}${i}@${domain}`;
    c.locale =
      lang === 'es' ? rng.pick(['es-ES', 'es-MX', 'es-AR']) : rng.pick(['en-US', 'en-GB', 'en-US']);
    if (rng.chance(0.85)) c.customer_id = `CUST-${1000 + i}`;
    if (rng.chance(0.6)) c.account_number = `AC-${90000 + i * 7}`;
    if (rng.chance(0.4))
      c.phone =
        lang === 'es' ? `+346${rng.chars(8, '0123456789')}` : `+1415${rng.chars(7, '0123456789')}`;
    if (rng.chance(0.7))
      c.crm.salesforce_contact_id = `003${rng.chars(15, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
    if (rng.chance(0.6)) c.crm.hubspot_contact_id = String(1000 + i * 37);
    if (rng.chance(0.5)) c.crm.pipedrive_person_id = 5000 + i * 13;
    c.properties = {
      plan: rng.pick(PLANS),
      region: lang === 'es' ? rng.pick(['emea', 'latam']) : rng.pick(['na', 'emea']),
      seats: rng.int(3, 400),
      // A yearly contract, renewing on the anniversary of the contact's creation.
      renewal_date: new Date(c.createdAt + 365 * DAY).toISOString().slice(0, 10),
    };
    c.updatedAt = c.createdAt;
    store.contacts.set(c.id, c);
    contacts.push(c);
    langOf.set(c.id, lang);
  }

  // Responses over the last 180 days, created in chronological order.
  const responseCount = 320;
  const times = Array.from(
    { length: responseCount },
    () => now - rng.int(60, 180 * 24 * 3600) * 1000,
  ).sort((a, b) => a - b);
  const created: ResponseRec[] = [];
  for (const submittedAt of times) {
    const contact = rng.chance(0.6) ? rng.pick(contacts.slice(0, 50)) : rng.pick(contacts);
    const lang = langOf.get(contact.id) ?? 'en';
    const survey = rng.chance(0.7) ? quarterly : onboarding;
    const roll = rng.next();
    const score = roll < 0.45 ? rng.int(9, 10) : roll < 0.7 ? rng.int(7, 8) : rng.int(0, 6);
    const seg = segmentOf(score);
    let comment: string | null = null;
    const conversation: QA[] = [];
    if (rng.chance(0.8)) {
      const parts: string[] = [rng.pick(OPENERS[lang][seg])];
      if (seg === 'promoter') parts.push(rng.pick(FRAGMENTS[lang].pos));
      else if (seg === 'detractor') parts.push(rng.pick(FRAGMENTS[lang].neg));
      else parts.push(rng.pick(FRAGMENTS[lang].pos), rng.pick(FRAGMENTS[lang].neg));
      comment = parts.filter(Boolean).join(' ');
      if (rng.chance(0.6)) {
        const pool = seg === 'promoter' ? FRAGMENTS[lang].pos : FRAGMENTS[lang].neg;
        conversation.push({ question: QUESTIONS[lang][seg], answer: rng.pick(pool) });
        if (seg === 'detractor' && rng.chance(0.5)) conversation.push({ ...IMPACT[lang] });
      }
    }
    const prev = store.previousOf(contact, submittedAt);
    const tags: string[] = [];
    if (rng.chance(0.3)) tags.push(rng.pick(TAGS));
    if (seg === 'detractor' && rng.chance(0.4)) tags.push('churn-risk');
    const r: ResponseRec = {
      id: store.nextId('rsp'),
      surveyId: survey.id,
      score,
      comment,
      conversation,
      themes: [],
      analysisStatus: 'pending',
      language: comment ? lang : rng.chance(0.5) ? lang : null,
      channel: rng.pick(survey.channels),
      contactId: contact.id,
      // Seeded times are whole seconds, as the platform keeps them.
      previous: prev ? previousRecOf(prev) : null,
      followUp: { status: 'none', owner_email: null, updatedAt: null },
      tags: [...new Set(tags)],
      properties: { plan: contact.properties.plan ?? 'pro' },
      submittedAt,
      analyzedAt: null,
      updatedAt: submittedAt,
      test: false,
    };
    store.analyze(r, Math.min(submittedAt + 60_000, now));
    if (seg === 'detractor' && rng.chance(0.7)) {
      const at = Math.min(submittedAt + rng.int(1, 72) * 3600_000, now);
      r.followUp = {
        status: rng.pick(['open', 'in_progress', 'closed']),
        owner_email: rng.pick(OWNERS),
        updatedAt: at,
      };
      r.updatedAt = Math.max(r.updatedAt, at);
    }
    store.responses.set(r.id, r);
    contact.responseIds.push(r.id);
    created.push(r);
  }

  // Churn risk: flagged on contacts whose latest answer is a detractor's.
  for (const c of contacts) {
    const latest = created.filter((r) => r.contactId === c.id).at(-1);
    if (latest) c.properties.churn_risk = segmentOf(latest.score) === 'detractor';
  }

  // Unsubscribed contacts (some recently, for the events feed).
  const unsubscribed: Array<{ contact: ContactRec; at: number }> = [];
  for (let i = 0; i < 6; i++) {
    const c = contacts[contacts.length - 1 - i * 7];
    if (!c) continue;
    c.unsubscribed = true;
    const at = now - rng.int(1, i < 4 ? 28 : 120) * DAY + rng.int(0, 86_000) * 1000;
    c.updatedAt = Math.max(c.updatedAt, at);
    unsubscribed.push({ contact: c, at });
  }

  seedPastEvents(store, created, unsubscribed, now);
  return { keys };
}

/**
 * A month of past events for what the seed recorded (responses created, analysed, updated,
 * segment changes, unsubscribes), emitted oldest first so ids follow time; nothing is delivered.
 */
function seedPastEvents(
  store: Store,
  created: readonly ResponseRec[],
  unsubscribed: ReadonlyArray<{ contact: ContactRec; at: number }>,
  now: number,
): void {
  const since = now - 30 * DAY;
  type Pending = {
    at: number;
    type: string;
    build: () => { data: JsonObject; response: ResponseRec | null; keyId: string | null };
  };
  const pending: Pending[] = [];
  const liveKeyId = store.keys[0]?.id ?? null;
  for (const r of created) {
    if (r.submittedAt < since) continue;
    const contact = store.contacts.get(r.contactId);
    pending.push({
      at: r.submittedAt,
      type: 'response.created',
      build: () => {
        const data = store.responseJson(r);
        data.themes = [];
        data.analysis_status = 'pending';
        data.analyzed_at = null;
        return { data: { response: data }, response: r, keyId: null };
      },
    });
    if (r.analyzedAt !== null)
      pending.push({
        at: r.analyzedAt,
        type: 'response.analyzed',
        build: () => ({ data: { response: store.responseJson(r) }, response: r, keyId: null }),
      });
    if (r.previous && r.previous.segment !== segmentOf(r.score) && contact) {
      const prevSeg = r.previous.segment;
      pending.push({
        at: r.submittedAt,
        type: 'contact.segment_changed',
        build: () => ({
          data: {
            contact: store.contactJson(contact),
            previous_segment: prevSeg,
            segment: segmentOf(r.score),
            response: store.responseJson(r),
          },
          response: r,
          keyId: null,
        }),
      });
    }
    if (r.followUp.updatedAt !== null && r.followUp.status !== 'none') {
      const fu = r.followUp;
      pending.push({
        at: fu.updatedAt ?? r.submittedAt,
        type: 'response.updated',
        build: () => ({
          data: {
            response: store.responseJson(r),
            previous_attributes: {
              follow_up: { status: 'none', owner_email: null, updated_at: null },
            },
            source: { type: 'api', key_id: liveKeyId },
          },
          response: r,
          keyId: liveKeyId,
        }),
      });
    }
  }
  for (const u of unsubscribed) {
    if (u.at < since) continue;
    pending.push({
      at: u.at,
      type: 'contact.unsubscribed',
      build: () => ({
        data: { contact: store.contactJson(u.contact) },
        response: null,
        keyId: null,
      }),
    });
  }
  pending.sort((a, b) => a.at - b.at);
  const listener = store.listener;
  store.listener = null;
  for (const p of pending) {
    const built = p.build();
    const r = built.response;
    store.emit(
      p.type,
      built.data,
      r
        ? store.metaOf(r, built.keyId)
        : { surveyId: null, segment: null, score: null, sourceKeyId: null, test: false },
      p.at,
    );
  }
  store.listener = listener;
}
