/**
 * Send NPS Survey, Cancel a Scheduled Survey and Get NPS Score (with test responses), run by the
 * local IML runtime against the sandbox over real HTTP: the exact request and the record.
 */
import { MAKE_DATE_TIME, runModule, type Rec } from '../../iml-runtime/runner.js';
import {
  app,
  daysAhead,
  EMAIL,
  errorOf,
  expectInterface,
  invite,
  run,
  sandbox,
  seen,
  surveyId,
  useMakeApp,
} from './make-app.js';

useMakeApp();

describe('survey and report modules: the exact request and the record', () => {
  it('sendSurvey: a date property leaves the Idempotency-Key, so a run again on another day is refused, never sent twice', async () => {
    const parameters = {
      survey_id: surveyId,
      email: 'dated.invitee@example.com',
      channel: 'email',
      typed_properties: { seats: 3, renewal_date__date: '2027-05-01' },
    };
    const first = await run('sendSurvey', parameters);
    const again = await errorOf(
      run('sendSurvey', {
        ...parameters,
        typed_properties: { seats: 3, renewal_date__date: '2027-05-02' },
      }),
    );
    // The same key (the date is not part of it): the platform keeps the first run.
    expect(again.message).toMatch(/nothing was sent twice/);
    const keys = sandbox
      .requestLog()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/invitations'))
      .slice(-2)
      .map((r) => r.idempotencyKey);
    expect(keys).toEqual([
      seen(first.requests[0]).idempotencyKey,
      seen(first.requests[0]).idempotencyKey,
    ]);
    // Another value of a property that is not a date is another call.
    const other = await run('sendSurvey', {
      ...parameters,
      typed_properties: { seats: 4, renewal_date__date: '2027-05-01' },
    });
    expect(seen(other.requests[0]).idempotencyKey).not.toBe(seen(first.requests[0]).idempotencyKey);
  });

  it("sendSurvey / recordResponse: typed properties are the contact's, not the step's", async () => {
    const sent = await run('sendSurvey', {
      survey_id: surveyId,
      email: 'typed.invitee@example.com',
      channel: 'email',
      properties: [{ key: 'campaign', value: 'q1' }],
      typed_properties: { seats: 12, renewal_date__date: '2027-01-31' },
    });
    expect(seen(sent.requests[0]).body).toMatchObject({
      contact: {
        email: 'typed.invitee@example.com',
        properties: { seats: 12, renewal_date: '2027-01-31' },
      },
      properties: { campaign: 'q1' },
    });
    const recorded = await run('recordResponse', {
      survey_id: surveyId,
      score: 9,
      email: 'typed.respondent@example.com',
      typed_properties: { plan: 'pro', region: '' },
    });
    const body = seen(recorded.requests[0]).body as { contact: Rec };
    expect(body.contact.properties).toEqual({ plan: 'pro' });
    expect(recorded.outputs[0]).toMatchObject({ contact_properties: { plan: 'pro' } });
    // Every field left empty: Make hands over an empty collection, which sets no property.
    const plain = await run('recordResponse', {
      survey_id: surveyId,
      score: 8,
      email: 'typed.respondent@example.com',
      typed_properties: { region: '' },
    });
    expect((seen(plain.requests[0]).body as { contact: Rec }).contact.properties).toEqual({});
  });

  it('sendSurvey: POST /surveys/{id}/invitations with an Idempotency-Key that ignores send_at', async () => {
    const parameters = {
      survey_id: surveyId,
      email: 'invitee@example.com',
      name: 'Invitee',
      channel: 'email',
    };
    const result = await run('sendSurvey', parameters);
    const request = seen(result.requests[0]);
    expect(request).toMatchObject({
      method: 'POST',
      path: `/surveys/${surveyId}/invitations`,
      body: { contact: { email: 'invitee@example.com', name: 'Invitee' }, channel: 'email' },
    });
    expect(request.idempotencyKey).toMatch(/^make-send_survey-[0-9a-f]{64}$/);
    expect(result.outputs[0]).toMatchObject({
      survey_id: surveyId,
      channel: 'email',
      id: expect.any(String),
    });
    const later = await errorOf(
      run('sendSurvey', {
        ...parameters,
        send_at: daysAhead(1),
      }),
    ).catch((e: Error) => e);
    // Same key with another send_at: the platform keeps the first run (idempotency_mismatch).
    expect(later.message).toMatch(/nothing was sent twice/);
  });

  it('getNpsScore: the period before, then the period, cut in the time zone (GET /metrics/nps)', async () => {
    const DAY = 86_400_000;
    const result = await run('getNpsScore', {
      survey_id: surveyId,
      period: 'last_7_days',
      group_by: 'day',
    });
    const [previous, current] = result.requests.map(seen);
    const today = Date.parse(new Date().toISOString().slice(0, 10));
    expect(current).toMatchObject({ method: 'GET', path: '/metrics/nps' });
    expect(current?.query).toMatchObject({ survey_id: surveyId, group_by: 'day', timezone: 'UTC' });
    expect([
      Date.parse(String(current?.query.since)),
      Date.parse(String(current?.query.until)),
    ]).toEqual([today - 7 * DAY, today]);
    expect(previous?.query).not.toHaveProperty('group_by');
    expect([
      Date.parse(String(previous?.query.since)),
      Date.parse(String(previous?.query.until)),
    ]).toEqual([today - 14 * DAY, today - 7 * DAY]);
    const [report] = result.outputs as [Rec];
    expect(report).toMatchObject({ responses: expect.any(Number), periods: expect.any(Array) });
    expect(String(report.summary)).toMatch(/^NPS .* from \d+ responses/);
    if (typeof report.previous_nps === 'number' && typeof report.nps === 'number') {
      expect(report.nps_change).toBeCloseTo(report.nps - report.previous_nps, 5);
      expect(String(report.summary)).toContain(
        `(change ${String(report.nps_change)} from the period before)`,
      );
    }

    const lastMonth = await run('getNpsScore', {
      period: 'last_month',
      compare_previous: false,
      timezone: 'Europe/Madrid',
    });
    expect(lastMonth.requests).toHaveLength(1);
    const query = seen(lastMonth.requests[0]).query;
    const madridMonth = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Madrid',
      year: 'numeric',
      month: '2-digit',
    })
      .format(new Date())
      .slice(0, 7);
    const [y, m] = madridMonth.split('-').map(Number) as [number, number];
    const startOf = (year: number, month: number) =>
      new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 7);
    // Midnight in Madrid is 22:00 or 23:00 UTC the day before.
    expect(String(query.until)).toMatch(new RegExp(`T2[23]:00:00`));
    expect(
      new Date(Date.parse(String(query.until)) + 3 * 3_600_000).toISOString().slice(0, 7),
    ).toBe(startOf(y, m));
    expect(
      new Date(Date.parse(String(query.since)) + 3 * 3_600_000).toISOString().slice(0, 7),
    ).toBe(startOf(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1));
    expect(lastMonth.outputs[0]).toMatchObject({ timezone: 'Europe/Madrid' });
    // Without the comparison there is no previous value (null, as in the Zapier record).
    expect(lastMonth.outputs[0]).toMatchObject({ previous_nps: null, nps_change: null });
    // Dates are Make dates (parsed): the period's bounds and each breakdown's start and end.
    const [day] = (result.outputs[0] as { periods: Rec[] }).periods;
    expect([report.since, report.until, day?.start, day?.end]).toEqual(
      Array.from({ length: 4 }, () => expect.stringMatching(MAKE_DATE_TIME)),
    );
    expect(Date.parse(String(report.since))).toBe(Date.parse(String(current?.query.since)));
  });

  it('getNpsScore: From / To with another period stop the module naming the field; Custom counts from From to To', async () => {
    for (const [name, label] of [
      ['since', 'From'],
      ['until', 'To'],
    ] as const) {
      const error = await errorOf(
        run('getNpsScore', { period: 'last_30_days', [name]: '2026-03-01T00:00:00Z' }),
      );
      expect(error.message).toContain(`${label} (${name}) only applies when Period is Custom`);
    }
    // Also when Compare With Previous Period is off (one request).
    const single = await errorOf(
      run('getNpsScore', { period: 'this_month', compare_previous: false, until: '2026-03-01' }),
    );
    expect(single.message).toContain('To (until) only applies when Period is Custom');
    const custom = await run('getNpsScore', {
      period: 'custom',
      since: '2026-01-01T00:00:00Z',
      until: '2026-02-01',
    });
    // A custom period has no period before: one request, the dates as Make hands them over.
    expect(custom.requests.map((r) => seen(r).query)).toEqual([
      expect.objectContaining({
        since: '2026-01-01T00:00:00.000Z',
        until: '2026-02-01T00:00:00.000Z',
        timezone: 'UTC',
      }),
    ]);
    expect(custom.outputs[0]).toMatchObject({ since: '2026-01-01T00:00:00.000Z' });
    // Custom without From: the platform refuses it, naming `since`.
    const noFrom = await errorOf(run('getNpsScore', { period: 'custom' }));
    expect(noFrom.message).toMatch(/^\[400\].*since/);
  });

  it('Test Record and Include Test Responses: a test-mode key records test responses, counted only when asked for', async () => {
    const testConnection = { api_key: sandbox.keys.test, region: 'us' };
    const recorded = await runModule(app, 'recordResponse', {
      parameters: { survey_id: surveyId, score: 0, email: 'make.tester@example.com' },
      connection: testConnection,
    });
    expectInterface('recordResponse', recorded.outputs);
    expect(recorded.outputs[0]).toMatchObject({ score: 0, test: true });
    const live = await run('recordResponse', { survey_id: surveyId, score: 10, email: EMAIL });
    expect(live.outputs[0]).toMatchObject({ test: false });
    // A window of half an hour around both answers (minutes of margin, never seconds).
    const window = {
      survey_id: surveyId,
      period: 'custom',
      since: new Date(Date.now() - 30 * 60_000).toISOString(),
    };
    const without = (await run('getNpsScore', window)).outputs[0] as Rec;
    const withTest = await run('getNpsScore', { ...window, include_test: true });
    expect(seen(withTest.requests[0]).query).toMatchObject({ include_test: 'true' });
    expect(withTest.outputs[0]).toMatchObject({
      responses: Number(without.responses) + 1,
      detractors: Number(without.detractors) + 1,
    });
    expect(seen((await run('getNpsScore', window)).requests[0]).query).not.toHaveProperty(
      'include_test',
    );
  });

  it('cancelInvitation: a scheduled survey is canceled, twice the same record; sent, failed or unknown ones stop with their status', async () => {
    const scheduled = await invite('make.cancel@example.com', { send_at: daysAhead(3) });
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduled: true, canceled_at: null });
    const canceled = await run('cancelInvitation', { invitation_id: scheduled.id });
    expect(seen(canceled.requests[0])).toMatchObject({
      method: 'POST',
      path: `/invitations/${String(scheduled.id)}/cancel`,
    });
    expect(canceled.outputs[0]).toMatchObject({
      id: scheduled.id,
      survey_id: surveyId,
      contact_id: scheduled.contact_id,
      status: 'canceled',
      scheduled: false,
      canceled_at: expect.stringMatching(MAKE_DATE_TIME),
      sent_at: null,
      test: false,
    });
    // Run again (a replayed scenario): a success with the same record.
    const again = await run('cancelInvitation', { invitation_id: scheduled.id });
    expect(again.outputs).toEqual(canceled.outputs);
    await sandbox.settle();
    expect(sandbox.outbox().map((m) => m.invitationId)).not.toContain(scheduled.id);

    // Sent, or could not be delivered: the module stops with the status, as a DataError.
    const sent = await invite('make.sent@example.com');
    const failed = await invite('make.cancel@bounce.example');
    await sandbox.settle();
    for (const [invitation, status] of [
      [sent, 'sent'],
      [failed, 'failed'],
    ] as const) {
      const error = await errorOf(run('cancelInvitation', { invitation_id: invitation.id }));
      expect(error.type).toBe('DataError');
      expect(error.message).toMatch(
        new RegExp(`^\\[409\\] The survey cannot be canceled: This invitation is ${status} `),
      );
    }
    const unknown = await errorOf(run('cancelInvitation', { invitation_id: 'inv_nope/../x' }));
    expect(unknown.message).toMatch(
      /^\[404\] Invitation ID \(invitation_id\) matches no invitation/,
    );
    // The id travels encoded in the path.
    expect(
      sandbox.requestLog().some((r) => r.path.includes('inv_nope') && !r.path.includes('/../')),
    ).toBe(true);
  });
});
