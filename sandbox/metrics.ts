/**
 * NPS over a period and its breakdown by day, ISO week or calendar month, cut at local
 * midnights of an IANA time zone (computed with Intl.DateTimeFormat, so DST is handled).
 */

export interface NpsBreakdown {
  nps: number | null;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsPeriod extends NpsBreakdown {
  label: string;
  start: string;
  end: string;
}

export type GroupBy = 'day' | 'week' | 'month';

export function segmentOf(score: number): 'promoter' | 'passive' | 'detractor' {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** % promoters - % detractors, rounded to one decimal half away from zero; null when none. */
export function npsValue(promoters: number, detractors: number, total: number): number | null {
  if (total === 0) return null;
  const diff = promoters - detractors;
  const q = Math.abs(diff) * 1000; // tenths of a percent, times total
  const tenths = Math.floor((2 * q + total) / (2 * total));
  const value = tenths / 10;
  return diff < 0 ? -value : value;
}

export function breakdown(scores: number[]): NpsBreakdown {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    const seg = segmentOf(s);
    if (seg === 'promoter') promoters++;
    else if (seg === 'passive') passives++;
    else detractors++;
  }
  return {
    nps: npsValue(promoters, detractors, scores.length),
    responses: scores.length,
    promoters,
    passives,
    detractors,
  };
}

/** Throws RangeError for an unknown zone. */
export function assertTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
}

interface LocalDate {
  y: number;
  m: number; // 1-12
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(
  ms: number,
  timeZone: string,
): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    y: parts.year ?? 1970,
    m: parts.month ?? 1,
    d: parts.day ?? 1,
    h: (parts.hour ?? 0) % 24,
    mi: parts.minute ?? 0,
    s: parts.second ?? 0,
  };
}

/** Offset of the zone at an instant, in ms (local - UTC). */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant of local midnight starting a date (its first instant when midnight is skipped by DST). */
export function localMidnight(date: LocalDate, timeZone: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d);
  const c1 = wall - offsetAt(wall, timeZone);
  const c2 = wall - offsetAt(c1, timeZone);
  const c3 = wall - offsetAt(c2, timeZone);
  const valid = [c1, c2, c3].filter((t) => {
    const p = localParts(t, timeZone);
    return (
      p.y === date.y && p.m === date.m && p.d === date.d && p.h === 0 && p.mi === 0 && p.s === 0
    );
  });
  if (valid.length) return Math.min(...valid);
  return Math.max(c1, c2, c3);
}

function localDateOf(ms: number, timeZone: string): LocalDate {
  const p = localParts(ms, timeZone);
  return { y: p.y, m: p.m, d: p.d };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function isoWeekLabel(monday: LocalDate): string {
  const thursday = addDays(monday, 3);
  const jan4 = { y: thursday.y, m: 1, d: 4 };
  const jan4Dow = (new Date(Date.UTC(jan4.y, 0, 4)).getUTCDay() + 6) % 7;
  const week1Monday = addDays(jan4, -jan4Dow);
  const diffDays = Math.round(
    (Date.UTC(monday.y, monday.m - 1, monday.d) -
      Date.UTC(week1Monday.y, week1Monday.m - 1, week1Monday.d)) /
      86_400_000,
  );
  return `${thursday.y}-W${pad(Math.floor(diffDays / 7) + 1)}`;
}

function periodStart(date: LocalDate, groupBy: GroupBy): LocalDate {
  if (groupBy === 'day') return date;
  if (groupBy === 'month') return { y: date.y, m: date.m, d: 1 };
  const dow = (new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7;
  return addDays(date, -dow);
}

function nextPeriod(start: LocalDate, groupBy: GroupBy): LocalDate {
  if (groupBy === 'day') return addDays(start, 1);
  if (groupBy === 'week') return addDays(start, 7);
  return start.m === 12 ? { y: start.y + 1, m: 1, d: 1 } : { y: start.y, m: start.m + 1, d: 1 };
}

function label(start: LocalDate, groupBy: GroupBy): string {
  if (groupBy === 'day') return `${start.y}-${pad(start.m)}-${pad(start.d)}`;
  if (groupBy === 'month') return `${start.y}-${pad(start.m)}`;
  return isoWeekLabel(start);
}

export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** How many periods a range would produce (to refuse absurd requests). */
export function countPeriods(
  since: number,
  until: number,
  groupBy: GroupBy,
  timeZone: string,
): number {
  return periodRanges(since, until, groupBy, timeZone).length;
}

interface Range {
  label: string;
  start: number;
  end: number;
}

function periodRanges(
  since: number,
  until: number,
  groupBy: GroupBy,
  timeZone: string,
  max = 5000,
): Range[] {
  const ranges: Range[] = [];
  let cur = periodStart(localDateOf(since, timeZone), groupBy);
  while (ranges.length <= max) {
    const next = nextPeriod(cur, groupBy);
    const startMs = localMidnight(cur, timeZone);
    const endMs = localMidnight(next, timeZone);
    const start = Math.max(startMs, since);
    const end = Math.min(endMs, until);
    if (start < end) ranges.push({ label: label(cur, groupBy), start, end });
    if (endMs >= until) break;
    cur = next;
  }
  return ranges;
}

export interface Scored {
  score: number;
  at: number;
}

/** The periods (oldest first) with their breakdowns. */
export function periods(
  items: Scored[],
  since: number,
  until: number,
  groupBy: GroupBy,
  timeZone: string,
): NpsPeriod[] {
  return periodRanges(since, until, groupBy, timeZone).map((r) => ({
    label: r.label,
    start: formatTime(r.start),
    end: formatTime(r.end),
    ...breakdown(items.filter((i) => i.at >= r.start && i.at < r.end).map((i) => i.score)),
  }));
}
