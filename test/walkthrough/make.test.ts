/**
 * `npm start`'s Make step (walkthrough/make.ts): it runs a module of the generated app against
 * the sandbox with the local IML runtime and names it as Make shows it, the label of
 * make/makecomapp.json (a renamed module is printed with its current name).
 */
import { readdirSync, readFileSync } from 'node:fs';
import nock from 'nock';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { MODULE_LABELS } from '../../make-generator/wording.js';
import { MAKE_DIR, runMakeDemo } from '../../walkthrough/make.js';

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
  // The walkthrough prints the label it gets, not one of its own.
  const folder = new URL('../../walkthrough/', import.meta.url);
  const walkthrough = readdirSync(folder)
    .map((file) => readFileSync(new URL(file, folder), 'utf8'))
    .join('\n');
  expect(walkthrough).toContain('runMakeDemo({');
  expect(walkthrough).toContain('`Make: ${made.label}`');
  expect(walkthrough).not.toMatch(/'Make: findResponse'|Find (the )?Latest Response\./);
});
