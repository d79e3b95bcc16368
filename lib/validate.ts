/**
 * Input checks that run before any request. Each failure is a HaltedError whose message names the
 * field by its label and key, so the user knows what to fix; the value itself is only echoed
 * when it is short and not free text (never a comment or a note body).
 */
import type { ZObject } from 'zapier-platform-core';
import type { IdentityKey } from '../client/api.js';
import { withoutContext } from '../client/http.js';
import { parseReportTime } from './periods.js';
import {
  DAY_FORMS,
  NUMBER_FORMS,
  readDay,
  readNumber,
  readWholeNumber,
  readYesNo,
} from './typed.js';

export interface FieldRef {
  key: string;
  label: string;
}

/**
 * A HaltedError whose message is exactly `message`. Core normally appends the step's whole
 * `inputData` ("What happened: … with bundle {…}") to an error's message, which would put
 * respondents' comments and note bodies into the error a user (and Zapier's logs) see;
 * `doNotContextify` turns that off for our own errors.
 */
export const haltedError = (z: ZObject, message: string): Error =>
  withoutContext(new z.errors.HaltedError(message));

/** Throws the error a user sees for a bad input value. */
export const inputError = (z: ZObject, field: FieldRef, problem: string): never => {
  throw haltedError(z, `${field.label} (${field.key}) ${problem}`);
};

/** Zapier sends unmapped optional fields as undefined, '' or whitespace: all count as empty. */
export const isBlank = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.every(isBlank));

/** A trimmed string, or undefined when empty. Rejects objects and lists. */
export const optionalString = (z: ZObject, field: FieldRef, value: unknown): string | undefined => {
  if (isBlank(value)) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return inputError(z, field, 'must be text, not a list or object.');
  return value.trim();
};

export const requiredString = (z: ZObject, field: FieldRef, value: unknown): string =>
  optionalString(z, field, value) ?? inputError(z, field, 'is required but was empty.');

/**
 * An id that goes into a URL path (a response or survey id): required, and not `.` or `..`,
 * which URL rules would fold into another path. Every other character is percent-encoded.
 */
export const requiredPathId = (z: ZObject, field: FieldRef, value: unknown): string => {
  const id = requiredString(z, field, value);
  return id === '.' || id === '..' ? inputError(z, field, `is not a valid ID: "${id}".`) : id;
};

/** Like `requiredPathId`, but empty is allowed (undefined). */
export const optionalPathId = (z: ZObject, field: FieldRef, value: unknown): string | undefined =>
  optionalString(z, field, value) === undefined ? undefined : requiredPathId(z, field, value);

/**
 * An integer within [min, max], from a number or a text of digits (" 7 ", "+7"). Words ("ten"),
 * fractions ("7.5"), exponents ("1e1") and anything out of range are refused: the text a user
 * mapped is read exactly or not at all (lib/typed.ts).
 */
export const optionalInteger = (
  z: ZObject,
  field: FieldRef,
  value: unknown,
  min: number,
  max: number,
): number | undefined => {
  if (isBlank(value)) return undefined;
  const number =
    typeof value === 'number'
      ? Number.isSafeInteger(value)
        ? value
        : null
      : typeof value === 'string'
        ? readWholeNumber(value)
        : null;
  if (number === null) {
    return inputError(z, field, `must be a whole number from ${min} to ${max}.`);
  }
  if (number < min || number > max) {
    return inputError(z, field, `must be a whole number from ${min} to ${max}; got ${number}.`);
  }
  return number;
};

/** `value` written so that `readNumber` reads it back as itself (1.2 → "1.2", 12.345 → "12.3450"). */
const unambiguous = (value: number): string => {
  const text = String(value);
  const back = readNumber(text);
  return back.ok && back.value === value ? text : value.toFixed(4);
};

/**
 * A number from a number or a text written as lib/typed.ts `readNumber` documents (`40`, `2.5`,
 * `1,200`, `1.200,5`); an ambiguous `1.200` is refused with both readings. The text itself is not
 * echoed (it may be anything a previous step produced).
 */
export const optionalNumber = (z: ZObject, field: FieldRef, value: unknown): number | undefined => {
  if (isBlank(value)) return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER
      ? value
      : inputError(z, field, 'is too large to be stored exactly.');
  }
  if (typeof value !== 'string') return inputError(z, field, 'must be a single number.');
  const reading = readNumber(value);
  if (reading.ok) return reading.value;
  if (reading.reason === 'ambiguous') {
    const [grouped, decimal] = reading.readings;
    return inputError(
      z,
      field,
      `is ambiguous: ${grouped} if its dot separates thousands, ${decimal} if it is a decimal point. Write ${grouped} or ${grouped.toLocaleString('en-US')} for the first, ${unambiguous(decimal)} for the second.`,
    );
  }
  if (reading.reason === 'too_large') {
    return inputError(z, field, 'is too large to be stored exactly.');
  }
  return inputError(z, field, `must be ${NUMBER_FORMS}.`);
};

