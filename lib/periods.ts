/**
 * NPS report maths, pure (no I/O, `now` is a parameter) so every case is testable:
 *
 * - Period boundaries in an IANA time zone, with zone offsets from Intl.DateTimeFormat (no date
 *   library), correct across DST changes: a "day" runs from local midnight to local midnight, so
 *   it may last 23 or 25 hours.
 * - NPS = % promoters − % detractors, from −100 to 100, rounded to one decimal half away from
 *   zero (the contract's rule). Never an average score.
 */

export const PERIODS = [
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'custom',
] as const;
export type Period = (typeof PERIODS)[number];

export const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- rounding and NPS

/** `num / den` rounded to one decimal, half away from zero, exactly (integer arithmetic). */
export const roundedRatio = (num: number, den: number): number => {
  if (den <= 0) throw new RangeError('denominator must be positive');
  const tenths = Math.abs(num) * 10;
  const rounded = Math.floor((2 * tenths + den) / (2 * den));
  return rounded === 0 ? 0 : (Math.sign(num) * rounded) / 10;
};

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsBreakdown extends NpsCounts {
  responses: number;
  /** null when there are no responses. */
  nps: number | null;
  promoter_percent: number | null;
  passive_percent: number | null;
  detractor_percent: number | null;
}

/** NPS and segment shares from the counts; all null when there are no responses. */
export const npsBreakdown = ({ promoters, passives, detractors }: NpsCounts): NpsBreakdown => {
  const responses = promoters + passives + detractors;
  const share = (part: number) => (responses ? roundedRatio(part * 100, responses) : null);
  return {
    responses,
    promoters,
    passives,
    detractors,
    nps: responses ? roundedRatio((promoters - detractors) * 100, responses) : null,
    promoter_percent: share(promoters),
    passive_percent: share(passives),
    detractor_percent: share(detractors),
  };
};

/** Change between two one-decimal NPS values (exact: computed in tenths); null if either is null. */
export const npsChange = (current: number | null, previous: number | null): number | null => {
  if (current === null || previous === null) return null;
  const tenths = Math.round(current * 10) - Math.round(previous * 10);
  return tenths === 0 ? 0 : tenths / 10;
};

// ---------------------------------------------------------------- time zones

export interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
};

/** The wall-clock date and time in `zone` at `instant` (ms since the epoch). */
export const localDateTime = (zone: string, instant: number): LocalDateTime => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
};

/** The zone's offset from UTC at `instant`, in ms (Madrid in summer: +7 200 000). */
export const zoneOffset = (zone: string, instant: number): number => {
  const whole = Math.floor(instant / 1000) * 1000;
  const local = localDateTime(zone, whole);
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  return asUtc - whole;
};

/**
 * The instant a wall-clock time happens in `zone`. Out-of-range parts roll over (day 0 is the
 * last day of the previous month, month 13 is January next year). A time skipped by a DST jump
 * moves forward by the jump (02:30 → 03:30, as Temporal's "compatible" rule), so a skipped local
 * midnight gives the moment the day began; a repeated time gives its first occurrence.
 */
