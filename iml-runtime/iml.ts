/**
 * A local interpreter of IML, the templating language of Make custom apps, written from Make's
 * documentation, for testing the generated `make/` app on this machine (Make itself runs the real
 * one). Nothing here is shipped.
 *
 * Sources (read for every rule below):
 * - IML syntax: https://developers.make.com/custom-apps-documentation/block-elements/iml
 *   (its list of built-ins adds abs, stdevP, parseJSON and createJSON to the help-center pages)
 *   (mustaches `{{ … }}`, JavaScript-like expressions, operators `+ - * / %`, `==` (= `=`, `===`),
 *   `!=` (= `!==`), all equality strict, `< <= > >=`, `&& || !`, strings in `'` or `"`, back-ticked
 *   property names, `[]` indexes that start at 1 and `-1` for the last item, `if`/`ifempty`, `get`).
 * - Built-in functions (the same list custom IML functions reach as `iml.*`, see
 *   https://developers.make.com/custom-apps-documentation/app-components/iml-functions):
 *   general https://help.make.com/general-functions, math https://help.make.com/math-functions,
 *   text https://help.make.com/text-and-binary-functions, date
 *   https://help.make.com/date-and-time-functions with the tokens of
 *   https://help.make.com/tokens-for-datetime-formatting and https://help.make.com/tokens-for-date-time-parsing,
 *   array https://help.make.com/array-functions.
 *
 * Arguments are separated by `,` in the custom-app docs (`if(body.id > 100, body.user, false)`); the
 * scenario help pages write `;`. Both are accepted.
 *
 * API
 * - `evaluate(value, context, options?)`: walks JSON (objects, arrays, strings); each string with
 *   IML is rendered: a string that is exactly one `{{…}}` keeps the value's type, mixed text
 *   concatenates. Object keys whose value renders to `undefined` are dropped (Make omits them).
 * - `renderTemplate(text, context, options?)`, `evaluateExpression(expr, context, options?)`.
 * - `parseExpression(expr)`: the AST; `functionsCalledIn(value)`: every function name called by the
 *   IML anywhere in a JSON value (for a static "only implemented functions" check).
 * - `IMPLEMENTED_FUNCTIONS`, `KEYWORDS`, `IMLError`, `toJsonValue` (Dates → ISO strings,
 *   Buffers → base64) for comparing outputs.
 *
 * Context: the variables an expression reads (`parameters`, `connection`, `common`, `temp`, `body`,
 * `headers`, `statusCode`, `item`, `data`, `webhook`, …). Reading a root variable that is not in the
 * context throws (a typo in generated IML must fail a test); a missing property is `undefined`.
 * Calling a function not implemented here throws `IMLError` naming it.
 *
 * Approximate (the docs are silent; the choice is the JavaScript-like one unless noted):
 * - a backslash inside a string literal is refused (no escape sequence is documented; a newline is
 *   written as a real newline inside the string);
 * - text concatenation writes null/undefined as '' and arrays/collections as JSON (also `toString`);
 * - plain-text `replace` replaces every occurrence; `keys(array)` gives 1-based positions;
 * - `round(n, places)` accepts an optional places argument; `flatten` defaults to depth 1 (Array.flat);
 * - `parseDate` is strict about separators (moment's forgiving mode is not reproduced);
 * - add* (days and longer) and set* compute in `options.timezone` (Make: the organization's zone);
 * - not implemented: `mime`, `replaceEmojiCharacters`, custom IML functions, operators `&`/`|` (not
 *   documented for apps), `environment`/`random`/`uuid` are placeholders.
 *
 * Dates: Date objects inside expressions; ISO strings and epoch milliseconds are accepted wherever a
 * date is expected. Time zones via Intl (IANA names); the default time zone is UTC (Make uses the
 * scenario's / organization's zone — options.timezone sets it).
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';

export class IMLError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IMLError';
  }
}

export type IMLContext = Record<string, unknown>;
export type IMLFunction = (args: unknown[], env: Env) => unknown;

export interface IMLOptions {
  /** The instant `now` and `timestamp` read (default: the real clock). */
  now?: Date;
  /** IANA zone for date functions without a zone argument (default `UTC`). */
  timezone?: string;
  /** Extra functions (e.g. to stand in for custom IML functions); built-ins win on name clashes. */
  functions?: Record<string, IMLFunction>;
}

interface Env {
  ctx: IMLContext;
  now: Date;
  timezone: string;
  functions: Record<string, IMLFunction>;
}

// ------------------------------------------------------------------------------------- lexer

type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'id'; v: string }
  | { t: 'qid'; v: string } // back-ticked name
  | { t: 'op'; v: string };

const OPS = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
  '=',
  '(',
  ')',
  '[',
  ']',
  '.',
  ',',
  ';',
];

