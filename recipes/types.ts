/**
 * Recipes as data: a zap's trigger, filters and every step's field map, one file per recipe.
 * docs/recipes.md is generated from these (recipes/render.ts) and test/recipes/ runs each one:
 * the trigger's record comes from the sandbox through the app's own code, the field maps are
 * applied as Zapier applies them, NPS steps run against the sandbox and every CRM step goes into
 * a fake that enforces that CRM's documented value rules.
 *
 * A mapped value is a template: text with `{{n.key}}` placeholders, where `n` is the step
 * number (1 = the trigger) and `key` an output key of that step, e.g. `{{1.themes_crm}}`.
 * Zapier writes a list as its items joined by `,`, an empty value as nothing, and flattens
 * objects with `__` (`{{1.properties__plan}}`); line items read `{{2.periods[]label}}`.
 */

/** A mapped value: literal text with `{{n.key}}` placeholders. */
export type Template = string;

/** A field map: target field → mapped value (a list or a key/value dict where the field is one). */
export type FieldMap = Record<string, Template | Template[] | Record<string, Template> | boolean>;

/** The apps a recipe uses besides NPS; each CRM has a fake in test/recipes/ enforcing its rules. */
export type OtherApp = 'salesforce' | 'hubspot' | 'pipedrive' | 'slack' | 'bigquery' | 'schedule';

/** A step of this integration: a trigger, search or action of the app, by its public key. */
export interface NpsStep {
  app: 'nps';
  kind: 'trigger' | 'search' | 'create';
  /** The operation's key (fields/keys.ts), e.g. `new_response`. */
  key: string;
  inputs: FieldMap;
  /** Why the step is set up this way, in the user's words. */
  notes?: string[];
}

/** A trigger or action of another app (its Zapier event name), run against that app's fake. */
export interface AppStep {
  app: OtherApp;
  /** The event as the app's Zapier integration names it, e.g. `Update Record`. */
  event: string;
  /** What the fake does: the operation it implements. */
  operation:
    | 'new_record'
    | 'updated_field'
    | 'schedule'
    | 'find_record'
    | 'create_record'
    | 'update_record'
    | 'add_to_workflow'
    | 'send_channel_message'
    | 'insert_row';
  /** The CRM object (Salesforce `Contact`, HubSpot `contact`, Pipedrive `person`, a table…). */
  object?: string;
  /** For a trigger: its options (e.g. the field it watches); for an action: the field map. */
  inputs: FieldMap;
  notes?: string[];
}

/** Filter by Zapier: every condition must hold, or the zap stops here (not an error). */
export interface FilterStep {
  app: 'filter';
  conditions: Condition[];
  notes?: string[];
}

export interface Condition {
  value: Template;
  /** Filter by Zapier's operators, as its menu names them. */
  operator:
    | 'exists'
    | 'does_not_exist'
    | 'text_exactly_matches'
    | 'text_does_not_exactly_match'
    | 'boolean_is_true'
    | 'number_less_than';
  /** The right-hand side, for the operators that take one. */
  operand?: string;
}

/** Formatter by Zapier → Utilities → Lookup Table: output key `output`. */
export interface LookupStep {
  app: 'formatter';
  transform: 'lookup_table';
  input: Template;
  table: Record<string, string>;
  fallback?: string;
  notes?: string[];
}

export type Step = NpsStep | AppStep | FilterStep | LookupStep;

/** A part of a recipe that walks the user through more than its steps (a history load, costs). */
export interface Guide {
  title: string;
  intro?: string;
  /** Numbered steps, in the user's words. */
  steps?: string[];
  bullets?: string[];
}

export interface Recipe {
  /** Stable id: the file name and the docs anchor. */
  id: string;
  title: string;
  /** The job, in one sentence: what the user gets. */
  goal: string;
  /** Who builds it. */
  audience: 'marketer' | 'RevOps admin' | 'customer success' | 'data analyst';
  /** Step 1 is the trigger. */
  steps: Step[];
  /** What to set up in the other app first (fields, picklist values), in the user's words. */
  before?: string[];
  /** Closing advice shown after the steps. */
  after?: string[];
  /** Walkthroughs shown after the advice, each under its own heading. */
  guides?: Guide[];
}

export const isNps = (step: Step): step is NpsStep => step.app === 'nps';
export const isApp = (step: Step): step is AppStep =>
  step.app !== 'nps' && step.app !== 'filter' && step.app !== 'formatter';

/** Every `{{n.key}}` placeholder of a template. */
export const placeholders = (template: string): Array<{ step: number; key: string }> =>
  [...template.matchAll(/\{\{(\d+)\.([^{}]+?)\}\}/g)].map((m) => ({
    step: Number(m[1]),
    key: String(m[2]),
  }));

/** Every template of a field map (lists and dict values included). */
export const templatesOf = (inputs: FieldMap): string[] =>
  Object.values(inputs).flatMap((value) =>
    typeof value === 'boolean'
      ? []
      : typeof value === 'string'
        ? [value]
        : Array.isArray(value)
          ? value
          : Object.values(value),
  );

/** Every template a step maps, filters or looks up. */
export const stepTemplates = (step: Step): string[] => {
  if (step.app === 'filter') return step.conditions.map((c) => c.value);
  if (step.app === 'formatter') return [step.input];
  return templatesOf(step.inputs);
};
