/** What the typed-property tests share: the three actions with typed fields, their fields loaded. */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import recordResponse from '../../creates/record_response.js';
import sendSurvey from '../../creates/send_survey.js';
import upsertContact from '../../creates/upsert_contact.js';
import { DEMO_PROPERTIES as DEMO } from '../creates/run.js';
import { BASE_URL, appTester, authData } from '../helpers/app.js';

export type Fn = (z: ZObject, bundle: Bundle) => unknown;
export interface LoadedField {
  key: string;
  label: string;
  type?: string;
  helpText?: string;
  choices?: Array<{ value: string; label: string }>;
  meta?: Record<string, string | number | boolean>;
}
export interface Definition {
  operation: { inputFields: unknown[]; perform?: unknown };
}

export const dynamicOf = (definition: Definition): Fn => {
  const fn = definition.operation.inputFields.at(-1);
  if (typeof fn !== 'function') throw new Error('the last input field is not a function');
  return fn as Fn;
};

export const staticKeys = (definition: Definition): string[] =>
  definition.operation.inputFields
    .filter((f): f is { key: string } => typeof f !== 'function')
    .map((f) => f.key);

/** Loads the dynamic fields the way Zapier does when the step's form opens. */
export const loadFields = async (definition: Definition): Promise<LoadedField[]> =>
  (await appTester(dynamicOf(definition), { authData, inputData: {} })) as LoadedField[];

export const demoFields = async (definition: Definition): Promise<LoadedField[]> => {
  const scope = nock(BASE_URL).get('/contact-properties').reply(200, DEMO);
  const fields = await loadFields(definition);
  scope.done();
  return fields;
};

export const ACTIONS: Array<[string, Definition]> = [
  ['upsert_contact', upsertContact as unknown as Definition],
  ['send_survey', sendSurvey as unknown as Definition],
  ['record_response', recordResponse as unknown as Definition],
];
