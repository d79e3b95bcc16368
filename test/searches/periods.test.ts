import {
  npsBreakdown,
  npsChange,
  parseReportTime,
  reportPeriods,
  reportSummary,
  roundedRatio,
  toIso,
  localDateTime,
  startOfLocalDay,
  zoneOffset,
  zonedTime,
} from '../../lib/periods.js';
import type { Period } from '../../lib/periods.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const isoRange = (range: { since: number; until: number }) => [
  toIso(range.since),
  toIso(range.until),
];
const periodsAt = (period: Period, now: string, zone: string) =>
  reportPeriods(period, at(now), zone);

describe('NPS maths', () => {
  it('all promoters is 100, all detractors is -100', () => {
    expect(npsBreakdown({ promoters: 12, passives: 0, detractors: 0 })).toMatchObject({
      nps: 100,
      responses: 12,
      promoter_percent: 100,
      passive_percent: 0,
      detractor_percent: 0,
    });
    expect(npsBreakdown({ promoters: 0, passives: 0, detractors: 7 }).nps).toBe(-100);
  });

  it('a 10/5/5 split is NPS 25 (50% - 25%), not an average score', () => {
    expect(npsBreakdown({ promoters: 10, passives: 5, detractors: 5 })).toEqual({
      responses: 20,
      promoters: 10,
      passives: 5,
      detractors: 5,
      nps: 25,
      promoter_percent: 50,
      passive_percent: 25,
      detractor_percent: 25,
    });
  });

  it('zero responses gives no NPS and no percentages', () => {
    expect(npsBreakdown({ promoters: 0, passives: 0, detractors: 0 })).toMatchObject({
      responses: 0,
      nps: null,
      promoter_percent: null,
      passive_percent: null,
      detractor_percent: null,
    });
  });

  it('passives count in the total but not in the score', () => {
    expect(npsBreakdown({ promoters: 0, passives: 10, detractors: 0 }).nps).toBe(0);
    expect(npsBreakdown({ promoters: 2, passives: 0, detractors: 1 }).nps).toBe(33.3);
  });

  it('rounds to one decimal, half away from zero, exactly', () => {
    expect(roundedRatio(100, 80)).toBe(1.3); // 1.25
    expect(roundedRatio(-100, 80)).toBe(-1.3); // -1.25
    expect(roundedRatio(100, 3)).toBe(33.3);
    expect(roundedRatio(200, 3)).toBe(66.7);
    expect(roundedRatio(0, 5)).toBe(0);
    expect(Object.is(roundedRatio(-1, 1000), 0)).toBe(true); // never -0
    expect(npsBreakdown({ promoters: 1, passives: 78, detractors: 1 }).promoter_percent).toBe(1.3);
  });

  it('computes the change between one-decimal values without float noise', () => {
    expect(npsChange(42, 37)).toBe(5);
    expect(npsChange(40.8, 35.8)).toBe(5);
    expect(npsChange(0.3, 0.1)).toBe(0.2);
    expect(npsChange(-12.5, 3.4)).toBe(-15.9);
    expect(npsChange(null, 3)).toBeNull();
    expect(npsChange(3, null)).toBeNull();
  });
});

