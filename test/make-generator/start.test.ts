/**
 * `npm start`'s Make step (iml-runtime/demo.ts, called by scripts/start.ts): it runs a
 * module of the generated app against the sandbox and names it as Make shows it, the label of
 * make/makecomapp.json (a renamed module is printed with its current name).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { MODULE_LABELS } from '../../make-generator/wording.js';
import { runMakeDemo } from '../../iml-runtime/demo.js';

const MAKE_DIR = fileURLToPath(new URL('../../make', import.meta.url));
let sandbox: Sandbox;

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sandbox = await startSandbox({ analysisDelayMs: 30 });
});

afterAll(async () => {
  await sandbox.close();
});

it("npm start's Make step runs Find the Latest Response and prints the module's current label", async () => {
  const surveys = (await (
    await fetch(`${sandbox.baseUrl}/surveys`, {
      headers: { authorization: `Bearer ${sandbox.keys.live}` },
    })
  ).json()) as { data: Array<{ id: string }> };
  const response = sandbox.submitResponse({
    survey_id: String(surveys.data[0]?.id),
    score: 3,
    comment: 'Slow support.',
    contact: { email: 'start.make@example.com' },
  });
  await sandbox.settle();
  const demo = await runMakeDemo({
    makeDir: MAKE_DIR,
    baseUrl: sandbox.baseUrl,
    apiKey: sandbox.keys.live,
    responseId: String(response.id),
    labelLanguage: 'es',
  });
  const manifest = JSON.parse(readFileSync(`${MAKE_DIR}/makecomapp.json`, 'utf8')) as {
    components: { module: Record<string, { label: string }> };
  };
  expect(demo.label).toBe(manifest.components.module.findResponse?.label);
  expect(demo.label).toBe(MODULE_LABELS.findResponse);
  expect(demo.record).toMatchObject({
    response_id: response.id,
    score: 3,
    segment_label: 'Detractor',
    email: 'start.make@example.com',
  });
  // scripts/start.ts prints the label it gets, not one of its own.
  const start = readFileSync(new URL('../../scripts/start.ts', import.meta.url), 'utf8');
  expect(start).toContain('runMakeDemo');
  expect(start).not.toMatch(/'Make: findResponse'|Find Latest Response\./);
});
