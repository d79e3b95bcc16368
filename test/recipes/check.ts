/**
 * The static check of a recipe against the app's definition and the CRMs' schemas: every input
 * key a step sets exists (and a choice is one the field offers), every `{{n.key}}` names an
 * output of an earlier step that produces one, and every CRM field a step writes exists in that
 * CRM's schema (recipes/apps.ts) or the warehouse table.
 */
import {
  HUBSPOT_CONTACT,
  PIPEDRIVE_PERSON,
  SALESFORCE,
  SCHEDULE_OUTPUT,
} from '../../recipes/apps.js';
import { operationInfo, type OperationInfo } from '../../recipes/definition.js';
import { CHOICE } from '../../recipes/mapping.js';
import { placeholders, stepTemplates } from '../../recipes/types.js';
import type { AppStep, Recipe, Step } from '../../recipes/types.js';

/** Output keys of an external app's step (what a later step can map). */
const appOutputs = (step: AppStep, tableColumns: string[]): string[] | undefined => {
  const object = step.object ?? '';
  switch (step.app) {
    case 'salesforce':
      return step.operation === 'create_record'
        ? ['Id', 'id']
        : Object.keys(SALESFORCE[object] ?? {});
    case 'hubspot':
      return step.operation === 'add_to_workflow'
        ? ['workflow', 'email', 'hs_object_id']
        : Object.keys(HUBSPOT_CONTACT);
    case 'pipedrive':
      return step.object === 'note'
        ? ['id', 'content', 'person_id']
        : ['id', ...Object.values(PIPEDRIVE_PERSON).map((f) => f.key)];
    case 'slack':
      return ['ok', 'channel', 'ts', 'text'];
    case 'bigquery':
      return tableColumns;
    case 'schedule':
      return SCHEDULE_OUTPUT;
  }
};

/** The fields an external app's step may set. */
const appTargets = (step: AppStep, tableColumns: string[]): string[] => {
  const object = step.object ?? '';
  switch (`${step.app}:${step.operation}`) {
    case 'salesforce:update_record':
    case 'salesforce:create_record':
    case 'salesforce:find_record':
      return Object.keys(SALESFORCE[object] ?? {});
    case 'salesforce:updated_field':
      return ['field'];
    case 'hubspot:update_record':
      return Object.keys(HUBSPOT_CONTACT);
    case 'hubspot:add_to_workflow':
      return ['workflow', 'email'];
    case 'hubspot:new_record':
      return [];
    case 'pipedrive:update_record':
      return ['id', ...Object.keys(PIPEDRIVE_PERSON)];
    case 'pipedrive:create_record':
      return ['content', 'person_id', 'deal_id', 'org_id', 'lead_id'];
    case 'slack:send_channel_message':
      return ['channel', 'text'];
    case 'bigquery:insert_row':
      return tableColumns;
    case 'schedule:schedule':
      return ['day_of_week', 'day_of_month', 'time'];
    default:
      return [];
  }
};

/** Does an NPS operation output this key? Flattened children of object fields are the user's own. */
const npsOutputs = (info: OperationInfo, key: string): boolean => {
  if (info.outputs.some((f) => f.key === key) || key in info.sample) return true;
  const [parent] = key.split('__');
  if (parent && parent !== key) {
    const field = info.outputs.find((f) => f.key === parent);
    return Boolean(field && field.type === undefined) || typeof info.sample[parent] === 'object';
  }
  return false;
};

const GROUPS = { trigger: 'trigger', search: 'search', create: 'create' } as const;

/** Every problem of a recipe; [] when it holds together. */
export const recipeProblems = (recipe: Recipe, tableColumns: string[]): string[] => {
  const problems: string[] = [];
  const steps: Step[] = recipe.steps;
  steps.forEach((step, index) => {
    const n = index + 1;
    const where = `${recipe.id} step ${n}`;
    if (
      n === 1 &&
      !(step.app === 'nps'
        ? step.kind === 'trigger'
        : step.app !== 'filter' &&
          step.app !== 'formatter' &&
          ['new_record', 'updated_field', 'schedule'].includes(step.operation))
    )
      problems.push(`${where}: step 1 must be a trigger`);
    if (step.app === 'nps') {
      const info = operationInfo(GROUPS[step.kind], step.key);
      if (!info) {
        problems.push(`${where}: the app has no ${step.kind} ${step.key}`);
        return;
      }
      for (const [key, value] of Object.entries(step.inputs)) {
        const field = info.inputs.find((f) => f.key === key);
        if (!field) {
          problems.push(`${where}: ${info.label} has no input ${key}`);
          continue;
        }
        if (field.choices) {
          const values = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
          for (const v of values) {
            if (!v.includes('{{') && !(v in field.choices))
              problems.push(`${where}: ${field.label} (${key}) offers no choice ${v}`);
          }
        }
      }
    } else if (step.app !== 'filter' && step.app !== 'formatter') {
      const targets = appTargets(step, tableColumns);
      for (const key of Object.keys(step.inputs)) {
        if (!targets.includes(key))
          problems.push(`${where}: ${step.app} ${step.object ?? step.event} has no field ${key}`);
      }
    }
    for (const template of stepTemplates(step)) {
      for (const match of template.matchAll(CHOICE)) {
        if (match[1] !== 'survey') problems.push(`${where}: unknown choice ${match[0]}`);
      }
      for (const { step: from, key } of placeholders(template)) {
        const source = steps[from - 1];
        if (!source || from >= n) {
          problems.push(`${where}: {{${from}.${key}}} is not an earlier step`);
          continue;
        }
        if (source.app === 'filter') {
          problems.push(`${where}: {{${from}.${key}}}: a Filter has no output`);
        } else if (source.app === 'formatter') {
          if (key !== 'output')
            problems.push(`${where}: {{${from}.${key}}}: a Lookup Table outputs "output"`);
        } else if (source.app === 'nps') {
          const info = operationInfo(GROUPS[source.kind], source.key);
          if (info && !npsOutputs(info, key))
            problems.push(`${where}: {{${from}.${key}}}: ${info.label} has no output ${key}`);
        } else {
          const outputs = appOutputs(source, tableColumns) ?? [];
          if (!outputs.includes(key))
            problems.push(
              `${where}: {{${from}.${key}}}: ${source.app} ${source.object ?? source.event} has no ${key}`,
            );
        }
      }
    }
  });
  return problems;
};
