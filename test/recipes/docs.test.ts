/**
 * docs/recipes.md is generated from the recipes (issue 18 item 1) and opens with "Try it safely"
 * (item 7): a test-mode key, a few records (a Transfer of five responses), check the CRM, then
 * the live key. The Transfer of five is run here with the sandbox's test-mode key through the
 * Salesforce recipe, as a user following that section would.
 */
import { readFileSync } from 'node:fs';
import { recipesDoc, DOC_PATH } from '../../recipes/build-docs.js';
import { recipeById } from '../../recipes/index.js';
import { op, startE2E, type E2E, type Rec } from '../e2e/helpers.js';
import { newFakes } from './fakes.js';
import { runRecipe } from './runner.js';
import { listedRecords } from './triggers.js';

describe('docs/recipes.md', () => {
  test('is what `npm run docs:recipes` writes from recipes/ (run it after changing a recipe)', async () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(await recipesDoc());
  });

  test('opens with "Try it safely": test-mode key, a few records, check the CRM, then the live key', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    const sections = doc.split(/^## /m).slice(1);
    const first = sections[0] ?? '';
    expect(first.split('\n')[0]).toBe('Try it safely');
    const steps = first.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(steps.map((line) => /\*\*(.+?)\*\*/.exec(line)?.[1])).toEqual([
      'Connect with a test-mode key.',
      'Run it on a few records.',
      'Check the CRM.',
      'Switch the connection to the live key.',
    ]);
    expect(first).toContain('`nps_test_`');
    expect(first).toMatch(/Zapier Transfer\*\* on it to send five past\s+responses/);
    expect(first).toMatch(/live key \(`nps_live_…`/);
  });
});

describe('trying a recipe safely, as the docs say', () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E();
  });

  afterAll(async () => {
    await e2e.close();
  });

  test('a Transfer of five responses with the test-mode key runs the Salesforce recipe into the CRM', async () => {
    const recipe = recipeById('salesforce-contact');
    const testKey = { api_key: e2e.sandbox.keys.test, region: 'us' };
    expect(testKey.api_key.startsWith('nps_test_')).toBe(true);
    const records = await listedRecords(e2e, recipe, 5, testKey);
    expect(records).toHaveLength(5);
    const fakes = newFakes();
    for (const record of records) {
      if (record.salesforce_contact_id)
        fakes.salesforce.seed('Contact', {
          Id: record.salesforce_contact_id,
          LastName: String(record.contact_name),
        });
    }
    const surveys = await e2e.run<Rec[]>(op('triggers', 'survey').perform, { authData: testKey });
    const ctx = {
      e2e,
      fakes,
      authData: testKey,
      surveys: Object.fromEntries(surveys.map((s) => [String(s.name), String(s.id)])),
    };
    let updated = 0;
    for (const record of records) {
      const result = await runRecipe(recipe, ctx, record);
      if (result.stoppedAt) {
        expect(record.salesforce_contact_id).toBeNull();
        continue;
      }
      updated += 1;
      const contact = fakes.salesforce.records.Contact?.get(String(record.salesforce_contact_id));
      expect(contact).toMatchObject({
        NPS_Score__c: record.score,
        NPS_Last_Response_Id__c: record.response_id,
      });
      expect(['Promotor', 'Pasivo', 'Detractor']).toContain(contact?.NPS_Segment__c);
    }
    expect(updated).toBeGreaterThan(0);
  });
});
