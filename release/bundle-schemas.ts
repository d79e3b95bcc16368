/**
 * `npm run build`, after tsc: replaces dist/client/schemas.js with one ES module that holds the
 * contract's schemas and the parts of `zod/mini` they use (esbuild, tree-shaken), so the zip runs
 * without zod in node_modules and a first parse loads one small file instead of zod's ~100 modules
 * and every locale (docs/architecture.md § Cold start). The app's own modules it imports
 * (client/enums.js) stay imports, shared with the rest of dist/.
 *
 * The build fails if the bundle still imports a package, or if it does not answer as the
 * TypeScript source does (jest runs the source) on a few payloads, messages included.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE = path.join(ROOT, 'client', 'schemas.ts');
const OUT = path.join(ROOT, 'dist', 'client', 'schemas.js');
const ZOD = path.join(ROOT, 'node_modules', 'zod');
const zodVersion = (
  JSON.parse(readFileSync(path.join(ZOD, 'package.json'), 'utf8')) as { version: string }
).version;

/** The app's own modules (relative imports from the app's files) stay imports. */
const ownModulesExternal: Plugin = {
  name: 'own-modules-external',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.?\// }, (args) =>
      args.kind === 'entry-point' || args.importer.includes(`${path.sep}node_modules${path.sep}`)
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

const result = await build({
  entryPoints: [SOURCE],
  outfile: OUT,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'eof',
  // zod is MIT-licensed: its notice travels with the code taken from it.
  footer: {
    js: `/*! Bundled from zod ${zodVersion} (https://zod.dev):\n${readFileSync(path.join(ZOD, 'LICENSE'), 'utf8').trim()}\n*/`,
  },
  metafile: true,
  logLevel: 'warning',
  plugins: [ownModulesExternal],
});

const bundled = readFileSync(OUT, 'utf8');
const packageImports = Object.values(result.metafile.outputs)
  .flatMap((output) => output.imports)
  .filter((imported) => imported.external && !imported.path.startsWith('.'));
if (packageImports.length) {
  throw new Error(
    `dist/client/schemas.js still imports ${packageImports.map((i) => i.path).join(', ')}: zod is not shipped.`,
  );
}

// ---------------------------------------------------------------- check

interface Issue {
  path: unknown;
  message: string;
  code: unknown;
}
type Answer = { success: true; data: unknown } | { success: false; error: { issues: Issue[] } };
type Schemas = Record<string, { safeParse: (data: unknown) => Answer }>;
const probes: Array<[string, unknown]> = [
  [
    'meSchema',
    {
      workspace: { id: 'ws_1', name: 'Acme', region: 'us' },
      key: { id: 'k', name: 'Z', mode: 'live', scopes: [] },
    },
  ],
  ['meSchema', { workspace: { id: 1 }, key: null }],
  ['responseSchema', { id: 'rsp_1', score: 11, segment: 'fan', follow_up: {} }],
  ['webhookWithSecretSchema', { id: 'wh_1', secret: 'whsec_short' }],
  ['unknownListSchema', { data: [1, 'a'], next_cursor: 42 }],
];
const answersOf = (schemas: Schemas) =>
  probes.map(([name, data]) => {
    const answer = schemas[name]?.safeParse(data);
    if (!answer) throw new Error(`no ${name} in client/schemas.ts`);
    return answer.success
      ? answer
      : answer.error.issues.map(({ path: at, message, code }) => ({ at, message, code }));
  });

// The bundle first, alone: zod keeps its settings (the locale) on globalThis, which the source
// would otherwise set for it.
const bundledAnswers = answersOf((await import(pathToFileURL(OUT).href)) as Schemas);
if (JSON.stringify(bundledAnswers).includes('"Invalid input"')) {
  throw new Error('dist/client/schemas.js gives issues without their message (no locale set).');
}
const sourceAnswers = answersOf((await import(pathToFileURL(SOURCE).href)) as Schemas);
if (!isDeepStrictEqual(bundledAnswers, sourceAnswers)) {
  throw new Error('dist/client/schemas.js does not answer as client/schemas.ts does.');
}

console.log(
  `dist/client/schemas.js: the schemas and zod/mini in one module (${Buffer.byteLength(bundled)} bytes).`,
);
