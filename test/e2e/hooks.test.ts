/**
 * The REST-hook lifecycle end to end, with real signatures: performSubscribe registers the
 * receiver's URL with the sandbox, the sandbox signs and posts events, each received delivery
 * runs through the trigger's perform as Zapier would hand it over, then performUnsubscribe stops
 * them. A first attempt answered 500 is retried (re-signed, same webhook-id) and fires once.
 */
import { KEYS } from '../../fields/keys.js';
import type { SubmitResponseInput } from '../../sandbox/server.js';
import { conformanceProblems, hookBundle, installNxCache, op, useE2E, typeOf } from './helpers.js';
import type { E2E, Rec } from './helpers.js';

const T = KEYS.triggers;
const EMAIL = 'hooks.e2e@example.com';
const CRM = {
  salesforce_contact_id: '003E2E0000001',
  hubspot_contact_id: '9001',
  pipedrive_person_id: 4242,
};

let e2e: E2E;
let surveyId = '';
/** The first attempt of each event to the /hooks/flaky URL is refused with 500. */
const refusedOnce = new Set<string>();

useE2E(
  (started, firstSurvey) => {
    e2e = started;
    surveyId = firstSurvey;
  },
  {},
  (delivery) => {
    if (!delivery.path.endsWith('/flaky')) return 200;
    const id = delivery.headers['webhook-id'] ?? '';
    if (refusedOnce.has(id)) return 200;
    refusedOnce.add(id);
    return 500;
  },
);

interface Sub {
  key: string;
  url: string;
  inputData: Rec;
  data: Rec;
}

const subscribe = async (key: string, name: string, inputData: Rec = {}): Promise<Sub> => {
  const url = e2e.receiver.url(name);
  const data = await e2e.run<Rec>(op('triggers', key).performSubscribe, {
    targetUrl: url,
    inputData,
  });
  expect(data).toMatchObject({ id: expect.any(String), secret: expect.any(String), url });
  return { key, url, inputData, data };
};

const received = (sub: Sub) =>
  e2e.receiver.deliveries.filter((d) => d.path === new URL(sub.url).pathname);

/** Runs every delivery the subscription received through its trigger's perform. */
const fire = async (sub: Sub): Promise<Rec[]> => {
  const out: Rec[] = [];
  for (const delivery of received(sub)) {
    out.push(
      ...(await e2e.run<Rec[]>(
        op('triggers', sub.key).perform,
        hookBundle(delivery, sub.data, sub.inputData),
      )),
    );
  }
  return out;
};

const submit = (score: number, comment: string, extra: Partial<SubmitResponseInput> = {}) =>
  e2e.sandbox.submitResponse({
    survey_id: surveyId,
    score,
    comment,
    contact: { email: EMAIL, name: 'Hook Tester', customer_id: 'cus_hooks_1', crm_ids: CRM },
    ...extra,
  });

