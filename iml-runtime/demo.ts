/**
 * `npm start`'s Make step: one module of the generated Make app (make/) run against the sandbox by
 * the local runner, named as Make shows it (its label in makecomapp.json, never a label copied
 * here, so a renamed module is printed with its current name). Test tooling only; see ./runner.ts.
 */
import { checkInterface, loadMakeApp, runModule, type Rec } from './runner.js';

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
