/**
 * Dates in IML: time zones through Intl (IANA names), formatDate's and parseDate's tokens, and
 * wall-clock arithmetic in a zone (what add* and set* compute in). Rules: see ../iml.ts.
 */
import { IMLError } from './types.js';
import { stringify } from './values.js';

export const tzOffsetMin = (ms: number, tz: string): number => {
  if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
  let dtf: Intl.DateTimeFormat;
  try {
    dtf = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new IMLError(`Unknown time zone "${tz}"`);
  }
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  const parts: Record<string, number> = {};
  for (const part of dtf.formatToParts(new Date(whole))) parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((asUtc - whole) / 60000);
};

/** The instant whose wall-clock time in `tz` is `wallMs` (wall time written as if UTC). */
export const fromWall = (wallMs: number, tz: string): number => {
  const guess = wallMs - tzOffsetMin(wallMs, tz) * 60000;
  return wallMs - tzOffsetMin(guess, tz) * 60000;
};

export const toDate = (v: unknown, fn: string): Date => {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new IMLError(`${fn}(): "${stringify(v)}" is not a date`);
};

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
const ordinal = (n: number) => {
  const s =
    n % 100 >= 11 && n % 100 <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
};
const offsetText = (min: number, colon: boolean) =>
  `${min < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(min) / 60))}${colon ? ':' : ''}${pad(Math.abs(min) % 60)}`;

/** ISO-8601 week number and week-year of a wall-clock date (UTC fields). */
const isoWeek = (w: Date): number => {
  const d = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86400000 + 1) / 7);
};

const FORMAT_TOKENS =
  /\[[^\]]*\]|YYYY|YY|Q|MMMM|MMM|MM|M|DDDD|DDD|Do|DD|D|dddd|ddd|dd|d|E|WW|W|HH|H|hh|h|kk|k|A|a|mm|m|ss|s|SSS|SS|S|ZZ|Z|X|x/g;

