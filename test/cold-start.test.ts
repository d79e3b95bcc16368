/**
 * Cold start (issue 19, item 5; docs/architecture.md § Cold start): loading the app costs little
 * beyond zapier-platform-core because nothing an operation needs only when it runs is done at
 * load. A fresh Node process (tsx, the TypeScript sources) loads the whole app as dist/index.js
 * does and reports every module it imported and every locale-aware formatting it did; then asks
 * for the contract's schemas as an operation's first parse does.
 *
 * The built zip goes further (dist/entry.js loads no operation module at all): the build checks
 * its entry against dist/index.js and `npm run zapier:check`'s smoke test checks what a cold load
 * of the zip imports (release/lazy-entry.ts, release/smoke-zip.mjs).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const at = (file: string) => pathToFileURL(join(ROOT, file)).href;

/** What a resolve hook saw, and what the child printed, phase by phase. */
interface Probe {
  /** Modules imported while the app loaded (file URLs). */
  atLoad: string[];
  /** Modules imported by the first contract() call. */
  atFirstParse: string[];
  /** Locale-aware formatting calls made while the app loaded. */
  formatting: string[];
  sameSchemasEachTime: boolean;
  schemaNames: string[];
}

const probe = (): Probe => {
  const dir = mkdtempSync(join(tmpdir(), 'nps-cold-'));
  try {
    // release/module-report-hooks.mjs reports each module imported, and answers "flush" after
    // every report sent before it.
    const script = join(dir, 'probe.mjs');
    writeFileSync(
      script,
      `import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
register(${JSON.stringify(at('release/module-report-hooks.mjs'))}, { data: { port: port2 }, transferList: [port2] });
let seen = [];
let flushed;
port1.on('message', (m) => (m.flushed ? flushed() : seen.push(m.url)));
const modulesSoFar = async () => {
  await new Promise((resolve) => { flushed = resolve; port1.postMessage('flush'); });
  const out = seen;
  seen = [];
  return out;
};
const formatting = [];
const spy = (owner, name, label) => {
  const original = owner[name];
  owner[name] = function (...args) { formatting.push(label); return new.target ? new original(...args) : original.apply(this, args); };
};
spy(Number.prototype, 'toLocaleString', 'Number#toLocaleString');
spy(Date.prototype, 'toLocaleString', 'Date#toLocaleString');
spy(Date.prototype, 'toLocaleDateString', 'Date#toLocaleDateString');
spy(String.prototype, 'localeCompare', 'String#localeCompare');
spy(Intl, 'NumberFormat', 'Intl.NumberFormat');
spy(Intl, 'DateTimeFormat', 'Intl.DateTimeFormat');
spy(Intl, 'Collator', 'Intl.Collator');
const app = (await import(${JSON.stringify(at('index.ts'))})).default;
if (!app.triggers) process.exit(2);
const atLoad = await modulesSoFar();
const duringLoad = [...formatting];
const { contract } = await import(${JSON.stringify(at('client/request.ts'))});
const first = contract();
const schemas = await first;
const atFirstParse = await modulesSoFar();
port1.close();
console.log(JSON.stringify({ atLoad, atFirstParse, formatting: duringLoad, sameSchemasEachTime: contract() === first, schemaNames: Object.keys(schemas) }));
`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (child.status !== 0) throw new Error(`the probe failed: ${child.stderr.slice(-2000)}`);
    return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Probe;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const packageOf = (url: string) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];

describe('loading the app (cold start)', () => {
  let result: Probe;
  beforeAll(() => {
    result = probe();
  }, 60_000);

  it('loads every operation and field module, and zapier-platform-core', () => {
    expect(result.atLoad).toContain(at('triggers/new_response.ts'));
    expect(result.atLoad).toContain(at('fields/properties.ts'));
    expect(result.atLoad.map(packageOf)).toContain('zapier-platform-core');
  });

  it('does not load zod, the contract’s schemas or standardwebhooks', () => {
    expect(
      result.atLoad.filter((url) => /^(zod|standardwebhooks)$/.test(packageOf(url) ?? '')),
    ).toEqual([]);
    expect(result.atLoad).not.toContain(at('client/schemas.ts'));
  });

  it('does no locale-aware formatting (the first one sets up ICU, ~15 ms)', () => {
    expect(result.formatting).toEqual([]);
  });

  it('loads the schemas, with zod/mini, on the first parse, once', () => {
    expect(result.atFirstParse).toContain(at('client/schemas.ts'));
    expect(result.atFirstParse.some((url) => /\/node_modules\/zod\/v4\/mini\//.test(url))).toBe(
      true,
    );
    // zod classic (the `zod` entry and its v4/classic modules) is never loaded.
    expect(
      result.atFirstParse.filter((url) => /\/node_modules\/zod\/v4\/classic\//.test(url)),
    ).toEqual([]);
    expect(result.sameSchemasEachTime).toBe(true);
    expect(result.schemaNames).toEqual(
      expect.arrayContaining(['responseSchema', 'invitationFailedEventSchema', 'errorBodySchema']),
    );
  });
});
