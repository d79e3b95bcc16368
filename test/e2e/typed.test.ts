/**
 * Typed properties end to end against the sandbox (issue 16, items 3 and 4), each step run as
 * Zapier runs it (test/helpers/zapier-run.ts): a replay after midnight whose date property moved
 * to the next day neither sends nor records twice; without the fields' meta the property types
 * are looked up once per connection (then cached) and every value still reaches the platform
 * typed.
 */
import { KEYS } from '../../fields/keys.js';
import { conformanceProblems, errorOf, sandboxResponses, useE2E } from './helpers.js';
import type { E2E, Rec } from './helpers.js';

let e2e: E2E;
let surveyId = '';
const ZAP = { zap: { id: 'e2e-typed' }, timezone: 'Europe/Madrid' };

useE2E((started, firstSurvey) => {
  e2e = started;
  surveyId = firstSurvey;
});

/** The requests the sandbox received while `fn` ran, as "METHOD /path". */
const requestsDuring = async <T>(fn: () => Promise<T>): Promise<[T, string[]]> => {
  const before = e2e.sandbox.requestLog().length;
  const result = await fn();
  const added = e2e.sandbox
    .requestLog()
    .slice(before)
    .map((entry) => `${entry.method} ${entry.path.replace(/^\/v1/, '')}`);
  return [result, added];
};

describe('a replay after midnight with a date property set to "today" (item 3)', () => {
  test.each([
    [
      'record_response',
      KEYS.creates.recordResponse,
      '/responses',
      'replay.midnight.record@example.com',
    ],
    ['send_survey', KEYS.creates.sendSurvey, '/surveys/', 'replay.midnight.send@example.com'],
  ])(
    '%s: the first run is committed and its answer lost; the replay the next day does nothing twice',
    async (_name, key, path, email) => {
      const input = (day: string) => ({
        survey_id: surveyId,
        email,
        ...(key === KEYS.creates.recordResponse ? { score: '4', comment: 'Slow support.' } : {}),
        property__renewal_date: day,
        property__seats: '1,200',
      });
      e2e.sandbox.injectFaults([{ kind: 'drop_after_commit', method: 'POST', path, count: 1 }]);
      const first = await errorOf(() =>
        e2e.step('creates', key, input('2026-11-20'), { meta: ZAP }),
      );
      expect(first.name).toBe('AppError'); // retryable: Zapier's Autoreplay runs it again
      // Autoreplay after midnight: "today" is now the 21st; the rest of the step is the same.
      const replay = await errorOf(() =>
        e2e.step('creates', key, input('2026-11-21'), { meta: ZAP }),
      );
      expect(replay.name).toBe('HaltedError');
      expect(replay.message).toMatch(/kept the first run/);
      const writes = e2e.sandbox
        .requestLog()
        .filter((entry) => entry.method === 'POST' && entry.path.startsWith(`/v1${path}`))
        .slice(-2);
      expect(writes[1]?.idempotencyKey).toBe(writes[0]?.idempotencyKey);
      const [contact] = await e2e.step<Rec[]>('searches', KEYS.searches.findContact, {
        identity_key: 'email',
        identity_value: email,
      });
      // The first run's values, typed, once.
      expect(contact?.properties).toEqual({ renewal_date: '2026-11-20', seats: 1200 });
      if (key === KEYS.creates.recordResponse) {
        expect(await sandboxResponses(e2e.sandbox, `email=${email}`)).toHaveLength(1);
      }
    },
  );
});

describe('typed values without meta (item 4)', () => {
  test('the types are looked up once, then cached; values are written typed and read back', async () => {
    const email = 'no.meta.typed@example.com';
    const input = {
      identity_key: 'email',
      identity_value: email,
      property__seats: '40',
      property__churn_risk: 'no',
      property__renewal_date: '2027-02-01',
      property__plan: 'Growth',
    };
    const first = await e2e.prepare('creates', KEYS.creates.upsertContact, input, {
      withoutFieldMeta: true,
      clearCache: true,
    });
    const [written, firstRequests] = await requestsDuring(() => first.perform());
    expect(firstRequests).toEqual(['GET /contact-properties', 'PUT /contacts']);
    const typed = { seats: 40, churn_risk: false, renewal_date: '2027-02-01', plan: 'growth' };
    expect(written.properties).toEqual(typed);

    const second = await e2e.prepare(
      'creates',
      KEYS.creates.upsertContact,
      { ...input, property__seats: '41' },
      { withoutFieldMeta: true },
    );
    const [, secondRequests] = await requestsDuring(() => second.perform());
    expect(secondRequests).toEqual(['PUT /contacts']);

    const [found] = await e2e.step<Rec[]>('searches', KEYS.searches.findContact, {
      identity_key: 'email',
      identity_value: email,
    });
    expect(found?.properties).toEqual({ ...typed, seats: 41 });
  });

  test('every answer of this suite matches the contract', () => {
    expect(conformanceProblems(e2e.sandbox)).toEqual([]);
  });
});
