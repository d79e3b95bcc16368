/**
 * The local Make runner against the project's sandbox over real HTTP, with a small hand-written
 * NPS app (fixtures/nps-mini.ts): connection verify with GET /me, a paged RPC over /surveys, an
 * error passed through, attach → a real signed delivery → instant trigger → detach.
 */
import nock from 'nock';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { startReceiver, type Receiver } from '../../sandbox/zapier-side.js';
import {
  attachWebhook,
  detachWebhook,
  MakeRuntimeError,
  runInstantTrigger,
  runModule,
  runRpc,
  verifyConnection,
} from '../../iml-runtime/runner.js';
import { renderTemplate } from '../../iml-runtime/iml.js';
import { npsMini } from './fixtures/nps-mini.js';

let sandbox: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sandbox = await startSandbox({ analysisDelayMs: 30, retryScale: 0.0002 });
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver.close();
  await sandbox.close();
});

const connection = () => ({ apiKey: sandbox.keys.live, baseUrl: sandbox.baseUrl });

describe('nps-mini on the sandbox', () => {
  it('verifies the connection with GET /me and labels it with the workspace', async () => {
    const r = await verifyConnection(npsMini, 'nps', { parameters: connection() });
    expect(r.requests).toEqual([
      {
        method: 'GET',
        url: `${sandbox.baseUrl}/me`,
        headers: { Authorization: `Bearer ${sandbox.keys.live}` },
      },
    ]);
    expect(r.metadata).toEqual({ type: 'text', value: sandbox.workspace.name });
    expect(r.data).toEqual({ workspaceId: sandbox.workspace.id });
    expect(JSON.stringify(r.log)).not.toContain(sandbox.keys.live);
  });

  it('passes the API error message through for a refused key', async () => {
    const e = await verifyConnection(npsMini, 'nps', {
      parameters: { ...connection(), apiKey: 'not-a-key-123' },
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(MakeRuntimeError);
    expect((e as MakeRuntimeError).statusCode).toBe(401);
    expect((e as MakeRuntimeError).message).toMatch(/^\[401\] \S/);
  });

  it('pages through /surveys one by one in the RPC until next_cursor is null', async () => {
    const r = await runRpc(npsMini, 'listSurveys', { parameters: {}, connection: connection() });
    const direct = (await (
      await fetch(`${sandbox.baseUrl}/surveys?limit=100`, {
        headers: { authorization: `Bearer ${sandbox.keys.live}` },
      })
    ).json()) as { data: { id: string; name: string }[] };
    expect(r.outputs).toEqual(direct.data.map((s) => ({ label: s.name, value: s.id })));
    expect(direct.data.length).toBeGreaterThan(1);
    expect(r.requests.length).toBe(direct.data.length);
    expect(r.requests[1]?.url).toMatch(/\/surveys\?limit=1&cursor=/);
  });

  it('a 422 names the field through the module error directive', async () => {
    const e = await runModule(npsMini, 'createWebhook', {
      parameters: { url: 'not a url' },
      connection: connection(),
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(MakeRuntimeError);
    expect((e as MakeRuntimeError).type).toBe('DataError');
    expect((e as MakeRuntimeError).message).toMatch(/url/);
  });

  it('attach, a real signed delivery through the instant trigger, detach', async () => {
    const webhookUrl = receiver.url('make-mini');
    const attached = await attachWebhook(npsMini, 'responses', {
      parameters: { events: ['response.created'] },
      connection: connection(),
      webhookUrl,
    });
    const webhook = attached.data ?? {};
    expect(webhook.id).toEqual(expect.stringMatching(/\S/));
    expect(JSON.stringify(attached.log)).not.toContain(String(webhook.secret));

    const surveys = await runRpc(npsMini, 'listSurveys', {
      parameters: {},
      connection: connection(),
    });
    const surveyId = String((surveys.outputs[0] as { value: string }).value);
    const created = sandbox.submitResponse({
      survey_id: surveyId,
      score: 3,
      comment: 'Too slow.',
      contact: { email: 'make-mini@example.com', name: 'Make Mini' },
    });
    const [delivery] = await receiver.waitFor(1, { path: '/hooks/make-mini', timeoutMs: 10000 });
    if (!delivery) throw new Error('no delivery');

    // The platform signs with Standard Webhooks; IML can recompute it when given the raw body.
    const sig = renderTemplate(
      "{{'v1,' + sha256(headers.`webhook-id` + '.' + headers.`webhook-timestamp` + '.' + raw, 'base64', substring(webhook.secret, 6), 'base64')}}",
      { headers: delivery.headers, raw: delivery.content, webhook },
    );
    expect(delivery.headers['webhook-signature']?.split(' ')).toContain(sig);

    const out = await runInstantTrigger(npsMini, 'watchResponses', {
      delivery: { body: JSON.parse(delivery.content) as unknown, headers: delivery.headers },
      parameters: { events: ['response.created'] },
      connection: connection(),
      webhook,
    });
    expect(out.outputs).toEqual([
      {
        event: 'response.created',
        id: created.id,
        score: 3,
        segment_label: 'Detractor',
        survey: surveyId,
        submitted_day: String(created.submitted_at).slice(0, 10),
      },
    ]);
    expect(out.requests.map((q) => q.url)).toEqual([
      `${sandbox.baseUrl}/responses/${String(created.id)}`,
    ]);

    const detached = await detachWebhook(npsMini, 'responses', {
      parameters: {},
      connection: connection(),
      webhook,
    });
    expect(detached.requests.map((q) => `${q.method} ${q.url}`)).toEqual([
      `DELETE ${sandbox.baseUrl}/webhooks/${String(webhook.id)}`,
    ]);
  });
});
