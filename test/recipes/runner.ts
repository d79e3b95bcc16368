/**
 * Runs a recipe the way Zapier runs a zap: the trigger's record (from the sandbox, through the
 * app's own trigger code, or from a CRM fake for a CRM trigger), then each step in order with
 * its field map applied (recipes/mapping.ts). NPS steps run through appTester against the
 * sandbox; CRM, Slack and warehouse steps go into the fakes, which refuse what the real app
 * would refuse. A Filter that does not pass stops the run, as Zapier does (not an error).
 */
import type { Bundle } from 'zapier-platform-core';
import { operationInfo } from '../../recipes/definition.js';
import { renderMap, type Output, type Rendered } from '../../recipes/mapping.js';
import { render } from '../../recipes/mapping.js';
import type { AppStep, Condition, NpsStep, Recipe } from '../../recipes/types.js';
import { upsertRows } from '../../warehouse/load.js';
import type { Warehouse } from '../../warehouse/duckdb.js';
import { op, type E2E, type Rec } from '../e2e/helpers.js';
import type { Fakes } from './fakes.js';

export interface RunContext {
  e2e: E2E;
  fakes: Fakes;
  /** Survey name → id, for `{{survey:Name}}`. */
  surveys: Record<string, string>;
  warehouse?: Warehouse;
  /** The NPS connection (default: the sandbox's live key). */
  authData?: { api_key: string; region: string };
}

export interface StepCall {
  step: number;
  app: string;
  fields: Rendered;
  output?: Output;
}

export interface RunResult {
  /** outputs[n] = step n's output (1 = the trigger). */
  outputs: Array<Output | undefined>;
  calls: StepCall[];
  /** Set when a Filter (or a search that found nothing) stopped the zap. */
  stoppedAt?: { step: number; reason: string };
}

/** The operation a recipe's NPS step uses, or a failure naming it when the app has none. */
export const requireOperation = (recipe: Recipe, step: NpsStep) => {
  const info = operationInfo(step.kind, step.key);
  if (info) return info;
  throw new Error(
    `Recipe ${recipe.id} needs the ${step.kind} ${step.key}, which this app does not define.`,
  );
};

const DAY = 86_400_000;

/**
 * Inputs as Zapier hands them to perform: empty values removed (cleanInputData), a relative
 * date of a datetime field (`+7 days`) turned into a date, as the editor does.
 */
const asZapierInputs = (step: NpsStep, fields: Rendered): Rec => {
  const info = operationInfo(step.kind, step.key);
  const out: Rec = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === '' || (Array.isArray(value) && !value.length)) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value).filter(([, v]) => v !== '');
      if (entries.length) out[key] = Object.fromEntries(entries);
      continue;
    }
    const type = info?.inputs.find((f) => f.key === key)?.type;
    const relative = typeof value === 'string' ? /^\+(\d+) days?$/.exec(value) : null;
    out[key] =
      type === 'datetime' && relative
        ? new Date(Date.now() + Number(relative[1]) * DAY).toISOString()
        : value;
  }
  return out;
};

const passes = (condition: Condition, value: string): boolean => {
  switch (condition.operator) {
    case 'exists':
      return value !== '';
    case 'does_not_exist':
      return value === '';
    case 'text_exactly_matches':
      return value === condition.operand;
    case 'text_does_not_exactly_match':
      return value !== condition.operand;
    case 'boolean_is_true':
      return ['true', 'yes', '1'].includes(value.toLowerCase());
    case 'number_less_than':
      return value !== '' && Number(value) < Number(condition.operand);
  }
};

const runApp = async (ctx: RunContext, step: AppStep, fields: Rendered): Promise<Output | null> => {
  const { salesforce, hubspot, pipedrive, slack } = ctx.fakes;
  const object = step.object ?? '';
  switch (`${step.app}:${step.operation}`) {
    case 'salesforce:update_record':
      return salesforce.update(object, fields);
    case 'salesforce:create_record':
      return salesforce.create(object, fields);
    case 'salesforce:find_record':
      return salesforce.find(object, fields);
    case 'hubspot:update_record':
      return hubspot.update(fields);
    case 'hubspot:add_to_workflow':
      return hubspot.addToWorkflow(fields);
    case 'pipedrive:update_record':
      return pipedrive.updatePerson(fields);
    case 'pipedrive:create_record':
      return pipedrive.createNote(fields);
    case 'slack:send_channel_message':
      return slack.post(fields);
    case 'bigquery:insert_row': {
      if (!ctx.warehouse) throw new Error('this run has no warehouse');
      await upsertRows(ctx.warehouse, [fields as Record<string, string>]);
      return { ...fields };
    }
    default:
      throw new Error(`no fake for ${step.app} ${step.operation} (step "${step.event}")`);
  }
};

/** Runs steps 2… of a recipe on the trigger's output. */
export const runRecipe = async (
  recipe: Recipe,
  ctx: RunContext,
  trigger: Output,
): Promise<RunResult> => {
  const outputs: Array<Output | undefined> = [undefined, trigger];
  const calls: StepCall[] = [];
  const choose = (kind: string, name: string) => {
    if (kind !== 'survey' || !ctx.surveys[name]) throw new Error(`no ${kind} named ${name}`);
    return ctx.surveys[name] as string;
  };
  for (let n = 2; n <= recipe.steps.length; n += 1) {
    const step = recipe.steps[n - 1];
    if (!step) break;
    if (step.app === 'filter') {
      const failed = step.conditions.find(
        (condition) => !passes(condition, render(condition.value, outputs)),
      );
      if (failed) {
        return {
          outputs,
          calls,
          stoppedAt: { step: n, reason: `${failed.value} ${failed.operator}` },
        };
      }
      outputs[n] = undefined;
      continue;
    }
    if (step.app === 'formatter') {
      const input = render(step.input, outputs);
      outputs[n] = { output: step.table[input] ?? step.fallback ?? '' };
      continue;
    }
    const fields = renderMap(step.inputs, outputs, choose);
    if (step.app === 'nps') {
      requireOperation(recipe, step);
      const group =
        step.kind === 'trigger' ? 'triggers' : step.kind === 'search' ? 'searches' : 'creates';
      const result = await ctx.e2e.run<unknown>(op(group, step.key).perform, {
        inputData: asZapierInputs(step, fields),
        ...(ctx.authData ? { authData: ctx.authData } : {}),
      } as unknown as Partial<Bundle> & Rec);
      const output = (Array.isArray(result) ? result[0] : result) as Output | undefined;
      calls.push({ step: n, app: 'nps', fields, output });
      if (!output) return { outputs, calls, stoppedAt: { step: n, reason: 'nothing found' } };
      outputs[n] = output;
      continue;
    }
    const output = await runApp(ctx, step, fields);
    calls.push({ step: n, app: step.app, fields, output: output ?? undefined });
    if (!output) return { outputs, calls, stoppedAt: { step: n, reason: 'nothing found' } };
    outputs[n] = output;
  }
  return { outputs, calls };
};