describe('time zones with Intl', () => {
  it('knows the offset on each side of a DST change', () => {
    expect(zoneOffset('Europe/Madrid', at('2026-03-29T00:59:59Z'))).toBe(1 * HOUR);
    expect(zoneOffset('Europe/Madrid', at('2026-03-29T01:00:00Z'))).toBe(2 * HOUR);
    expect(zoneOffset('Europe/Madrid', at('2026-10-25T00:59:59Z'))).toBe(2 * HOUR);
    expect(zoneOffset('Europe/Madrid', at('2026-10-25T01:00:00Z'))).toBe(1 * HOUR);
    expect(zoneOffset('America/New_York', at('2026-03-08T07:00:00Z'))).toBe(-4 * HOUR);
    expect(zoneOffset('America/New_York', at('2026-03-08T06:59:59Z'))).toBe(-5 * HOUR);
    expect(zoneOffset('UTC', at('2026-03-08T06:59:59Z'))).toBe(0);
  });

  it('maps wall-clock times to instants, also in a DST gap and overlap', () => {
    expect(toIso(zonedTime('Europe/Madrid', 2026, 3, 29, 0))).toBe('2026-03-28T23:00:00Z');
    expect(toIso(zonedTime('Europe/Madrid', 2026, 3, 30, 0))).toBe('2026-03-29T22:00:00Z');
    // 02:30 does not exist on 29 March in Madrid: moved forward by the jump, to 03:30 CEST.
    expect(toIso(zonedTime('Europe/Madrid', 2026, 3, 29, 2, 30))).toBe('2026-03-29T01:30:00Z');
    // Santiago skips midnight itself on 6 September 2026: the day starts at 01:00 local.
    const santiago = startOfLocalDay('America/Santiago', 2026, 9, 6);
    expect(localDateTime('America/Santiago', santiago)).toMatchObject({
      day: 6,
      hour: 1,
      minute: 0,
    });
    expect(localDateTime('America/Santiago', santiago - 1000)).toMatchObject({ day: 5, hour: 23 });
    // 02:30 happens twice on 25 October: the first one.
    expect(toIso(zonedTime('Europe/Madrid', 2026, 10, 25, 2, 30))).toBe('2026-10-25T00:30:00Z');
    expect(toIso(zonedTime('Asia/Kolkata', 2026, 1, 1))).toBe('2025-12-31T18:30:00Z');
  });
});

