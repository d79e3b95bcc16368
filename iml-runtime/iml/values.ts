/**
 * How IML treats values: text and JSON forms, strict equality, 1-based indexes and dot paths,
 * and the argument readers the functions share (numbers, text, arrays, emptiness).
 */
import { IMLError } from './types.js';

export type Rec = Record<string, unknown>;
export const isRec = (v: unknown): v is Rec =>
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

export const equal = (a: unknown, b: unknown): boolean => {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
};

export const deepKey = (v: unknown): string => JSON.stringify(toJsonValue(v)) ?? 'undefined';

/** Reads an item by 1-based index (negative from the end), or a property. */
export const indexInto = (obj: unknown, key: unknown): unknown => {
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
export const getPath = (obj: unknown, path: unknown): unknown => {
  if (typeof path === 'number') return indexInto(obj, path);
  const parts = String(path)
    .replace(/\[(-?\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
  let cur = obj;
  for (const part of parts) cur = indexInto(cur, part);
  return cur;
};

export const num = (v: unknown, fn: string): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new IMLError(`${fn}(): "${stringify(v)}" is not a number`);
};

export const str = (v: unknown): string => stringify(v);

export const arr = (v: unknown, fn: string): unknown[] => {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null) return [];
  throw new IMLError(`${fn}(): expected an array, got ${typeof v}`);
};

export const isEmpty = (v: unknown) => v === undefined || v === null || v === '';