/** A boolean from true/false, or a text true/false/yes/no/1/0/on/off (any case); else refused. */
export const optionalBoolean = (
  z: ZObject,
  field: FieldRef,
  value: unknown,
): boolean | undefined => {
  if (isBlank(value)) return undefined;
  if (typeof value === 'boolean') return value;
  const reading =
    typeof value === 'string' || typeof value === 'number' ? readYesNo(String(value)) : null;
  return reading ?? inputError(z, field, 'must be true or false (or yes/no, 1/0).');
};

/**
 * A day, `YYYY-MM-DD`, from a date or a date-time with its zone (lib/typed.ts `readDay`); a
 * date-time without a zone, words and impossible days are refused.
 */
export const optionalDay = (z: ZObject, field: FieldRef, value: unknown): string | undefined => {
  if (isBlank(value)) return undefined;
  if (typeof value !== 'string') return inputError(z, field, 'must be a single date.');
  return readDay(value) ?? inputError(z, field, `must be ${DAY_FORMS}.`);
};

/** One of the allowed choices (case-insensitive); undefined when empty. */
export const optionalChoice = <T extends string>(
  z: ZObject,
  field: FieldRef,
  value: unknown,
  choices: readonly T[],
): T | undefined => {
  const text = optionalString(z, field, value);
  if (text === undefined) return undefined;
  const match = choices.find((choice) => choice === text.toLowerCase());
  return match ?? inputError(z, field, `must be one of: ${choices.join(', ')}.`);
};

/**
 * What separates the values of one mapped picklist text: `;` (a Salesforce multi-select picklist,
 * a HubSpot checkbox property, this app's themes_picklist; a value never holds one) and line breaks.
 * Not commas: a theme or a picklist value may hold one ("Price, value for money").
 */
export const PICKLIST_SEPARATORS = /[;\r\n]+/;

/**
 * A list of strings: Zapier gives an array (one item per mapped value or line item), or one
 * string. Each item is split on commas with `splitCommas`, on `;` and line breaks with
 * `splitPicklist` (a single mapped `A;B`).
 */
export const stringList = (
  z: ZObject,
  field: FieldRef,
  value: unknown,
  {
    splitCommas = false,
    splitPicklist = false,
  }: { splitCommas?: boolean; splitPicklist?: boolean } = {},
): string[] => {
  if (isBlank(value)) return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (isBlank(item)) continue;
    if (typeof item !== 'string' && typeof item !== 'number') {
      return inputError(z, field, 'must be a list of text values.');
    }
    const parts = splitCommas
      ? String(item).split(',')
      : splitPicklist
        ? String(item).split(PICKLIST_SEPARATORS)
        : [String(item)];
    for (const part of parts) if (part.trim()) out.push(part.trim());
  }
  return [...new Set(out)];
};

