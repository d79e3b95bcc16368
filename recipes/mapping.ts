/**
 * Applying a field map as Zapier does: each `{{n.key}}` is replaced by the text of that step's
 * output value. Zapier flattens nested objects with `__` (`properties__plan`), writes a list as
 * its items joined by `,`, line items as `list[]key`, and an empty value (null, missing) as
 * nothing. Every mapped value an action receives is text; the receiving app converts it.
 */
import type { FieldMap, Template } from './types.js';

export type Output = Record<string, unknown>;

/** A value as the text Zapier puts in its place. */
export const asText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(asText).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/**
 * One output value by its mapped key: a plain key, a flattened one (`properties__plan`) or a
 * line-item one (`periods[]label`). `undefined` when the output has no such key.
 */
export const lookup = (output: Output, key: string): unknown => {
  if (key in output) return output[key];
  const item = /^([^[\]]+)\[\]([^[\]]+)$/.exec(key);
  if (item) {
    const list = output[item[1] as string];
    return Array.isArray(list)
      ? list.map((entry) => (entry as Output | null)?.[item[2] as string])
      : undefined;
  }
  const parts = key.split('__');
  let value: unknown = output;
  for (const part of parts) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Output)[part];
  }
  return value;
};

export class MappingError extends Error {}

/**
 * A choice the user picks in a dropdown when building the zap, written `{{survey:Onboarding NPS}}`
 * in a recipe (the survey's name); `choose` turns it into the value the dropdown gives.
 */
export type Choose = (kind: string, name: string) => string;

export const CHOICE = /\{\{([a-z_]+):([^{}]+)\}\}/g;

const noChoice: Choose = (kind, name) => {
  throw new MappingError(`{{${kind}:${name}}}: nothing picks this ${kind} here.`);
};

/** The text a template gives with the outputs of the steps so far (index 1 = the trigger). */
export const render = (
  template: Template,
  outputs: ReadonlyArray<Output | undefined>,
  choose: Choose = noChoice,
): string =>
  template
    .replace(CHOICE, (_match, kind: string, name: string) => choose(kind, name))
    .replace(/\{\{(\d+)\.([^{}]+?)\}\}/g, (_match, step: string, key: string) => {
      const output = outputs[Number(step)];
      if (!output) throw new MappingError(`{{${step}.${key}}}: step ${step} has no output yet.`);
      return asText(lookup(output, key));
    });

/** A whole field map rendered: text for each field, lists and dicts kept as such. */
export type Rendered = Record<string, string | string[] | Record<string, string> | boolean>;

export const renderMap = (
  inputs: FieldMap,
  outputs: ReadonlyArray<Output | undefined>,
  choose?: Choose,
): Rendered =>
  Object.fromEntries(
    Object.entries(inputs).map(([field, value]) => [
      field,
      typeof value === 'boolean'
        ? value
        : typeof value === 'string'
          ? render(value, outputs, choose)
          : Array.isArray(value)
            ? value.map((item) => render(item, outputs, choose))
            : Object.fromEntries(
                Object.entries(value).map(([key, item]) => [key, render(item, outputs, choose)]),
              ),
    ]),
  );
