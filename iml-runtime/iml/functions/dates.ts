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
  setSecond: ([d, n], env) =>
    setWall(toDate(d, 'setSecond'), env.timezone, (w) => w.setUTCSeconds(num(n, 'setSecond'))),
  setMinute: ([d, n], env) =>
    setWall(toDate(d, 'setMinute'), env.timezone, (w) => w.setUTCMinutes(num(n, 'setMinute'))),
  setHour: ([d, n], env) =>
    setWall(toDate(d, 'setHour'), env.timezone, (w) => w.setUTCHours(num(n, 'setHour'))),
  setDate: ([d, n], env) =>
    setWall(toDate(d, 'setDate'), env.timezone, (w) => w.setUTCDate(num(n, 'setDate'))),
  setMonth: ([d, n], env) =>
    setWall(toDate(d, 'setMonth'), env.timezone, (w) => w.setUTCMonth(indexOf(n, 'month'))),
  setYear: ([d, n], env) =>
    setWall(toDate(d, 'setYear'), env.timezone, (w) => w.setUTCFullYear(num(n, 'setYear'))),
  setDay: ([d, n], env) =>
    setWall(toDate(d, 'setDay'), env.timezone, (w) => {
      // setDay(date; number or English day name): that day of the same week, Sunday-based as
      // moment's day(): setDay(2016-12-08 (Thu); 1) and setDay(…; monday) = 2016-12-05.
      w.setUTCDate(w.getUTCDate() + (indexOf(n, 'day') - w.getUTCDay()));
    }),
};
