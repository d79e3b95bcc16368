/** Shared test helpers: the app under test, its tester, auth data and the fake API base URL. */
import zapier from 'zapier-platform-core';
import App from '../../index.js';
import { testerWithStores, type Stores } from './stores.js';

export const BASE_URL = 'https://api.test.nps-feedback.example/v1';
process.env.NPS_API_BASE_URL = BASE_URL;

export const API_KEY = 'nps_live_test_key_9f8e7d6c5b4a';
export const authData = { api_key: API_KEY, region: 'us' };

export const app = App;
/**
 * The z.cursor / z.cache stand-ins the next appTester runs get (`useStores`); none by default.
 * They live here, in test code: the app reads both from `z` only.
 */
const testStores: Stores = {};
export const useStores = (stores: Stores = {}): void => {
  testStores.cursor = stores.cursor;
  testStores.cache = stores.cache;
};

export const appTester = testerWithStores(zapier.createAppTester(App), () => testStores);

/** Runs `fn` and returns the error it throws (fails the test if it does not throw). */
export const errorOf = async (fn: () => Promise<unknown>): Promise<Error & { name: string }> => {
  try {
    await fn();
  } catch (error) {
    return error as Error & { name: string };
  }
  throw new Error('expected the call to throw');
};

/** What the tests read of an input field as Zapier shows it in the form. */
export interface ShownField {
  key: string;
  label?: string;
  type?: string;
  required?: boolean;
  default?: string;
  helpText?: string;
  choices?: Array<{ value: string }>;
}

/** An operation's static input field `key` (none for a dynamic-field function). */
export const inputFieldOf = (
  definition: { operation: { inputFields?: unknown } },
  key: string,
): ShownField | undefined =>
  (definition.operation.inputFields as Array<ShownField | undefined> | undefined)?.find(
    (field) => field?.key === key,
  );
