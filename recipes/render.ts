/**
 * docs/recipes.md, generated from the recipes (recipes/*.ts) with the labels the app shows
 * (recipes/definition.ts) and the CRM fields' labels (recipes/apps.ts). Run
 * `npm run docs:recipes` after changing a recipe; a test fails while the file is not what this
 * writes.
 */
import { HUBSPOT_CONTACT, PIPEDRIVE_PERSON, SALESFORCE } from './apps.js';
import { operationInfo, type FieldInfo } from './definition.js';
import { CHOICE } from './mapping.js';
import type { AppStep, Condition, FieldMap, NpsStep, Recipe, Step } from './types.js';
import { RECIPES } from './index.js';

const APP_NAMES: Record<string, string> = {
  nps: 'NPS',
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  pipedrive: 'Pipedrive',
  slack: 'Slack',
  bigquery: 'BigQuery',
  schedule: 'Schedule by Zapier',
};

const GROUP = { trigger: 'trigger', search: 'search', create: 'create' } as const;

/** The label of an output key of step `n`, as the app that outputs it shows it. */
const outputLabel = (steps: Step[], n: number, key: string): string => {
  const step = steps[n - 1];
  if (!step) return key;
  if (step.app === 'formatter') return 'Output';
  if (step.app === 'nps') {
    const info = operationInfo(GROUP[step.kind], step.key);
    const field = info?.outputs.find((f) => f.key === key);
    if (field) return field.label;
    const [parent, child] = key.split('__');
    const parentField = info?.outputs.find((f) => f.key === parent);
    if (parentField && child) return `${parentField.label} → ${child}`;
    return key;
  }
  if (step.app === 'salesforce') return SALESFORCE[step.object ?? '']?.[key]?.label ?? key;
  if (step.app === 'hubspot') return HUBSPOT_CONTACT[key]?.label ?? key;
  if (step.app === 'pipedrive') return key === 'id' ? 'ID' : key;
  return key;
};

