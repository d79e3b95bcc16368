/**
 * Date and time functions (https://help.make.com/date-and-time-functions). formatDate, parseDate,
 * add* (days and longer) and set* compute in the environment's zone unless given one.
 */
import { addMonths, DAYS, formatDate, MONTHS, parseDate, setWall, toDate } from '../dates.js';
import { IMLError, type Env, type IMLFunction } from '../types.js';
import { isEmpty, num, str, stringify } from '../values.js';

/**
 * setMonth's and setDay's second argument: a number (months from 1, days from 0 = Sunday) or an
 * English name (its first three letters are enough). Returns the index from 0.
 */
const NAMED = {
  month: { names: MONTHS, first: 1, fn: 'setMonth' },
  day: { names: DAYS, first: 0, fn: 'setDay' },
} as const;
const indexOf = (n: unknown, unit: keyof typeof NAMED): number => {
  const { names, first, fn } = NAMED[unit];
  if (typeof n !== 'string' || /^\d+$/.test(n)) return num(n, fn) - first;
  const idx = names.findIndex((name) => name.toLowerCase().startsWith(n.toLowerCase().slice(0, 3)));
  if (idx < 0) throw new IMLError(`${fn}(): unknown ${unit} "${stringify(n)}"`);
  return idx;
};

/** A set* function: the date's wall clock in the environment's zone, changed by `change`. */
const setter =
  (fn: string, change: (wall: Date, n: unknown) => void): IMLFunction =>
  ([d, n], env) =>
    setWall(toDate(d, fn), env.timezone, (w) => change(w, n));

const tzArg = (v: unknown, env: Env) => (isEmpty(v) ? env.timezone : str(v));
export const DATES: Record<string, IMLFunction> = {
  formatDate: ([d, f, tz], env) => formatDate(toDate(d, 'formatDate'), str(f), tzArg(tz, env)),
  parseDate: ([t, f, tz], env) =>
    parseDate(str(t), isEmpty(f) ? undefined : str(f), tzArg(tz, env)),
  addSeconds: ([d, n]) => new Date(toDate(d, 'addSeconds').getTime() + num(n, 'addSeconds') * 1000),
  addMinutes: ([d, n]) =>
    new Date(toDate(d, 'addMinutes').getTime() + num(n, 'addMinutes') * 60000),
  addHours: ([d, n]) => new Date(toDate(d, 'addHours').getTime() + num(n, 'addHours') * 3600000),
  addDays: ([d, n], env) =>
    setWall(toDate(d, 'addDays'), env.timezone, (w) =>
      w.setUTCDate(w.getUTCDate() + num(n, 'addDays')),
    ),
  addMonths: ([d, n], env) => addMonths(toDate(d, 'addMonths'), num(n, 'addMonths'), env.timezone),
  addYears: ([d, n], env) =>
    addMonths(toDate(d, 'addYears'), 12 * num(n, 'addYears'), env.timezone),
  setSecond: setter('setSecond', (w, n) => w.setUTCSeconds(num(n, 'setSecond'))),
  setMinute: setter('setMinute', (w, n) => w.setUTCMinutes(num(n, 'setMinute'))),
  setHour: setter('setHour', (w, n) => w.setUTCHours(num(n, 'setHour'))),
  setDate: setter('setDate', (w, n) => w.setUTCDate(num(n, 'setDate'))),
  setMonth: setter('setMonth', (w, n) => w.setUTCMonth(indexOf(n, 'month'))),
  setYear: setter('setYear', (w, n) => w.setUTCFullYear(num(n, 'setYear'))),
  // setDay(date; number or English day name): that day of the same week, Sunday-based as
  // moment's day(): setDay(2016-12-08 (Thu); 1) and setDay(…; monday) = 2016-12-05.
  setDay: setter('setDay', (w, n) =>
    w.setUTCDate(w.getUTCDate() + (indexOf(n, 'day') - w.getUTCDay())),
  ),
};
