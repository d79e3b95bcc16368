/**
 * Issue 18, item 6, end to end against the sandbox over real HTTP: Survey Not Delivered fires
 * for a bounced survey sent by Send NPS Survey (signed delivery, the same record from
 * performList, a repeat dropped); Cancel Scheduled Survey cancels a scheduled one, twice, and
 * halts on a sent one naming its status; test mode: the connection label, `test` on records, a
 * test connection's zaps see test records and a live one's never do, Get NPS Score's Include
 * Test Responses.
 */
import { KEYS } from '../../fields/keys.js';
import type { ReceivedDelivery } from '../../sandbox/zapier-side.js';
import {
  app,
  conformanceProblems,
  errorOf,
  hookBundle,
  installNxCache,
  op,
  useE2E,
} from './helpers.js';
import type { E2E, Rec } from './helpers.js';

const T = KEYS.triggers;
const C = KEYS.creates;
const DAY = 86_400_000;

let e2e: E2E;
let surveyId = '';
let testAuth: { api_key: string; region: string };

useE2E((started, firstSurvey) => {
  e2e = started;
  surveyId = firstSurvey;
  installNxCache();
  testAuth = { api_key: e2e.sandbox.keys.test, region: 'us' };
});

interface Sub {
  url: string;
  data: Rec;
  authData?: { api_key: string; region: string };
}

const subscribe = async (name: string, authData = e2e.authData): Promise<Sub> => {
  const url = e2e.receiver.url(name);
  const data = await e2e.run<Rec>(op('triggers', T.invitationFailed).performSubscribe, {
    targetUrl: url,
    authData,
  });
  return { url, data, authData };
};

const received = (sub: Sub): ReceivedDelivery[] =>
  e2e.receiver.deliveries.filter((d) => d.path === new URL(sub.url).pathname);

const fire = async (sub: Sub, delivery: ReceivedDelivery) =>
  e2e.run<Rec[]>(op('triggers', T.invitationFailed).perform, {
    ...hookBundle(delivery, sub.data),
    authData: sub.authData ?? e2e.authData,
  });

const sendSurvey = (inputData: Rec, authData = e2e.authData) =>
  e2e.run<Rec>(op('creates', C.sendSurvey).perform, {
    inputData: { survey_id: surveyId, ...inputData },
    authData,
  });

describe('test mode: the connection', () => {
  test('the label shows the mode: "Acme Inc. (live)", "Acme Inc. (test)"', async () => {
    const auth = app.authentication as unknown as { test: never; connectionLabel: never };
    for (const [authData, label] of [
      [e2e.authData, 'Acme Inc. (live)'],
      [testAuth, 'Acme Inc. (test)'],
    ] as const) {
      const me = await e2e.run<Rec>(auth.test, { authData });
      expect(await e2e.run<string>(auth.connectionLabel, { authData, inputData: me })).toBe(label);
    }
  });
});

describe('Survey Not Delivered', () => {
  test('a bounced survey fires it once, with the record performList gives too', async () => {
    const sub = await subscribe('failed-live');
    const invitation = await sendSurvey({ email: 'Lucia.Bounce@bounce.example', name: 'Lucía' });
    expect(invitation).toMatchObject({ status: 'scheduled', test: false, scheduled: true });
    const [delivery] = await e2e.receiver.waitFor(1, { path: new URL(sub.url).pathname });
    const [record] = await fire(sub, delivery as ReceivedDelivery);
    expect(record).toMatchObject({
      id: invitation.id,
      invitation_id: invitation.id,
      survey_id: surveyId,
      channel: 'email',
      status: 'failed',
      failure_reason: 'bounced',
      failure_reason_label: 'Email bounced',
      send_at: invitation.send_at,
      failed_at: invitation.send_at,
      test: false,
      contact_id: invitation.contact_id,
      email: 'lucia.bounce@bounce.example',
      contact_name: 'Lucía',
      identity_key: 'email',
      identity_value: 'lucia.bounce@bounce.example',
    });
    // the same delivery again: dropped
    expect(await fire(sub, delivery as ReceivedDelivery)).toEqual([]);
    // performList (GET /events) gives exactly the live record
    const listed = await e2e.run<Rec[]>(op('triggers', T.invitationFailed).performList, {
      meta: { page: 0 },
    });
    expect(listed.find((r) => r.id === invitation.id)).toEqual(record);
    // a survey that is delivered never fires it
    const fine = await sendSurvey({ email: 'fine.person@example.com' });
    await e2e.sandbox.settle();
    expect(e2e.sandbox.outbox().map((m) => m.invitationId)).toContain(fine.id);
    const ids = received(sub).map(
      (d) => (JSON.parse(d.content) as { data: { invitation: Rec } }).data.invitation.id,
    );
    expect(ids).toEqual([invitation.id]);
    await e2e.run(op('triggers', T.invitationFailed).performUnsubscribe, {
      subscribeData: sub.data,
    });
  });

  test('the survey filter: an unreachable SMS to another survey does not fire it', async () => {
    const surveys = await e2e.run<Rec[]>(op('triggers', T.survey).perform);
    const other = String(surveys[1]?.id);
    const url = e2e.receiver.url('failed-one-survey');
    const data = await e2e.run<Rec>(op('triggers', T.invitationFailed).performSubscribe, {
      targetUrl: url,
      inputData: { survey_id: surveyId },
    });
    expect(data.filters).toEqual({ survey_id: surveyId, exclude_own_changes: false });
    await sendSurvey({
      survey_id: other,
      customer_id: 'SMS-E2E-1',
      phone: '+34 600 10 0000',
      channel: 'sms',
    });
    const mine = await sendSurvey({
      customer_id: 'SMS-E2E-2',
      phone: '+34600200000',
      channel: 'sms',
    });
    const [delivery] = await e2e.receiver.waitFor(1, { path: new URL(url).pathname });
    await e2e.sandbox.settle();
    const bodies = e2e.receiver.deliveries
      .filter((d) => d.path === new URL(url).pathname)
      .map((d) => (JSON.parse(d.content) as { data: { invitation: Rec } }).data.invitation.id);
    expect(bodies).toEqual([mine.id]);
    const [record] = await e2e.run<Rec[]>(op('triggers', T.invitationFailed).perform, {
      ...hookBundle(delivery as ReceivedDelivery, data, { survey_id: surveyId }),
    });
    expect(record).toMatchObject({
      channel: 'sms',
      failure_reason: 'unreachable',
      failure_reason_label: 'Phone unreachable',
      phone: '+34600200000',
      identity_key: 'customer_id',
      identity_value: 'SMS-E2E-2',
    });
  });

  test('test mode: a test connection’s zap sees test failures, a live one never does', async () => {
    const live = await subscribe('failed-live-2');
    const trial = await subscribe('failed-test', testAuth);
    const testInvitation = await sendSurvey({ email: 'trial@bounce.example' }, testAuth);
    expect(testInvitation).toMatchObject({ test: true, scheduled: true });
    const [delivery] = await e2e.receiver.waitFor(1, { path: new URL(trial.url).pathname });
    await e2e.sandbox.settle();
    expect(received(live)).toEqual([]);
    const [record] = await fire(trial, delivery as ReceivedDelivery);
    expect(record).toMatchObject({ invitation_id: testInvitation.id, test: true });
    // a test-mode survey is never delivered to anyone
    expect(e2e.sandbox.outbox().some((m) => m.invitationId === testInvitation.id)).toBe(false);
  });
});

