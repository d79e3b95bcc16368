/**
 * Helpers of the action tests: the trap that proves a step failed before any request, and the
 * workspace's contact properties served to the field loads of the actions that have typed fields.
 * Steps run as Zapier runs them: test/helpers/zapier-run.ts.
 */
import nock from 'nock';
import { contactPropertyJson, demoContactProperties } from '../../sandbox/properties.js';
import { BASE_URL, errorOf } from '../helpers/app.js';
import { zapierStep } from '../helpers/zapier-run.js';
import type { Operation, ZapierInput, ZapierRunOptions } from '../helpers/zapier-run.js';

/** What the sandbox's GET /contact-properties answers (archived ones are not listed). */
export const DEMO_PROPERTIES = {
  data: demoContactProperties()
    .filter((p) => !p.archived)
    .map(contactPropertyJson),
};

/**
 * GET /contact-properties answered with `body` for every field load of this test (Send NPS
 * Survey, Record NPS Response and Create or Update Contact load one per run).
 */
export const serveContactProperties = (body: object = DEMO_PROPERTIES, status = 200) =>
  nock(BASE_URL).get('/contact-properties').reply(status, body).persist();

/**
 * Runs `fn`, which must fail before any request: every interceptor set so far is removed (the
 * step's fields are loaded already), every method on every path of the API is trapped, and all
 * traps must still be pending afterwards. Returns the error.
 */
export const failsBeforeAnyRequest = async (
  fn: () => Promise<unknown>,
): Promise<Error & { name: string }> => {
  nock.cleanAll();
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

/**
 * Loads the step's fields as Zapier does (their requests served as set up so far), then runs
 * perform under `failsBeforeAnyRequest`. Returns the error.
 */
export const refusedBeforeAnyRequest = async (
  definition: Operation,
  input: ZapierInput,
  options?: ZapierRunOptions,
): Promise<Error & { name: string }> => {
  const step = await zapierStep(definition, input, options);
  return failsBeforeAnyRequest(() => step.perform());
};
