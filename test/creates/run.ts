/** Runs one search or create through appTester with the test connection. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import nock from 'nock';
import { BASE_URL, appTester, authData, errorOf } from '../helpers/app.js';

type Perform = (z: ZObject, bundle: Bundle) => unknown;

export const run = async <T = Record<string, unknown>>(
  definition: { operation: { perform?: unknown } },
  inputData: Record<string, unknown>,
  meta?: Record<string, unknown>,
): Promise<T> =>
  (await appTester(definition.operation.perform as Perform, {
    authData,
    inputData,
    ...(meta ? { meta: meta as Partial<Bundle['meta']> } : {}),
  })) as T;

/**
 * Runs `fn`, which must fail before any request: every method on every path of the API is
 * intercepted, and all interceptors must still be pending afterwards. Returns the error.
 */
export const failsBeforeAnyRequest = async (
  fn: () => Promise<unknown>,
): Promise<Error & { name: string }> => {
  const trap = nock(BASE_URL)
    .get(/.*/)
    .reply(500)
    .post(/.*/)
    .reply(500)
    .put(/.*/)
    .reply(500)
    .patch(/.*/)
    .reply(500)
    .delete(/.*/)
    .reply(500);
  const error = await errorOf(fn);
  expect(trap.pendingMocks()).toHaveLength(5);
  expect(trap.isDone()).toBe(false);
  nock.cleanAll();
  return error;
};
