import nock from 'nock';
import recordResponse from '../../creates/record_response.js';
import { toResponseRecord } from '../../records/response.js';
import { BASE_URL } from '../helpers/app.js';
import { runAsZapier, zapierStep, type ZapierInput } from '../helpers/zapier-run.js';
import { TRICKY_VALUE, recordedResponseFixture } from '../fixtures/actions.js';
import { recordKeys } from './keys.js';
import { failsBeforeAnyRequest, serveContactProperties } from './run.js';

const ZAP = { zap: { id: '777' }, timezone: null };

beforeEach(() => {
  serveContactProperties();
});

describe('record_response', () => {
  it('POSTs /responses with the normalised inputs and an Idempotency-Key; outputs the response record', async () => {
    const keys: string[] = [];
    const scope = nock(BASE_URL);
    recordKeys(
      scope.post('/responses', {
        survey_id: 'srv_q3nps',
        score: 10,
        comment: 'Great support on the phone.',
        contact: {
          email: 'james.oconnor@globex.com',
          customer_id: TRICKY_VALUE,
          name: "James O'Connor",
        },
        submitted_at: '2026-11-19T15:00:00Z',
        language: 'en',
        tags: ['phone-interview', 'q4'],
        properties: { source: 'call' },
      }),
      keys,
    ).reply(201, recordedResponseFixture);
    const result = await runAsZapier(
      recordResponse,
      {
        survey_id: 'srv_q3nps',
        score: '10',
        comment: 'Great support on the phone.',
        email: 'James.OConnor@globex.com',
        customer_id: TRICKY_VALUE,
        name: "James O'Connor",
        company: '',
        submitted_at: '2026-11-19T16:00:00+01:00',
        language: 'en',
        tags: ['phone-interview', 'q4', ''],
        properties: { source: 'call' },
        label_language: 'fr',
      },
      { meta: ZAP },
    );
    expect(result).toEqual(toResponseRecord(recordedResponseFixture, 'fr'));
    expect(result.segment_label).toBe('Promoteur');
    expect(keys[0]).toMatch(/^zapier-record_response-[0-9a-f]{64}$/);
    scope.done();
  });

  it('sends the same Idempotency-Key on a replay and a different one for another score', async () => {
    const keys: string[] = [];
    const scope = nock(BASE_URL);
    for (let i = 0; i < 3; i += 1)
      recordKeys(scope.post('/responses'), keys).reply(201, recordedResponseFixture);
    const input = { survey_id: 'srv_q3nps', score: '9', email: 'a@b.co' };
    await runAsZapier(recordResponse, input, { meta: ZAP });
    await runAsZapier(recordResponse, { ...input, score: ' 9 ' }, { meta: ZAP });
    await runAsZapier(recordResponse, { ...input, score: '8' }, { meta: ZAP });
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    scope.done();
  });

  it('takes Score as the text the user mapped (issue 16, item 1): declared as text, so Zapier does not parse it', async () => {
    const step = await zapierStep(recordResponse, {
      survey_id: 'srv_q3nps',
      score: 'ten',
      email: 'a@b.co',
    });
    expect(step.fields.find((field) => field.key === 'score')).toMatchObject({ type: 'string' });
    expect(step.bundle.inputData.score).toBe('ten');
  });

  it.each([
    // A form's text answer mapped into Score: Zapier's own parsing would record 0, 7 or 9.
    ['ten', /Score \(score\) must be a whole number from 0 to 10\./],
    ['7.5', /Score \(score\) must be a whole number from 0 to 10\./],
    ['9/10', /Score \(score\) must be a whole number from 0 to 10\./],
    ['1e1', /Score \(score\) must be a whole number from 0 to 10\./],
    ['11', /Score \(score\) must be a whole number from 0 to 10; got 11/],
    ['-1', /Score \(score\) must be a whole number from 0 to 10; got -1/],
  ])('refuses Score "%s" before any request, naming the field', async (score, message) => {
    const step = await zapierStep(recordResponse, {
      survey_id: 'srv_q3nps',
      score,
      email: 'a@b.co',
    });
    const error = await failsBeforeAnyRequest(() => step.perform());
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });

  it.each<[ZapierInput, RegExp]>([
    [{ survey_id: 'srv_q3nps', email: 'a@b.co' }, /Score \(score\) is required/],
    [{ survey_id: 'srv_q3nps', score: '  ', email: 'a@b.co' }, /Score \(score\) is required/],
    [{ survey_id: '', score: '5', email: 'a@b.co' }, /Survey \(survey_id\) is required/],
    [{ survey_id: 'srv_q3nps', score: '5' }, /needs at least one of Contact Email/],
    [
      { survey_id: 'srv_q3nps', score: '5', email: 'a@@b' },
      /Contact Email \(email\) must be a valid email/,
    ],
    [
      {
        survey_id: 'srv_q3nps',
        score: '5',
        email: 'a@b.co',
        submitted_at: new Date(Date.now() + 86_400_000).toISOString(),
      },
      /Submitted At \(submitted_at\) must not be in the future/,
    ],
    [
      { survey_id: 'srv_q3nps', score: '5', email: 'a@b.co', properties: { '1plan': 'x' } },
      /Response Properties \(properties\) has an invalid key "1plan"/,
    ],
    [
      { survey_id: 'srv_q3nps', score: '5', email: 'a@b.co', tags: ['x'.repeat(65)] },
      /Tags \(tags\) has a tag longer than 64/,
    ],
    [
      { survey_id: 'srv_q3nps', score: '5', email: 'a@b.co', label_language: 'ja' },
      /Segment Label Language \(label_language\) must be one of/,
    ],
    [
      { survey_id: 'srv_q3nps', score: '5', pipedrive_person_id: '54321a' },
      /Pipedrive Person ID \(pipedrive_person_id\) must be a whole number/,
    ],
  ])('rejects %j before any request', async (input, message) => {
    const step = await zapierStep(recordResponse, input);
    const error = await failsBeforeAnyRequest(() => step.perform());
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });

  it('never echoes the comment in an error', async () => {
    const comment = 'Private words from the respondent';
    const step = await zapierStep(recordResponse, {
      survey_id: 'srv_q3nps',
      score: 'ten, because of the support',
      comment,
      email: 'a@b.co',
    });
    const error = await failsBeforeAnyRequest(() => step.perform());
    expect(error.message).not.toContain(comment);
    expect(error.message).not.toContain('because of the support');
  });
});
