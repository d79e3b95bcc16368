/**
 * General functions (https://help.make.com/general-functions) and the JSON ones the IML page
 * lists with the built-ins. `if`, `ifempty` and `switch` are evaluated lazily by the evaluator;
 * these forms serve `iml.*`.
 */
import { IMLError, type IMLFunction } from '../types.js';
import { equal, getPath, isEmpty, isRec, str, toJsonValue } from '../values.js';

export const GENERAL: Record<string, IMLFunction> = {
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
};
