/**
 * Issue 10, items 2 and 10: record_response keeps its Idempotency-Key when Submitted At resolves
 * to another time on a replay, and an idempotency_mismatch names the step that was replayed.
 */
import nock from 'nock';
import addNote from '../../creates/add_note.js';
import recordResponse from '../../creates/record_response.js';
import sendSurvey, { invitationSample } from '../../creates/send_survey.js';
import { recordedResponseFixture } from '../fixtures/actions.js';
import { BASE_URL, errorOf, inputFieldOf } from '../helpers/app.js';
import { recordKeys } from './keys.js';
import { runAsZapier, type ZapierInput } from '../helpers/zapier-run.js';
import { serveContactProperties } from './run.js';

const ZAP = { meta: { zap: { id: '777' }, timezone: null } };

beforeEach(() => {
  serveContactProperties();
});
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const mismatch = {
  error: {
    type: 'idempotency_mismatch',
    message: 'This Idempotency-Key was used with another body.',
  },
};

describe('record_response replays (item 2)', () => {
  it('keeps the Idempotency-Key when a replay resolves Submitted At to another time', async () => {
    const keys: string[] = [];
    const bodies: Array<Record<string, unknown>> = [];
    const scope = nock(BASE_URL);
    for (let i = 0; i < 2; i += 1) {
      recordKeys(
        scope.post('/responses', (body: Record<string, unknown>) => {
          bodies.push(body);
          return true;
        }),
        keys,
      ).reply(201, recordedResponseFixture);
    }
    const input = { survey_id: 'srv_q3nps', score: '3', email: 'a@b.co' };
    await runAsZapier(recordResponse, { ...input, submitted_at: iso(Date.now() - 2 * HOUR) }, ZAP);
    await runAsZapier(recordResponse, { ...input, submitted_at: iso(Date.now() - HOUR) }, ZAP);
    // The bodies differ (the platform then answers idempotency_mismatch), the key does not.
    expect(bodies[0]?.submitted_at).not.toBe(bodies[1]?.submitted_at);
    expect(keys[1]).toBe(keys[0]);
    scope.done();
  });

  it('says in the Submitted At help that a replay never records twice', () => {
    const help = inputFieldOf(recordResponse, 'submitted_at')?.helpText ?? '';
    expect(help).toMatch(/replay/i);
  });
});

describe('idempotency_mismatch names the replayed step (item 10)', () => {
  it.each<{
    key: string;
    operation: Parameters<typeof runAsZapier>[0];
    path: string;
    input: ZapierInput;
    label: RegExp;
    outcome: string;
  }>([
    {
      key: 'record_response',
      operation: recordResponse,
      path: '/responses',
      input: { survey_id: 'srv_q3nps', score: '3', email: 'a@b.co' },
      label: /Record NPS Response/,
      outcome: 'no second response was recorded',
    },
    {
      key: 'add_note',
      operation: addNote,
      path: '/responses/rsp_2b9x/notes',
      input: { response_id: 'rsp_2b9x', body: 'Called the customer back.' },
      label: /Add Note/,
      outcome: 'no second note was added',
    },
  ])('$key: $outcome', async ({ operation, path, input, label, outcome }) => {
    nock(BASE_URL).post(path).reply(409, mismatch);
    const error = await errorOf(() => runAsZapier(operation, input, ZAP));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(label);
    expect(error.message).toMatch(new RegExp(outcome, 'i'));
    expect(error.message).not.toMatch(/sent twice|survey/i);
  });

  it('send_survey: the survey was not sent twice', async () => {
    nock(BASE_URL).post('/surveys/srv_q3nps/invitations').reply(409, mismatch);
    const error = await errorOf(() =>
      runAsZapier(sendSurvey, { survey_id: 'srv_q3nps', email: 'maria.garcia@acme.com' }, ZAP),
    );
    expect(error.message).toMatch(/Send NPS Survey/);
    expect(error.message).toMatch(/nothing was sent twice/);
  });
});

describe('date properties leave the Idempotency-Key (issue 16, item 3)', () => {
  const bodiesAndKeys = (path: string, reply: object) => {
    const keys: string[] = [];
    const bodies: Array<{ contact?: { properties?: Record<string, unknown> } }> = [];
    const scope = nock(BASE_URL);
    for (let i = 0; i < 3; i += 1) {
      recordKeys(
        scope.post(path, (body: (typeof bodies)[number]) => {
          bodies.push(body);
          return true;
        }),
        keys,
      ).reply(201, reply);
    }
    return { keys, bodies, scope };
  };

  it.each([
    [
      'record_response',
      recordResponse,
      '/responses',
      { survey_id: 'srv_q3nps', score: '3', email: 'a@b.co' },
      recordedResponseFixture,
    ],
    [
      'send_survey',
      sendSurvey,
      '/surveys/srv_q3nps/invitations',
      { survey_id: 'srv_q3nps', email: 'a@b.co' },
      invitationSample,
    ],
  ])(
    '%s: a replay after midnight with Renewal Date "today" keeps the key; another number does not',
    async (_key, definition, path, input, reply) => {
      const { keys, bodies, scope } = bodiesAndKeys(path, reply);
      await runAsZapier(definition, { ...input, property__renewal_date: '2026-11-20' }, ZAP);
      await runAsZapier(definition, { ...input, property__renewal_date: '2026-11-21' }, ZAP);
      await runAsZapier(
        definition,
        { ...input, property__renewal_date: '2026-11-21', property__seats: '12' },
        ZAP,
      );
      // The date reaches the platform, which refuses the differing replay (idempotency_mismatch).
      expect(bodies.map((b) => b.contact?.properties?.renewal_date)).toEqual([
        '2026-11-20',
        '2026-11-21',
        '2026-11-21',
      ]);
      expect(keys[1]).toBe(keys[0]);
      expect(keys[2]).not.toBe(keys[0]);
      scope.done();
    },
  );

  it('record_response: the mismatch a replay gets says no second response was recorded, naming date properties', async () => {
    nock(BASE_URL).post('/responses').reply(409, mismatch);
    const error = await errorOf(() =>
      runAsZapier(
        recordResponse,
        {
          survey_id: 'srv_q3nps',
          score: '3',
          email: 'a@b.co',
          property__renewal_date: '2026-11-21',
        },
        ZAP,
      ),
    );
    expect(error.message).toMatch(/different Submitted At or date property/);
    expect(error.message).toMatch(/no second response was recorded/);
  });
});
