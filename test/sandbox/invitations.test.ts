/**
 * Contract 1.3 in the sandbox: the invitation lifecycle (scheduled → sent / failed at send_at on
 * the sandbox's clock, canceled before), `invitation.failed` with the sandbox's delivery rules,
 * and test mode (test keys' records flagged, never delivered, left out of metrics, and never seen
 * by live subscriptions). Every answer and webhook body is checked against the contract.
 */
import nock from 'nock';
import { Webhook } from 'standardwebhooks';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { call, control, Receiver, validateEvent, waitFor } from './helpers.js';

const DAY = 86_400_000;
/** The sandbox's clock, driven by the tests (minutes and days, never seconds). */
let clock = Date.parse('2026-11-20T09:00:00Z');
let sb: Sandbox;
let receiver: Receiver;
let surveyId: string;
let otherSurveyId: string;

interface Invitation {
  id: string;
  status: string;
  send_at: string | null;
  sent_at: string | null;
  failed_at: string | null;
  failure_reason: string | null;
  canceled_at: string | null;
  skip_reason: string | null;
  test: boolean;
  contact_id: string;
}
interface EventBody {
  id: string;
  type: string;
  data: { invitation?: Invitation; contact?: { email: string | null }; response?: { id: string } };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const invite = async (body: Record<string, unknown>, key?: string, survey = surveyId) => {
  const r = await call(sb, 'POST', `/surveys/${survey}/invitations`, { body, key });
  expect(r.status).toBe(202);
  return r.body as Invitation;
};
const getInvitation = async (id: string, key?: string) =>
  (await call(sb, 'GET', `/invitations/${id}`, { key })).body as Invitation;
const events = async (key?: string, type = 'invitation.failed') =>
  ((await call(sb, 'GET', `/events?type=${type}&limit=100`, { key })).body as { data: EventBody[] })
    .data;
const advance = (ms: number) => {
  clock += ms;
};
/**
 * A live and a test-mode subscription to `event`, at /live-<name> and /test-<name>: `delivered`
 * reads the bodies each one received, `remove` deletes both.
 */
const liveAndTestHooks = async (name: string, event: string) => {
  const subscribe = async (mode: 'live' | 'test', key?: string) =>
    (
      await call(sb, 'POST', '/webhooks', {
        key,
        body: { url: `${receiver.url}/${mode}-${name}`, events: [event] },
      })
    ).body as { id: string };
  const hooks = [await subscribe('live'), await subscribe('test', sb.keys.test)];
  return {
    delivered: (mode: 'live' | 'test') =>
      receiver.received
        .filter((r) => r.path === `/${mode}-${name}`)
        .map((r) => JSON.parse(r.body) as EventBody),
    remove: async () => {
      for (const hook of hooks) await call(sb, 'DELETE', `/webhooks/${hook.id}`);
    },
  };
};

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sb = await startSandbox({ analysisDelayMs: 20, retryScale: 0.0001, now: () => new Date(clock) });
  receiver = new Receiver();
  await receiver.start();
  const surveys = (await call(sb, 'GET', '/surveys')).body as { data: Array<{ id: string }> };
  surveyId = surveys.data[0]?.id ?? '';
  otherSurveyId = surveys.data[1]?.id ?? '';
});

afterAll(async () => {
  await sb.close();
  await receiver.stop();
});

