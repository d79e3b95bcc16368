/**
 * Typed workspace property values (fields/property-values.ts): each type sent right, each bad
 * value refused before any request, naming the field.
 */
import nock from 'nock';
import recordResponse from '../../creates/record_response.js';
import sendSurvey from '../../creates/send_survey.js';
import upsertContact from '../../creates/upsert_contact.js';
import { invitationSample } from '../../creates/send_survey.js';
import { contactFixture, responseFixture } from '../fixtures/actions.js';
import { BASE_URL } from '../helpers/app.js';
import { runAsZapier, zapierStep, type ZapierInput } from '../helpers/zapier-run.js';
import { failsBeforeAnyRequest, serveContactProperties } from '../creates/run.js';

afterEach(() => nock.cleanAll());

/** Runs Create or Update Contact for María with `input`; its PUT must send `properties`. */
const upsertSends = async (
  properties: Record<string, string | number | boolean>,
  input: ZapierInput,
): Promise<void> => {
  const scope = nock(BASE_URL)
    .put('/contacts', { email: 'maria.garcia@acme.com', properties })
    .query({ match_on: 'email' })
    .reply(200, contactFixture);
  await runAsZapier(upsertContact, {
    identity_key: 'email',
    identity_value: 'maria.garcia@acme.com',
    ...input,
  });
  scope.done();
};

describe('typed values: sent as their type', () => {
  beforeEach(() => {
    serveContactProperties();
  });

  const typedInput = {
    property__plan: 'Enterprise',
    property__seats: ' 40 ',
    property__renewal_date: '2026-03-01T00:00:00+01:00',
    property__churn_risk: 'yes',
    property__region: 'emea',
  };
  const typedBody = {
    plan: 'enterprise',
    seats: 40,
    renewal_date: '2026-03-01',
    churn_risk: true,
    region: 'emea',
  };

  it('upsert_contact: typed values join the properties dict; a key given both ways uses the typed field', async () => {
    await upsertSends(
      { ...typedBody, legacy_code: 'A7' },
      { properties: { plan: 'free', legacy_code: 'A7' }, ...typedInput },
    );
  });

  it('send_survey and record_response: typed values go to the contact', async () => {
    const invite = nock(BASE_URL)
      .post('/surveys/srv_q3nps/invitations', {
        contact: { email: 'maria.garcia@acme.com', properties: typedBody },
        channel: 'email',
        respect_throttle: true,
      })
      .reply(201, invitationSample);
    await runAsZapier(sendSurvey, {
      survey_id: 'srv_q3nps',
      email: 'maria.garcia@acme.com',
      ...typedInput,
    });
    invite.done();

    const post = nock(BASE_URL)
      .post('/responses', {
        survey_id: 'srv_q3nps',
        score: 3,
        contact: { email: 'maria.garcia@acme.com', properties: { seats: 2.5, churn_risk: false } },
      })
      .reply(201, responseFixture);
    await runAsZapier(recordResponse, {
      survey_id: 'srv_q3nps',
      score: '3',
      email: 'maria.garcia@acme.com',
      property__seats: '2.5',
      property__churn_risk: 'false',
      property__region: '  ',
    });
    post.done();
  });

  it('a date-only value is sent as given; an enum value as its option value', async () => {
    await upsertSends(
      { renewal_date: '2027-01-31', plan: 'growth' },
      { property__renewal_date: '2027-01-31', property__plan: 'growth' },
    );
  });

  // Issue 16, item 1: the forms the help promises, read exactly (docs/crm-mapping.md).
  it.each<[string, ZapierInput, Record<string, string | number | boolean>]>([
    ['1,200 (commas group thousands)', { property__seats: '1,200' }, { seats: 1200 }],
    ['1,200.5', { property__seats: '1,200.5' }, { seats: 1200.5 }],
    ['1.200,5 (European)', { property__seats: '1.200,5' }, { seats: 1200.5 }],
    ['1 200,5 (spaces group thousands)', { property__seats: '1\u00a0200,5' }, { seats: 1200.5 }],
    ['2,5 (decimal comma)', { property__seats: '2,5' }, { seats: 2.5 }],
    ['0.125', { property__seats: '0.125' }, { seats: 0.125 }],
    ['-3', { property__seats: '-3' }, { seats: -3 }],
    ['YES', { property__churn_risk: 'YES' }, { churn_risk: true }],
    ['0', { property__churn_risk: '0' }, { churn_risk: false }],
    ['no', { property__churn_risk: 'no' }, { churn_risk: false }],
    [
      'a date-time with its zone: the day as written',
      { property__renewal_date: '2027-03-01T23:30:00-05:00' },
      { renewal_date: '2027-03-01' },
    ],
    [
      'a date-time in UTC',
      { property__renewal_date: '2027-03-01T08:00:00Z' },
      { renewal_date: '2027-03-01' },
    ],
  ])('reads %s', async (_name, input, properties) => {
    await upsertSends(properties, input);
  });
});

