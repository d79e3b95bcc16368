/**
 * docs/recipes.md is generated from the recipes (issue 18 item 1) and opens with "Try it safely"
 * (item 7): a test-mode key, a few records (a Transfer of five responses), check the CRM, then
 * the live key. The Transfer of five is run here with the sandbox's test-mode key through the
 * Salesforce recipe, as a user following that section would, and what the section says of the
 * keys and the connection label is what the sandbox and the app do. The warehouse recipe walks a
 * user through loading the history and keeping it in sync, with its cost in Zapier tasks and Make
 * operations (item 4): its labels, numbers and files are the app's, the Make app's and the repo's.
 */
import { existsSync, readFileSync } from 'node:fs';
import app from '../../index.js';
import { operationInfo } from '../../recipes/definition.js';
import { recipesDoc, DOC_PATH } from '../../recipes/build-docs.js';
import { recipeById } from '../../recipes/index.js';
import { isApp, isNps } from '../../recipes/types.js';
import { DIALECTS, queryNames } from '../../warehouse/duckdb.js';
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

/** The part of docs/recipes.md under `## <heading…>`, up to the next `## `. */
const section = (doc: string, heading: RegExp): string => {
  const part = doc.split(/^## /m).find((s) => heading.test(s.split('\n')[0] ?? ''));
  if (!part) throw new Error(`docs/recipes.md has no section ${String(heading)}`);
  return part;
};
/** The text under `### <title>` of a section, up to the next heading. */
const sub = (text: string, title: string): string => {
  const start = text.indexOf(`### ${title}\n`);
  if (start < 0) throw new Error(`no "### ${title}"`);
  const rest = text.slice(start + title.length + 5);
  return rest.split(/^#{2,3} /m)[0] ?? '';
};
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the warehouse recipe: history, sync and cost (issue 18 item 4)', () => {
  const doc = readFileSync(DOC_PATH, 'utf8');
  const warehouse = section(doc, /^10\. Every response into a warehouse row/);
  const walk = flat(
    sub(warehouse, 'Load the history into BigQuery or Snowflake, then keep it in sync'),
  );
  const cost = flat(sub(warehouse, 'What it costs'));
  const files = flat(sub(warehouse, 'The files for your warehouse'));
  const label = (kind: 'trigger' | 'search', operation: string, key: string) =>
    operationInfo(kind, operation)?.inputs.find((f) => f.key === key)?.label ?? `(no ${key})`;

  test('walks through the table, a try, the live zap, the Transfer with its filters, the sync zap and a check', () => {
    const heads = [...walk.matchAll(/\d+\. \*\*(.+?)\*\*/g)].map((m) => m[1]);
    expect(heads).toEqual([
      'Create the table and the view.',
      'Build this zap on a test-mode connection and try it.',
      'Switch to the live key and turn the zap on.',
      'Load the history with Zapier Transfer.',
      'Keep changed responses in sync.',
      'Check the figures.',
    ]);
    expect(walk).toContain('`warehouse/bigquery/schema.sql`');
    expect(walk).toContain('`warehouse/snowflake/schema.sql`');
    expect(walk).toContain('**Transfer existing data**');
    // The trigger's filters and Only Responses Submitted After, named as the app names them.
    for (const key of [
      'survey_id',
      'segments',
      'min_score',
      'max_score',
      'themes',
      'require_comment',
      'submitted_after',
    ])
      expect(walk).toContain(label('trigger', 'new_response', key));
    // The sync zap on Updated Response, which must not ignore the changes other zaps make.
    expect(walk).toContain(
      `**NPS → ${String(operationInfo('trigger', 'response_updated')?.label)}**`,
    );
    expect(walk).toContain(
      `Set **${label('trigger', 'response_updated', 'ignore_own_changes')}** to No`,
    );
    expect(walk).toContain(`with ${label('search', 'nps_report', 'group_by')} Month`);
  });

  test('the Zapier cost is one task per row per action step, and the zap has one action step', () => {
    const recipe = recipeById('warehouse-row');
    const actions = recipe.steps.slice(1).filter((s) => isApp(s) || isNps(s));
    expect(actions).toHaveLength(1);
    expect(cost).toContain('one task per row per action step. This zap has one action step');
    expect(cost).toContain('10,000 past responses: 10,000 tasks');
  });

  test('the Make cost and limits are those of the Make app’s Search Responses and of docs/make.md', () => {
    const dir = 'make/modules/search-responses/search-responses';
    const params = JSON.parse(readFileSync(`${dir}.mappable-params.iml.json`, 'utf8')) as Array<{
      name: string;
      label: string;
      default?: number;
      validate?: { max?: number };
    }>;
    const communication = readFileSync(`${dir}.communication.iml.json`, 'utf8');
    const limit = params.find((p) => p.name === 'limit');
    expect([limit?.default, limit?.validate?.max]).toEqual([100, 10_000]);
    expect(cost).toContain('stops at its Limit (100 unless you change it, at most 10,000)');
    expect(communication).toContain('"limit": "{{min(ifempty(parameters.limit, 100), 100)}}"');
    expect(cost).toContain('asks for 100 responses per request');
    for (const key of ['submitted_after', 'submitted_before'])
      expect(cost).toContain(String(params.find((p) => p.name === key)?.label));
    const makeDoc = flat(readFileSync('docs/make.md', 'utf8'));
    expect(makeDoc).toContain('"Max Pagination Request Count: 50"');
    expect(makeDoc).toContain('"Max Past Record: 3200"');
    expect(cost).toContain('after 50 requests or 3,200 records in one run');
    expect(cost).toContain('12 + 10,000 operations');
  });

  test('points to the folder of each warehouse, whose files exist', () => {
    for (const dialect of DIALECTS) {
      expect(files).toContain(`\`warehouse/${dialect}/\``);
      expect(existsSync(`warehouse/${dialect}/schema.sql`)).toBe(true);
    }
    for (const name of queryNames('duckdb')) expect(files).toContain(`\`${name}\``);
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

  test('the keys and the connection label are as "Try it safely" shows them', async () => {
    const first = section(readFileSync(DOC_PATH, 'utf8'), /^Try it safely/);
    const shown = /labelled\s+like `([^`]+) \(test\)`/.exec(first)?.[1];
    expect(shown).toBe('Acme Inc.');
    const auth = app.authentication as unknown as { test: never; connectionLabel: never };
    for (const [key, mode] of [
      [e2e.sandbox.keys.test, 'test'],
      [e2e.sandbox.keys.live, 'live'],
    ] as const) {
      expect(key.startsWith(`nps_${mode}_`)).toBe(true);
      expect(first).toContain(`\`nps_${mode}_`);
      const authData = { api_key: key, region: 'us' };
      const me = await e2e.run<Rec>(auth.test, { authData });
      expect(await e2e.run<string>(auth.connectionLabel, { authData, inputData: me })).toBe(
        `${String(shown)} (${mode})`,
      );
      expect(first).toContain(`(${mode})\``);
    }
  });

  test('a Transfer of five responses with the test-mode key runs the Salesforce recipe into the CRM', async () => {
    const recipe = recipeById('salesforce-contact');
    const testKey = { api_key: e2e.sandbox.keys.test, region: 'us' };
    expect(testKey.api_key.startsWith('nps_test_')).toBe(true);
    const records = await listedRecords(e2e, recipe, 5, testKey);
    expect(records).toHaveLength(5);
    // A test-mode connection's zap gets the real responses too, as the section warns.
    expect(records.some((record) => record.test === false)).toBe(true);
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