const lex = (src: string): Tok[] => {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        // Make's IML page documents strings in ' or " and no escape sequence: a string holds its
        // characters as written (a newline is a real newline). A backslash, whose meaning Make
        // does not document, is refused so that no generated file depends on one.
        if (src[j] === '\\')
          throw new IMLError(
            `A backslash in an IML string (escape sequences are not documented by Make; write the character itself): ${src}`,
          );
        s += src[j];
        j++;
      }
      if (j >= src.length) throw new IMLError(`Unterminated ${c} in IML expression: ${src}`);
      out.push(c === '`' ? { t: 'qid', v: s } : { t: 'str', v: s });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new IMLError(`Unexpected character "${c}" in IML expression: ${src}`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
};

// ------------------------------------------------------------------------------------ parser

export type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'var'; name: string }
  | { k: 'member'; obj: Node; prop: string }
  | { k: 'index'; obj: Node; index: Node }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'unary'; op: string; arg: Node }
  | { k: 'binary'; op: string; left: Node; right: Node };

const LITERALS: Record<string, unknown> = { true: true, false: false, null: null, undefined };

/** Precedence climbing, lowest first. `=`, `==`, `===` are one operator (strict equality). */
const LEVELS: string[][] = [
  ['||'],
  ['&&'],
  ['==', '===', '=', '!=', '!=='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

export const parseExpression = (src: string): Node => {
  const toks = lex(src);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const isOp = (v: string) => {
    const t = peek();
    return t !== undefined && t.t === 'op' && t.v === v;
  };
  const expect = (v: string) => {
    if (!isOp(v)) throw new IMLError(`Expected "${v}" in IML expression: ${src}`);
    p++;
  };
  const level = (n: number): Node => {
    if (n === LEVELS.length) return unary();
    let left = level(n + 1);
    for (;;) {
      const t = peek();
      if (t?.t === 'op' && (LEVELS[n] as string[]).includes(t.v)) {
        p++;
        left = { k: 'binary', op: t.v, left, right: level(n + 1) };
      } else return left;
    }
  };
  const unary = (): Node => {
    if (isOp('!') || isOp('-') || isOp('+')) {
      const op = (toks[p++] as { v: string }).v;
      return { k: 'unary', op, arg: unary() };
    }
    return postfix(primary());
  };
  const postfix = (node: Node): Node => {
    for (;;) {
      if (isOp('.')) {
        p++;
        const t = toks[p++];
        if (!t || (t.t !== 'id' && t.t !== 'qid' && t.t !== 'num'))
          throw new IMLError(`Expected a property name after "." in IML expression: ${src}`);
        node = { k: 'member', obj: node, prop: String(t.v) };
      } else if (isOp('[')) {
        p++;
        const index = level(0);
        expect(']');
        node = { k: 'index', obj: node, index };
      } else return node;
    }
  };
  const primary = (): Node => {
    const t = toks[p++];
    if (!t) throw new IMLError(`Unexpected end of IML expression: ${src}`);
    if (t.t === 'num' || t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'qid') return { k: 'var', name: t.v };
    if (t.t === 'op' && t.v === '(') {
      const e = level(0);
      expect(')');
      return e;
    }
    if (t.t === 'id') {
      if (isOp('(')) {
        p++;
        const args: Node[] = [];
        if (!isOp(')')) {
          for (;;) {
            args.push(level(0));
            if (isOp(',') || isOp(';')) p++;
            else break;
          }
        }
        expect(')');
        return { k: 'call', name: t.v, args };
      }
      if (Object.prototype.hasOwnProperty.call(LITERALS, t.v))
        return { k: 'lit', v: LITERALS[t.v] };
      return { k: 'var', name: t.v };
    }
    throw new IMLError(`Unexpected "${t.v}" in IML expression: ${src}`);
  };
  const node = level(0);
  if (p < toks.length)
    throw new IMLError(`Unexpected "${String(toks[p]?.v)}" in IML expression: ${src}`);
  return node;
};

// ------------------------------------------------------------------------- template scanning

type Segment = { text: string } | { expr: string };

/** Splits a string into text and `{{expr}}` parts; quotes inside an expression may hold `}}`. */
export const splitTemplate = (s: string): Segment[] => {
  const out: Segment[] = [];
  let i = 0;
  let text = '';
  while (i < s.length) {
    if (s.startsWith('{{', i)) {
      let j = i + 2;
      let quote: string | null = null;
      while (j < s.length) {
        const c = s[j];
        if (quote) {
          if (c === '\\') j++;
          else if (c === quote) quote = null;
        } else if (c === '"' || c === "'" || c === '`') quote = c;
        else if (s.startsWith('}}', j)) break;
        j++;
      }
      if (j >= s.length) throw new IMLError(`Unclosed "{{" in IML: ${s}`);
      if (text) out.push({ text });
      text = '';
      out.push({ expr: s.slice(i + 2, j) });
      i = j + 2;
    } else {
      text += s[i];
      i++;
    }
  }
  if (text) out.push({ text });
  return out;
};

// ---------------------------------------------------------------------------------- helpers

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Date) &&
  !Buffer.isBuffer(v);

/** Text form of a value, as when IML concatenates it into a string. */
export const stringify = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (typeof v === 'object') return JSON.stringify(toJsonValue(v));
  return String(v);
};

