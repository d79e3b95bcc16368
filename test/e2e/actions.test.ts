/**
 * Every search and action against the sandbox over HTTP: what a user sees in the zap, and what
 * the platform then holds (read back from the sandbox, never from the app's own answer alone).
 */
import { KEYS } from '../../fields/keys.js';
import type { ZapierInput } from '../helpers/zapier-run.js';
import { conformanceProblems, errorOf, sandboxResponses, useE2E } from './helpers.js';
import type { ApiResponse, E2E, Rec } from './helpers.js';

const S = KEYS.searches;
const C = KEYS.creates;

let e2e: E2E;
let surveyId = '';
let seeded: ApiResponse[] = [];

useE2E((started, firstSurvey) => {
  e2e = started;
  surveyId = firstSurvey;
});

beforeAll(async () => {
  seeded = await sandboxResponses(e2e.sandbox);
});

/** A search or an action, run as Zapier runs a step (test/helpers/zapier-run.ts). */
const search = <T = Rec[]>(key: string, input: ZapierInput) => e2e.step<T>('searches', key, input);
const create = <T = Rec>(key: string, input: ZapierInput) => e2e.step<T>('creates', key, input);

/** A seeded response whose contact has an email, a customer id and a Salesforce id. */
const withCrm = () => {
  const found = seeded.find(
    (r) => r.contact.email && r.contact.customer_id && r.contact.crm_ids.salesforce_contact_id,
  );
  if (!found) throw new Error('the demo workspace has no contact with a Salesforce id');
  return found;
};