describe('typed values: a bad one is refused before any request, naming the field', () => {
  beforeEach(() => {
    serveContactProperties();
  });

  const bad: Array<[string, ZapierInput, RegExp]> = [
    // Issue 16's table: Zapier's own parsing would write seats 0, churn_risk true and today.
    [
      'a number field with "ten"',
      { property__seats: 'ten' },
      /^Seats \(property__seats\) must be a number like 40/,
    ],
    [
      'a boolean that is not one ("maybe")',
      { property__churn_risk: 'maybe' },
      /^Churn Risk \(property__churn_risk\) must be true or false/,
    ],
    [
      'a date in words ("next renewal")',
      { property__renewal_date: 'next renewal' },
      /^Renewal Date \(property__renewal_date\) must be a date like 2026-03-01/,
    ],
    [
      'a number field with "4O"',
      { property__seats: '4O' },
      /^Seats \(property__seats\) must be a number/,
    ],
    [
      'a number with a currency sign',
      { property__seats: '$40' },
      /^Seats \(property__seats\) must be a number/,
    ],
    [
      'an ambiguous 1.200',
      { property__seats: '1.200' },
      /^Seats \(property__seats\) is ambiguous: 1200 if its dot separates thousands, 1\.2 if it is a decimal point\. Write 1200 or 1,200 for the first, 1\.2 for the second\./,
    ],
    [
      'a number with two decimal marks',
      { property__seats: '1.200.5' },
      /^Seats \(property__seats\) must be a number/,
    ],
    [
      'a boolean in words ("nope")',
      { property__churn_risk: 'nope' },
      /^Churn Risk \(property__churn_risk\) must be true or false/,
    ],
    [
      'a date in words ("tomorrow")',
      { property__renewal_date: 'tomorrow' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
    [
      'a date-time without a zone',
      { property__renewal_date: '2026-03-01T09:00:00' },
      /^Renewal Date \(property__renewal_date\) must be a date like 2026-03-01, or a date and time with its time zone/,
    ],
    [
      'a date in another order',
      { property__renewal_date: '03/01/2026' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
    [
      'a date that is not a date (30 February)',
      { property__renewal_date: '2026-02-30' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
    [
      'a date-time on a day that does not exist',
      { property__renewal_date: '2026-02-30T00:00:00Z' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
    [
      'an enum value not in its options',
      { property__plan: 'platinum' },
      /^Plan \(property__plan\) must be one of its options: free, starter, growth, pro, enterprise; got "platinum"/,
    ],
    [
      'a text over 1,000 characters',
      { property__region: 'x'.repeat(1001) },
      /^Region \(property__region\) is too long/,
    ],
  ];

  it.each(bad)('upsert_contact: %s', async (_name, input, message) => {
    const step = await zapierStep(upsertContact, {
      identity_key: 'email',
      identity_value: 'maria.garcia@acme.com',
      ...input,
    });
    const error = await failsBeforeAnyRequest(() => step.perform());
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['send_survey', sendSurvey, { survey_id: 'srv_q3nps', email: 'a@b.co' }],
    ['record_response', recordResponse, { survey_id: 'srv_q3nps', score: '5', email: 'a@b.co' }],
  ])('%s: refuses the same way', async (_key, definition, input) => {
    for (const [, extra, message] of bad.slice(0, 3)) {
      serveContactProperties();
      const step = await zapierStep(definition, { ...input, ...extra });
      const error = await failsBeforeAnyRequest(() => step.perform());
      expect(error.message).toMatch(message);
    }
  });
});