describe('invitation lifecycle', () => {
  test('a scheduled invitation is sent when its send_at comes on the sandbox clock', async () => {
    const sendAt = clock + 3 * DAY;
    const inv = await invite({
      contact: { email: 'later@example.com' },
      send_at: iso(sendAt),
    });
    expect(inv).toMatchObject({
      status: 'scheduled',
      send_at: iso(sendAt),
      sent_at: null,
      failed_at: null,
      failure_reason: null,
      canceled_at: null,
      test: false,
    });
    advance(2 * DAY);
    expect((await getInvitation(inv.id)).status).toBe('scheduled');
    expect(sb.outbox().some((m) => m.invitationId === inv.id)).toBe(false);
    advance(DAY + 10 * 60_000);
    expect(await getInvitation(inv.id)).toMatchObject({ status: 'sent', sent_at: iso(sendAt) });
    expect(sb.outbox()).toContainEqual(
      expect.objectContaining({ invitationId: inv.id, channel: 'email', to: 'later@example.com' }),
    );
  });

  test('one without send_at goes out at once, also without another request', async () => {
    const inv = await invite({ contact: { email: 'now@example.com' } });
    expect(inv.status).toBe('scheduled');
    await waitFor(() => sb.outbox().some((m) => m.invitationId === inv.id));
    expect(await getInvitation(inv.id)).toMatchObject({ status: 'sent', sent_at: inv.send_at });
  });

  test('the sandbox rules: bounce.example, invalid.example and a phone ending in 0000 fail', async () => {
    const bounced = await invite({ contact: { email: 'Ana@Bounce.Example', name: 'Ana' } });
    const invalid = await invite({ contact: { email: 'bob@invalid.example' } });
    const phone = await invite({
      contact: { customer_id: 'SMS-FAIL-1', phone: '+34600100000' },
      channel: 'sms',
    });
    const smsOk = await invite({
      contact: { customer_id: 'SMS-OK-1', phone: '+34600123456' },
      channel: 'sms',
    });
    // in-app needs no address: the email's domain does not matter
    const inApp = await invite({ contact: { email: 'app@bounce.example' }, channel: 'in_app' });
    await sb.settle();
    expect(await getInvitation(bounced.id)).toMatchObject({
      status: 'failed',
      failure_reason: 'bounced',
      failed_at: bounced.send_at,
      sent_at: null,
    });
    expect(await getInvitation(invalid.id)).toMatchObject({
      status: 'failed',
      failure_reason: 'invalid_address',
    });
    expect(await getInvitation(phone.id)).toMatchObject({
      status: 'failed',
      failure_reason: 'unreachable',
    });
    expect((await getInvitation(smsOk.id)).status).toBe('sent');
    expect((await getInvitation(inApp.id)).status).toBe('sent');
    const failedIds = [bounced.id, invalid.id, phone.id];
    expect(sb.outbox().filter((m) => failedIds.includes(m.invitationId))).toEqual([]);

    // invitation.failed, listed by GET /events as a webhook delivers it
    const listed = (await events()).filter((e) => failedIds.includes(e.data.invitation?.id ?? ''));
    expect(listed.map((e) => e.data.invitation?.id).sort()).toEqual([...failedIds].sort());
    const ana = listed.find((e) => e.data.invitation?.id === bounced.id);
    expect(ana?.data.contact?.email).toBe('Ana@Bounce.Example');
    expect(ana?.data.invitation).toMatchObject({ status: 'failed', failure_reason: 'bounced' });
    for (const e of listed) validateEvent(e);
  });

  test('invitation.failed webhooks: signed, contract-valid, survey_id filter applies, response filters never match', async () => {
    const subscribe = async (path: string, filters?: Record<string, unknown>) =>
      (
        await call(sb, 'POST', '/webhooks', {
          body: { url: `${receiver.url}${path}`, events: ['invitation.failed'], filters },
        })
      ).body as { id: string; secret: string };
    const all = await subscribe('/failed-all');
    const mine = await subscribe('/failed-survey', { survey_id: surveyId });
    const other = await subscribe('/failed-other', { survey_id: otherSurveyId });
    const segments = await subscribe('/failed-segments', { segments: ['detractor'] });
    const inv = await invite({ contact: { email: 'carla@bounce.example' } });
    await sb.settle();
    const to = (path: string) => receiver.received.filter((r) => r.path === path);
    expect(to('/failed-all')).toHaveLength(1);
    expect(to('/failed-survey')).toHaveLength(1);
    expect(to('/failed-other')).toHaveLength(0);
    expect(to('/failed-segments')).toHaveLength(0);
    const [delivery] = to('/failed-all');
    const body = JSON.parse(delivery?.body ?? '{}') as EventBody;
    validateEvent(body);
    expect(body).toMatchObject({
      type: 'invitation.failed',
      data: { invitation: { id: inv.id, failure_reason: 'bounced' } },
    });
    // Signed at the sandbox's (driven) time: the signature is checked at that time.
    const headers = delivery?.headers ?? {};
    const signedAt = new Date(Number(headers['webhook-timestamp']) * 1000);
    expect(headers['webhook-signature']).toBe(
      new Webhook(all.secret).sign(String(headers['webhook-id']), signedAt, delivery?.body ?? ''),
    );
    for (const hook of [all, mine, other, segments])
      await call(sb, 'DELETE', `/webhooks/${hook.id}`);
  });

  test('an opt-out before send_at: skipped as unsubscribed when due, never sent', async () => {
    const inv = await invite({
      contact: { email: 'optout@example.com' },
      send_at: iso(clock + DAY),
    });
    await call(sb, 'POST', `/contacts/${inv.contact_id}/unsubscribe`);
    advance(DAY + 60 * 60_000);
    expect(await getInvitation(inv.id)).toMatchObject({
      status: 'skipped',
      skip_reason: 'unsubscribed',
      sent_at: null,
    });
    expect(sb.outbox().some((m) => m.invitationId === inv.id)).toBe(false);
  });
});

