/** Math functions (https://help.make.com/math-functions). */
import { IMLError, type IMLFunction } from '../types.js';
import { isEmpty, num, str } from '../values.js';

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

export const MATH: Record<string, IMLFunction> = {
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
};