/** "a, b or c" */
const orList = (choices: readonly string[]): string =>
  choices.length > 1
    ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`
    : (choices[0] ?? '');

/**
 * A list of choices (case-insensitive; a comma-separated text counts as a list); an unknown value
 * is an error naming the field and the choices.
 */
export const choiceList = <T extends string>(
  z: ZObject,
  field: FieldRef,
  value: unknown,
  choices: readonly T[],
): T[] =>
  stringList(z, field, value, { splitCommas: true }).map(
    (item) =>
      choices.find((choice) => choice === item.toLowerCase()) ??
      inputError(z, field, `must be ${orList(choices)}; got "${item.slice(0, 32)}".`),
  );

/**
 * The contract's `format: email` (RFC 5321 addresses, ASCII, as JSON Schema validators check
 * it): the platform refuses anything else with a 422, so it is caught here first.
 */
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** Trimmed and lower-cased, as the platform matches it; undefined when empty. */
export const optionalEmail = (z: ZObject, field: FieldRef, value: unknown): string | undefined => {
  const text = optionalString(z, field, value);
  if (text === undefined) return undefined;
  if (text.length > 320 || !EMAIL.test(text)) {
    return inputError(z, field, 'must be a valid email address, like name@example.com.');
  }
  return text.toLowerCase();
};

/** E.164: a plus, a country code and 7 to 15 digits in all. Spaces, dashes and dots are removed. */
export const optionalPhone = (z: ZObject, field: FieldRef, value: unknown): string | undefined => {
  const text = optionalString(z, field, value);
  if (text === undefined) return undefined;
  const compact = text.replace(/[\s\-().]/g, '');
  if (!/^\+[1-9][0-9]{6,14}$/.test(compact)) {
    return inputError(
      z,
      field,
      'must be in international E.164 format: a plus sign, the country code and the number, like +14155550123.',
    );
  }
  return compact;
};

/** The contract's property key pattern: lower snake case, at most 64 characters. */
export const PROPERTY_KEY = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** A dict field's pairs ([] when empty); anything else is an error saying what `pairs` it takes. */
export const dictEntries = (z: ZObject, field: FieldRef, value: unknown, pairs: string) => {
  if (isBlank(value)) return [];
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return Object.entries(value as Record<string, unknown>);
  return inputError(z, field, `must be a set of ${pairs}.`);
};

/** A dict field's values, sent as the strings Zapier gives; empty values are left out. */
export const optionalProperties = (
  z: ZObject,
  field: FieldRef,
  value: unknown,
): Record<string, string> | undefined => {
  const out: Record<string, string> = {};
  for (const [rawKey, raw] of dictEntries(z, field, value, 'key/value pairs')) {
    const key = rawKey.trim();
    if (!key && isBlank(raw)) continue;
    if (!PROPERTY_KEY.test(key) || key.length > 64) {
      return inputError(
        z,
        field,
        `has an invalid key "${key.slice(0, 64)}": keys must be lower_snake_case (a-z, 0-9 and _, starting with a letter, at most 64 characters), like plan or account_tier.`,
      );
    }
    if (isBlank(raw)) continue;
    if (typeof raw === 'object') {
      return inputError(z, field, `has a nested value under "${key}": values must be text.`);
    }
    out[key] = String(raw);
  }
  return Object.keys(out).length ? out : undefined;
};

/**
 * An RFC 3339 / ISO 8601 date-time, returned as UTC ISO (whole seconds); undefined when empty.
 * Without an offset it is wall-clock time in `zone` (the zap's time zone).
 */
export const optionalDateTime = (
  z: ZObject,
  field: FieldRef,
  value: unknown,
  zone = 'UTC',
): string | undefined => {
  const text = optionalString(z, field, value);
  if (text === undefined) return undefined;
  // A date, or a date-time without an offset, is the zap's wall-clock time, not the server's.
  const time = parseReportTime(text, zone);
  if (time === null) {
    return inputError(z, field, 'must be a date and time, like 2026-03-01T12:00:00Z.');
  }
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

/** A free text (a comment, a note body) with a length limit; the text is never echoed. */
export const optionalText = (
  z: ZObject,
  field: FieldRef,
  value: unknown,
  maxLength: number,
): string | undefined => {
  const text = optionalString(z, field, value);
  if (text !== undefined && text.length > maxLength) {
    return inputError(z, field, `is too long: at most ${maxLength} characters.`);
  }
  return text;
};

/** The contract limits CRM ids and keys to 128 characters; Pipedrive person ids are integers. */
const MAX_ID_LENGTH = 128;

/**
 * The value of one identity key, normalised as the platform matches it: email trimmed and
 * lower-cased, Pipedrive person id a positive integer, the other keys trimmed. Every other
 * character (`/`, `?`, `#`, `%`, `..`, emoji) is kept: the value travels in a query or a body.
 */
export const optionalIdentity = (
  z: ZObject,
  key: IdentityKey,
  field: FieldRef,
  value: unknown,
): string | number | undefined => {
  if (key === 'email') return optionalEmail(z, field, value);
  if (key === 'pipedrive_person_id') {
    return optionalInteger(z, field, value, 1, Number.MAX_SAFE_INTEGER);
  }
  const text = optionalString(z, field, value);
  if (text !== undefined && text.length > MAX_ID_LENGTH) {
    return inputError(z, field, `is too long: at most ${MAX_ID_LENGTH} characters.`);
  }
  return text;
};

export const requiredIdentity = (
  z: ZObject,
  key: IdentityKey,
  field: FieldRef,
  value: unknown,
): string | number =>
  optionalIdentity(z, key, field, value) ?? inputError(z, field, 'is required but was empty.');

/** True when `zone` is an IANA time zone name this runtime knows (e.g. Europe/Madrid). */
export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The zap's time zone (`bundle.meta.timezone`) when Zapier gives a valid one, else UTC. */
export const zapTimeZone = (bundle: { meta?: { timezone?: string | null } }): string => {
  const zone = bundle.meta?.timezone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
};

/** An IANA time zone name, canonicalised by Intl; undefined when empty. */
export const optionalTimeZone = (
  z: ZObject,
  field: FieldRef,
  value: unknown,
): string | undefined => {
  const text = optionalString(z, field, value);
  if (text === undefined) return undefined;
  if (!isTimeZone(text)) {
    return inputError(
      z,
      field,
      `must be a time zone name from the IANA list, like Europe/Madrid, America/New_York or UTC; got "${text.slice(0, 64)}".`,
    );
  }
  return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
};