describe('cancel', () => {
  test('a scheduled invitation is canceled, never sent, and no longer holds back the next one', async () => {
    const email = 'cancel.me@example.com';
    const inv = await invite({ contact: { email }, send_at: iso(clock + 2 * DAY) });
    // while it is scheduled, the throttle skips another survey to the same person
    expect((await invite({ contact: { email } })).status).toBe('skipped');
    const canceled = await call(sb, 'POST', `/invitations/${inv.id}/cancel`);
    expect(canceled.body).toMatchObject({
      id: inv.id,
      status: 'canceled',
      canceled_at: iso(Math.floor(clock / 1000) * 1000),
      sent_at: null,
    });
    advance(10 * 60_000);
    const again = await call(sb, 'POST', `/invitations/${inv.id}/cancel`);
    expect(again).toMatchObject({ status: 200, body: canceled.body as object });
    advance(3 * DAY);
    expect((await getInvitation(inv.id)).status).toBe('canceled');
    expect(sb.outbox().some((m) => m.invitationId === inv.id)).toBe(false);
    // the canceled survey never reached them: the next one is not "recently surveyed"
    expect((await invite({ contact: { email } })).status).toBe('scheduled');
  });

  test('sent, failed and skipped invitations cannot be canceled: 409 naming the status', async () => {
    const sent = await invite({ contact: { email: 'sent.one@example.com' } });
    const failed = await invite({ contact: { email: 'failed.one@bounce.example' } });
    const skipped = await invite({ contact: { email: 'sent.one@example.com' } });
    expect(skipped.status).toBe('skipped');
    await sb.settle();
    for (const [inv, status] of [
      [sent, 'sent'],
      [failed, 'failed'],
      [skipped, 'skipped'],
    ] as const) {
      const r = await call(sb, 'POST', `/invitations/${inv.id}/cancel`);
      expect(r.status).toBe(409);
      const error = (r.body as { error: { type: string; message: string } }).error;
      expect(error.type).toBe('invitation_not_cancelable');
      expect(error.message).toContain(status);
      expect((await getInvitation(inv.id)).status).toBe(status);
    }
  });

  test('unknown ids are 404; a read-only key cannot cancel', async () => {
    expect((await call(sb, 'GET', '/invitations/inv_missing')).status).toBe(404);
    expect((await call(sb, 'POST', '/invitations/inv_missing/cancel')).status).toBe(404);
    const inv = await invite({ contact: { email: 'ro@example.com' }, send_at: iso(clock + DAY) });
    expect(
      (await call(sb, 'POST', `/invitations/${inv.id}/cancel`, { key: sb.keys.readOnly })).status,
    ).toBe(403);
    expect((await getInvitation(inv.id, sb.keys.readOnly)).status).toBe('scheduled');
  });
});

