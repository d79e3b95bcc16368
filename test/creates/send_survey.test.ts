import nock from 'nock';
import sendSurvey from '../../creates/send_survey.js';
import { BASE_URL, errorOf } from '../helpers/app.js';
import {
  TRICKY_VALUE,
  emailNeededFixture,
  scheduledInvitationFixture,
  skippedInvitationFixture,
} from '../fixtures/actions.js';
import { recordKeys } from './keys.js';
import { runAsZapier, type ZapierInput } from '../helpers/zapier-run.js';
import { refusedBeforeAnyRequest, serveContactProperties } from './run.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ZAP = {
  zap: { id: '123456', user: { timezone: 'Europe/Madrid' } },
  timezone: 'Europe/Madrid',
};

/** Intercepts one invitation POST and records the Idempotency-Key it carried. */
const interceptInvitation = (
  keys: string[],
  body?: nock.DataMatcherMap | ((body: { send_at?: string }) => boolean),
  reply = scheduledInvitationFixture,
) =>
  recordKeys(
    nock(BASE_URL)
      .post('/surveys/srv_q3nps/invitations', body ?? (() => true))
      .matchHeader('content-type', 'application/json'),
    keys,
  ).reply(202, reply);

beforeEach(() => {
  serveContactProperties();
});

describe('send_survey', () => {
  it('POSTs the invitation with only the filled inputs and an Idempotency-Key', async () => {
    const sendAt = iso(Date.now() + 3 * DAY);
    const keys: string[] = [];
    const scope = interceptInvitation(keys, {
      contact: {
        email: 'maria.garcia@acme.com',
        crm_ids: { salesforce_contact_id: '003A1b2C3D4E5F6' },
        name: 'María García',
        phone: '+34612345678',
        locale: 'es-ES',
      },
      channel: 'sms',
      send_at: sendAt,
      respect_throttle: true,
      properties: { deal_id: '4711' },
    });
    const result = await runAsZapier(
      sendSurvey,
      {
        survey_id: 'srv_q3nps',
        email: 'Maria.Garcia@acme.com ',
        salesforce_contact_id: '003A1b2C3D4E5F6',
        customer_id: '',
        name: 'María García',
        phone: '+34 612-345-678',
        locale: 'es-ES',
        channel: 'sms',
        send_at: sendAt,
        respect_throttle: 'true',
        properties: { deal_id: '4711' },
      },
      { meta: ZAP },
    );
    // A 1.2 answer (no 1.3 fields): the record still has them, empty.
    expect(result).toEqual({
      ...scheduledInvitationFixture,
      sent_at: null,
      failed_at: null,
      failure_reason: null,
      canceled_at: null,
      test: false,
      scheduled: true,
    });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^zapier-send_survey-[0-9a-f]{64}$/);
    expect(keys[0]!.length).toBeLessThanOrEqual(255);
    scope.done();
  });

  it('sends the same Idempotency-Key on a replay, and a different one when an input or the zap changes', async () => {
    const keys: string[] = [];
    const input = { survey_id: 'srv_q3nps', email: 'maria.garcia@acme.com', channel: 'email' };
    interceptInvitation(keys);
    interceptInvitation(keys);
    interceptInvitation(keys);
    interceptInvitation(keys);
    interceptInvitation(keys);
    await runAsZapier(sendSurvey, input, { meta: ZAP });
    await runAsZapier(sendSurvey, { ...input, email: ' MARIA.garcia@acme.com' }, { meta: ZAP }); // same after normalising
    await runAsZapier(sendSurvey, { ...input, channel: 'in_app' }, { meta: ZAP });
    await runAsZapier(sendSurvey, input, { meta: { zap: { id: '999' } } });
    await runAsZapier(sendSurvey, input);
    const [first, replay, changed, otherZap, noZap] = keys;
    expect(replay).toBe(first);
    expect(changed).not.toBe(first);
    expect(otherZap).not.toBe(first);
    expect(noZap).not.toBe(first);
    expect(noZap).toMatch(/^zapier-send_survey-[0-9a-f]{64}$/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reads a Send At without an offset as the zap’s local time', async () => {
    const day = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
    const keys: string[] = [];
    // Europe/Madrid is UTC+1 in winter and UTC+2 in summer.
    const madrid = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Madrid',
      timeZoneName: 'shortOffset',
    })
      .formatToParts(new Date(`${day}T09:00:00Z`))
      .find((part) => part.type === 'timeZoneName')?.value;
    const hourUtc = madrid === 'GMT+2' ? '07' : '08';
    const scope = interceptInvitation(keys, {
      contact: { email: 'maria.garcia@acme.com' },
      // A zap stores the fields' defaults: Channel email, Respect Survey Throttling yes.
      channel: 'email',
      send_at: `${day}T${hourUtc}:00:00Z`,
      respect_throttle: true,
    });
    await runAsZapier(
      sendSurvey,
      { survey_id: 'srv_q3nps', email: 'maria.garcia@acme.com', send_at: `${day}T09:00` },
      { meta: ZAP },
    );
    scope.done();
  });

  it('sends a relative Send At ("in 3 days") as Zapier resolves it: that day, 09:00 in the zap’s zone', async () => {
    const sent: string[] = [];
    const scope = interceptInvitation([], (body: { send_at?: string }) => {
      sent.push(String(body.send_at));
      return true;
    });
    await runAsZapier(
      sendSurvey,
      { survey_id: 'srv_q3nps', email: 'maria.garcia@acme.com', send_at: 'in 3 days' },
      { meta: ZAP },
    );
    const inMadrid = (ms: number, part: 'day' | 'time') =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Europe/Madrid',
        ...(part === 'day'
          ? { year: 'numeric', month: '2-digit', day: '2-digit' }
          : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      }).format(new Date(ms));
    const at = Date.parse(sent[0] ?? '');
    expect(inMadrid(at, 'day')).toBe(inMadrid(Date.now() + 3 * DAY, 'day'));
    expect(inMadrid(at, 'time')).toBe('09:00');
    scope.done();
  });

  it('keeps the Idempotency-Key when a replay resolves a relative Send At to another time', async () => {
    const keys: string[] = [];
    const input = { survey_id: 'srv_q3nps', email: 'maria.garcia@acme.com' };
    interceptInvitation(keys);
    interceptInvitation(keys);
    await runAsZapier(sendSurvey, { ...input, send_at: iso(Date.now() + 3 * DAY) }, { meta: ZAP });
    await runAsZapier(
      sendSurvey,
      { ...input, send_at: iso(Date.now() + 3 * DAY + 3_600_000) },
      { meta: ZAP },
    );
    expect(keys[1]).toBe(keys[0]);
  });

  it('explains a replay the platform refused as idempotency_mismatch: nothing was sent twice', async () => {
    nock(BASE_URL)
      .post('/surveys/srv_q3nps/invitations')
      .reply(409, {
        error: {
          type: 'idempotency_mismatch',
          message: 'This Idempotency-Key was used with another body.',
        },
      });
    const error = await errorOf(() =>
      runAsZapier(
        sendSurvey,
        { survey_id: 'srv_q3nps', email: 'maria.garcia@acme.com' },
        { meta: ZAP },
      ),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/already ran in the last 24 hours/);
    expect(error.message).toMatch(/nothing was sent twice/);
  });

  it('reports a skipped invitation as a result with scheduled false and the reason, not an error', async () => {
    const keys: string[] = [];
    const scope = interceptInvitation(keys, undefined, skippedInvitationFixture);
    const result = await runAsZapier(sendSurvey, {
      survey_id: 'srv_q3nps',
      customer_id: TRICKY_VALUE,
    });
    expect(result).toMatchObject({
      status: 'skipped',
      scheduled: false,
      skip_reason: 'recently_surveyed',
    });
    scope.done();
  });

  it('sends a customer id with / ? # % .. and emoji intact in the body', async () => {
    const keys: string[] = [];
    const scope = interceptInvitation(keys, {
      contact: { customer_id: TRICKY_VALUE },
      channel: 'email',
      respect_throttle: true,
    });
    await runAsZapier(sendSurvey, { survey_id: 'srv_q3nps', customer_id: TRICKY_VALUE });
    scope.done();
  });

  it('sends a past send_at as given (the platform sends it now)', async () => {
    const past = '2020-01-01T00:00:00Z';
    const keys: string[] = [];
    const scope = interceptInvitation(keys, {
      contact: { email: 'a@b.co' },
      channel: 'email',
      send_at: past,
      respect_throttle: true,
    });
    await runAsZapier(sendSurvey, { survey_id: 'srv_q3nps', email: 'a@b.co', send_at: past });
    scope.done();
  });

  it('passes the API 422 on (an email is needed for the email channel)', async () => {
    nock(BASE_URL).post('/surveys/srv_q3nps/invitations').reply(422, emailNeededFixture);
    const error = await errorOf(() =>
      runAsZapier(sendSurvey, { survey_id: 'srv_q3nps', customer_id: 'CUST-1' }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/needs an email address/);
    expect(error.message).toMatch(/contact\.email/);
  });

  it.each<[ZapierInput, RegExp]>([
    [{ email: 'a@b.co' }, /Survey \(survey_id\) is required/],
    [{ survey_id: 'srv_q3nps' }, /needs at least one of Contact Email, Customer ID/],
    [
      { survey_id: 'srv_q3nps', email: '', name: 'Only a name' },
      /needs at least one of Contact Email/,
    ],
    [{ survey_id: 'srv_q3nps', email: 'maria@' }, /Contact Email \(email\) must be a valid email/],
    [
      { survey_id: 'srv_q3nps', email: 'a@b.co', phone: '0034 612' },
      /Contact Phone \(phone\) must be in international E\.164/,
    ],
    [
      { survey_id: 'srv_q3nps', email: 'a@b.co', channel: 'whatsapp' },
      /Channel \(channel\) must be one of: email, sms, in_app/,
    ],
    [
      { survey_id: 'srv_q3nps', email: 'a@b.co', send_at: iso(Date.now() + 31 * DAY) },
      /Send At \(send_at\) must be at most 30 days ahead/,
    ],
    [
      { survey_id: 'srv_q3nps', email: 'a@b.co', properties: { 'deal-id': '1' } },
      /Response Properties \(properties\) has an invalid key "deal-id"/,
    ],
    [
      { survey_id: 'srv_q3nps', pipedrive_person_id: 'ten' },
      /Pipedrive Person ID \(pipedrive_person_id\) must be a whole number/,
    ],
  ])('rejects %j before any request', async (input, message) => {
    const error = await refusedBeforeAnyRequest(sendSurvey, input);
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });
});
