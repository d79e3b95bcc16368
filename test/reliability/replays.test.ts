/**
 * Replays and idempotency (issue 6, guarantee 4), against the sandbox: the platform commits the
 * write, then the connection drops (`drop_after_commit`), so the step fails with a retryable
 * error; Zapier's Autoreplay runs the step again with the same inputs. The replay must return the
 * first result, not create a second survey send, response or note. Also: unsubscribing a REST
 * hook whose webhook is already gone succeeds.
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { BASE_URL, app, appTester } from '../helpers/app.js';

type Run = (z: ZObject, bundle: Bundle) => Promise<unknown>;
const creates = app.creates as unknown as Record<string, { operation: { perform: Run } }>;
const hooks = (app.triggers as unknown as Record<string, { operation: Record<string, Run> }>)
  .new_response?.operation as Record<'performSubscribe' | 'performUnsubscribe', Run>;

let sb: Sandbox;
let surveyId = '';
let responseId = '';
const meta = { zap: { id: 4711 } } as unknown as Bundle['meta'];

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sb = await startSandbox({ analysisDelayMs: 5, retryScale: 0.001, recordBodies: true });
  process.env.NPS_API_BASE_URL = sb.baseUrl;
  const get = async (path: string) =>
    (await (
      await fetch(`${sb.baseUrl}${path}`, { headers: { authorization: `Bearer ${sb.keys.live}` } })
    ).json()) as { data: Array<{ id: string }> };
  surveyId = (await get('/surveys')).data[0]?.id ?? '';
  responseId = (await get('/responses?limit=1')).data[0]?.id ?? '';
});

afterAll(async () => {
  process.env.NPS_API_BASE_URL = BASE_URL;
  await sb.close();
});

const run = (key: string, inputData: Record<string, unknown>) =>
  appTester(
    creates[key]?.operation.perform as Run,
    {
      authData: { api_key: sb.keys.live, region: 'us' },
      inputData,
      meta,
    } as unknown as Bundle,
  );

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the first attempt to fail');
};

const cases: Array<[string, string, () => Record<string, unknown>]> = [
  [
    'send_survey',
    '/surveys/',
    () => ({ survey_id: surveyId, email: 'replay-send@example.com', name: 'Ana Replay' }),
  ],
  [
    'record_response',
    '/responses',
    () => ({
      survey_id: surveyId,
      score: 4,
      email: 'replay-record@example.com',
      comment: 'Replayed import comment',
    }),
  ],
  [
    'add_note',
    `/responses/`,
    () => ({ response_id: responseId, body: 'Called back after the replay test' }),
  ],
];

test.each(cases)(
  '%s: dropped after commit, replayed: exactly one object',
  async (key, path, inputs) => {
    sb.reset();
    const method = 'POST';
    sb.injectFaults([{ kind: 'drop_after_commit', method, path, count: 1 }]);
    const first = await failure(run(key, inputs()));
    expect(first.name).toBe('AppError'); // retryable: Zapier's Autoreplay runs it again
    const replay = (await run(key, inputs())) as Record<string, unknown>;

    const writes = sb
      .requestLog()
      .filter((e) => e.method === method && e.path.includes(path.split('/')[1] ?? ''));
    expect(writes).toHaveLength(2);
    const [a, b] = writes;
    expect(a?.idempotencyKey).toBeTruthy();
    expect(b?.idempotencyKey).toBe(a?.idempotencyKey);
    // The second answer is the stored first result, not a second execution.
    const answers = sb.exchanges().filter((x) => x.method === method && x.status < 300);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.headers['idempotent-replayed']).toBe('true');
    expect(JSON.parse(answers[0]?.body ?? '{}')).toMatchObject({ id: replay.id });

    if (key === 'record_response') {
      const list = (await (
        await fetch(`${sb.baseUrl}/responses?email=replay-record%40example.com`, {
          headers: { authorization: `Bearer ${sb.keys.live}` },
        })
      ).json()) as { data: unknown[] };
      expect(list.data).toHaveLength(1);
    }
    if (key === 'send_survey') {
      // A second real send would have been skipped by the throttle; the replay is the first send.
      expect(replay).toMatchObject({ status: 'scheduled', scheduled: true });
    }
  },
);

test('unsubscribe after the webhook is already gone succeeds', async () => {
  sb.reset();
  const authData = { api_key: sb.keys.live, region: 'us' };
  const hook = (await appTester(hooks.performSubscribe, {
    authData,
    inputData: {},
    targetUrl: 'http://127.0.0.1:9/hooks/gone',
  } as unknown as Bundle)) as { id: string; secret: string };
  const deleted = await fetch(`${sb.baseUrl}/webhooks/${hook.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${sb.keys.live}` },
  });
  expect(deleted.status).toBe(204);
  await expect(
    appTester(hooks.performUnsubscribe, {
      authData,
      inputData: {},
      subscribeData: hook,
    } as unknown as Bundle),
  ).resolves.toBeDefined();
});
