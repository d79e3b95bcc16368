// Smoke test of the built zip: unpack build/build.zip in a temp folder and run the connection test
// through the zip's own entry point (zapierwrapper.js → createAppHandler), as Zapier's runtime does,
// against a throwaway local API on loopback. Also checks the cold start's promises (issue 19): a
// cold load imports dist/entry.js alone of the app, and zod is not shipped, the contract's schemas
// being one bundled module that still gives zod's messages.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AdmZip from 'adm-zip';

const HOOKS = new URL('./module-report-hooks.mjs', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'nps-zip-'));
const zip = new AdmZip('build/build.zip');
zip.extractAllTo(dir, true);

const API_KEY = 'nps_test_smoke_0123456789';
/** A key whose GET /me answer breaks the contract (no workspace). */
const BROKEN_KEY = 'nps_test_smoke_broken_0123';
const KEY = { id: 'key_smoke', name: 'Zapier', mode: 'test', scopes: ['responses:read'] };
const server = createServer((req, res) => {
  const me = req.url === '/v1/me';
  const ok = me && req.headers.authorization === `Bearer ${API_KEY}`;
  const broken = me && req.headers.authorization === `Bearer ${BROKEN_KEY}`;
  res.writeHead(ok || broken ? 200 : 401, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify(
      ok
        ? { workspace: { id: 'ws_smoke', name: 'Smoke Test Inc.', region: 'us' }, key: KEY }
        : broken
          ? { key: KEY }
          : { error: { type: 'authentication_failed', message: 'Unknown API key.' } },
    ),
  );
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
process.env.NPS_API_BASE_URL = `http://127.0.0.1:${server.address().port}/v1`;

let failed = false;
try {
  // zod is a devDependency: the zip carries the schemas bundled with the parts of zod they use.
  const shipped = zip.getEntries().map((entry) => entry.entryName);
  if (shipped.some((name) => name.startsWith('node_modules/zod/'))) {
    throw new Error('build.zip ships node_modules/zod: the schemas should be bundled');
  }

  // What a cold process loads (issue 19): the zip's entry and core only, not the operations'
  // modules, the schemas or standardwebhooks. release/module-report-hooks.mjs reports every
  // module a fresh process imports while loading zapierwrapper.js, then answers "flush".
  writeFileSync(
    join(dir, 'smoke-load.mjs'),
    `import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
register(${JSON.stringify(HOOKS)}, { data: { port: port2 }, transferList: [port2] });
const loaded = [];
const flushed = new Promise((resolve) =>
  port1.on('message', (m) => (m.flushed ? resolve() : loaded.push(m.url))),
);
await import('./zapierwrapper.js');
port1.postMessage('flush');
await flushed;
port1.close();
console.log(JSON.stringify(loaded));
`,
  );
  const load = spawnSync(process.execPath, ['smoke-load.mjs'], { cwd: dir, encoding: 'utf8' });
  if (load.status !== 0) {
    throw new Error(
      `a cold load of the zip failed (exit ${load.status}): ${load.stderr.slice(0, 500)}`,
    );
  }
  const loaded = JSON.parse(load.stdout.trim().split('\n').pop() ?? '[]');
  const early = loaded.filter(
    (url) =>
      (url.includes('/dist/') && !url.endsWith('/dist/entry.js')) ||
      /\/node_modules\/(zod|standardwebhooks)\//.test(url),
  );
  if (
    !loaded.some((url) => url.endsWith('/zapier-platform-core/index.mjs')) ||
    !loaded.some((url) => url.endsWith('/dist/entry.js')) ||
    early.length
  ) {
    throw new Error(
      `a cold load of the zip imports more than its entry: ${early.join(', ') || loaded.join(', ')}`,
    );
  }
  console.log('smoke: a cold load of build.zip imports dist/entry.js alone of the app');

  const { handler } = await import(pathToFileURL(join(dir, 'zapierwrapper.js')).href);
  const run = (method, extra = {}) =>
    handler({
      command: 'execute',
      method,
      bundle: { authData: { api_key: API_KEY, region: 'us' }, inputData: {}, ...extra },
    });
  const test = await run('authentication.test');
  const label = await run('authentication.connectionLabel', { inputData: test.results });
  if (
    test.results?.workspace?.name !== 'Smoke Test Inc.' ||
    label.results !== 'Smoke Test Inc. (test)'
  ) {
    throw new Error(
      `unexpected results: ${JSON.stringify({ test: test.results, label: label.results })}`,
    );
  }
  console.log(
    `smoke: build.zip ran authentication.test from ${dir}: connection label "${label.results}"`,
  );

  // The bundled schemas give zod's own messages (its English locale is bundled with them).
  const broken = await handler({
    command: 'execute',
    method: 'authentication.test',
    bundle: { authData: { api_key: BROKEN_KEY, region: 'us' }, inputData: {} },
  }).then(
    () => undefined,
    (error) => error,
  );
  if (
    !/workspace: Invalid input: expected object, received undefined/.test(broken?.message ?? '')
  ) {
    throw new Error(`a GET /me that breaks the contract gave: ${broken?.message ?? 'no error'}`);
  }
  console.log('smoke: build.zip refused a GET /me that breaks the contract, naming the field');

  // A signed webhook delivery through new_response's perform: the trigger's module, the
  // contract's schemas and standardwebhooks are loaded on first use, so this checks the zip
  // holds them. z.cache has no Zapier backend here: deduplication then lets the delivery through.
  const { Webhook } = await import('standardwebhooks');
  const { sampleResponses } = await import(
    pathToFileURL(join(dir, 'dist', 'records', 'response.js')).href
  );
  const secret = `whsec_${Buffer.from('smoke-test-secret-0123456789').toString('base64')}`;
  const content = JSON.stringify({
    id: 'evt_smoke',
    type: 'response.created',
    created_at: new Date().toISOString(),
    data: { response: sampleResponses[0] },
  });
  const sentAt = new Date();
  const headers = {
    'Http-Webhook-Id': 'msg_smoke',
    'Http-Webhook-Timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'Http-Webhook-Signature': new Webhook(secret).sign('msg_smoke', sentAt, content),
  };
  const hook = await run('triggers.new_response.operation.perform', {
    inputData: { wait_for_themes: false },
    subscribeData: { id: 'wh_smoke', secret },
    rawRequest: { method: 'POST', querystring: '', headers, content },
    cleanedRequest: JSON.parse(content),
  });
  if (hook.results?.length !== 1 || hook.results[0]?.response_id !== sampleResponses[0].id) {
    throw new Error(`unexpected hook results: ${JSON.stringify(hook.results)?.slice(0, 300)}`);
  }
  console.log(`smoke: build.zip ran new_response's perform on a signed delivery: 1 record`);
} catch (error) {
  failed = true;
  console.error('smoke: build.zip failed:', error);
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