/** formatDate with the moment-style tokens of https://help.make.com/tokens-for-datetime-formatting */
export const formatDate = (date: Date, format: string, tz: string): string => {
  const ms = date.getTime();
  const off = tzOffsetMin(ms, tz);
  const w = new Date(ms + off * 60000); // wall-clock fields via getUTC*
  const Y = w.getUTCFullYear();
  const Mo = w.getUTCMonth();
  const D = w.getUTCDate();
  const dow = w.getUTCDay();
  const H = w.getUTCHours();
  const h12 = H % 12 === 0 ? 12 : H % 12;
  const doy = Math.floor((Date.UTC(Y, Mo, D) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  return format.replace(FORMAT_TOKENS, (t) => {
    switch (t) {
      case 'YYYY':
        return String(Y);
      case 'YY':
        return pad(Y % 100);
      case 'Q':
        return String(Math.floor(Mo / 3) + 1);
      case 'MMMM':
        return MONTHS[Mo] as string;
      case 'MMM':
        return (MONTHS[Mo] as string).slice(0, 3);
      case 'MM':
        return pad(Mo + 1);
      case 'M':
        return String(Mo + 1);
      case 'DDDD':
        return pad(doy, 3);
      case 'DDD':
        return String(doy);
      case 'Do':
        return ordinal(D);
      case 'DD':
        return pad(D);
      case 'D':
        return String(D);
      case 'dddd':
        return DAYS[dow] as string;
      case 'ddd':
        return (DAYS[dow] as string).slice(0, 3);
      case 'dd':
        return (DAYS[dow] as string).slice(0, 2);
      case 'd':
        return String(dow);
      case 'E':
        return String(dow || 7);
      case 'WW':
        return pad(isoWeek(w));
      case 'W':
        return String(isoWeek(w));
      case 'HH':
        return pad(H);
      case 'H':
        return String(H);
      case 'hh':
        return pad(h12);
      case 'h':
        return String(h12);
      case 'kk':
        return pad(H || 24);
      case 'k':
        return String(H || 24);
      case 'A':
        return H < 12 ? 'AM' : 'PM';
      case 'a':
        return H < 12 ? 'am' : 'pm';
      case 'mm':
        return pad(w.getUTCMinutes());
      case 'm':
        return String(w.getUTCMinutes());
      case 'ss':
        return pad(w.getUTCSeconds());
      case 's':
        return String(w.getUTCSeconds());
      case 'SSS':
        return pad(w.getUTCMilliseconds(), 3);
      case 'SS':
        return pad(Math.floor(w.getUTCMilliseconds() / 10), 2);
      case 'S':
        return String(Math.floor(w.getUTCMilliseconds() / 100));
      case 'ZZ':
        return offsetText(off, false);
      case 'Z':
        return offsetText(off, true);
      case 'X':
        return String(Math.floor(ms / 1000));
      case 'x':
        return String(ms);
      default:
        return t.slice(1, -1); // [escaped text]
    }
  });
};

const PARSE_TOKENS =
  /\[[^\]]*\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|kk|k|A|a|mm|m|ss|s|SSS|SS|S|ZZ|Z|X|x/g;

/** parseDate with the tokens of https://help.make.com/tokens-for-date-time-parsing */
export const parseDate = (text: string, format: string | undefined, tz: string): Date => {
  if (format === undefined || format === '') return toDate(text, 'parseDate');
  const fields: string[] = [];
  let re = '^\\s*';
  let last = 0;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const m of format.matchAll(PARSE_TOKENS)) {
    re += esc(format.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    const t = m[0];
    if (t.startsWith('[')) {
      re += esc(t.slice(1, -1));
      continue;
    }
    const pattern: Record<string, string> = {
      YYYY: '[+-]?\\d{4}',
      YY: '\\d{2}',
      MMMM: '[A-Za-z]+',
      MMM: '[A-Za-z]{3}',
      MM: '\\d{2}',
      M: '\\d{1,2}',
      Do: '\\d{1,2}(?:st|nd|rd|th)',
      DD: '\\d{2}',
      D: '\\d{1,2}',
      dddd: '[A-Za-z]+',
      ddd: '[A-Za-z]{3}',
      HH: '\\d{2}',
      H: '\\d{1,2}',
      hh: '\\d{2}',
      h: '\\d{1,2}',
      kk: '\\d{2}',
      k: '\\d{1,2}',
      A: '[AaPp][Mm]',
      a: '[AaPp][Mm]',
      mm: '\\d{2}',
      m: '\\d{1,2}',
      ss: '\\d{2}',
      s: '\\d{1,2}',
      SSS: '\\d{3}',
      SS: '\\d{2}',
      S: '\\d',
      ZZ: '[+-]\\d{4}|Z',
      Z: '[+-]\\d{2}:?\\d{2}|Z',
      X: '-?\\d+(?:\\.\\d+)?',
      x: '-?\\d+',
    };
    re += `(${pattern[t] as string})`;
    fields.push(t);
  }
  re += esc(format.slice(last)) + '\\s*$';
  const m = new RegExp(re).exec(text);
  if (!m) throw new IMLError(`parseDate(): "${text}" does not match the format "${format}"`);
  let Y = 1970,
    Mo = 0,
    D = 1,
    H = 0,
    Mi = 0,
    S = 0,
    MS = 0;
  let pm: boolean | undefined;
  let off: number | undefined;
  let epoch: number | undefined;
  fields.forEach((t, i) => {
    const v = m[i + 1] as string;
    const monthByName = (s: string) => {
      const idx = MONTHS.findIndex((name) =>
        name.toLowerCase().startsWith(s.toLowerCase().slice(0, 3)),
      );
      if (idx < 0) throw new IMLError(`parseDate(): unknown month "${s}"`);
      return idx;
    };
    switch (t) {
      case 'YYYY':
        Y = Number(v);
        break;
      case 'YY':
        Y = Number(v) + (Number(v) > 68 ? 1900 : 2000);
        break;
      case 'MMMM':
      case 'MMM':
        Mo = monthByName(v);
        break;
      case 'MM':
      case 'M':
        Mo = Number(v) - 1;
        break;
      case 'Do':
        D = parseInt(v, 10);
        break;
      case 'DD':
      case 'D':
        D = Number(v);
        break;
      case 'HH':
      case 'H':
      case 'kk':
      case 'k':
        H = Number(v) % 24;
        break;
      case 'hh':
      case 'h':
        H = Number(v) % 12;
        break;
      case 'A':
      case 'a':
        pm = v.toLowerCase() === 'pm';
        break;
      case 'mm':
      case 'm':
        Mi = Number(v);
        break;
      case 'ss':
      case 's':
        S = Number(v);
        break;
      case 'SSS':
        MS = Number(v);
        break;
      case 'SS':
        MS = Number(v) * 10;
        break;
      case 'S':
        MS = Number(v) * 100;
        break;
      case 'ZZ':
      case 'Z': {
        if (v === 'Z') off = 0;
        else {
          const d = v.replace(':', '');
          off = (d[0] === '-' ? -1 : 1) * (Number(d.slice(1, 3)) * 60 + Number(d.slice(3, 5)));
        }
        break;
      }
      case 'X':
        epoch = Number(v) * 1000;
        break;
      case 'x':
        epoch = Number(v);
        break;
      default:
        break; // day names are read and ignored
    }
  });
  if (epoch !== undefined) return new Date(epoch);
  if (pm !== undefined && pm) H += 12;
  const wall = Date.UTC(Y, Mo, D, H, Mi, S, MS);
  const check = new Date(wall);
  if (check.getUTCMonth() !== Mo || check.getUTCDate() !== D)
    throw new IMLError(`parseDate(): "${text}" is not a valid date for "${format}"`);
  return new Date(off !== undefined ? wall - off * 60000 : fromWall(wall, tz));
};

/** Changes wall-clock fields (in the environment's zone) and returns the new instant. */
export const setWall = (date: Date, tz: string, change: (w: Date) => void): Date => {
  const w = new Date(date.getTime() + tzOffsetMin(date.getTime(), tz) * 60000);
  change(w);
  return new Date(fromWall(w.getTime(), tz));
};

export const addMonths = (d: Date, n: number, tz: string) =>
  setWall(d, tz, (w) => {
    const day = w.getUTCDate();
    w.setUTCDate(1);
    w.setUTCMonth(w.getUTCMonth() + n);
    const last = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth() + 1, 0)).getUTCDate();
    w.setUTCDate(Math.min(day, last)); // Jan 31 + 1 month = Feb 28/29, as moment does
  });