describe('Cancel Scheduled Survey', () => {
  test('cancels a scheduled survey; again gives the same record; never sent', async () => {
    const sendAt = new Date(Date.now() + 3 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const scheduled = await sendSurvey({ email: 'deal.lost@example.com', send_at: sendAt });
    expect(scheduled).toMatchObject({ status: 'scheduled', send_at: sendAt, canceled_at: null });
    const canceled = await e2e.run<Rec>(op('creates', C.cancelInvitation).perform, {
      inputData: { invitation_id: scheduled.id },
    });
    expect(canceled).toMatchObject({
      id: scheduled.id,
      status: 'canceled',
      canceled_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      send_at: sendAt,
      sent_at: null,
      scheduled: false,
    });
    const again = await e2e.run<Rec>(op('creates', C.cancelInvitation).perform, {
      inputData: { invitation_id: scheduled.id },
    });
    expect(again).toEqual(canceled);
  });

  test('a survey already sent: halted, naming the status', async () => {
    const sent = await sendSurvey({ email: 'already.sent@example.com' });
    await e2e.sandbox.settle();
    const error = await errorOf(() =>
      e2e.run(op('creates', C.cancelInvitation).perform, { inputData: { invitation_id: sent.id } }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/already sent at .*\(status: sent\)/);
    const unknown = await errorOf(() =>
      e2e.run(op('creates', C.cancelInvitation).perform, {
        inputData: { invitation_id: 'inv_nope' },
      }),
    );
    expect(unknown.message).toMatch(/^Invitation ID \(invitation_id\) matches no invitation/);
  });
});

describe('test mode: records and reports', () => {
  test('test responses: flagged, listed only to a test connection, counted only with Include Test Responses', async () => {
    const report = async (includeTest: boolean) =>
      (
        await e2e.run<Rec[]>(op('searches', KEYS.searches.npsReport).perform, {
          inputData: {
            period: 'custom',
            since: new Date(Date.now() - DAY).toISOString(),
            until: new Date(Date.now() + 60 * 60_000).toISOString(),
            compare_previous: false,
            include_test: includeTest,
          },
        })
      )[0] as { responses: number };
    const before = await report(false);
    const beforeAll = await report(true);
    const recorded = await e2e.run<Rec>(op('creates', C.recordResponse).perform, {
      authData: testAuth,
      inputData: { survey_id: surveyId, score: 0, email: 'tester.zap@example.com' },
    });
    expect(recorded).toMatchObject({ test: true, score: 0 });
    expect((await report(false)).responses).toBe(before.responses);
    expect((await report(true)).responses).toBe(beforeAll.responses + 1);

    const list = (authData: { api_key: string; region: string }) =>
      e2e.run<Rec[]>(op('triggers', T.newResponse).performList, {
        authData,
        inputData: { wait_for_themes: false },
        meta: { page: 0 },
      });
    expect((await list(e2e.authData)).map((r) => r.response_id)).not.toContain(
      recorded.response_id,
    );
    const forTest = await list(testAuth);
    expect(forTest.find((r) => r.response_id === recorded.response_id)).toMatchObject({
      test: true,
    });
    expect(
      forTest.filter((r) => r.response_id !== recorded.response_id).every((r) => r.test === false),
    ).toBe(true);
  });
});

test('every answer and delivery of this suite matches the contract', () => {
  expect(conformanceProblems(e2e.sandbox)).toEqual([]);
});
