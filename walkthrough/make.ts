/**
 * Step 9: one module of the generated Make app (make/) run against the sandbox by the local IML
 * runtime, not by Make itself, named as Make shows it: its label in makecomapp.json, never a label
 * copied here, so a renamed module is printed with its current name.
 */
import { fileURLToPath } from 'node:url';
import { checkInterface, loadMakeApp, runModule, type Rec } from '../iml-runtime/runner.js';
import type { Row, Walk } from './context.js';
import { show, step } from './output.js';

export const MAKE_DIR = fileURLToPath(new URL('../make', import.meta.url));

export interface MakeDemoInput {
  /** The directory holding makecomapp.json. */
  makeDir: string;
  /** The API base URL (the app's `api_base_url` common data). */
  baseUrl: string;
  apiKey: string;
  /** The response Find the Latest Response reads. */
  responseId: string;
  labelLanguage?: string;
}

export interface MakeDemoResult {
  moduleId: string;
  /** The module's label in Make. */
  label: string;
  record: Rec;
}

/** Find the Latest Response by its id, as the Make module outputs it (checked against its interface). */
export const runMakeDemo = async (input: MakeDemoInput): Promise<MakeDemoResult> => {
  const moduleId = 'findResponse';
  const app = await loadMakeApp(input.makeDir);
  app.common = { ...app.common, api_base_url: input.baseUrl };
  const module = app.modules[moduleId];
  if (!module?.label) throw new Error(`make/ has no module ${moduleId} with a label`);
  const result = await runModule(app, moduleId, {
    parameters: { response_id: input.responseId, label_language: input.labelLanguage ?? 'en' },
    connection: { api_key: input.apiKey, region: 'us' },
  });
  const record = result.outputs[0];
  if (typeof record !== 'object' || record === null) throw new Error(`${module.label}: no output`);
  const problems = checkInterface(record, module.interface);
  if (problems.length) throw new Error(`${module.label}: ${problems.join('; ')}`);
  return { moduleId, label: module.label, record: record as Rec };
};

/** Step 9, on the detractor's response. */
export const runInMake = async ({ sandbox }: Walk, detractor: Row) => {
  const made = await runMakeDemo({
    makeDir: MAKE_DIR,
    baseUrl: sandbox.baseUrl,
    apiKey: sandbox.keys.live,
    responseId: String(detractor.response_id),
    labelLanguage: 'es',
  });
  step(
    9,
    'The same job in Make (local IML interpreter, not Make itself)',
    `make/ (npm run make:build) run by iml-runtime against this sandbox: ${made.label}.`,
  );
  show(
    `Make: ${made.label}`,
    `${String(made.record.response_id)} · ${String(made.record.segment_label)} · ${String(made.record.themes_picklist)}`,
  );
};
