/**
 * The definition as Zapier's servers see it. `zapier-platform push` uploads the `definition`
 * command's answer (definition.json), which core builds with its own compileApp + serializeApp
 * (zapier-platform-core/src/tools/schema.js): every function becomes a `$func$<arity>$<f|t>$`
 * placeholder (src/tools/cleaner.js, recurseCleanFuncs). So an input field that lives in a
 * dynamic-field function is, on the server, no input field at all: only a placeholder string in
 * `inputFields`. The compatibility checks (C001-C003) and definition.snapshot.json read this
 * view, through core's own code rather than a copy of it.
 */
import { createRequire } from 'node:module';
import type { AppDefinition } from './definition.js';

const require = createRequire(import.meta.url);
const schemaTools = require('zapier-platform-core/src/tools/schema') as {
  compileApp: (app: unknown) => unknown;
  serializeApp: (compiled: unknown) => unknown;
};

/** The serialised definition (plain JSON; functions are `$func$…$` strings). */
export const serializeDefinition = (app: AppDefinition): AppDefinition =>
  schemaTools.serializeApp(schemaTools.compileApp(app)) as AppDefinition;

/** Whether a value is a serialised function placeholder. */
export const isFunctionPlaceholder = (value: unknown): boolean =>
  typeof value === 'string' && /^\$func\$\d+\$[tf]\$$/.test(value);
