/** What the recipe runs share: the set-up, the demo surveys, and small helpers. */
import { tableColumns, Warehouse } from '../../warehouse/duckdb.js';
import type { AppStep, Recipe } from '../../recipes/types.js';
import type { SubmitResponseInput } from '../../sandbox/server.js';
import type { Output } from '../../recipes/mapping.js';
import { op, startE2E, type E2E, type Rec } from '../e2e/helpers.js';
import { newFakes, type Fakes } from './fakes.js';
import { runRecipe, type RunContext, type RunResult } from './runner.js';
import { deliveredRecord } from './triggers.js';

export let e2e: E2E;
export let fakes: Fakes;
export let warehouse: Warehouse;
export let ctx: RunContext;
export let columns: string[] = [];

/**
 * Starts the end-to-end set-up (sandbox, the app through core), a DuckDB warehouse and fresh
 * fakes for the file that calls it; the bindings above are live.
 */
export const useRecipeRun = () => {
  beforeAll(async () => {
    e2e = await startE2E();
    warehouse = await Warehouse.open();
    columns = await tableColumns(warehouse, 'nps_responses');
    const surveys = await e2e.run<Rec[]>(op('triggers', 'survey').perform);
    fakes = newFakes();
    ctx = {
      e2e,
      fakes,
      warehouse,
      surveys: Object.fromEntries(surveys.map((s) => [String(s.name), String(s.id)])),
    };
  });

  afterAll(async () => {
    warehouse.close();
    await e2e.close();
  });
};

export const surveyId = (name = 'Quarterly NPS') => ctx.surveys[name] as string;

/** A copy of a recipe with one field of one step mapped differently. */
export const remap = (
  recipe: Recipe,
  stepIndex: number,
  field: string,
  template: string,
): Recipe => ({
  ...recipe,
  steps: recipe.steps.map((step, i) =>
    i === stepIndex
      ? { ...(step as AppStep), inputs: { ...(step as AppStep).inputs, [field]: template } }
      : step,
  ),
});

let serial = 0;
export const unique = (name: string) =>
  `${name}.${Date.now().toString(36)}${(serial += 1)}@example.com`;

/**
 * `contact` answers the survey (Quarterly NPS unless `answer` names another); the recipe's
 * trigger delivers the response and the recipe runs on its record, through to its last step.
 */
export const answerAndRun = async (
  recipe: Recipe,
  contact: SubmitResponseInput['contact'],
  answer: Omit<SubmitResponseInput, 'contact' | 'survey_id'> & { survey_id?: string },
): Promise<{ record: Output; result: RunResult }> => {
  const record = await deliveredRecord(e2e, recipe, { survey_id: surveyId(), ...answer, contact });
  const result = await runRecipe(recipe, ctx, record);
  expect(result.stoppedAt).toBeUndefined();
  return { record, result };
};