export const zonedTime = (
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number => {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Offsets change at most once around a given time: the ones a day before and a day after.
  const before = wall - zoneOffset(zone, wall - DAY_MS);
  const after = wall - zoneOffset(zone, wall + DAY_MS);
  const candidates = [before, after].filter((t) => t + zoneOffset(zone, t) === wall);
  if (candidates.length) return Math.min(...candidates);
  return before;
};

/** Local midnight starting the given calendar day (rolls over like `zonedTime`). */
export const startOfLocalDay = (zone: string, year: number, month: number, day: number): number =>
  zonedTime(zone, year, month, day);

// ---------------------------------------------------------------- periods

export interface Range {
  /** Inclusive start, ms since the epoch. */
  since: number;
  /** Exclusive end, ms since the epoch. */
  until: number;
}

export interface ReportPeriods {
  current: Range;
  previous: Range;
  /** "the last 30 days", "last month": the current period in words. */
  label: string;
  /** "the previous 30 days", "the month before": the previous period in words. */
  previousLabel: string;
}

const ROLLING_DAYS: Partial<Record<Period, number>> = {
  last_7_days: 7,
  last_30_days: 30,
  last_90_days: 90,
};

/** ISO 8601 in UTC without milliseconds, as the API writes timestamps. */
export const toIso = (instant: number): string =>
  new Date(instant).toISOString().replace(/\.000Z$/, 'Z');

/**
 * The current and the previous period of a report, cut in `zone`.
 *
 * - `last_N_days`: the N complete days before today (today, still running, is left out), and the
 *   N days before those.
 * - `this_month` / `this_quarter` / `this_year`: from the first local midnight of the month /
 *   quarter / year up to now; the previous period runs from the start of the previous month /
 *   quarter / year to the same local date and time there (month to date compared with last month
 *   to the same date; a date that month lacks is clipped to its end).
 * - `last_month` / `last_quarter`: the whole calendar month / quarter, and the one before it.
 * - `custom`: `custom.since` up to `custom.until`, and the equally long stretch just before.
 */
export const reportPeriods = (
  period: Period,
  now: number,
  zone: string,
  custom?: Range,
): ReportPeriods => {
  const today = localDateTime(zone, now);
  const { year, month, day } = today;
  /**
   * Whole periods: the one that ends where `startBack(0)` is, and the one before it, where
   * `startBack(n)` is the local midnight that starts the period n periods back.
   */
  const wholePeriods = (
    startBack: (n: number) => number,
    label: string,
    previousLabel: string,
  ): ReportPeriods => {
    const until = startBack(0);
    const since = startBack(1);
    return {
      current: { since, until },
      previous: { since: startBack(2), until: since },
      label,
      previousLabel,
    };
  };
  const rolling = ROLLING_DAYS[period];
  if (rolling) {
    return wholePeriods(
      (n) => startOfLocalDay(zone, year, month, day - n * rolling),
      `the last ${rolling} days`,
      `the previous ${rolling} days`,
    );
  }
  /**
   * "To date" periods of `months` months, the current one starting with `firstMonth` (this
   * `unit`): the previous one starts `months` months earlier and ends at the same local date and
   * time `months` months earlier (not after the same number of ms: months and years differ in
   * length, and DST moves the clock). A date the earlier month lacks (31 February) is past that
   * month's end, so it is clipped there; and never past the previous period's end (`start`).
   */
  const toDate = (firstMonth: number, months: number, unit: string): ReportPeriods => {
    const start = startOfLocalDay(zone, year, firstMonth, 1);
    const previousStart = startOfLocalDay(zone, year, firstMonth - months, 1);
    const total = year * 12 + (month - 1) - months;
    const backYear = Math.floor(total / 12);
    const backMonth = (total % 12) + 1;
    const daysInBackMonth = new Date(Date.UTC(backYear, backMonth, 0)).getUTCDate();
    const sameLocalTime =
      day > daysInBackMonth
        ? startOfLocalDay(zone, backYear, backMonth + 1, 1)
        : zonedTime(zone, backYear, backMonth, day, today.hour, today.minute, today.second);
    return {
      current: { since: start, until: now },
      previous: { since: previousStart, until: Math.min(sameLocalTime, start) },
      label: `this ${unit}`,
      previousLabel: `the same period last ${unit}`,
    };
  };
  const quarterMonth = Math.floor((month - 1) / 3) * 3 + 1;
  switch (period) {
    case 'this_month':
      return toDate(month, 1, 'month');
    case 'this_quarter':
      return toDate(quarterMonth, 3, 'quarter');
    case 'this_year':
      // The previous year starts at month 1 - 12 = -11: January of the year before (Date.UTC).
      return toDate(1, 12, 'year');
    case 'last_month':
      return wholePeriods(
        (n) => startOfLocalDay(zone, year, month - n, 1),
        'last month',
        'the month before',
      );
    case 'last_quarter':
      return wholePeriods(
        (n) => startOfLocalDay(zone, year, quarterMonth - 3 * n, 1),
        'last quarter',
        'the quarter before',
      );
    case 'custom': {
      if (!custom) throw new RangeError('a custom period needs since and until');
      const length = custom.until - custom.since;
      const days = Math.round(length / DAY_MS);
      const wholeDays = days >= 1 && Math.abs(length - days * DAY_MS) <= 3_600_000;
      return {
        current: { ...custom },
        previous: { since: custom.since - length, until: custom.since },
        label: 'the chosen period',
        previousLabel: wholeDays
          ? `the previous ${days === 1 ? 'day' : `${days} days`}`
          : 'the equally long period before',
      };
    }
    default:
      throw new RangeError(`unknown period ${period}`);
  }
};

/** A real day of the calendar: 2026-02-30 is not (Date would roll it over to March 2). */
const isCalendarDate = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/**
 * A custom `since`/`until` input: a date (`2026-03-01`) is local midnight in `zone` (for `until`
 * with `endOfDay`, the midnight after that day, so the day is included); a date-time with a zone
 * or offset is that instant; a date-time without one is wall-clock time in `zone`. null when the
 * text is not a date.
 */
export const parseReportTime = (text: string, zone: string, endOfDay = false): number | null => {
  const value = text.trim();
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [, y, m, d] = dateOnly.map(Number) as [number, number, number, number];
    if (!isCalendarDate(y, m, d)) return null;
    return startOfLocalDay(zone, y, m, endOfDay ? d + 1 : d);
  }
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value);
  if (local) {
    const [, y = 0, m = 1, d = 1, h = 0, mi = 0, s = 0] = local.map((part) => Number(part ?? 0));
    if (!isCalendarDate(y, m, d) || h > 23 || mi > 59 || s > 59) return null;
    return zonedTime(zone, y, m, d, h, mi, s);
  }
  const withZone = /^(\d{4})-(\d{2})-(\d{2})T/.exec(value);
  if (!withZone) return null;
  // Date.parse rolls an impossible day over (2026-02-30T00:00:00Z is March 2): refuse it.
  const [, y, m, d] = withZone.map(Number) as [number, number, number, number];
  if (!isCalendarDate(y, m, d)) return null;
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? null : instant;
};

// ---------------------------------------------------------------- summary

const formatNps = (value: number): string => String(value);

/**
 * One readable sentence: "NPS 42 from 120 responses (up 5 from the previous 30 days)".
 * With no responses it says so instead of showing a number.
 */
export const reportSummary = (options: {
  nps: number | null;
  responses: number;
  label: string;
  compare: boolean;
  previousNps: number | null;
  previousLabel: string;
}): string => {
  const { nps, responses, label, compare, previousNps, previousLabel } = options;
  if (nps === null || responses === 0) {
    return `No responses in ${label}, so there is no NPS for this period yet.`;
  }
  const head = `NPS ${formatNps(nps)} from ${responses} ${responses === 1 ? 'response' : 'responses'}`;
  if (!compare) return head;
  if (previousNps === null) return `${head} (no responses in ${previousLabel} to compare with)`;
  const change = npsChange(nps, previousNps) ?? 0;
  if (change === 0) return `${head} (unchanged from ${previousLabel})`;
  return `${head} (${change > 0 ? 'up' : 'down'} ${formatNps(Math.abs(change))} from ${previousLabel})`;
};
