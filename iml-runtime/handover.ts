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
 *
 * Then Make validates and converts each value to its parameter's type, before the module runs
 * ("before processing a bundle in a module, Make checks whether data types match in the module
 * mappings"; a value that does not pass is a BundleValidationError, e.g. "when you map text to a
 * module settings field that requires a date": https://www.make.com/en/help/errors/types-of-errors-in-make.html).
 * The conversions are those of https://help.make.com/type-coercion and the checks those of the
 * parameter pages (block-elements/parameters/number, text: `validate.min`/`max`/`pattern`):
 * - number, integer, uinteger: a number stays; a text that is a plain number (`12`, `-3`, `2.5`)
 *   is read; any other text ("ten", "100 units") is refused (help "Item data types": "a field
 *   expects a number but receives text like '100 units'"). Make does not document how it reads
 *   `1,200`: the runner refuses it rather than guess. Then whole-number and `validate` bounds.
 * - boolean: "If the value is equal to false or the value is empty, it is converted to logical No.
 *   If not, it is converted to logical Yes"; a number is Yes "even if the value is 0".
 * - date: a text is read as a date ("Date must contain day, month and year. Date may contain time
 *   and time zone. Default time zone is based on your settings") or refused; a number is
 *   milliseconds since 1970. The module gets ISO 8601 in UTC with milliseconds
 *   (block-elements/parameters/date).
 * - text: a number or boolean becomes its text; `validate.pattern` and length bounds are checked.
 * - select and the rest: handed over as they are.
 * A collection whose fields an RPC gives (`spec: ["rpc://…"]`) is checked field by field when the
 * caller passes what that RPC answered (`rpcFields`), as Make does with the fields it loaded.
 * Required fields are not checked here. The error messages are the runner's wording.
 */
import { isRec, MakeRuntimeError, type Rec } from './app.js';
import { parseDate } from './iml.js';

/** The `erase` pill, as a test puts it in a field. */
export const ERASE: unique symbol = Symbol('erase');

/** Where the erase pill is offered (Make: update and universal modules). */
export type EraseAllowed = boolean;

interface Spec {
  name?: unknown;
  label?: unknown;
  type?: unknown;
  multiple?: unknown;
  spec?: unknown;
  options?: unknown;
  nested?: unknown;
  validate?: unknown;
}

/** What the module's RPC-built fields are (`rpc://name` → the RPC's output), and the user's zone. */
export interface HandOverOptions {
  rpcFields?: Record<string, unknown[]>;
  /** The zone a date without one is read in (Make: the user's settings); default UTC. */
  timezone?: string;
}

const invalid = (path: string, what: string): never => {
  throw new MakeRuntimeError(
    `Validation failed for 1 parameter(s). ${what} in parameter '${path}'.`,
    'BundleValidationError',
    undefined,
    [],
    [],
  );
};

const PLAIN_NUMBER = /^[+-]?([0-9]+([.][0-9]+)?|[.][0-9]+)([eE][+-]?[0-9]+)?$/;

/** Date forms of Make's type-coercion examples that the runner reads (others are refused). */
const DATE_FORMS = [
  'YYYY-MM-DDTHH:mm:ss.SSSZ',
  'YYYY-MM-DDTHH:mm:ssZ',
  'YYYY-MM-DDTHH:mmZ',
  'YYYY-MM-DDTHH:mm:ss.SSS',
  'YYYY-MM-DDTHH:mm:ss',
  'YYYY-MM-DD HH:mm:ssZ',
  'YYYY-MM-DD HH:mm:ss',
  'YYYY-MM-DD HH:mm',
  'YYYY-MM-DD',
  'YYYY/MM/DD HH:mm:ss',
  'YYYY/MM/DD',
  'MM/DD/YYYY',
];

const bounds = (spec: Spec): { min?: number; max?: number; pattern?: string } =>
  isRec(spec.validate) ? (spec.validate as { min?: number; max?: number; pattern?: string }) : {};

/** `v` as Make hands a parameter of `spec`'s type to the module, or a validation error. */
const coerce = (v: unknown, spec: Spec, path: string, opts: HandOverOptions): unknown => {
  const { min, max, pattern } = bounds(spec);
  switch (spec.type) {
    case 'number':
    case 'integer':
    case 'uinteger': {
      let n: number;
      if (typeof v === 'number') n = v;
      else if (typeof v === 'string' && PLAIN_NUMBER.test(v.trim())) n = Number(v.trim());
      else return invalid(path, 'Invalid number');
      if (!Number.isFinite(n)) return invalid(path, 'Invalid number');
      if (spec.type !== 'number' && !Number.isInteger(n)) return invalid(path, 'Invalid integer');
      if (spec.type === 'uinteger' && n < 0) return invalid(path, 'Invalid unsigned integer');
      if (min !== undefined && n < min) return invalid(path, `Value must be at least ${min}`);
      if (max !== undefined && n > max) return invalid(path, `Value must be at most ${max}`);
      return n;
    }
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string') return v !== 'false';
      return true;
    case 'date': {
      if (typeof v === 'number') return new Date(v).toISOString();
      if (v instanceof Date) return v.toISOString();
      if (typeof v !== 'string') return invalid(path, 'Invalid date');
      for (const form of DATE_FORMS) {
        try {
          return parseDate(v.trim(), form, opts.timezone ?? 'UTC').toISOString();
        } catch {
          // the next form
        }
      }
      return invalid(path, 'Invalid date');
    }
    case 'text':
    case 'email':
    case 'password': {
      const text = typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
      if (typeof text !== 'string') return text;
      if (min !== undefined && text.length < min) return invalid(path, `Text shorter than ${min}`);
      if (max !== undefined && text.length > max) return invalid(path, `Text longer than ${max}`);
      if (pattern !== undefined && !new RegExp(pattern).test(text))
        return invalid(path, `Value does not match the pattern ${pattern}`);
      return text;
    }
    default:
      return v;
  }
};

/**
 * The fields of a collection: its own spec, with each `rpc://…` replaced by what that RPC
 * answered; undefined when an RPC's answer was not given (the collection is then handed over
 * unchecked, as before its fields are known).
 */
const fieldsOf = (spec: Spec | undefined, opts: HandOverOptions): unknown[] | undefined => {
  if (!Array.isArray(spec?.spec)) return undefined;
  const fields: unknown[] = [];
  for (const p of spec.spec) {
    if (typeof p !== 'string') fields.push(p);
    else if (opts.rpcFields?.[p]) fields.push(...opts.rpcFields[p]);
    else return undefined;
  }
  return fields;
};

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

const value = (
  v: unknown,
  spec: Spec | undefined,
  erase: EraseAllowed,
  path: string,
  opts: HandOverOptions,
): unknown => {
  if (v === ERASE) {
    if (!erase)
      throw new Error(
        `${path}: Make shows the erase pill only in update and universal modules (processing-of-empty-values)`,
      );
    return isList(spec) ? [] : null;
  }
  if (isEmpty(v)) return undefined;
  if (isRec(v) && (spec === undefined || spec.type === 'collection' || spec.type === undefined)) {
    const list = fieldsOf(spec, opts);
    const fields = list ? declared(list) : undefined;
    const out: Rec = {};
    for (const [k, x] of Object.entries(v)) {
      const field = fields?.get(k);
      if (fields && !field) throw new Error(`${path} declares no field "${k}"`);
      const r = value(x, field, erase, `${path}.${k}`, opts);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  if (Array.isArray(v)) {
    // An array of collections (e.g. key/value pairs): each item is processed like a collection.
    const fields = Array.isArray(spec?.spec) ? spec.spec : undefined;
    return v.map((x, i) =>
      isRec(x)
        ? value(x, { type: 'collection', spec: fields }, erase, `${path}[${i + 1}]`, opts)
        : x,
    );
  }
  return spec ? coerce(v, spec, String(spec.name ?? path), opts) : v;
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
  opts: HandOverOptions = {},
): Rec => {
  const specs = params ? declared(params) : undefined;
  const out: Rec = {};
  for (const [name, v] of Object.entries(raw)) {
    const spec = specs?.get(name);
    if (specs && !spec) throw new Error(`${where} declares no parameter "${name}"`);
    const r = value(v, spec, erase, `${where}: ${name}`, opts);
    if (r !== undefined) out[name] = r;
  }
  return out;
};
