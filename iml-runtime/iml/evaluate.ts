/**
 * Evaluation: Make's keywords, operators, function calls (`if`, `ifempty` and `switch` lazily),
 * and rendering of strings and whole JSON values. Rules: see the header of ../iml.ts.
 */
import { randomUUID } from 'node:crypto';
import { BUILTINS } from './functions/index.js';
import { parseExpression, splitTemplate, type Node } from './syntax.js';
import { IMLError, type Env, type IMLContext, type IMLFunction, type IMLOptions } from './types.js';
import { equal, indexInto, isEmpty, isRec, stringify, type Rec } from './values.js';

const LAZY = new Set(['if', 'ifempty', 'switch']);

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
      `IML function "${n.name}" is not implemented by the local Make runtime (iml-runtime/iml/functions/)`,
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