/** A value as JSON would carry it: Dates → ISO strings, Buffers → base64, undefined keys dropped. */
export const toJsonValue = (v: unknown): unknown => {
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : toJsonValue(x)));
  if (isRec(v)) {
    const o: Rec = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = toJsonValue(x);
    return o;
  }
  return v;
};

const equal = (a: unknown, b: unknown): boolean => {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
};

const deepKey = (v: unknown): string => JSON.stringify(toJsonValue(v)) ?? 'undefined';

/** Reads an item by 1-based index (negative from the end), or a property. */
const indexInto = (obj: unknown, key: unknown): unknown => {
  if (obj === undefined || obj === null) return undefined;
  if (Array.isArray(obj)) {
    const n =
      typeof key === 'number'
        ? key
        : typeof key === 'string' && /^-?\d+$/.test(key)
          ? Number(key)
          : NaN;
    if (Number.isNaN(n) || n === 0) return undefined;
    return n > 0 ? obj[n - 1] : obj[obj.length + n];
  }
  if (isRec(obj)) {
    const k = String(key);
    return Object.prototype.hasOwnProperty.call(obj, k) ? obj[k] : undefined;
  }
  return undefined;
};

/** Dot-notation path (`a.b.1.c`, `a.b[2]`) as `get()`, `map()`, `sort()` and `distinct()` read it. */
const getPath = (obj: unknown, path: unknown): unknown => {
  if (typeof path === 'number') return indexInto(obj, path);
  const parts = String(path)
    .replace(/\[(-?\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
  let cur = obj;
  for (const part of parts) cur = indexInto(cur, part);
  return cur;
};

const num = (v: unknown, fn: string): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new IMLError(`${fn}(): "${stringify(v)}" is not a number`);
};

const str = (v: unknown): string => stringify(v);

const arr = (v: unknown, fn: string): unknown[] => {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null) return [];
  throw new IMLError(`${fn}(): expected an array, got ${typeof v}`);
};

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

// ------------------------------------------------------------------------------------ dates

const tzOffsetMin = (ms: number, tz: string): number => {
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
const fromWall = (wallMs: number, tz: string): number => {
  const guess = wallMs - tzOffsetMin(wallMs, tz) * 60000;
  return wallMs - tzOffsetMin(guess, tz) * 60000;
};

const toDate = (v: unknown, fn: string): Date => {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new IMLError(`${fn}(): "${stringify(v)}" is not a date`);
};

const MONTHS = [
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
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
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
const setWall = (date: Date, tz: string, change: (w: Date) => void): Date => {
  const w = new Date(date.getTime() + tzOffsetMin(date.getTime(), tz) * 60000);
  change(w);
  return new Date(fromWall(w.getTime(), tz));
};

const addMonths = (d: Date, n: number, tz: string) =>
  setWall(d, tz, (w) => {
    const day = w.getUTCDate();
    w.setUTCDate(1);
    w.setUTCMonth(w.getUTCMonth() + n);
    const last = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth() + 1, 0)).getUTCDate();
    w.setUTCDate(Math.min(day, last)); // Jan 31 + 1 month = Feb 28/29, as moment does
  });

// ------------------------------------------------------------------------------- functions

const hashFn =
  (algo: 'sha1' | 'sha256' | 'sha512') =>
  (a: unknown[]): string => {
    // sha256(text; [encoding]; [key]; [key encoding]): encoding hex (default) | base64 | latin1;
    // key encoding text (default) | hex | base64 | binary (a Buffer key). With a key: HMAC.
    const [text, encoding, key, keyEncoding] = a;
    const enc = isEmpty(encoding) ? 'hex' : str(encoding);
    if (!['hex', 'base64', 'latin1'].includes(enc))
      throw new IMLError(`${algo}(): unknown encoding "${enc}" (hex, base64 or latin1)`);
    const data = Buffer.isBuffer(text) ? text : Buffer.from(str(text), 'utf8');
    if (isEmpty(key))
      return createHash(algo)
        .update(data)
        .digest(enc as 'hex');
    const kenc = isEmpty(keyEncoding) ? 'text' : str(keyEncoding);
    let keyBytes: Buffer;
    if (kenc === 'text') keyBytes = Buffer.from(str(key), 'utf8');
    else if (kenc === 'hex' || kenc === 'base64') keyBytes = Buffer.from(str(key), kenc);
    else if (kenc === 'binary') {
      if (!Buffer.isBuffer(key))
        throw new IMLError(`${algo}(): key encoding "binary" needs a binary key`);
      keyBytes = key;
    } else
      throw new IMLError(`${algo}(): unknown key encoding "${kenc}" (text, hex, base64 or binary)`);
    return createHmac(algo, keyBytes)
      .update(data)
      .digest(enc as 'hex');
  };

const regexOf = (s: string): RegExp | null => {
  const m = /^\/([\s\S]*)\/([dgimsuy]*)$/.exec(s);
  if (!m) return null;
  try {
    return new RegExp(m[1] as string, m[2]);
  } catch {
    throw new IMLError(`replace(): invalid regular expression ${s}`);
  }
};

const numbers = (a: unknown[], fn: string): number[] =>
  a
    .flatMap((x) => (Array.isArray(x) ? x : [x]))
    .filter((x) => !isEmpty(x))
    .map((x) => num(x, fn));

const stdev = (ns: number[], sample: boolean): number | undefined => {
  if (ns.length < (sample ? 2 : 1)) return undefined;
  const mean = ns.reduce((s, n) => s + n, 0) / ns.length;
  const sq = ns.reduce((s, n) => s + (n - mean) ** 2, 0);
  return Math.sqrt(sq / (ns.length - (sample ? 1 : 0)));
};

const compareValues = (x: unknown, y: unknown, ci: boolean): number => {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (x instanceof Date && y instanceof Date) return x.getTime() - y.getTime();
  let a = stringify(x);
  let b = stringify(y);
  if (ci) {
    a = a.toLowerCase();
    b = b.toLowerCase();
  }
  return a < b ? -1 : a > b ? 1 : 0;
};

const BUILTINS: Record<string, IMLFunction> = {
  // ---- general (https://help.make.com/general-functions)
  get: ([o, path]) => getPath(o, path),
  // `if`, `ifempty` and `switch` are evaluated lazily in `call` below; these are for `iml.*`.
  if: ([c, a, b]) => (c ? a : b),
  ifempty: ([a, b]) => (isEmpty(a) ? b : a),
  switch: ([value, ...rest]) => {
    for (let i = 0; i + 1 < rest.length; i += 2) if (equal(value, rest[i])) return rest[i + 1];
    return rest.length % 2 === 1 ? rest[rest.length - 1] : undefined;
  },
  omit: ([o, ...ks]) => {
    if (!isRec(o)) return o;
    const keys = ks.map(str);
    return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
  },
  pick: ([o, ...ks]) => {
    if (!isRec(o)) return o;
    const keys = ks.flatMap((k) => (Array.isArray(k) ? k : [k])).map(str);
    return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
  },
  // ---- math (https://help.make.com/math-functions)
  average: (a) => {
    const ns = numbers(a, 'average');
    return ns.length ? ns.reduce((s, n) => s + n, 0) / ns.length : undefined;
  },
  ceil: ([n]) => Math.ceil(num(n, 'ceil')),
  floor: ([n]) => Math.floor(num(n, 'floor')),
  round: ([n, places]) => {
    const f = 10 ** (isEmpty(places) ? 0 : num(places, 'round'));
    return Math.round(num(n, 'round') * f) / f;
  },
  trunc: ([n]) => Math.trunc(num(n, 'trunc')),
  abs: ([n]) => Math.abs(num(n, 'abs')),
  stdevP: (a) => stdev(numbers(a, 'stdevP'), false),
  stdevS: (a) => stdev(numbers(a, 'stdevS'), true),
  max: (a) => {
    const ns = numbers(a, 'max');
    return ns.length ? Math.max(...ns) : undefined;
  },
  min: (a) => {
    const ns = numbers(a, 'min');
    return ns.length ? Math.min(...ns) : undefined;
  },
  sum: (a) => numbers(a, 'sum').reduce((s, n) => s + n, 0),
  median: (a) => {
    const ns = numbers(a, 'median').sort((x, y) => x - y);
    if (!ns.length) return undefined;
    const mid = Math.floor(ns.length / 2);
    return ns.length % 2 ? ns[mid] : ((ns[mid - 1] as number) + (ns[mid] as number)) / 2;
  },
  parseNumber: ([text, sep]) => {
    // parseNumber(1 756,456; ,) = 1756.456 — everything but digits, sign and the separator goes.
    const d = isEmpty(sep) ? '.' : str(sep);
    const kept = [...str(text)]
      .filter((c, i) => /[0-9]/.test(c) || c === d || (c === '-' && i === 0))
      .join('');
    const n = Number(d === '.' ? kept : kept.split(d).join('.'));
    if (kept === '' || Number.isNaN(n))
      throw new IMLError(`parseNumber(): "${str(text)}" is not a number`);
    return n;
  },
  formatNumber: ([n, places, decSep, thouSep]) => {
    // formatNumber(123456789; 3; ,; .) = 123.456.789,000 (defaults: "," decimal, "." thousands)
    const d = isEmpty(decSep) ? ',' : str(decSep);
    const t = thouSep === undefined || thouSep === null ? '.' : str(thouSep);
    const p = isEmpty(places) ? 0 : num(places, 'formatNumber');
    const fixed = Math.abs(num(n, 'formatNumber')).toFixed(p);
    const [int, frac] = fixed.split('.') as [string, string | undefined];
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, t);
    return `${num(n, 'formatNumber') < 0 ? '-' : ''}${grouped}${frac ? d + frac : ''}`;
  },
  // ---- text and binary (https://help.make.com/text-and-binary-functions)
  lower: ([s]) => str(s).toLowerCase(),
  upper: ([s]) => str(s).toUpperCase(),
  capitalize: ([s]) => {
    const t = str(s);
    return t.charAt(0).toUpperCase() + t.slice(1);
  },
  startcase: ([s]) =>
    str(s)
      .toLowerCase()
      .replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase()),
  trim: ([s]) => str(s).trim(),
  length: ([v]) =>
    Array.isArray(v) || Buffer.isBuffer(v) ? v.length : isEmpty(v) ? 0 : str(v).length,
  replace: ([s, search, replacement]) => {
    const text = str(s);
    const pattern = str(search);
    const re = regexOf(pattern);
    return re ? text.replace(re, str(replacement)) : text.split(pattern).join(str(replacement));
  },
  split: ([s, sep]) => (isEmpty(s) ? [] : str(s).split(str(sep))),
  substring: ([s, start, end]) =>
    str(s).substring(num(start, 'substring'), isEmpty(end) ? undefined : num(end, 'substring')),
  indexOf: ([s, v, start]) => str(s).indexOf(str(v), isEmpty(start) ? 0 : num(start, 'indexOf')),
  toString: (a: unknown[]) => stringify(a[0]),
  encodeURL: ([s]) => encodeURIComponent(str(s)),
  decodeURL: ([s]) => decodeURIComponent(str(s)),
  base64: ([s]) => (Buffer.isBuffer(s) ? s : Buffer.from(str(s), 'utf8')).toString('base64'),
  toBinary: ([v, enc]) => {
    if (Buffer.isBuffer(v)) return v;
    const e = isEmpty(enc) ? 'utf8' : str(enc);
    if (!['utf8', 'base64', 'hex', 'latin1', 'ascii'].includes(e))
      throw new IMLError(`toBinary(): unknown encoding "${e}"`);
    return Buffer.from(str(v), e as BufferEncoding);
  },
  md5: ([s]) =>
    createHash('md5')
      .update(Buffer.isBuffer(s) ? s : Buffer.from(str(s), 'utf8'))
      .digest('hex'),
  sha1: hashFn('sha1'),
  sha256: hashFn('sha256'),
  sha512: hashFn('sha512'),
  stripHTML: ([s]) => str(s).replace(/<[^>]*>/g, ''),
  escapeHTML: ([s]) =>
    str(s).replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
    ),
  ascii: ([s, removeDiacritics]) => {
    const t = removeDiacritics ? str(s).normalize('NFD').replace(/\p{M}/gu, '') : str(s);
    return [...t].filter((c) => c.charCodeAt(0) < 128).join('');
  },
  escapeMarkdown: ([s]) => str(s).replace(/[\\`*_{}[\]()#+\-.!|>~]/g, '\\$&'),
  // ---- JSON (listed with the built-ins on the IML page)
  parseJSON: ([s]) => {
    try {
      return JSON.parse(str(s)) as unknown;
    } catch {
      throw new IMLError('parseJSON(): the text is not valid JSON');
    }
  },
  createJSON: ([v]) => JSON.stringify(toJsonValue(v)),
  contains: ([hay, needle]) =>
    Array.isArray(hay) ? hay.some((x) => equal(x, needle)) : str(hay).includes(str(needle)),
  // ---- date and time (https://help.make.com/date-and-time-functions)
  // formatDate/parseDate/add*/set* take the environment's zone: see `call`.
  // ---- array (https://help.make.com/array-functions)
  join: ([a, sep]) =>
    arr(a, 'join')
      .map(stringify)
      .join(sep === undefined ? ',' : str(sep)),
  map: ([a, key, fKey, fValues]) => {
    let items = arr(a, 'map');
    if (!isEmpty(fKey)) {
      const allowed = str(fValues)
        .split(',')
        .map((v) => v.trim());
      items = items.filter((it) => allowed.includes(stringify(getPath(it, fKey))));
    }
    return items.map((it) => getPath(it, key));
  },
  first: ([a]) => arr(a, 'first')[0],
  last: ([a]) => {
    const xs = arr(a, 'last');
    return xs[xs.length - 1];
  },
  slice: ([a, start, end]) =>
    arr(a, 'slice').slice(num(start, 'slice'), isEmpty(end) ? undefined : num(end, 'slice')),
  merge: (a) => a.flatMap((x) => arr(x, 'merge')),
  flatten: ([a, depth]) => arr(a, 'flatten').flat(isEmpty(depth) ? 1 : num(depth, 'flatten')),
  distinct: ([a, key]) => {
    const seen = new Set<string>();
    return arr(a, 'distinct').filter((it) => {
      const k = deepKey(isEmpty(key) ? it : getPath(it, key));
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  },
  deduplicate: ([a]) => {
    const seen = new Set<string>();
    return arr(a, 'deduplicate').filter((it) => {
      const k = deepKey(it);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  },
  sort: ([a, order, key]) => {
    const o = isEmpty(order) ? 'asc' : str(order).toLowerCase();
    if (!['asc', 'desc', 'asc ci', 'desc ci'].includes(o))
      throw new IMLError(`sort(): unknown order "${o}"`);
    const ci = o.endsWith(' ci');
    const sign = o.startsWith('desc') ? -1 : 1;
    const pick = (x: unknown) => (isEmpty(key) ? x : getPath(x, key));
    // Docs: asc "A, B, C, a, b, c"; desc "c, b, a, C, B, A"; asc ci "A, a, B, b, C, c"; desc ci
    // "C, c, B, b, A, a" — case-insensitive ties put the capital first in both directions.
    return [...arr(a, 'sort')].sort(
      (x, y) =>
        sign * compareValues(pick(x), pick(y), ci) ||
        (ci ? compareValues(pick(x), pick(y), false) : 0),
    );
  },
  reverse: ([a]) => [...arr(a, 'reverse')].reverse(),
  shuffle: ([a]) => {
    const xs = [...arr(a, 'shuffle')];
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  },
  add: ([a, ...values]) => [...arr(a, 'add'), ...values],
  remove: ([a, ...values]) => arr(a, 'remove').filter((x) => !values.some((v) => equal(x, v))),
  keys: ([o]) => (isRec(o) ? Object.keys(o) : Array.isArray(o) ? o.map((_x, i) => i + 1) : []),
  toArray: ([o]) =>
    isRec(o) ? Object.entries(o).map(([key, value]) => ({ key, value })) : arr(o, 'toArray'),
  toCollection: ([a, key, value]) =>
    Object.fromEntries(
      arr(a, 'toCollection').map((it) => [stringify(getPath(it, key)), getPath(it, value)]),
    ),
  arrayDifference: ([a, b, mode]) => {
    const xs = arr(a, 'arrayDifference');
    const ys = arr(b, 'arrayDifference');
    const inY = (x: unknown) => ys.some((y) => deepKey(y) === deepKey(x));
    const inX = (y: unknown) => xs.some((x) => deepKey(y) === deepKey(x));
    const m = isEmpty(mode) ? 'classic' : str(mode);
    if (m === 'classic') return xs.filter((x) => !inY(x));
    if (m === 'symmetric') return [...xs.filter((x) => !inY(x)), ...ys.filter((y) => !inX(y))];
    throw new IMLError(`arrayDifference(): unknown mode "${m}" (classic or symmetric)`);
  },
};

const tzArg = (v: unknown, env: Env) => (isEmpty(v) ? env.timezone : str(v));
const DATE_FUNCS: Record<string, IMLFunction> = {
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
    setWall(toDate(d, 'setMonth'), env.timezone, (w) => {
      const idx =
        typeof n === 'string' && !/^\d+$/.test(n)
          ? MONTHS.findIndex((m) => m.toLowerCase().startsWith(n.toLowerCase().slice(0, 3)))
          : num(n, 'setMonth') - 1;
      if (idx < 0) throw new IMLError(`setMonth(): unknown month "${stringify(n)}"`);
      w.setUTCMonth(idx);
    }),
  setYear: ([d, n], env) =>
    setWall(toDate(d, 'setYear'), env.timezone, (w) => w.setUTCFullYear(num(n, 'setYear'))),
  setDay: ([d, n], env) =>
    setWall(toDate(d, 'setDay'), env.timezone, (w) => {
      // setDay(date; number or English day name): that day of the same week, Sunday-based as
      // moment's day(): setDay(2016-12-08 (Thu); 1) and setDay(…; monday) = 2016-12-05.
      const idx =
        typeof n === 'string' && !/^\d+$/.test(n)
          ? DAYS.findIndex((x) => x.toLowerCase().startsWith(n.toLowerCase().slice(0, 3)))
          : num(n, 'setDay');
      if (idx < 0) throw new IMLError(`setDay(): unknown day "${stringify(n)}"`);
      w.setUTCDate(w.getUTCDate() + (idx - w.getUTCDay()));
    }),
};
Object.assign(BUILTINS, DATE_FUNCS);

const LAZY = new Set(['if', 'ifempty', 'switch']);

/** Names of the built-in functions this interpreter implements. */
export const IMPLEMENTED_FUNCTIONS: readonly string[] = Object.freeze(Object.keys(BUILTINS).sort());

/** Variables Make defines in every expression (a context value of the same name wins, except literals). */
export const KEYWORDS: readonly string[] = Object.freeze([
  'true',
  'false',
  'null',
  'undefined',
  'now',
  'timestamp',
  'emptystring',
  'emptyarray',
  'space',
  'newline',
  'tab',
  'carriageReturn',
  'pi',
  'random',
  'uuid',
]);

const keyword = (name: string, env: Env): { found: boolean; value?: unknown } => {
  switch (name) {
    case 'now':
      return { found: true, value: new Date(env.now.getTime()) };
    case 'timestamp':
      return { found: true, value: Math.floor(env.now.getTime() / 1000) };
    case 'emptystring':
      return { found: true, value: '' };
    case 'emptyarray':
      return { found: true, value: [] };
    case 'space':
      return { found: true, value: ' ' };
    case 'newline':
      return { found: true, value: '\n' };
    case 'tab':
      return { found: true, value: '\t' };
    case 'carriageReturn':
      return { found: true, value: '\r' };
    case 'pi':
      return { found: true, value: Math.PI };
    case 'random':
      return { found: true, value: Math.random() };
    case 'uuid':
      return { found: true, value: randomUUID() };
    default:
      return { found: false };
  }
};

// -------------------------------------------------------------------------------- evaluator

const plus = (a: unknown, b: unknown): unknown => {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' || typeof b === 'string') return stringify(a) + stringify(b);
  if (a instanceof Date || b instanceof Date || typeof a === 'object' || typeof b === 'object')
    return stringify(a) + stringify(b);
  return Number(a) + Number(b);
};

const run = (n: Node, env: Env): unknown => {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'var': {
      if (Object.prototype.hasOwnProperty.call(env.ctx, n.name)) return env.ctx[n.name];
      const kw = keyword(n.name, env);
      if (kw.found) return kw.value;
      throw new IMLError(
        `IML variable "${n.name}" is not available here (have: ${Object.keys(env.ctx).join(', ') || 'nothing'})`,
      );
    }
    case 'member':
      return indexInto(run(n.obj, env), n.prop);
    case 'index': {
      const obj = run(n.obj, env);
      const idx = run(n.index, env);
      return Array.isArray(obj) && typeof idx === 'string' && !/^-?\d+$/.test(idx)
        ? undefined
        : indexInto(obj, idx);
    }
    case 'unary': {
      const v = run(n.arg, env);
      if (n.op === '!') return !v;
      if (n.op === '-') return -Number(v);
      return Number(v);
    }
    case 'binary': {
      if (n.op === '&&') {
        const l = run(n.left, env);
        return l ? run(n.right, env) : l;
      }
      if (n.op === '||') {
        const l = run(n.left, env);
        return l ? l : run(n.right, env);
      }
      const l = run(n.left, env);
      const r = run(n.right, env);
      switch (n.op) {
        case '==':
        case '===':
        case '=':
          return equal(l, r);
        case '!=':
        case '!==':
          return !equal(l, r);
        case '<':
          return (l as number) < (r as number);
        case '<=':
          return (l as number) <= (r as number);
        case '>':
          return (l as number) > (r as number);
        case '>=':
          return (l as number) >= (r as number);
        case '+':
          return plus(l, r);
        case '-':
          return Number(l) - Number(r);
        case '*':
          return Number(l) * Number(r);
        case '/':
          return Number(l) / Number(r);
        case '%':
          return Number(l) % Number(r);
        default:
          throw new IMLError(`Operator ${n.op} is not supported`);
      }
    }
    case 'call':
      return call(n, env);
  }
};

const call = (n: Extract<Node, { k: 'call' }>, env: Env): unknown => {
  if (LAZY.has(n.name)) {
    const [a, b, c] = n.args;
    if (n.name === 'if') {
      if (!a || !b) throw new IMLError('if() needs a condition and a value');
      return run(a, env) ? run(b, env) : c ? run(c, env) : undefined;
    }
    if (n.name === 'ifempty') {
      if (!a || !b) throw new IMLError('ifempty() needs two arguments');
      const v = run(a, env);
      return isEmpty(v) ? run(b, env) : v;
    }
    // switch(expression; value1; result1; [value2; result2; …]; [else])
    if (!a) throw new IMLError('switch() needs an expression');
    const v = run(a, env);
    const rest = n.args.slice(1);
    for (let i = 0; i + 1 < rest.length; i += 2)
      if (equal(v, run(rest[i] as Node, env))) return run(rest[i + 1] as Node, env);
    return rest.length % 2 === 1 ? run(rest[rest.length - 1] as Node, env) : undefined;
  }
  const own = (o: Record<string, IMLFunction>) =>
    Object.prototype.hasOwnProperty.call(o, n.name) ? o[n.name] : undefined;
  const fn = own(BUILTINS) ?? own(env.functions);
  if (!fn)
    throw new IMLError(
      `IML function "${n.name}" is not implemented by the local Make runtime (iml-runtime/iml.ts)`,
    );
  return fn(
    n.args.map((a) => run(a, env)),
    env,
  );
};

const envOf = (ctx: IMLContext, options: IMLOptions = {}): Env => ({
  ctx,
  now: options.now ?? new Date(),
  timezone: options.timezone ?? 'UTC',
  functions: options.functions ?? {},
});

const cache = new Map<string, Node>();
const parsed = (expr: string): Node => {
  let n = cache.get(expr);
  if (!n) {
    n = parseExpression(expr);
    if (cache.size > 5000) cache.clear();
    cache.set(expr, n);
  }
  return n;
};

const renderWith = (text: string, env: Env): unknown => {
  if (!text.includes('{{')) return text;
  const segments = splitTemplate(text);
  const only = segments[0];
  if (segments.length === 1 && only && 'expr' in only) return run(parsed(only.expr), env);
  return segments.map((s) => ('text' in s ? s.text : stringify(run(parsed(s.expr), env)))).join('');
};

/** One expression (without mustaches). */
export const evaluateExpression = (
  expr: string,
  context: IMLContext,
  options?: IMLOptions,
): unknown => run(parsed(expr), envOf(context, options));

/** One string: exactly one `{{…}}` keeps the value's type, anything else is text. */
export const renderTemplate = (text: string, context: IMLContext, options?: IMLOptions): unknown =>
  renderWith(text, envOf(context, options));

const walk = (v: unknown, env: Env): unknown => {
  if (typeof v === 'string') return renderWith(v, env);
  if (Array.isArray(v)) return v.map((x) => walk(x, env)).filter((x) => x !== undefined);
  if (isRec(v)) {
    const o: Rec = {};
    for (const [k, x] of Object.entries(v)) {
      const r = walk(x, env);
      // `"{{...}}": "{{toCollection(…)}}"` spreads a computed collection into the object
      // (universal module: https://developers.make.com/custom-apps-documentation/app-components/modules/universal-module/rest)
      if (k === '{{...}}') {
        if (isRec(r)) Object.assign(o, r);
        else if (r !== undefined && r !== null)
          throw new IMLError('"{{...}}" must evaluate to a collection');
      } else if (r !== undefined) o[k] = r;
    }
    return o;
  }
  return v;
};

/** Renders every IML string in a JSON value (objects and arrays recursively). */
export const evaluate = (value: unknown, context: IMLContext, options?: IMLOptions): unknown =>
  walk(value, envOf(context, options));

/** Every function name called by IML anywhere in a JSON value (strings, nested objects/arrays). */
export const functionsCalledIn = (value: unknown): string[] => {
  const names = new Set<string>();
  const visitNode = (n: Node): void => {
    switch (n.k) {
      case 'call':
        names.add(n.name);
        n.args.forEach(visitNode);
        break;
      case 'member':
        visitNode(n.obj);
        break;
      case 'index':
        visitNode(n.obj);
        visitNode(n.index);
        break;
      case 'unary':
        visitNode(n.arg);
        break;
      case 'binary':
        visitNode(n.left);
        visitNode(n.right);
        break;
      default:
        break;
    }
  };
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.includes('{{'))
        for (const s of splitTemplate(v)) if ('expr' in s) visitNode(parseExpression(s.expr));
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (isRec(v)) Object.values(v).forEach(visit);
  };
  visit(value);
  return [...names].sort();
};

/** Function names called in `value` that this interpreter does not implement. */
export const unimplementedFunctionsIn = (value: unknown): string[] =>
  functionsCalledIn(value).filter((n) => !IMPLEMENTED_FUNCTIONS.includes(n));