describe('searches and actions against the sandbox', () => {
  test('find_contact: found by email and by CRM id, [] when unknown', async () => {
    const { contact } = withCrm();
    const [byEmail] = await search<Rec[]>(S.findContact, {
      identity_key: 'email',
      identity_value: String(contact.email).toUpperCase(),
    });
    expect(byEmail).toMatchObject({ id: contact.id, email: contact.email });
    const [byCrm] = await search<Rec[]>(S.findContact, {
      identity_key: 'salesforce_contact_id',
      identity_value: String(contact.crm_ids.salesforce_contact_id),
    });
    expect(byCrm).toMatchObject({ id: contact.id });
    expect(
      await search(S.findContact, { identity_key: 'email', identity_value: 'nobody@example.com' }),
    ).toEqual([]);
  });

  test('upsert_contact: created true then false; search-or-create finds it afterwards', async () => {
    const identity = { identity_key: 'customer_id', identity_value: 'CUST-E2E-1' };
    expect(await search(S.findContact, identity)).toEqual([]);
    const first = await create(C.upsertContact, {
      ...identity,
      email: 'upsert.e2e@example.com',
      name: 'Upsert Tester',
      properties: { plan: 'pro' },
    });
    expect(first).toMatchObject({ created: true, customer_id: 'CUST-E2E-1' });
    const second = await create(C.upsertContact, { ...identity, company: 'Acme' });
    expect(second).toMatchObject({
      created: false,
      id: first.id,
      email: 'upsert.e2e@example.com',
      company: 'Acme',
    });
    const [found] = await search<Rec[]>(S.findContact, identity);
    expect(found).toMatchObject({ id: first.id, name: 'Upsert Tester', company: 'Acme' });
  });

  test('upsert_contact: an identity owned by another contact is an identity_conflict', async () => {
    await create(C.upsertContact, {
      identity_key: 'email',
      identity_value: 'owner.e2e@example.com',
      customer_id: 'CUST-OWNED',
    });
    await create(C.upsertContact, {
      identity_key: 'email',
      identity_value: 'other.e2e@example.com',
    });
    const error = await errorOf(() =>
      create(C.upsertContact, {
        identity_key: 'email',
        identity_value: 'other.e2e@example.com',
        customer_id: 'CUST-OWNED',
      }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/Another contact already has this customer ID/);
    expect(error.message).toMatch(/customer_id/);
  });

  test('identity values with / ? # % .. and emoji reach the platform intact', async () => {
    const value = 'a/b?c=1&d#e%20f/../g 🎉';
    const made = await create(C.upsertContact, {
      identity_key: 'account_number',
      identity_value: value,
      email: 'odd.chars@example.com',
    });
    expect(made).toMatchObject({ created: true, account_number: value });
    const [found] = await search<Rec[]>(S.findContact, {
      identity_key: 'account_number',
      identity_value: value,
    });
    expect(found).toMatchObject({ id: made.id, account_number: value });
    const lookups = e2e.sandbox
      .requestLog()
      .filter((l) => l.method === 'GET' && l.path === '/v1/contacts');
    expect(lookups.at(-1)?.query).toMatchObject({ account_number: value });
    const unsubscribed = await create(C.unsubscribeContact, {
      identity_key: 'account_number',
      identity_value: value,
    });
    expect(unsubscribed).toMatchObject({ id: made.id, unsubscribed: true });
  });

  test('find_response: by id, unknown id → [], by identity, by CRM id', async () => {
    const target = withCrm();
    const [byId] = await search<Rec[]>(S.findResponse, { response_id: target.id });
    expect(byId).toMatchObject({ id: target.id, score: target.score, segment: target.segment });
    expect(await search(S.findResponse, { response_id: 'rsp_does_not_exist' })).toEqual([]);

    const latest = seeded.find((r) => r.contact.id === target.contact.id) as ApiResponse;
    const [byEmail] = await search<Rec[]>(S.findResponse, {
      identity_key: 'email',
      identity_value: String(target.contact.email),
    });
    expect(byEmail).toMatchObject({ response_id: latest.id, contact_id: target.contact.id });
    const [byCrm] = await search<Rec[]>(S.findResponse, {
      identity_key: 'salesforce_contact_id',
      identity_value: String(target.contact.crm_ids.salesforce_contact_id),
    });
    expect(byCrm).toMatchObject({
      response_id: latest.id,
      salesforce_contact_id: target.contact.crm_ids.salesforce_contact_id,
    });
  });

  test("nps_report: the numbers agree with the sandbox's responses, and the previous period", async () => {
    const report = await search<Rec[]>(S.npsReport, {
      period: 'last_90_days',
      group_by: 'month',
      compare_previous: 'true',
      timezone: 'UTC',
    });
    const [r] = report as [Rec];
    const since = Date.parse(String(r.since));
    const until = Date.parse(String(r.until));
    const all = await sandboxResponses(e2e.sandbox);
    const tally = (from: number, to: number) => {
      const inRange = all.filter((x) => {
        const at = Date.parse(x.submitted_at);
        return at >= from && at < to;
      });
      const count = (segment: string) => inRange.filter((x) => x.segment === segment).length;
      const n = inRange.length;
      return {
        n,
        p: count('promoter'),
        pa: count('passive'),
        d: count('detractor'),
        nps: n ? (100 * (count('promoter') - count('detractor'))) / n : null,
      };
    };
    const now = tally(since, until);
    expect(now.n).toBeGreaterThan(20);
    expect(r).toMatchObject({
      responses: now.n,
      promoters: now.p,
      passives: now.pa,
      detractors: now.d,
      timezone: 'UTC',
    });
    expect(Number(r.nps)).toBeCloseTo(now.nps ?? NaN, 0);
    const periods = r.periods as Rec[];
    expect(periods.reduce((sum, p) => sum + Number(p.responses), 0)).toBe(now.n);
    const before = tally(since - (until - since), since);
    expect(Number(r.previous_nps)).toBeCloseTo(before.nps ?? NaN, 0);
    expect(String(r.summary)).toMatch(/NPS/);
  });

  test('send_survey: scheduled, then skipped as recently surveyed; 422 passed on', async () => {
    const first = await create(C.sendSurvey, {
      survey_id: surveyId,
      email: 'invitee.e2e@example.com',
      name: 'Invitee',
    });
    expect(first).toMatchObject({ scheduled: true, status: 'scheduled', skip_reason: null });
    const second = await create(C.sendSurvey, {
      survey_id: surveyId,
      email: 'invitee.e2e@example.com',
      name: 'Invitee Again',
    });
    expect(second).toMatchObject({
      scheduled: false,
      status: 'skipped',
      skip_reason: 'recently_surveyed',
      contact_id: first.contact_id,
    });
    const invites = e2e.sandbox
      .requestLog()
      .filter((l) => l.method === 'POST' && l.path.endsWith('/invitations'));
    expect(invites.every((l) => l.idempotencyKey?.startsWith('zapier-send_survey-'))).toBe(true);

    const error = await errorOf(() =>
      create(C.sendSurvey, { survey_id: surveyId, customer_id: 'CUST-NO-EMAIL-E2E' }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/email/i);
    expect(e2e.sandbox.requestLog().at(-1)).toMatchObject({ status: 422 });
  });

  test('record_response, add_note and update_response change what the platform holds', async () => {
    const recorded = await create(C.recordResponse, {
      survey_id: surveyId,
      score: '3',
      comment: 'The mobile app crashes.',
      email: 'recorder.e2e@example.com',
      tags: ['imported'],
    });
    expect(recorded).toMatchObject({
      score: 3,
      segment: 'detractor',
      email: 'recorder.e2e@example.com',
      tags: ['imported'],
    });
    const id = String(recorded.id);

    const note = await create(C.addNote, { response_id: id, body: 'Called the customer.' });
    expect(note).toMatchObject({ response_id: id, body: 'Called the customer.' });

    const updated = await create(C.updateResponse, {
      response_id: id,
      follow_up_status: 'in_progress',
      add_tags: ['churn-risk'],
      remove_tags: ['imported'],
    });
    expect(updated).toMatchObject({ id, follow_up_status: 'in_progress', tags: ['churn-risk'] });

    const [held] = await sandboxResponses(e2e.sandbox, 'email=recorder.e2e@example.com');
    expect(held).toMatchObject({
      id,
      score: 3,
      tags: ['churn-risk'],
      follow_up: { status: 'in_progress' },
    });
  });

  test('unsubscribe_contact: unsubscribes; an unknown contact halts naming the key, not its value', async () => {
    const { contact } = withCrm();
    const out = await create(C.unsubscribeContact, {
      identity_key: 'customer_id',
      identity_value: String(contact.customer_id),
    });
    expect(out).toMatchObject({ id: contact.id, unsubscribed: true });
    const error = await errorOf(() =>
      create(C.unsubscribeContact, { identity_key: 'customer_id', identity_value: 'CUST-GHOST' }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/customer_id/);
    // The value is personal data (an email, a customer ID): never in the error (issue 10, item 12).
    expect(error.message).not.toContain('CUST-GHOST');
  });

  test('every answer of this suite matches the contract', () => {
    expect(conformanceProblems(e2e.sandbox)).toEqual([]);
  });
});