/** A target field's label in another app. */
const targetLabel = (step: AppStep, key: string): string => {
  if (step.app === 'salesforce') {
    const field = SALESFORCE[step.object ?? '']?.[key];
    return field ? `${field.label} (\`${key}\`)` : `\`${key}\``;
  }
  if (step.app === 'hubspot' && step.operation === 'add_to_workflow') {
    // Zapier's HubSpot "Add Contact to Workflow" fields.
    return key === 'email' ? 'Contact Email' : 'Workflow';
  }
  if (step.app === 'hubspot') {
    const property = HUBSPOT_CONTACT[key];
    return property ? `${property.label} (\`${key}\`)` : `\`${key}\``;
  }
  if (step.app === 'pipedrive') return PIPEDRIVE_PERSON[key] ? `**${key}**` : `\`${key}\``;
  if (step.app === 'bigquery') return `\`${key}\``;
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A template as the zap editor shows it: mapped fields as `{{n. Label}}`. */
const templateText = (steps: Step[], template: string): string =>
  template
    .replace(CHOICE, (_m, _kind: string, name: string) => name)
    .replace(
      /\{\{(\d+)\.([^{}]+?)\}\}/g,
      (_m, n: string, key: string) => `{{${n}. ${outputLabel(steps, Number(n), key)}}}`,
    );

/** A mapped value for a field line. */
const valueText = (steps: Step[], template: string, field?: FieldInfo): string => {
  const only = /^\{\{(\d+)\.([^{}]+?)\}\}$/.exec(template);
  if (only) {
    const n = Number(only[1]);
    const key = String(only[2]);
    return `**${outputLabel(steps, n, key)}** (\`${key}\`${n === 1 ? '' : `, step ${n}`})`;
  }
  const choice = /^\{\{([a-z_]+):([^{}]+)\}\}$/.exec(template);
  if (choice) return `${String(choice[2])} (pick it in the dropdown)`;
  if (template.includes('\n')) {
    return `\n\n     \`\`\`text\n${templateText(steps, template)
      .split('\n')
      .map((line) => `     ${line}`)
      .join('\n')}\n     \`\`\``;
  }
  if (template.includes('{{')) return `\`${templateText(steps, template)}\``;
  const label = field?.choices?.[template];
  return label && label !== template ? `${label} (\`${template}\`)` : `\`${template}\``;
};

const fieldLines = (
  steps: Step[],
  inputs: FieldMap,
  label: (key: string) => string,
  info?: (key: string) => FieldInfo | undefined,
): string[] =>
  Object.entries(inputs).map(([key, value]) => {
    const field = info?.(key);
    let text: string;
    if (typeof value === 'boolean') text = value ? 'Yes' : 'No';
    else if (typeof value === 'string') text = valueText(steps, value, field);
    else if (Array.isArray(value)) text = value.map((v) => valueText(steps, v, field)).join(', ');
    else
      text = Object.entries(value)
        .map(([k, v]) => `\`${k}\` → ${valueText(steps, v)}`)
        .join('; ');
    return `   - ${label(key)}: ${text}`;
  });

const conditionText = (steps: Step[], condition: Condition): string => {
  const subject = valueText(steps, condition.value);
  switch (condition.operator) {
    case 'exists':
      return `${subject} exists`;
    case 'does_not_exist':
      return `${subject} does not exist`;
    case 'text_exactly_matches':
      return `${subject} (Text) exactly matches \`${condition.operand ?? ''}\``;
    case 'text_does_not_exactly_match':
      return `${subject} (Text) does not exactly match \`${condition.operand ?? ''}\``;
    case 'boolean_is_true':
      return `${subject} (Boolean) is true`;
    case 'number_less_than':
      return `${subject} (Number) less than ${condition.operand ?? ''}`;
  }
};

const notes = (list: string[] | undefined): string[] =>
  (list ?? []).map((note) => `   - _${note}_`);

const stepLines = (steps: Step[], step: Step, n: number): string[] => {
  if (step.app === 'filter') {
    return [
      `${n}. **Filter by Zapier**: only continue if`,
      ...step.conditions.map((c) => `   - ${conditionText(steps, c)}`),
      ...notes(step.notes),
    ];
  }
  if (step.app === 'formatter') {
    return [
      `${n}. **Action: Formatter by Zapier → Utilities → Lookup Table**`,
      `   - Lookup Key: ${valueText(steps, step.input)}`,
      `   - Lookup Table: ${Object.entries(step.table)
        .map(([from, to]) => `\`${from}\` → \`${to}\``)
        .join(', ')}`,
      ...notes(step.notes),
    ];
  }
  if (step.app === 'nps') return npsLines(steps, step, n);
  const role = n === 1 ? 'Trigger' : 'Action';
  const object =
    step.object && step.app !== 'bigquery'
      ? ` (${step.object})`
      : step.object
        ? ` into \`${step.object}\``
        : '';
  return [
    `${n}. **${role}: ${APP_NAMES[step.app] ?? step.app} → ${step.event}**${object}`,
    ...fieldLines(steps, step.inputs, (key) => targetLabel(step, key)),
    ...notes(step.notes),
  ];
};

const npsLines = (steps: Step[], step: NpsStep, n: number): string[] => {
  const info = operationInfo(GROUP[step.kind], step.key);
  const role = step.kind === 'trigger' ? 'Trigger' : step.kind === 'search' ? 'Search' : 'Action';
  const fieldOf = (key: string) => info?.inputs.find((f) => f.key === key);
  return [
    `${n}. **${role}: NPS → ${info?.label ?? step.key}**`,
    ...(Object.keys(step.inputs).length
      ? fieldLines(
          steps,
          step.inputs,
          (key) => `${fieldOf(key)?.label ?? key} (\`${key}\`)`,
          fieldOf,
        )
      : ['   - No options: every item.']),
    ...notes(step.notes),
  ];
};

export const TRY_IT_SAFELY = `## Try it safely

Build every zap with a test-mode key and try it on a few records before it touches your CRM:

1. **Connect with a test-mode key.** In the NPS platform, create an API key in test mode (it
   starts with \`nps_test_\`) and connect NPS Feedback with it in Zapier: the connection is labelled
   like \`Acme Inc. (test)\`. A test-mode key reads your workspace like a live one, but nothing it
   starts reaches a person: a survey it sends is never delivered, and a response it records is a
   Test Record, left out of your NPS (Get NPS Score counts it only with Include Test Responses).
2. **Run it on a few records.** Test the trigger and each step in the zap editor (the trigger
   loads recent responses), or turn the zap on and use **Zapier Transfer** on it to send five past
   responses through it (the zap's menu ⋯ → Transfer existing data, then pick five). A zap on a
   test-mode connection receives your real responses as well as test ones, so keep it on only
   while you try it.
3. **Check the CRM.** Open the records the run wrote in Salesforce, HubSpot or Pipedrive: score,
   segment, themes, dates. A value the CRM refused shows as an error on that step in the zap's
   history: fix the mapping (each recipe says which field to map and why) and run it again. In a
   warehouse, rows of test responses have \`test\` = true: the queries leave them out, and you
   can delete them (recipe 10).
4. **Switch the connection to the live key.** Turn the zap off, pick in each NPS step a
   connection made with your live key (\`nps_live_…\`, labelled \`(live)\`), then turn the zap on
   again. The steps and their mappings stay as they are; a live connection never receives test
   records.
`;

const INTRO = `# Recipes: the zaps our users build

Each recipe lists its steps and the exact fields to map. "NPS" is this integration (NPS
Feedback); fields are named as the app shows them, with the key in \`code\`, and \`{{n. Label}}\`
is a field mapped from step n. Every recipe here is run by the test suite (test/recipes/): its
trigger's record comes from a sandbox of the platform through the integration's own code, and
every CRM step goes into a stand-in that refuses what that CRM refuses.

<!-- Generated from recipes/*.ts by \`npm run docs:recipes\`: edit the recipes, not this file. -->

Actions that must never run twice (**Send NPS Survey**, **Record NPS Response**, **Add Note to
Response**) send the platform a key made from the zap and the step's inputs: if Zapier replays a
step, identical inputs within 24 hours count as one and return the first result.
`;

export const renderRecipe = (recipe: Recipe, number: number): string => {
  const lines = [`## ${number}. ${recipe.title}`, '', `Goal: ${recipe.goal}`, ''];
  if (recipe.before?.length) {
    lines.push('Before you start:', '', ...recipe.before.map((b) => `- ${b}`), '');
  }
  recipe.steps.forEach((step, index) => lines.push(...stepLines(recipe.steps, step, index + 1)));
  if (recipe.after?.length) lines.push('', ...recipe.after.map((a) => `- ${a}`));
  for (const guide of recipe.guides ?? []) {
    lines.push('', `### ${guide.title}`);
    if (guide.intro) lines.push('', guide.intro);
    if (guide.steps?.length) lines.push('', ...guide.steps.map((s, i) => `${i + 1}. ${s}`));
    if (guide.bullets?.length) lines.push('', ...guide.bullets.map((b) => `- ${b}`));
  }
  return `${lines.join('\n')}\n`;
};

export const renderRecipesDoc = (recipes: readonly Recipe[] = RECIPES): string =>
  [
    INTRO,
    TRY_IT_SAFELY,
    '## The recipes\n',
    recipes
      .map((r, i) => `${i + 1}. [${r.title}](#${i + 1}-${slug(r.title)}) (${r.audience})`)
      .join('\n') + '\n',
    ...recipes.map((recipe, i) => renderRecipe(recipe, i + 1)),
  ].join('\n');

/** GitHub's heading anchor for a title. */
export const slug = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
