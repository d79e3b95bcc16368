/**
 * What the rules read of a definition, each piece with the place a finding names: an operation's
 * input fields (static and resolved offline, line items included), its outputs, the help texts
 * and descriptions users read, and the labelled fields they fill in.
 */
import type { LintContext } from './context.js';
import { operations, staticFields, type Action, type Field, type Kind } from './definition.js';
import { sampleKeys } from './surface.js';

/** `trigger new_response`: how findings name an operation. */
export const placeOf = (kind: Kind, key: string): string => `${kind} ${key}`;

/** An operation's input fields: those resolved offline (resolve.ts), else the static ones. */
export const inputsOf = (context: LintContext, kind: Kind, key: string, action: Action): Field[] =>
  context.inputs?.get(placeOf(kind, key)) ?? staticFields(action.operation?.inputFields);

export const outputsOf = (action: Action): Field[] =>
  staticFields((action.operation?.outputFields ?? []) as unknown[]);

/** The keys an operation outputs: its output fields' and its sample's. */
export const outputKeys = (action: Action): Set<string> =>
  new Set([
    ...outputsOf(action).map((field) => field.key),
    ...sampleKeys(action.operation?.sample),
  ]);

/** Fields with their children (line-item groups). */
export const flatten = (fields: Field[]): Field[] =>
  fields.flatMap((field) => [field, ...flatten(staticFields(field.children))]);

export const isHidden = (action: Action): boolean => Boolean(action.display?.hidden);
export const isHook = (action: Action): boolean => action.operation?.type === 'hook';

/** Every input field of every operation (line-item children included), with its place. */
export const operationInputs = (context: LintContext): Array<{ place: string; field: Field }> =>
  operations(context.app).flatMap(({ kind, key, action }) =>
    flatten(inputsOf(context, kind, key, action)).map((field) => ({
      place: `${placeOf(kind, key)} input ${field.key}`,
      field,
    })),
  );

/** Every authentication field, with its place. */
export const authFields = ({ app }: LintContext): Array<{ place: string; field: Field }> =>
  (app.authentication?.fields ?? []).map((field) => ({
    place: `authentication field ${field.key}`,
    field,
  }));

/** Every field a user fills in, with its place: auth fields, then inputs (with children). */
export const labelledFields = (context: LintContext): Array<{ place: string; field: Field }> => [
  ...authFields(context),
  ...operationInputs(context),
];

/** Texts a user reads: operation descriptions and every help text, with their place. */
export const texts = (context: LintContext): Array<{ place: string; text: string }> => {
  const { app } = context;
  const found: Array<{ place: string; text: string }> = [];
  for (const { place, field } of authFields(context)) {
    if (field.helpText) found.push({ place, text: field.helpText });
  }
  for (const { kind, key, action } of operations(app)) {
    if (action.display?.description) {
      found.push({ place: placeOf(kind, key), text: action.display.description });
    }
    for (const field of flatten(inputsOf(context, kind, key, action))) {
      if (field.helpText) {
        found.push({ place: `${placeOf(kind, key)} input ${field.key}`, text: field.helpText });
      }
    }
  }
  for (const [key, soc] of Object.entries(app.searchOrCreates ?? {})) {
    if (soc.display?.description)
      found.push({ place: `searchOrCreate ${key}`, text: soc.display.description });
  }
  return found;
};

/** The words of a text, lower case (letters and digits of any script). */
export const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** A listing value as text: trimmed, '' when it is not a string. */
export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
