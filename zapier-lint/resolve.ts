/**
 * Input fields the lint can see offline: the static ones, plus what dynamic-field functions return
 * for an empty form and for each choice of a field that alters dynamic fields (e.g. the custom
 * period's From/To). A function that needs the API (its `z.request` throws here) is reported as
 * not checked, never guessed.
 */
import { KINDS, isField, staticFields, type AppDefinition, type Field } from './definition.js';

type FieldFunction = (z: unknown, bundle: unknown) => unknown;

const offlineZ = {
  request: () => {
    throw new Error('offline');
  },
  console: { log: () => undefined, error: () => undefined, warn: () => undefined },
  errors: {},
};

const choiceValues = (choices: unknown): string[] => {
  if (Array.isArray(choices)) {
    return choices.flatMap((choice) =>
      typeof choice === 'string'
        ? [choice]
        : typeof choice === 'object' && choice !== null && 'value' in choice
          ? [String((choice as { value: unknown }).value)]
          : [],
    );
  }
  return typeof choices === 'object' && choices !== null ? Object.keys(choices) : [];
};

export interface Resolved {
  inputs: Map<string, Field[]>;
  /** Places of functions that could not be resolved offline. */
  unresolved: string[];
}

export const resolveInputs = async (app: AppDefinition): Promise<Resolved> => {
  const inputs = new Map<string, Field[]>();
  const unresolved: string[] = [];
  for (const [kind, group] of KINDS) {
    for (const [key, action] of Object.entries(app[group] ?? {})) {
      const declared = action.operation?.inputFields ?? [];
      const statics = staticFields(declared);
      const probes: Array<Record<string, unknown>> = [{}];
      for (const field of statics.filter((f) => f.altersDynamicFields)) {
        for (const value of choiceValues(field.choices)) probes.push({ [field.key]: value });
      }
      const found = new Map<string, Field>(statics.map((field) => [field.key, field]));
      for (const [index, entry] of declared.entries()) {
        if (typeof entry !== 'function') continue;
        let resolvedOnce = false;
        for (const inputData of probes) {
          try {
            const result = await (entry as FieldFunction)(offlineZ, {
              inputData,
              authData: {},
              meta: {},
            });
            const fields = (Array.isArray(result) ? result : [result]).filter(isField);
            for (const field of fields) if (!found.has(field.key)) found.set(field.key, field);
            resolvedOnce = true;
          } catch {
            // needs the API: not decidable offline
          }
        }
        if (!resolvedOnce) unresolved.push(`${kind} ${key} inputFields[${index}]`);
      }
      inputs.set(`${kind} ${key}`, [...found.values()]);
    }
  }
  return { inputs, unresolved };
};