describe('report periods', () => {
  it('last_7_days: complete days before today; across the March DST change the week is 167 hours', () => {
    const p = periodsAt('last_7_days', '2026-04-01T10:00:00Z', 'Europe/Madrid');
    expect(isoRange(p.current)).toEqual(['2026-03-24T23:00:00Z', '2026-03-31T22:00:00Z']);
    expect(p.current.until - p.current.since).toBe(7 * DAY - HOUR);
    expect(isoRange(p.previous)).toEqual(['2026-03-17T23:00:00Z', '2026-03-24T23:00:00Z']);
    expect(p.previousLabel).toBe('the previous 7 days');
  });

  it('last_7_days across the October DST change is 169 hours', () => {
    const p = periodsAt('last_7_days', '2026-10-28T10:00:00Z', 'Europe/Madrid');
    expect(isoRange(p.current)).toEqual(['2026-10-20T22:00:00Z', '2026-10-27T23:00:00Z']);
    expect(p.current.until - p.current.since).toBe(7 * DAY + HOUR);
  });

  it('last_30_days in New York across the March DST change', () => {
    const p = periodsAt('last_30_days', '2026-03-20T15:00:00Z', 'America/New_York');
    expect(isoRange(p.current)).toEqual(['2026-02-18T05:00:00Z', '2026-03-20T04:00:00Z']);
    expect(isoRange(p.previous)).toEqual(['2026-01-19T05:00:00Z', '2026-02-18T05:00:00Z']);
  });

  it('uses the local date: 23:30 UTC on 31 March is already April in Madrid', () => {
    const madrid = periodsAt('last_month', '2026-03-31T23:30:00Z', 'Europe/Madrid');
    expect(isoRange(madrid.current)).toEqual(['2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z']);
    expect(isoRange(madrid.previous)).toEqual(['2026-01-31T23:00:00Z', '2026-02-28T23:00:00Z']);
    const utc = periodsAt('last_month', '2026-03-31T23:30:00Z', 'UTC');
    expect(isoRange(utc.current)).toEqual(['2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z']);
  });

  it('last_month on 31 March in New York is February; a leap-year February has 29 days', () => {
    const ny = periodsAt('last_month', '2026-03-31T12:00:00Z', 'America/New_York');
    expect(isoRange(ny.current)).toEqual(['2026-02-01T05:00:00Z', '2026-03-01T05:00:00Z']);
    expect(ny.previousLabel).toBe('the month before');
    const leap = periodsAt('last_month', '2028-03-15T12:00:00Z', 'UTC');
    expect(isoRange(leap.current)).toEqual(['2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z']);
    expect(leap.current.until - leap.current.since).toBe(29 * DAY);
  });

  it('this_month runs to now, compared with the same stretch of last month', () => {
    const p = periodsAt('this_month', '2026-03-10T12:00:00Z', 'UTC');
    expect(isoRange(p.current)).toEqual(['2026-03-01T00:00:00Z', '2026-03-10T12:00:00Z']);
    expect(isoRange(p.previous)).toEqual(['2026-02-01T00:00:00Z', '2026-02-10T12:00:00Z']);
    // On 31 March the same stretch of February is clipped at the end of February.
    const end = periodsAt('this_month', '2026-03-31T12:00:00Z', 'UTC');
    expect(isoRange(end.previous)).toEqual(['2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z']);
  });

  it('this_quarter and last_quarter cut at quarter starts in the zone', () => {
    const p = periodsAt('this_quarter', '2026-05-31T10:00:00Z', 'Europe/Madrid');
    expect(isoRange(p.current)).toEqual(['2026-03-31T22:00:00Z', '2026-05-31T10:00:00Z']);
    expect(toIso(p.previous.since)).toBe('2025-12-31T23:00:00Z');
    // 31 May 12:00 in Madrid is "31 February" one quarter back: clipped to the end of February.
    expect(toIso(p.previous.until)).toBe('2026-02-28T23:00:00Z');
    const leap = periodsAt('this_quarter', '2028-02-29T12:00:00Z', 'UTC');
    expect(isoRange(leap.current)).toEqual(['2028-01-01T00:00:00Z', '2028-02-29T12:00:00Z']);
    expect(toIso(leap.previous.since)).toBe('2027-10-01T00:00:00Z');
    const last = periodsAt('last_quarter', '2026-01-15T12:00:00Z', 'UTC');
    expect(isoRange(last.current)).toEqual(['2025-10-01T00:00:00Z', '2026-01-01T00:00:00Z']);
    expect(isoRange(last.previous)).toEqual(['2025-07-01T00:00:00Z', '2025-10-01T00:00:00Z']);
  });

  it('this_year starts at local new year', () => {
    const p = periodsAt('this_year', '2026-06-01T00:00:00Z', 'America/New_York');
    expect(isoRange(p.current)).toEqual(['2026-01-01T05:00:00Z', '2026-06-01T00:00:00Z']);
    expect(toIso(p.previous.since)).toBe('2025-01-01T05:00:00Z');
  });

  it('"same period last year/quarter/month" ends at the same local date and time (issue 10, item 9)', () => {
    // Not the same number of ms: 2028 is a leap year, so 60 days from 2027-01-01 is 2 March.
    const year = periodsAt('this_year', '2028-03-01T00:00:00Z', 'UTC');
    expect(isoRange(year.previous)).toEqual(['2027-01-01T00:00:00Z', '2027-03-01T00:00:00Z']);
    const leapBack = periodsAt('this_year', '2029-04-10T15:30:00Z', 'UTC');
    expect(isoRange(leapBack.previous)).toEqual(['2028-01-01T00:00:00Z', '2028-04-10T15:30:00Z']);
    // Local wall-clock time across a DST change: 10 April 12:00 in Madrid (CEST) compares with
    // 10 April 12:00 a year before, and 10 March 12:00 (CET) the month before.
    const madrid = periodsAt('this_year', '2025-04-10T10:00:00Z', 'Europe/Madrid');
    expect(toIso(madrid.previous.until)).toBe('2024-04-10T10:00:00Z');
    const month = periodsAt('this_month', '2026-04-10T10:00:00Z', 'Europe/Madrid');
    expect(toIso(month.previous.until)).toBe('2026-03-10T11:00:00Z');
    // A date the previous period lacks is clipped to that period's end.
    const feb = periodsAt('this_month', '2026-03-30T08:00:00Z', 'UTC');
    expect(toIso(feb.previous.until)).toBe('2026-03-01T00:00:00Z');
    const leapDay = periodsAt('this_year', '2028-02-29T12:00:00Z', 'UTC');
    expect(toIso(leapDay.previous.until)).toBe('2027-03-01T00:00:00Z');
  });

  it('custom: the equally long period just before', () => {
    const since = parseReportTime('2026-03-01', 'America/New_York') ?? 0;
    const until = parseReportTime('2026-03-31', 'America/New_York', true) ?? 0;
    expect(toIso(since)).toBe('2026-03-01T05:00:00Z');
    expect(toIso(until)).toBe('2026-04-01T04:00:00Z');
    const p = reportPeriods('custom', at('2026-05-01T00:00:00Z'), 'America/New_York', {
      since,
      until,
    });
    expect(isoRange(p.previous)).toEqual(['2026-01-29T06:00:00Z', '2026-03-01T05:00:00Z']);
    expect(p.previousLabel).toBe('the previous 31 days');
  });

  it('parses custom times: offsets kept, local times in the zone, junk refused', () => {
    expect(toIso(parseReportTime('2026-03-01T09:00:00Z', 'Europe/Madrid') ?? 0)).toBe(
      '2026-03-01T09:00:00Z',
    );
    expect(toIso(parseReportTime('2026-03-01T09:00', 'Europe/Madrid') ?? 0)).toBe(
      '2026-03-01T08:00:00Z',
    );
    expect(parseReportTime('yesterday', 'UTC')).toBeNull();
    expect(parseReportTime('2026-13-01', 'UTC')).toBeNull();
    // Days that do not exist are refused, not rolled over into the next month.
    expect(parseReportTime('2026-02-30', 'UTC')).toBeNull();
    expect(parseReportTime('2026-02-29', 'UTC')).toBeNull();
    expect(toIso(parseReportTime('2028-02-29', 'UTC') ?? 0)).toBe('2028-02-29T00:00:00Z');
    expect(parseReportTime('2026-04-31T10:00', 'Europe/Madrid')).toBeNull();
    // With a zone or offset too (Date.parse alone would roll it over to March 2).
    expect(parseReportTime('2026-02-30T00:00:00Z', 'UTC')).toBeNull();
    expect(parseReportTime('2026-04-31T10:00:00+02:00', 'UTC')).toBeNull();
    expect(parseReportTime('2026-04-30T24:30', 'Europe/Madrid')).toBeNull();
  });
});

