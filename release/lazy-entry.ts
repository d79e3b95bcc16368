/**
 * `npm run build`, after tsc: writes dist/entry.js, the entry Zapier's runtime loads (package.json
 * `exports`). It holds the app's definition as data (keys, labels, input fields, samples, output
 * fields: what Zapier serialises) and, in place of each function, a stub with the same arity that
 * imports the module defining that function on first call and calls it. A cold process thus loads
 * the definition alone; an operation loads its own module graph (and the contract's schemas,
 * client/request.ts) only when it runs. dist/index.js stays the whole app (tests, lint, scripts).
 *
 * The build fails unless the entry serialises exactly as dist/index.js does (core's own
 * `definition` command on both), so Zapier sees the same app.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';

// Core's handler (the check below) logs memory lines on every call outside test mode.
process.env.NODE_ENV = 'test';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');
const ENTRY = 'entry.js';

type Fn = (...args: unknown[]) => unknown;
type Key = string | number;
interface Owner {
  /** ./-relative module path inside dist/. */
  file: string;
  /** Where the function sits in that module's namespace. */
  path: Key[];
}

const importDist = async (file: string): Promise<Record<string, unknown>> =>
  (await import(pathToFileURL(path.join(DIST, file)).href)) as Record<string, unknown>;

const distFiles = (dir = DIST): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return distFiles(full);
    return entry.name.endsWith('.js') ? [path.relative(DIST, full).split(path.sep).join('/')] : [];
  });

const app = (await importDist('index.js')).default as Record<string, unknown>;

// Every module's exports, to find which module defines each object or function of the app.
const modules = new Map<string, Record<string, unknown>>();
for (const file of distFiles()) {
  if (file === ENTRY || file === 'index.js') continue;
  modules.set(file, await importDist(file));
}

/** The module exporting `value` itself (a named or default export), if any. */
const exporterOf = (value: unknown): Owner | undefined => {
  for (const [file, namespace] of modules) {
    for (const [name, exported] of Object.entries(namespace)) {
      if (exported === value) return { file, path: [name] };
    }
  }
  return undefined;
};

/**
 * The owner of the function at `at`: the deepest object on its path that some module exports
 * (an operation's definition, the authentication object, a middleware function), so a stub loads
 * that operation's module, not the whole app.
 */
const ownerOf = (at: Key[]): Owner => {
  let node: unknown = app;
  let best: Owner = { file: 'index.js', path: ['default', ...at] };
  for (let i = 0; i <= at.length; i += 1) {
    const exported = exporterOf(node);
    if (exported) best = { file: exported.file, path: [...exported.path, ...at.slice(i)] };
    const key = at[i];
    if (key === undefined) break;
    node = (node as Record<Key, unknown>)[key];
  }
  return best;
};

// ---------------------------------------------------------------- emit

const loaders = new Map<string, string>();
const loaderOf = (file: string): string => {
  let name = loaders.get(file);
  if (!name) {
    name = `m${loaders.size}`;
    loaders.set(file, name);
  }
  return name;
};

const access = (keys: Key[]): string =>
  keys.map((key) => (typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`)).join('');

const emit = (value: unknown, at: Key[], indent: string): string => {
  if (typeof value === 'function') {
    const fn = value as Fn;
    if (fn.toString().includes('arguments')) {
      throw new Error(`${at.join('.')} reads \`arguments\`: a stub cannot mirror it.`);
    }
    const owner = ownerOf(at);
    // The stub must reach this very function, not one that merely looks alike.
    const namespace = owner.file === 'index.js' ? { default: app } : modules.get(owner.file);
    const reached = owner.path.reduce<unknown>(
      (node, key) => (node as Record<Key, unknown> | undefined)?.[key],
      namespace,
    );
    if (reached !== fn) throw new Error(`${at.join('.')}: its stub would not reach it.`);
    const params = Array.from({ length: fn.length }, (_, i) => `a${i}`).join(', ');
    return `function (${params}) {\n${indent}  return ${loaderOf(owner.file)}().then((m) => m${access(owner.path)}(${params}));\n${indent}}`;
  }
  if (Array.isArray(value)) {
    const inner = `${indent}  `;
    return `[\n${value.map((item, i) => `${inner}${emit(item, [...at, i], inner)},`).join('\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) {
      throw new Error(`${at.join('.')} is not plain data or a function.`);
    }
    const inner = `${indent}  `;
    const entries = Object.entries(value).map(
      ([key, item]) => `${inner}${JSON.stringify(key)}: ${emit(item, [...at, key], inner)},`,
    );
    return `{\n${entries.join('\n')}\n${indent}}`;
  }
  return value === undefined ? 'undefined' : JSON.stringify(value);
};

const body = emit(app, [], '');
const source = `// Generated by release/lazy-entry.ts from dist/index.js (npm run build): do not edit.
// The definition as data; each function loads its module on first call.
${[...loaders]
  .map(([file, name]) => {
    const cache = `${name}_`;
    return `let ${cache};\nconst ${name} = () => (${cache} ??= import('./${file}'));`;
  })
  .join('\n')}

export default ${body};
`;
writeFileSync(path.join(DIST, ENTRY), source);

// ---------------------------------------------------------------- check

// createAppHandler (what zapierwrapper.js calls) is missing from core's type definitions.
const core = (await import('zapier-platform-core')).default as unknown as {
  createAppHandler: (
    app: unknown,
  ) => (event: object, context: object) => Promise<{ results: unknown }>;
};
const definitionOf = async (raw: unknown): Promise<unknown> =>
  (await core.createAppHandler(raw)({ command: 'definition' }, {})).results;
const lazy = (await importDist(ENTRY)).default;
if (!isDeepStrictEqual(await definitionOf(lazy), await definitionOf(app))) {
  throw new Error(`dist/${ENTRY} does not serialise as dist/index.js does.`);
}
console.log(
  `dist/${ENTRY}: the definition as data, ${loaders.size} modules loaded on first use (${Buffer.byteLength(source)} bytes).`,
);
