// Smoke test of the built zip: unpack build/build.zip in a temp folder and run the connection test
// through the zip's own entry point (zapierwrapper.js → createAppHandler), as Zapier's runtime does,
// against a throwaway local API on loopback.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AdmZip from 'adm-zip';

const dir = mkdtempSync(join(tmpdir(), 'nps-zip-'));
new AdmZip('build/build.zip').extractAllTo(dir, true);

const API_KEY = 'nps_test_smoke_0123456789';
const server = createServer((req, res) => {
  const ok = req.url === '/v1/me' && req.headers.authorization === `Bearer ${API_KEY}`;
  res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify(
      ok
        ? {
            workspace: { id: 'ws_smoke', name: 'Smoke Test Inc.', region: 'us' },
            key: { id: 'key_smoke', name: 'Zapier', mode: 'test', scopes: ['responses:read'] },
          }
        : { error: { type: 'authentication_failed', message: 'Unknown API key.' } },
    ),
  );
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
process.env.NPS_API_BASE_URL = `http://127.0.0.1:${server.address().port}/v1`;

let failed = false;
try {
  // What a cold process loads (issue 19): the zip's entry and core only, not the operations'
  // modules, the validation library or standardwebhooks. A resolve hook lists every module a
  // fresh process imports while loading zapierwrapper.js.
  writeFileSync(
    join(dir, 'smoke-hooks.mjs'),
    'export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write(`LOADED ${r.url}\\n`); return r; }\n',
  );
  writeFileSync(
    join(dir, 'smoke-load.mjs'),
    "import { register } from 'node:module';\nregister('./smoke-hooks.mjs', import.meta.url);\nawait import('./zapierwrapper.js');\n",
  );
  const load = spawnSync(process.execPath, ['smoke-load.mjs'], { cwd: dir, encoding: 'utf8' });
  const loaded = [...load.stderr.matchAll(/^LOADED (.*)$/gm)].map((m) => m[1]);
  const early = loaded.filter(
    (url) =>
      (url.includes('/dist/') && !url.endsWith('/dist/entry.js')) ||
      /\/node_modules\/(zod|standardwebhooks)\//.test(url),
  );
  if (load.status !== 0 || !loaded.some((url) => url.endsWith('/dist/entry.js')) || early.length) {
    throw new Error(
      `a cold load of the zip imports more than its entry (exit ${load.status}): ${early.join(', ') || load.stderr.slice(0, 500)}`,
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