describe('hook lifecycle against the sandbox', () => {
  const subs: Record<string, Sub> = {};
  let detractorId = '';

  test('subscribes every instant trigger and receives signed deliveries', async () => {
    subs.detractors = await subscribe(T.newResponse, 'detractors', {
      segments: ['detractor'],
      wait_for_themes: true,
    });
    subs.created = await subscribe(T.newResponse, 'created', { wait_for_themes: false });
    subs.segment = await subscribe(T.segmentChanged, 'segment');
    subs.updatedOwn = await subscribe(T.responseUpdated, 'updated-default');
    subs.updatedAll = await subscribe(T.responseUpdated, 'updated-all', {
      ignore_own_changes: false,
    });
    subs.unsub = await subscribe(T.contactUnsubscribed, 'unsub');
    subs.flaky = await subscribe(T.newResponse, 'flaky', { wait_for_themes: false });

    submit(10, 'Great support, the agent was helpful.');
    submit(8, 'Fine overall.');
    detractorId = String(submit(2, 'The pricing is too expensive and support never answers.').id);
    await e2e.sandbox.settle();

    expect(received(subs.detractors).map(typeOf)).toEqual(['response.analyzed']);
    expect(received(subs.created).map(typeOf)).toEqual(Array(3).fill('response.created'));
    expect(received(subs.segment).map(typeOf)).toEqual(Array(2).fill('contact.segment_changed'));
  });

  test('new_response (detractors, waiting for themes): the record a CRM step maps', async () => {
    const records = await fire(subs.detractors as Sub);
    expect(records).toHaveLength(1);
    const [record] = records as [Rec];
    expect(record).toMatchObject({
      id: detractorId,
      response_id: detractorId,
      survey_id: surveyId,
      score: 2,
      segment: 'detractor',
      segment_label: 'Detractor',
      is_detractor: true,
      analysis_status: 'complete',
      email: EMAIL,
      customer_id: 'cus_hooks_1',
      identity_key: 'email',
      identity_value: EMAIL,
      salesforce_contact_id: CRM.salesforce_contact_id,
      hubspot_contact_id: CRM.hubspot_contact_id,
      pipedrive_person_id: CRM.pipedrive_person_id,
      previous_score: 8,
      previous_segment: 'passive',
    });
    const picklist = String(record.themes_picklist).split(';');
    expect(picklist).toEqual(expect.arrayContaining(['Pricing', 'Customer support']));
    expect(record.themes_text).toBe(picklist.join(', '));
  });

  test('new_response without waiting for themes fires at once for every score', async () => {
    const records = await fire(subs.created as Sub);
    expect(records.map((r) => [r.score, r.segment])).toEqual([
      [10, 'promoter'],
      [8, 'passive'],
      [2, 'detractor'],
    ]);
    for (const r of records) expect(r.themes_picklist).toBe('');
  });

  test('segment_changed: passive → promoter style changes with their direction', async () => {
    const records = await fire(subs.segment as Sub);
    expect(records.map((r) => [r.segment_change, r.direction])).toEqual([
      ['promoter → passive', 'declined'],
      ['passive → detractor', 'declined'],
    ]);
    expect(records[1]).toMatchObject({ response_id: detractorId, email: EMAIL, score: 2 });
  });

  test('a delivery refused with 500 is retried with the same webhook-id and fires once', async () => {
    installNxCache();
    const attempts = e2e.sandbox.deliveries().filter((d) => d.url === subs.flaky?.url);
    expect(attempts.filter((d) => d.status === 500)).toHaveLength(3);
    const accepted = received(subs.flaky as Sub);
    expect(accepted).toHaveLength(3);
    for (const d of accepted) {
      const first = attempts.find((a) => a.eventId === d.headers['webhook-id'] && a.attempt === 1);
      expect(first?.status).toBe(500);
      expect(Number(d.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(
        Number(first?.headers['webhook-timestamp']),
      );
    }
    // Zapier ran the first attempt too (it failed on Zapier's side after the run): replay it.
    const [d] = accepted as [(typeof accepted)[number]];
    const firstOutput = await e2e.run<Rec[]>(
      op('triggers', T.newResponse).perform,
      hookBundle(d, subs.flaky?.data ?? {}, subs.flaky?.inputData),
    );
    expect(firstOutput).toHaveLength(1);
    const again = await e2e.run<Rec[]>(
      op('triggers', T.newResponse).perform,
      hookBundle(d, subs.flaky?.data ?? {}, subs.flaky?.inputData),
    );
    expect(again).toEqual([]);
  });

  test('response_updated: own changes fire only without ignore_own_changes', async () => {
    await e2e.step('creates', KEYS.creates.updateResponse, {
      response_id: detractorId,
      follow_up_status: 'open',
    });
    await e2e.sandbox.settle();
    expect(received(subs.updatedOwn as Sub)).toHaveLength(0);
    expect(received(subs.updatedAll as Sub)).toHaveLength(1);

    const otherKey = e2e.sandbox.createKey(['responses:read', 'responses:write']);
    await e2e.step(
      'creates',
      KEYS.creates.updateResponse,
      {
        response_id: detractorId,
        follow_up_status: 'closed',
        follow_up_owner_email: 'csm@acme.example',
      },
      { authData: { api_key: otherKey, region: 'us' } },
    );
    await e2e.sandbox.settle();
    expect(received(subs.updatedOwn as Sub)).toHaveLength(1);
    expect(received(subs.updatedAll as Sub)).toHaveLength(2);

    const [record] = (await fire(subs.updatedOwn as Sub)) as [Rec];
    expect(record).toMatchObject({
      response_id: detractorId,
      follow_up_status: 'closed',
      previous_follow_up_status: 'open',
      follow_up_owner_email: 'csm@acme.example',
    });
    expect(record.changed).toEqual(expect.arrayContaining(['follow_up']));
    expect(String(record.id)).toMatch(new RegExp(`^${detractorId}:`));

    // The same own change delivered to the other zap, whose inputs keep own changes, fires.
    const all = await fire(subs.updatedAll as Sub);
    expect(all.map((r) => r.follow_up_status)).toEqual(['open', 'closed']);
  });

  test('contact_unsubscribed: the unsubscribe action fires it', async () => {
    const contact = await e2e.step('creates', KEYS.creates.unsubscribeContact, {
      identity_key: 'email',
      identity_value: EMAIL,
    });
    expect(contact).toMatchObject({ email: EMAIL, unsubscribed: true });
    await e2e.sandbox.settle();
    const records = await fire(subs.unsub as Sub);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ contact_id: contact.id, email: EMAIL });
  });

  test('after performUnsubscribe nothing more arrives; unsubscribing again succeeds', async () => {
    const all = Object.values(subs);
    for (const sub of all) {
      const out = await e2e.run<Rec>(op('triggers', sub.key).performUnsubscribe, {
        subscribeData: sub.data,
        inputData: sub.inputData,
      });
      expect(out).toEqual({ deleted: true });
    }
    const before = e2e.receiver.deliveries.length;
    const attemptsBefore = e2e.sandbox.deliveries().length;
    const r = submit(1, 'Support is slow.', {
      contact: { email: 'after.unsubscribe@example.com' },
    });
    await e2e.step('creates', KEYS.creates.updateResponse, {
      response_id: String(r.id),
      follow_up_status: 'open',
    });
    await e2e.step('creates', KEYS.creates.unsubscribeContact, {
      identity_key: 'email',
      identity_value: 'after.unsubscribe@example.com',
    });
    await e2e.sandbox.settle();
    expect(e2e.receiver.deliveries.length).toBe(before);
    expect(e2e.sandbox.deliveries().length).toBe(attemptsBefore);

    const again = await e2e.run<Rec>(op('triggers', T.newResponse).performUnsubscribe, {
      subscribeData: subs.detractors?.data,
    });
    expect(again).toEqual({ deleted: false });
  });

  test('every answer and webhook body of this suite matches the contract', () => {
    expect(conformanceProblems(e2e.sandbox)).toEqual([]);
  });
});