describe('summary', () => {
  const base = { label: 'the last 30 days', previousLabel: 'the previous 30 days', compare: true };
  it('says how NPS moved', () => {
    expect(reportSummary({ ...base, nps: 42, responses: 120, previousNps: 37 })).toBe(
      'NPS 42 from 120 responses (up 5 from the previous 30 days)',
    );
    expect(reportSummary({ ...base, nps: -12.5, responses: 8, previousNps: -9 })).toBe(
      'NPS -12.5 from 8 responses (down 3.5 from the previous 30 days)',
    );
    expect(reportSummary({ ...base, nps: 10, responses: 1, previousNps: 10 })).toBe(
      'NPS 10 from 1 response (unchanged from the previous 30 days)',
    );
    expect(reportSummary({ ...base, nps: 10, responses: 3, previousNps: null })).toBe(
      'NPS 10 from 3 responses (no responses in the previous 30 days to compare with)',
    );
    expect(
      reportSummary({ ...base, compare: false, nps: 10, responses: 3, previousNps: null }),
    ).toBe('NPS 10 from 3 responses');
  });
  it('says there is no NPS when there are no responses', () => {
    expect(reportSummary({ ...base, nps: null, responses: 0, previousNps: 20 })).toBe(
      'No responses in the last 30 days, so there is no NPS for this period yet.',
    );
  });
});
