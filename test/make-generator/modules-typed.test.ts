/**
 * Typed inputs as Make hands them over (issue 16: never a silent wrong value): scores, CRM ids
 * and typed contact properties, run by the local IML runtime against the sandbox.
 */
import { attachWebhook, type Rec } from '../../iml-runtime/runner.js';
import { readDay, readYesNo } from '../../lib/typed.js';
import { DATE_PATTERN } from '../../make-generator/iml.js';
import {
  app,
  connection,
  EMAIL,
  errorOf,
  receiver,
  run,
  sandbox,
  seen,
  surveyId,
  useMakeApp,
} from './make-app.js';

useMakeApp();

describe('typed inputs as Make hands them over (issue 16: never a silent wrong value)', () => {
  /** The module fails with Make's validation error naming the parameter, before any request. */
  const refusedByMake = async (id: string, parameters: Rec, name: string) => {
    const before = sandbox.requestLog().length;
    const error = (await errorOf(run(id, parameters))) as Error & {
      type?: string;
      requests?: unknown[];
    };
    expect(error.type).toBe('BundleValidationError');
    expect(error.message).toContain(`'${name}'`);
    expect(error.requests).toEqual([]);
    expect(sandbox.requestLog().length).toBe(before);
  };

  it('Score of Record an NPS Response: "ten", "7.5", "9/10", 11 and -1 stop the module; "7" is recorded as 7', async () => {
    for (const score of ['ten', '7.5', '9/10', 11, -1, '100 units']) {
      await refusedByMake('recordResponse', { survey_id: surveyId, score, email: EMAIL }, 'score');
    }
    const recorded = await run('recordResponse', {
      survey_id: surveyId,
      score: ' 7 ',
      email: EMAIL,
    });
    expect((seen(recorded.requests[0]).body as Rec).score).toBe(7);
    expect(recorded.outputs[0]).toMatchObject({ score: 7, segment: 'passive' });
  });

  it('Minimum / Maximum Score of the Watch trigger and Search Responses: whole numbers 0-10', async () => {
    await expect(
      attachWebhook(app, 'newResponse', {
        parameters: { min_score: 'six' },
        connection,
        webhookUrl: receiver.url('make-typed-min'),
      }),
    ).rejects.toMatchObject({ type: 'BundleValidationError' });
    await refusedByMake('searchResponses', { max_score: 12 }, 'max_score');
    const found = await run('searchResponses', { min_score: '9', limit: 5 });
    expect(seen(found.requests[0]).query).toMatchObject({ min_score: '9' });
    expect((found.outputs as Rec[]).every((r) => Number(r.score) >= 9)).toBe(true);
  });

  it('Pipedrive Person ID: "54321a" stops the module; "54321" is sent as the number 54321', async () => {
    await refusedByMake(
      'sendSurvey',
      { survey_id: surveyId, pipedrive_person_id: '54321a', email: 'pd.typed@example.com' },
      'pipedrive_person_id',
    );
    const sent = await run('sendSurvey', {
      survey_id: surveyId,
      pipedrive_person_id: '54321',
      email: 'pd.typed@example.com',
    });
    expect((seen(sent.requests[0]).body as { contact: Rec }).contact).toMatchObject({
      crm_ids: { pipedrive_person_id: 54321 },
    });
  });

  it('a number property: "ten" stops the module; "40" is written as 40', async () => {
    const base = { identity_key: 'email', identity_value: 'typed.numbers@example.com' };
    await refusedByMake('upsertContact', { ...base, typed_properties: { seats: 'ten' } }, 'seats');
    const written = await run('upsertContact', { ...base, typed_properties: { seats: '40' } });
    expect((seen(written.requests[0]).body as Rec).properties).toEqual({ seats: 40 });
  });

  it('a yes/no property: picked Yes / No, or a mapped true/false/yes/no/1/0 in any case; "maybe" is refused, never written as yes', async () => {
    const base = { identity_key: 'email', identity_value: 'typed.flags@example.com' };
    const written = async (value: unknown) => {
      const result = await run('upsertContact', {
        ...base,
        typed_properties: { churn_risk__yesno: value },
      });
      return ((seen(result.requests[0]).body as Rec).properties as Rec).churn_risk;
    };
    // Make's own boolean would read every one of the "no" texts as yes (help.make.com "Type coercion").
    for (const [value, expected] of [
      [true, true],
      [false, false],
      ['no', false],
      ['No', false],
      [' NO ', false],
      ['0', false],
      ['false', false],
      ['off', false],
      ['yes', true],
      ['TRUE', true],
      ['1', true],
    ] as const) {
      expect([value, await written(value)]).toEqual([value, expected]);
      expect([value, readYesNo(String(value))]).toEqual([value, expected]);
    }
    const contact = (await run('findContact', base)).outputs[0] as Rec;
    expect(contact.properties).toMatchObject({ churn_risk: true });
    // Anything else reaches the platform as text, which refuses it naming the property: the
    // contact keeps its value.
    const error = await errorOf(
      run('upsertContact', { ...base, typed_properties: { churn_risk__yesno: 'maybe' } }),
    );
    expect(error.message).toMatch(
      /\[422\].*Churn Risk \(churn_risk\) is a boolean property.*\(field: properties\.churn_risk\)/,
    );
    expect(((await run('findContact', base)).outputs[0] as Rec).properties).toMatchObject({
      churn_risk: true,
    });
  });

  it('a date property: "next renewal" or a time without its zone stop the module; a date-time keeps the day as written', async () => {
    const base = { identity_key: 'email', identity_value: 'typed.dates@example.com' };
    for (const value of ['next renewal', '03/01/2027', '2027-03-01T09:00:00', 'tomorrow']) {
      await refusedByMake(
        'upsertContact',
        { ...base, typed_properties: { renewal_date__date: value } },
        'renewal_date__date',
      );
    }
    const written = await run('upsertContact', {
      ...base,
      typed_properties: { renewal_date__date: '2027-03-01T23:30:00-05:00' },
    });
    // The day as written (in UTC it is already 2 March): as the Zapier app stores it.
    expect((seen(written.requests[0]).body as Rec).properties).toEqual({
      renewal_date: '2027-03-01',
    });
  });

  it("the date pattern Make checks accepts what the Zapier app reads as a day and refuses the rest (an impossible day is the platform's to refuse)", () => {
    const pattern = new RegExp(DATE_PATTERN);
    for (const text of [
      '2026-03-01',
      ' 2026-03-01 ',
      '2026-03-01T09:00:00+01:00',
      '2026-03-01T08:00:00Z',
      '2026-03-01T08:00Z',
      '2026-03-01 08:00:00.250-0300',
      '2026-12-31t23:59:59z',
      '2026-03-01T09:00:00',
      '2026-03-01T25:00:00Z',
      '2026-13-01',
      '03/01/2026',
      'next renewal',
      '2026-3-1',
      '',
    ]) {
      expect([text, pattern.test(text)]).toEqual([text, readDay(text) !== null]);
    }
    expect(pattern.test('2026-02-30')).toBe(true);
    expect(readDay('2026-02-30')).toBeNull();
  });
});
