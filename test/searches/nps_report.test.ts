import { stopClockAtNow } from './clock.js';
import nock from 'nock';
import npsReport from '../../searches/nps_report.js';
import { BASE_URL, inputFieldOf } from '../helpers/app.js';
import {
  emptyMetricsFixture,
  metricsFixture,
  previousMetricsFixture,
} from '../fixtures/actions.js';
import { runAsZapier, zapierStep } from '../helpers/zapier-run.js';
import { refusedBeforeAnyRequest } from '../creates/run.js';

/** GET /metrics/nps answers each query in turn (the period, then the one before it). */
const serveMetrics = (...answers: Array<[query: Record<string, string>, reply: object]>) => {
  const scope = nock(BASE_URL);
  for (const [query, reply] of answers) scope.get('/metrics/nps').query(query).reply(200, reply);
  return scope;
};

describe('nps_report', () => {
  stopClockAtNow();

  it('defaults to the last 30 days in the zap time zone, compares with the 30 days before', async () => {
    const scope = serveMetrics(
      [
        {
          survey_id: 'srv_q3nps',
          since: '2026-10-21T22:00:00Z',
          until: '2026-11-20T23:00:00Z',
          group_by: 'month',
          timezone: 'Europe/Madrid',
        },
        metricsFixture,
      ],
      [
        {
          survey_id: 'srv_q3nps',
          since: '2026-09-21T22:00:00Z',
          until: '2026-10-21T22:00:00Z',
          timezone: 'Europe/Madrid',
        },
        previousMetricsFixture,
      ],
    );
    const result = await runAsZapier<unknown[]>(
      npsReport,
      { survey_id: 'srv_q3nps', group_by: 'month' },
      { meta: { timezone: 'Europe/Madrid' } },
    );
    expect(result).toEqual([
      {
        nps: 25,
        responses: 20,
        promoters: 10,
        passives: 5,
        detractors: 5,
        promoter_percent: 50,
        passive_percent: 25,
        detractor_percent: 25,
        since: '2026-10-21T22:00:00Z',
        until: '2026-11-20T23:00:00Z',
        timezone: 'Europe/Madrid',
        previous_nps: 16.7,
        nps_change: 8.3,
        periods: [
          { label: '2026-10', nps: 0, responses: 4, promoters: 1, passives: 2, detractors: 1 },
          { label: '2026-11', nps: 31.3, responses: 16, promoters: 9, passives: 3, detractors: 4 },
        ],
        summary: 'NPS 25 from 20 responses (up 8.3 from the previous 30 days)',
      },
    ]);
    scope.done();
  });

  it('without responses gives an empty NPS and says so; one request when not comparing; UTC by default', async () => {
    const scope = serveMetrics([
      { since: '2026-11-14T00:00:00Z', until: '2026-11-21T00:00:00Z', timezone: 'UTC' },
      emptyMetricsFixture,
    ]);
    const [report] = await runAsZapier<Array<Record<string, unknown>>>(npsReport, {
      period: 'last_7_days',
      compare_previous: 'false',
      group_by: 'none',
    });
    expect(report).toMatchObject({
      nps: null,
      responses: 0,
      promoter_percent: null,
      previous_nps: null,
      nps_change: null,
      periods: [],
      summary: 'No responses in the last 7 days, so there is no NPS for this period yet.',
    });
    scope.done();
  });

  it('custom period: dates in the chosen time zone (which beats the zap one), until inclusive', async () => {
    const scope = serveMetrics(
      [
        {
          since: '2026-03-01T05:00:00Z',
          until: '2026-04-01T04:00:00Z',
          timezone: 'America/New_York',
        },
        metricsFixture,
      ],
      [
        {
          since: '2026-01-29T06:00:00Z',
          until: '2026-03-01T05:00:00Z',
          timezone: 'America/New_York',
        },
        emptyMetricsFixture,
      ],
    );
    const [report] = await runAsZapier<Array<Record<string, unknown>>>(
      npsReport,
      { period: 'custom', since: '2026-03-01', until: '2026-03-31', timezone: 'America/New_York' },
      { meta: { timezone: 'Europe/Madrid' } },
    );
    expect(report).toMatchObject({
      timezone: 'America/New_York',
      previous_nps: null,
      summary: 'NPS 25 from 20 responses (no responses in the previous 31 days to compare with)',
    });
    scope.done();
  });

  it('offers From and To even when Period is mapped from an earlier step (issue 16, item 6): static fields, always in the form', async () => {
    const fields = npsReport.operation.inputFields as unknown[];
    // Static, not inside a dynamic-field function (a moved field counts as removed for Zapier).
    expect(fields.filter((f) => typeof f === 'function')).toEqual([]);
    const period = fields.find((f) => (f as { key?: string }).key === 'period');
    expect(period).not.toHaveProperty('altersDynamicFields');
    // While the form loads, a mapped Period is the template, not its value.
    const step = await zapierStep(npsReport, {
      period: '{{123456__period}}',
      since: '2026-03-01',
      until: '2026-03-31',
    });
    const keys = step.fields.map((f) => f.key);
    expect(keys.slice(keys.indexOf('period'), keys.indexOf('period') + 3)).toEqual([
      'period',
      'since',
      'until',
    ]);
    const since = step.fields.find((f) => f.key === 'since');
    const until = step.fields.find((f) => f.key === 'until');
    expect(since).toMatchObject({ label: 'From (Custom Period)', required: false });
    expect(until).toMatchObject({ label: 'To (Custom Period)', required: false });
    for (const help of [since?.helpText, until?.helpText]) {
      expect(help).toMatch(/^Only for Period = Custom/);
      expect(help).toMatch(/with another period is refused/);
    }
  });

  it('runs a Custom period mapped from an earlier step with the mapped From and To', async () => {
    const scope = serveMetrics([
      { since: '2026-03-01T00:00:00Z', until: '2026-04-01T00:00:00Z', timezone: 'UTC' },
      metricsFixture,
    ]);
    // The values the run gets once the mapped fields are rendered.
    const [report] = await runAsZapier<Array<Record<string, unknown>>>(npsReport, {
      period: 'custom',
      since: '2026-03-01',
      until: '2026-03-31',
      compare_previous: 'false',
    });
    expect(report).toMatchObject({ since: '2026-03-01T00:00:00Z', until: '2026-04-01T00:00:00Z' });
    scope.done();
  });

  it.each([
    [
      { period: 'last_month', since: '2026-03-01' },
      /^From \(Custom Period\) \(since\) only applies when Period is Custom, and Period is "Last month" \(last_month\)/,
    ],
    [
      { until: '2026-03-31' },
      /^To \(Custom Period\) \(until\) only applies when Period is Custom, and Period is "Last 30 days/,
    ],
  ])(
    'refuses From/To with another period before any request, naming the field: %j',
    async (input, message) => {
      const error = await refusedBeforeAnyRequest(npsReport, input);
      expect(error.name).toBe('HaltedError');
      expect(error.message).toMatch(message);
    },
  );

  it('offers common IANA time zones and still takes any other as a custom value', async () => {
    const zones = inputFieldOf(npsReport, 'timezone')?.choices?.map((c) => c.value) ?? [];
    expect(zones).toEqual(
      expect.arrayContaining(['UTC', 'Europe/Madrid', 'America/New_York', 'Asia/Tokyo']),
    );
    for (const zone of zones)
      expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
    const scope = nock(BASE_URL)
      .get('/metrics/nps')
      .query((query) => query.timezone === 'America/Halifax')
      .times(2)
      .reply(200, metricsFixture);
    await runAsZapier(npsReport, { timezone: 'America/Halifax' });
    scope.done();
  });

  it.each([
    [{ period: 'yesterday' }, /Period \(period\) must be one of/],
    [{ timezone: 'Mars/Olympus_Mons' }, /Time Zone \(timezone\) must be a time zone name/],
    [{ period: 'custom' }, /From \(Custom Period\) \(since\) is required for the Custom period/],
    [{ period: 'custom', since: 'last week' }, /From \(Custom Period\) \(since\) must be a date/],
    [{ period: 'custom', since: '2026-02-30' }, /From \(Custom Period\) \(since\) must be a date/],
    [
      { period: 'custom', since: '2026-03-10', until: '2026-03-01' },
      /To \(Custom Period\) \(until\) must be after/,
    ],
    [{ group_by: 'hour' }, /Break Down By \(group_by\) must be one of: none, day, week, month/],
  ])('rejects %j before any request', async (inputData, message) => {
    const error = await refusedBeforeAnyRequest(npsReport, inputData);
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });
});
