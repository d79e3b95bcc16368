/**
 * Strict readers of typed values given as text (issue 16). Zapier parses `integer`, `number`,
 * `boolean` and `datetime` fields before `perform` and never says when it could not ("ten" → 0,
 * "maybe" → true, "next renewal" → now), so every field whose wrong value would be written is
 * declared as text and read here instead: a value is either read exactly or refused.
 *
 * Pure functions, no Zapier types: lib/validate.ts turns a refusal into an error naming the field.
 */
import { parseReportTime } from './periods.js';

// ---------------------------------------------------------------- numbers

/** A number read from text, or why it is not one. */
export type NumberReading =
  | { ok: true; value: number }
  | { ok: false; reason: 'not_a_number' | 'too_large' }
  | { ok: false; reason: 'ambiguous'; readings: [number, number] };

/** Spaces that group thousands (French, Swedish…): space, no-break space, narrow and thin spaces. */
const SPACE_GROUPS = /[ \u00a0\u2009\u202f]/;
/** Apostrophes that group thousands (Swiss: 1'200.50). */
const APOSTROPHE_GROUPS = /['\u2019]/;

/** "1", "234", "567": a first group of 1-3 digits (not a lone leading 0), then groups of three. */
const isGrouped = (runs: readonly string[]): boolean =>
  runs.length > 1 &&
  /^[1-9]\d{0,2}$/.test(runs[0] ?? '') &&
  runs.slice(1).every((run) => /^\d{3}$/.test(run));

const finite = (text: string): NumberReading => {
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: 'too_large' };
  // Integers beyond 2^53 would be stored rounded: refuse rather than write another number.
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return { ok: false, reason: 'too_large' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
};

/**
 * Reads a number as people and systems write it. The rule (docs/crm-mapping.md):
 *
 * - `12`, `-3`, `2.5`, `0.125`, `1e3`: a dot is a decimal point, as every system writes numbers;
 * - `1,200`, `12,345,678.5`: commas that group digits by three are thousands separators;
 *   `2,5` and `1,25` (not three digits after a single comma) use a decimal comma. So a decimal
 *   comma followed by exactly three digits (a German `1,250`, one and a quarter) is read as
 *   1250: the one misreading this rule allows, because `1,200` is how the English-language
 *   editor, Sheets and CRMs in English write twelve hundred, and systems never write a decimal
 *   comma (test/lib/typed.test.ts proves nothing else is misread);
 * - `1.200,5`, `1.234.567`: dots that group digits by three, with a decimal comma or several dots,
 *   are thousands separators (European);
 * - `1 200,5`, `1'200.50`: spaces and apostrophes group thousands; the dot or comma after them is
 *   the decimal separator;
 * - one dot followed by exactly three digits (`1.200`, `12.345`) is **ambiguous**: 1200 in
 *   European writing, 1.2 in English and in every exported number. It is refused with both
 *   readings rather than guessed: a step that stops is fixed in a minute, a number 1,000 times
 *   off stays in the CRM.
 *
 * Anything else (words, currency signs, units, `%`, `0x10`, two decimal separators) is refused.
 */
export const readNumber = (input: string): NumberReading => {
  const signed = input.trim().replace(/^\u2212/, '-');
  const sign = signed.startsWith('-') ? '-' : '';
  const text = /^[+-]/.test(signed) ? signed.slice(1) : signed;
  // Plain machine forms: 12, 2.5, .5, 1e3, 2.5E-3.
  if (/^(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    const single = /^(\d{1,3})\.(\d{3})$/.exec(text);
    if (single && isGrouped([single[1] ?? '', single[2] ?? ''])) {
      const asGrouped = Number(`${sign}${single[1]}${single[2]}`);
      const asDecimal = Number(`${sign}${text}`);
      return { ok: false, reason: 'ambiguous', readings: [asGrouped, asDecimal] };
    }
    return finite(`${sign}${text}`);
  }
  // Grouped forms: digits and separators only, every separator between two runs of digits.
  if (!/^[\d., '\u2019\u00a0\u2009\u202f]+$/.test(text))
    return { ok: false, reason: 'not_a_number' };
  const runs = text.split(/[., '\u2019\u00a0\u2009\u202f]/);
  if (runs.some((run) => !/^\d+$/.test(run))) return { ok: false, reason: 'not_a_number' };
  const seps = [...text.replace(/\d/g, '')];
  const spaceOrApostrophe = seps.filter((s) => SPACE_GROUPS.test(s) || APOSTROPHE_GROUPS.test(s));
  const marks = seps.filter((s) => s === '.' || s === ',');
  let group: string;
  let decimal: string | undefined;
  if (spaceOrApostrophe.length) {
    // 1 200 / 1 200,5 / 1'200.50: one grouping character, then at most one decimal mark, last.
    group = spaceOrApostrophe[0] ?? ' ';
    if (spaceOrApostrophe.some((s) => s !== group)) return { ok: false, reason: 'not_a_number' };
    if (marks.length > 1) return { ok: false, reason: 'not_a_number' };
    decimal = marks[0];
    if (decimal !== undefined && seps.at(-1) !== decimal) {
      return { ok: false, reason: 'not_a_number' };
    }
  } else if (marks.includes('.') && marks.includes(',')) {
    // 1,200.5 / 1.200,5: the last mark is the decimal separator and appears once.
    decimal = marks.at(-1);
    group = decimal === '.' ? ',' : '.';
    if (marks.filter((m) => m === decimal).length !== 1) {
      return { ok: false, reason: 'not_a_number' };
    }
  } else if (marks.length > 1) {
    // 1,234,567 / 1.234.567: only grouping.
    group = marks[0] ?? ',';
    decimal = undefined;
  } else {
    // One comma (one dot is a plain form above): 1,200 groups, 2,5 / 1234,567 is a decimal comma.
    const [whole = '', fraction = ''] = runs;
    if (isGrouped([whole, fraction])) return finite(`${sign}${whole}${fraction}`);
    return finite(`${sign}${whole}.${fraction}`);
  }
  const groupedRuns = decimal === undefined ? runs : runs.slice(0, -1);
  if (!isGrouped(groupedRuns)) return { ok: false, reason: 'not_a_number' };
  const whole = groupedRuns.join('');
  return finite(decimal === undefined ? `${sign}${whole}` : `${sign}${whole}.${runs.at(-1)}`);
};

/** How the help and the errors describe what a number field accepts. */
export const NUMBER_FORMS =
  'a number like 40, -3, 2.5, 1,200, 1,200.5 or 1.200,5, without words, currency signs or units';

// ---------------------------------------------------------------- whole numbers

/**
 * A whole number written with digits only (`7`, ` 7 `, `+7`, `-2`). No fractions, words,
 * exponents or separators: a score or an id is never written `1e1` or `7.0`.
 */
export const readWholeNumber = (input: string): number | null => {
  const text = input.trim().replace(/\u2212/g, '-');
  if (!/^[+-]?\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? (Object.is(value, -0) ? 0 : value) : null;
};

// ---------------------------------------------------------------- yes / no

export const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', '1', 'on']);
export const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'no', '0', 'off']);

/** true/false/yes/no/1/0/on/off in any case, else null (never "any other text is true"). */
export const readYesNo = (input: string): boolean | null => {
  const text = input.trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return null;
};

// ---------------------------------------------------------------- days

/** RFC 3339 with the zone required: hours 00-23, minutes and seconds 00-59, `Z` or `±hh:mm`. */
const DATE_TIME_WITH_ZONE =
  /^(\d{4}-\d{2}-\d{2})[Tt ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?([Zz]|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

/**
 * The day of a date (`2026-03-01`) or of a date-time with its zone (`2026-03-01T09:00:00+01:00`,
 * `2026-03-01T08:00:00Z`): `YYYY-MM-DD`, the day as written in that zone. null for anything else:
 * a day that does not exist (`2026-02-30`), a date-time without a zone (its day depends on a zone
 * nobody named), words ("next renewal", "tomorrow"), other orders (`03/01/2026`).
 */
export const readDay = (input: string): string | null => {
  const text = input.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return parseReportTime(text, 'UTC') === null ? null : text;
  }
  const zoned = DATE_TIME_WITH_ZONE.exec(text);
  if (!zoned) return null;
  return parseReportTime(text.toUpperCase().replace(' ', 'T'), 'UTC') === null
    ? null
    : (zoned[1] ?? null);
};

export const DAY_FORMS =
  'a date like 2026-03-01, or a date and time with its time zone like 2026-03-01T09:00:00+01:00 or 2026-03-01T08:00:00Z (only the day is stored, as written)';
