/**
 * Faults injected into the sandbox, as a user's zap would meet them: throttling with its delay,
 * retryable server errors naming the endpoint, a broken body, a dropped connection, keys without
 * the scope or from the other region.
 */
import { KEYS } from '../../fields/keys.js';
import { conformanceProblems, errorOf, sandboxResponses, useE2E } from './helpers.js';
import type { E2E, Rec } from './helpers.js';

let e2e: E2E;
let surveyId = '';

useE2E((started, firstSurvey) => {
  e2e = started;
  surveyId = firstSurvey;
});

const findResponse = (authData?: Record<string, string>) =>
  e2e.step(
    'searches',
    KEYS.searches.findResponse,
    { identity_key: 'email', identity_value: 'someone@example.com' },
    authData ? { authData } : {},
  );

/** The JSON an AppError or ThrottledError carries in its message. */
const payloadOf = (error: Error): Rec => JSON.parse(error.message) as Rec;

/** With `kind` injected on /responses, Find Response fails with an AppError: its payload. */
const appErrorOfFindResponse = async (kind: '500' | '502' | '503' | 'malformed' | 'reset') => {
  e2e.sandbox.injectFaults([{ kind, path: '/responses' }]);
  const error = await errorOf(() => findResponse());
  expect(error.name).toBe('AppError');
  return payloadOf(error);
};

describe('injected faults', () => {
  test('429 with Retry-After → ThrottledError with that delay', async () => {
    e2e.sandbox.injectFaults([{ kind: '429', path: '/responses', retry_after: 7 }]);
    const error = await errorOf(() => findResponse());
    expect(error.name).toBe('ThrottledError');
    expect(payloadOf(error)).toMatchObject({ delay: 7 });
  });

  test.each(['500', '502', '503'] as const)(
    '%s → a retryable AppError naming the endpoint',
    async (kind) => {
      const payload = await appErrorOfFindResponse(kind);
      expect(payload).toMatchObject({ code: 'server_error', status: Number(kind) });
      expect(String(payload.message)).toContain(`HTTP ${kind}`);
      expect(String(payload.message)).toContain('GET /responses');
      expect(String(payload.message)).toMatch(/safe to retry/);
    },
  );

  test('a malformed body → a clear error, not a crash', async () => {
    const payload = await appErrorOfFindResponse('malformed');
    expect(payload).toMatchObject({ code: 'invalid_response' });
    expect(String(payload.message)).toContain('GET /responses');
    expect(String(payload.message)).toMatch(/not JSON/);
  });

  test('a reset connection → a retryable network error', async () => {
    const payload = await appErrorOfFindResponse('reset');
    expect(payload).toMatchObject({ code: 'network_error' });
    expect(String(payload.message)).toContain('GET /responses');
  });

  test('a connection dropped after the write: the replayed step records the response once', async () => {
    const input = {
      survey_id: surveyId,
      score: '9',
      email: 'dropped.e2e@example.com',
      comment: 'Easy setup.',
    };
    e2e.sandbox.injectFaults([{ kind: 'drop_after_commit', path: '/responses', method: 'POST' }]);
    const record = () => e2e.step('creates', KEYS.creates.recordResponse, input);
    const error = await errorOf(record);
    expect(error.name).toBe('AppError');
    const replay = await record();
    expect(replay).toMatchObject({ score: 9, email: 'dropped.e2e@example.com' });
    const held = await sandboxResponses(e2e.sandbox, 'email=dropped.e2e@example.com');
    expect(held.map((r) => r.id)).toEqual([replay.id]);
  });

  test('a read-only key on an action → 403 naming the scope', async () => {
    const error = await errorOf(() =>
      e2e.step(
        'creates',
        KEYS.creates.upsertContact,
        { identity_key: 'email', identity_value: 'readonly.e2e@example.com' },
        { authData: { api_key: e2e.sandbox.keys.readOnly, region: 'us' } },
      ),
    );
    expect(error.name).toBe('AppError');
    const payload = payloadOf(error);
    expect(payload).toMatchObject({ code: 'permission_denied', status: 403 });
    expect(String(payload.message)).toContain('contacts:write');
    expect(String(payload.message)).not.toContain(e2e.sandbox.keys.readOnly);
  });

  test('a key of the other region → the wrong_region message', async () => {
    const error = await errorOf(() =>
      findResponse({ api_key: e2e.sandbox.keys.otherRegion, region: 'us' }),
    );
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/belongs to the EU region/);
    expect(error.message).toMatch(/pick the EU region/);
    expect(error.message).not.toContain(e2e.sandbox.keys.otherRegion);
  });

  test('after the faults the same calls succeed', async () => {
    expect(await findResponse()).toEqual([]);
  });

  test('every answer of this suite matches the contract (the malformed one excepted)', () => {
    expect(e2e.sandbox.exchanges().some((x) => x.fault === 'malformed')).toBe(true);
    expect(conformanceProblems(e2e.sandbox)).toEqual([]);
  });
});
