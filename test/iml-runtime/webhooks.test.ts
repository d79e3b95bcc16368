/**
 * Attached webhooks and instant triggers in the local Make runner (iml-runtime/webhooks.ts):
 * attach, detach, deliveries through the webhook and the module, verification and respond.
 */
import { attachWebhook, detachWebhook, runInstantTrigger } from '../../iml-runtime/runner.js';
import type { App } from '../../iml-runtime/runner.js';
import { app, connection, mini, origin, useMiniApi } from './mini-api.js';

useMiniApi();

describe('attached webhook and instant trigger', () => {
  it('attach registers the Make hook URL and keeps response.data; the log hides the secret', async () => {
    const r = await attachWebhook(app, 'items', {
      parameters: { events: ['item.created'] },
      connection: connection(),
      webhookUrl: 'https://hook.eu1.make.com/abc',
    });
    expect(r.requests[0]?.json).toEqual({
      url: 'https://hook.eu1.make.com/abc',
      events: ['item.created'],
    });
    expect(r.data).toEqual({ id: 'wh_1', secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=' });
    expect(JSON.stringify(r.log)).not.toContain('whsec_');
  });

  it('detach deletes the hook attach stored', async () => {
    const r = await detachWebhook(app, 'items', {
      parameters: {},
      connection: connection(),
      webhook: { id: 'wh_1' },
    });
    expect(r.requests.map((q) => `${q.method} ${q.url}`)).toEqual([
      `DELETE ${origin}/v1/webhooks/wh_1`,
    ]);
    expect(r.requests[0]?.body).toBeUndefined();
  });

  it('a delivery goes through the webhook condition, then the module fetches the item with payload', async () => {
    const r = await runInstantTrigger(app, 'watchItems', {
      delivery: {
        body: { type: 'item.created', data: { id: 'it_3' } },
        headers: { 'X-Demo-Event': 'item.created' },
      },
      parameters: { events: ['item.created'] },
      connection: connection(),
      webhook: { id: 'wh_1' },
    });
    expect(r.requests.map((q) => q.url)).toEqual([`${origin}/v1/items/it_3`]);
    expect(r.outputs).toEqual([{ event: 'item.created', id: 'it_3', name: 'gamma' }]);
  });

  it('gives each part only the variables Make documents there', async () => {
    const delivery = {
      body: { type: 'item.created', data: { id: 'it_3' } },
      headers: { 'X-Demo-Event': 'item.created' },
    };
    // The instant trigger module: payload, parameters (its own), connection, common; no `webhook`.
    const readsWebhook: App = {
      ...app,
      modules: {
        w: {
          moduleType: 'instant_trigger',
          webhook: 'items',
          communication: { url: '/items/it_3', response: { output: { hook: '{{webhook.id}}' } } },
        },
      },
    };
    await expect(
      runInstantTrigger(readsWebhook, 'w', {
        delivery,
        parameters: { events: ['item.created'] },
        connection: connection(),
        webhook: { id: 'wh_1' },
      }),
    ).rejects.toThrow('IML variable "webhook" is not available');
    // The webhook's communication: body, headers, query, method, parameters, data; no connection.
    const hookReadsConnection: App = {
      ...app,
      webhooks: { h: { communication: { output: { key: '{{connection.apiKey}}' } } } },
      modules: { w: { moduleType: 'instant_trigger', webhook: 'h', communication: {} } },
    };
    await expect(
      runInstantTrigger(hookReadsConnection, 'w', {
        delivery,
        parameters: {},
        connection: connection(),
      }),
    ).rejects.toThrow('IML variable "connection" is not available');
  });

  it('refuses what Make rules out in an instant trigger: iterate, pagination, several requests', async () => {
    for (const communication of [
      { url: '/items', response: { iterate: '{{body.data}}' } },
      { url: '/items', pagination: { qs: { cursor: '{{body.next_cursor}}' } } },
      [{ url: '/me' }, { url: '/items' }],
    ]) {
      const broken: App = {
        ...app,
        modules: { w: { moduleType: 'instant_trigger', webhook: 'items', communication } },
      };
      await expect(
        runInstantTrigger(broken, 'w', {
          delivery: {
            body: { type: 'item.created', data: { id: 'it_3' } },
            headers: { 'x-demo-event': 'item.created' },
          },
          parameters: { events: ['item.created'] },
          connection: connection(),
        }),
      ).rejects.toThrow(/is not available|only a single request/);
    }
    expect(mini.seen).toHaveLength(0);
  });

  it('a delivery the webhook condition refuses makes no bundle and no request', async () => {
    const r = await runInstantTrigger(app, 'watchItems', {
      delivery: {
        body: { type: 'item.deleted', data: { id: 'it_3' } },
        headers: { 'x-demo-event': 'item.deleted' },
      },
      parameters: { events: ['item.created'] },
      connection: connection(),
    });
    expect(r.outputs).toEqual([]);
    expect(mini.seen).toHaveLength(0);
  });
});

describe('webhook verification and respond', () => {
  const hookApp = (): App => ({
    ...app,
    webhooks: {
      h: {
        communication: {
          verification: {
            condition: '{{body.challenge != undefined}}',
            respond: { type: 'json', status: 200, body: { challenge: '{{body.challenge}}' } },
          },
          respond: { status: 202, body: 'ok' },
          iterate: '{{body.events}}',
          output: { id: '{{item.id}}', kind: '{{lower(headers.`x-kind`)}}' },
        },
      },
    },
    modules: { w: { moduleType: 'instant_trigger', webhook: 'h', communication: {} } },
  });

  it('answers a handshake with verification.respond and makes no bundle', async () => {
    const r = await runInstantTrigger(hookApp(), 'w', {
      delivery: { body: { challenge: 'c-1' } },
      parameters: {},
    });
    expect(r.outputs).toEqual([]);
    expect(r.respond).toEqual({ type: 'json', status: 200, body: { challenge: 'c-1' } });
  });

  it('iterates a batch into one bundle per item and answers with respond', async () => {
    const r = await runInstantTrigger(hookApp(), 'w', {
      delivery: { body: { events: [{ id: 'e1' }, { id: 'e2' }] }, headers: { 'X-Kind': 'BATCH' } },
      parameters: {},
    });
    expect(r.outputs).toEqual([
      { id: 'e1', kind: 'batch' },
      { id: 'e2', kind: 'batch' },
    ]);
    expect(r.respond).toEqual({ status: 202, body: 'ok' });
    expect(r.requests).toEqual([]);
  });
});
