/**
 * What Make hands a module as `parameters`, from what the user filled in: Make's processing of
 * "empty" values (apps platform version 2), which Make applies itself before the module runs.
 * Test tooling only; see ./runner.ts.
 *
 * Source: https://developers.make.com/custom-apps-documentation/other/processing-of-empty-values
 * - An empty field reaches the module as `undefined` (text, number, boolean, array, multiple
 *   select, select with nothing or "" selected): "almost every input parameter of a module is
 *   ignored if there is no value".
 * - The `erase` pill (shown "for the update and universal modules" only) reaches it as `null`, or
 *   `[]` for an array or a multiple select.
 * - A collection is "recursively processed corresponding to the rules": "If the user leaves all
 *   fields empty, the request contains an empty collection"; an erased field inside it is `null`.
 *
 * Tests describe the user's input: `''`, `null`, `[]` and a missing key are "left empty", and
 * `ERASE` is the erase pill.
 */
import { isRec, type Rec } from './app.js';

/** The `erase` pill, as a test puts it in a field. */
export const ERASE: unique symbol = Symbol('erase');

/** Where the erase pill is offered (Make: update and universal modules). */
export type EraseAllowed = boolean;

interface Spec {
  name?: unknown;
  type?: unknown;
  multiple?: unknown;
  spec?: unknown;
  options?: unknown;
  nested?: unknown;
}

/** Every parameter a list declares, with the ones nested under select options, by name. */
const declared = (params: unknown, into = new Map<string, Spec>()): Map<string, Spec> => {
  if (!Array.isArray(params)) return into;
  for (const p of params) {
    if (!isRec(p)) continue;
    if (typeof p.name === 'string') into.set(p.name, p);
    if (Array.isArray(p.nested)) declared(p.nested, into);
    if (Array.isArray(p.options))
      for (const o of p.options) if (isRec(o) && Array.isArray(o.nested)) declared(o.nested, into);
  }
  return into;
};

const isList = (spec: Spec | undefined) =>
  spec !== undefined &&
  (spec.type === 'array' || (spec.type === 'select' && spec.multiple === true));

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

const value = (v: unknown, spec: Spec | undefined, erase: EraseAllowed, path: string): unknown => {
  if (v === ERASE) {
    if (!erase)
      throw new Error(
        `${path}: Make shows the erase pill only in update and universal modules (processing-of-empty-values)`,
      );
    return isList(spec) ? [] : null;
  }
  if (isEmpty(v)) return undefined;
  if (isRec(v) && (spec === undefined || spec.type === 'collection' || spec.type === undefined)) {
    const fields = Array.isArray(spec?.spec) ? declared(spec.spec) : undefined;
    const out: Rec = {};
    for (const [k, x] of Object.entries(v)) {
      const r = value(x, fields?.get(k), erase, `${path}.${k}`);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  if (Array.isArray(v)) {
    // An array of collections (e.g. key/value pairs): each item is processed like a collection.
    const fields = Array.isArray(spec?.spec) ? spec.spec : undefined;
    return v.map((x, i) =>
      isRec(x) ? value(x, { type: 'collection', spec: fields }, erase, `${path}[${i + 1}]`) : x,
    );
  }
  return v;
};

/**
 * `raw` as Make hands it over. With a declared parameter list, a name it does not declare is an
 * error (Make hands a module only its own parameters; a test passing another one has a typo).
 */
export const handOver = (
  raw: Rec,
  params: unknown[] | undefined,
  erase: EraseAllowed,
  where: string,
): Rec => {
  const specs = params ? declared(params) : undefined;
  const out: Rec = {};
  for (const [name, v] of Object.entries(raw)) {
    const spec = specs?.get(name);
    if (specs && !spec) throw new Error(`${where} declares no parameter "${name}"`);
    const r = value(v, spec, erase, `${where}: ${name}`);
    if (r !== undefined) out[name] = r;
  }
  return out;
};
