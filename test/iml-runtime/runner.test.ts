/**
 * The local Make runner's components against a small API on loopback (./mini-api.ts): loading
 * the app, connection verify, a paged search, an action with its exact request, an RPC.
 */
import { createHash } from 'node:crypto';
import { runModule, runRpc, verifyConnection, type App } from '../../iml-runtime/runner.js';
import { app, connection, errorOf, items, KEY, mini, origin, useMiniApi } from './mini-api.js';

useMiniApi();

describe('loadMakeApp', () => {
  it('reads makecomapp.json and every code file (JSON with comments) into components', () => {
    expect(app.base.baseUrl).toBe('{{connection.baseUrl}}/v1');
    expect(app.common).toEqual({ source: 'mini' });
    expect(Object.keys(app.modules).sort()).toEqual(['createItem', 'listItems', 'watchItems']);
    expect(app.modules.watchItems).toMatchObject({
      moduleType: 'instant_trigger',
      webhook: 'items',
    });
    expect(app.webhooks.items?.attach).toMatchObject({ url: '/webhooks', method: 'POST' });
    expect(Object.keys(app.rpcs)).toEqual(['listTags']);
  });
});

describe('connection', () => {
  it('verifies without the base, with the parameters, and keeps data and metadata', async () => {
    const r = await verifyConnection(app, 'demo', { parameters: { apiKey: KEY, baseUrl: origin } });
    expect(r.data).toEqual({ workspaceId: 'ws_9' });
    expect(r.metadata).toEqual({ type: 'text', value: 'Acme (LIVE)' });
    expect(r.requests).toEqual([
      { method: 'GET', url: `${origin}/v1/me`, headers: { Authorization: `Bearer ${KEY}` } },
    ]);
    // no base header: the connection does not inherit the base
    expect(mini.seen[0]?.headers['user-agent']).not.toBe('mini-app/1.0');
  });

  it('fails with the error directive when the key is refused, and the log hides the key', async () => {
    const e = await errorOf(
      verifyConnection(app, 'demo', { parameters: { apiKey: 'wrong-key-000', baseUrl: origin } }),
    );
    expect(e.message).toBe('[401] invalid key');
    expect(e.statusCode).toBe(401);
    expect(e.type).toBe('RuntimeError');
    expect(JSON.stringify(e.log)).not.toContain('wrong-key-000');
    expect(e.log[0]?.request.headers).toEqual({ Authorization: '[sanitized]' });
  });
});

describe('search module with pagination', () => {
  it('pages with the cursor while has_more, filters with iterate.condition and maps items', async () => {
    const r = await runModule(app, 'listItems', {
      parameters: { limit: 10 },
      connection: connection(),
    });
    expect(r.requests.map((q) => q.url)).toEqual([
      `${origin}/v1/items?limit=2`,
      `${origin}/v1/items?limit=2&cursor=2`,
      `${origin}/v1/items?limit=2&cursor=4`,
    ]);
    expect(r.requests[0]?.headers).toEqual({
      Authorization: `Bearer ${KEY}`,
      'User-Agent': 'mini-app/1.0',
    });
    expect(r.outputs).toEqual([
      {
        id: 'it_1',
        name: 'Alpha',
        tags: 'vip, eu',
        first_tag: 'vip',
        created_day: '2024-03-09',
        workspace: 'ws_9',
      },
      {
        id: 'it_3',
        name: 'Gamma',
        tags: 'us',
        first_tag: 'us',
        created_day: '2024-03-11',
        workspace: 'ws_9',
      },
      { id: 'it_4', name: 'Delta', tags: '', created_day: '2024-03-12', workspace: 'ws_9' },
      { id: 'it_5', name: 'Epsilon', tags: '', created_day: '2024-03-13', workspace: 'ws_9' },
    ]);
    expect(r.log.every((l) => l.request.headers.Authorization === '[sanitized]')).toBe(true);
  });

  it('stops at response.limit without asking for more pages, and sends a mapped status', async () => {
    const r = await runModule(app, 'listItems', {
      parameters: { limit: 1, status: 'open' },
      connection: connection(),
    });
    expect(r.outputs).toHaveLength(1);
    expect(r.requests.map((q) => q.url)).toEqual([`${origin}/v1/items?limit=1&status=open`]);
  });

  it('stops paging when the API keeps answering (page cap) instead of looping', async () => {
    mini.route = () => ({
      status: 200,
      body: { data: [items[0]], has_more: true, next_cursor: '0' },
    });
    const e = await errorOf(
      runModule(app, 'listItems', {
        parameters: { limit: 1000 },
        connection: connection(),
        maxPages: 3,
      }),
    );
    expect(e.message).toMatch(/Pagination did not stop after 3 pages/);
    expect(mini.seen).toHaveLength(3);
  });
});

describe('action module', () => {
  it('sends exactly the JSON body, the base headers and the idempotency key', async () => {
    const r = await runModule(app, 'createItem', {
      parameters: { name: '  Widget ', tags: 'a,b', score: '4.5', requestId: 'req-1' },
      connection: connection(),
    });
    const key = createHash('sha256').update('  Widget :req-1').digest('hex');
    expect(r.requests).toEqual([
      {
        method: 'POST',
        url: `${origin}/v1/items`,
        headers: {
          Authorization: `Bearer ${KEY}`,
          'User-Agent': 'mini-app/1.0',
          'Idempotency-Key': key,
          'Content-Type': 'application/json',
        },
        body: '{"name":"Widget","tags":["a","b"],"score":4.5}',
        json: { name: 'Widget', tags: ['a', 'b'], score: 4.5 },
      },
    ]);
    expect(JSON.parse(mini.seen[0]?.body ?? '')).toEqual({
      name: 'Widget',
      tags: ['a', 'b'],
      score: 4.5,
    });
    expect(r.outputs).toEqual([{ id: 'it_new', name: 'Widget', origin: 'mini' }]);
  });

  it('passes a 422 with the field through the module error directive (per status)', async () => {
    const e = await errorOf(
      runModule(app, 'createItem', {
        parameters: { name: ' ', tags: '', score: '1', requestId: 'r' },
        connection: connection(),
      }),
    );
    expect(e.message).toBe('name: must not be empty');
    expect(e.type).toBe('DataError');
  });

  it('uses the base error directive for a 401 (the module does not define one)', async () => {
    const e = await errorOf(
      runModule(app, 'createItem', {
        parameters: { name: 'x', tags: '', score: '1', requestId: 'r' },
        connection: { ...connection(), apiKey: 'revoked-key-1' },
      }),
    );
    expect(e.message).toBe('The API key was refused: reconnect.');
    expect(e.type).toBe('InvalidAccessTokenError');
    expect(JSON.stringify(e.log)).not.toContain('revoked-key-1');
  });

  it('fails clearly when the IML calls a function the runtime does not implement', async () => {
    const broken: App = {
      ...app,
      modules: {
        x: {
          moduleType: 'action',
          communication: { url: '/items', method: 'GET', qs: { a: '{{nope(1)}}' } },
        },
      },
    };
    await expect(
      runModule(broken, 'x', { parameters: {}, connection: connection() }),
    ).rejects.toThrow('IML function "nope" is not implemented');
    expect(mini.seen).toHaveLength(0);
  });
});

describe('RPC', () => {
  it('iterates a top-level array into label/value options', async () => {
    const r = await runRpc(app, 'listTags', { parameters: {}, connection: connection() });
    expect(r.outputs).toEqual([
      { label: 'VIP', value: 't1' },
      { label: 'EU', value: 't2' },
    ]);
  });
});