describe('test mode', () => {
  test('a test key’s invitation progresses like a live one but reaches no one and throttles nothing', async () => {
    const email = 'trial.run@example.com';
    const inv = await invite({ contact: { email } }, sb.keys.test);
    expect(inv).toMatchObject({ status: 'scheduled', test: true });
    await sb.settle();
    expect(await getInvitation(inv.id)).toMatchObject({ status: 'sent', test: true });
    expect(sb.outbox().some((m) => m.invitationId === inv.id)).toBe(false);
    // live: not "recently surveyed" by the test run, and delivered
    const live = await invite({ contact: { email } });
    expect(live).toMatchObject({ status: 'scheduled', test: false });
    await sb.settle();
    expect(sb.outbox().some((m) => m.invitationId === live.id)).toBe(true);
  });

  test('a failed test invitation reaches test subscriptions and test listings only', async () => {
    const hooks = await liveAndTestHooks('failed', 'invitation.failed');
    const testInv = await invite({ contact: { email: 'dora@bounce.example' } }, sb.keys.test);
    const liveInv = await invite({ contact: { email: 'eva@bounce.example' } });
    await sb.settle();
    const ids = (mode: 'live' | 'test') => hooks.delivered(mode).map((e) => e.data.invitation?.id);
    expect(ids('live')).toEqual([liveInv.id]);
    expect(ids('test').sort()).toEqual([liveInv.id, testInv.id].sort());
    const listedLive = (await events()).map((e) => e.data.invitation?.id);
    expect(listedLive).toContain(liveInv.id);
    expect(listedLive).not.toContain(testInv.id);
    const listedTest = (await events(sb.keys.test)).map((e) => e.data.invitation?.id);
    expect(listedTest).toEqual(expect.arrayContaining([liveInv.id, testInv.id]));
    await hooks.remove();
  });

  test('test responses: flagged, out of metrics unless include_test, unseen by live subscriptions', async () => {
    const range = `since=${iso(clock - DAY)}&until=${iso(clock + 60 * 60_000)}`;
    const metrics = async (query = '') =>
      (await call(sb, 'GET', `/metrics/nps?${range}${query}`)).body as {
        responses: number;
        detractors: number;
      };
    const before = await metrics();
    const beforeAll = await metrics('&include_test=true');
    const hooks = await liveAndTestHooks('responses', 'response.created');
    const email = 'frank.tester@example.com';
    const liveAnswer = await call(sb, 'POST', '/responses', {
      body: { survey_id: surveyId, score: 9, contact: { email } },
    });
    const testAnswer = await call(sb, 'POST', '/responses', {
      key: sb.keys.test,
      body: { survey_id: surveyId, score: 2, comment: 'Trying the zap.', contact: { email } },
    });
    expect(liveAnswer.body).toMatchObject({ test: false });
    expect(testAnswer.body).toMatchObject({ test: true });
    const testId = (testAnswer.body as { id: string }).id;
    const liveId = (liveAnswer.body as { id: string }).id;
    // the contact's NPS and the next live answer's `previous` ignore the test answer
    expect(testAnswer.body).toMatchObject({ contact: { nps: { latest_score: 9 } } });
    expect((await metrics()).responses).toBe(before.responses + 1);
    const withTest = await metrics('&include_test=true');
    expect(withTest.responses).toBe(beforeAll.responses + 2);
    expect(withTest.detractors).toBe(beforeAll.detractors + 1);
    await sb.settle();
    const ids = (mode: 'live' | 'test') => hooks.delivered(mode).map((e) => e.data.response?.id);
    expect(ids('live')).toEqual([liveId]);
    expect(ids('test').sort()).toEqual([liveId, testId].sort());
    const listed = async (key?: string) =>
      (await events(key, 'response.created')).map((e) => e.data.response?.id);
    expect(await listed()).not.toContain(testId);
    expect(await listed(sb.keys.test)).toEqual(expect.arrayContaining([liveId, testId]));
    // GET /responses shows the workspace's records to both keys, each flagged
    const one = await call(sb, 'GET', `/responses/${testId}`);
    expect(one.body).toMatchObject({ id: testId, test: true });
    await hooks.remove();
  });

  test('invitation events need surveys:read', async () => {
    const responsesOnly = sb.createKey(['responses:read']);
    expect(
      (await call(sb, 'GET', '/events?type=invitation.failed', { key: responsesOnly })).body,
    ).toMatchObject({ error: { type: 'permission_denied', required_scope: 'surveys:read' } });
    const all = (await call(sb, 'GET', '/events?limit=100', { key: responsesOnly })).body as {
      data: EventBody[];
    };
    expect(all.data.every((e) => e.type.startsWith('response.'))).toBe(true);
  });

  test('the controls: send-due and the outbox over HTTP', async () => {
    const inv = await invite({ contact: { email: 'ctl@example.com' }, send_at: iso(clock + DAY) });
    advance(DAY + 60_000);
    const sent = await control(sb, 'POST', '/_sandbox/invitations/send-due');
    expect(sent.status).toBe(200);
    expect((sent.body as { sent: number }).sent).toBeGreaterThanOrEqual(1);
    expect(sb.sendDueInvitations()).toBe(0);
    const box = (await control(sb, 'GET', '/_sandbox/outbox')).body as {
      data: Array<{ invitationId: string }>;
    };
    expect(box.data.map((m) => m.invitationId)).toContain(inv.id);
  });
});
