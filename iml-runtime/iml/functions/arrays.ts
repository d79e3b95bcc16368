/** Array functions (https://help.make.com/array-functions). */
import { IMLError, type IMLFunction } from '../types.js';
import { arr, deepKey, equal, getPath, isEmpty, isRec, num, str, stringify } from '../values.js';

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

export const ARRAYS: Record<string, IMLFunction> = {
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
