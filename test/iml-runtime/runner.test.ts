/**
 * The local Make runner against a small HTTP API on loopback (node:http, port 0), with the
 * hand-written app in fixtures/mini-app (Apps Editor local layout): connection verify, a paged
 * search, an action with its exact request, an RPC, attach/detach and an instant trigger.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import {
  attachWebhook,
  checkInterface,
  detachWebhook,
  ERASE,
  loadMakeApp,
  MakeRuntimeError,
  runCommunication,
  runInstantTrigger,
  runModule,
  runRpc,
  verifyConnection,
  type App,
} from '../../iml-runtime/runner.js';
import { createHash } from 'node:crypto';

const APP_DIR = fileURLToPath(new URL('./fixtures/mini-app', import.meta.url));
const KEY = 'demo-key-7c1f9e';

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Route = (req: Seen) => { status: number; body?: unknown; headers?: Record<string, string> };

let server: Server;
let origin: string;
let seen: Seen[] = [];
let route: Route;
let app: App;

const items = [
  {
    id: 'it_1',
    name: 'alpha',
    status: 'open',
    tags: [{ label: 'vip' }, { label: 'eu' }],
    created_at: '2024-03-10T03:30:00Z',
  },
  { id: 'it_2', name: 'beta', status: 'deleted', tags: [], created_at: '2024-03-10T12:00:00Z' },
  {
    id: 'it_3',
    name: 'gamma',
    status: 'open',
    tags: [{ label: 'us' }],
    created_at: '2024-03-11T12:00:00Z',
  },
  { id: 'it_4', name: 'delta', status: 'open', tags: [], created_at: '2024-03-12T12:00:00Z' },
  { id: 'it_5', name: 'epsilon', status: 'open', tags: [], created_at: '2024-03-13T12:00:00Z' },
];

/** The API: bearer auth, /me, cursor-paged /items (2 per page), POST /items, /tags, webhooks. */
const api: Route = (req) => {
  if (req.headers.authorization !== `Bearer ${KEY}`)
    return { status: 401, body: { error: { message: 'invalid key' } } };
  const url = new URL(req.path, 'http://x');
  if (req.method === 'GET' && url.pathname === '/v1/me')
    return { status: 200, body: { workspace: { id: 'ws_9', name: 'Acme' }, mode: 'live' } };
  if (req.method === 'GET' && url.pathname === '/v1/items') {
    const start = Number(url.searchParams.get('cursor') ?? '0');
    const size = Number(url.searchParams.get('limit') ?? '2');
    const page = items.slice(start, start + size);
    const more = start + size < items.length;
    return {
      status: 200,
      body: { data: page, has_more: more, next_cursor: more ? String(start + size) : null },
    };
  }
  if (req.method === 'POST' && url.pathname === '/v1/items') {
    const body = JSON.parse(req.body) as { name: string };
    if (body.name === '')
      return { status: 422, body: { error: { field: 'name', message: 'must not be empty' } } };
    return { status: 201, body: { id: 'it_new', name: body.name } };
  }
  if (req.method === 'GET' && url.pathname.startsWith('/v1/items/')) {
    const item = items.find(
      (i) => i.id === decodeURIComponent(url.pathname.slice('/v1/items/'.length)),
    );
    return item
      ? { status: 200, body: item }
      : { status: 404, body: { error: { message: 'not found' } } };
  }
  if (url.pathname === '/v1/pages') {
    const n = Number(
      url.searchParams.get('page') ?? (JSON.parse(req.body || '{}') as { page?: number }).page,
    );
    return { status: 200, body: { data: [n], more: n < 3 } };
  }
  if (req.method === 'GET' && url.pathname === '/v1/tags')
    return {
      status: 200,
      body: [
        { id: 't1', label: 'VIP' },
        { id: 't2', label: 'EU' },
      ],
    };
  if (req.method === 'POST' && url.pathname === '/v1/webhooks')
    return { status: 201, body: { id: 'wh_1', secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=' } };
  if (req.method === 'DELETE' && url.pathname === '/v1/webhooks/wh_1') return { status: 204 };
  return { status: 404, body: { error: { message: 'no route' } } };
};

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  app = await loadMakeApp(APP_DIR);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      const out = route(s);
      res.writeHead(out.status, { 'content-type': 'application/json', ...(out.headers ?? {}) });
      res.end(out.body === undefined ? '' : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  route = api;
});

const connection = () => ({ apiKey: KEY, baseUrl: origin, workspaceId: 'ws_9' });

const errorOf = async (p: Promise<unknown>): Promise<MakeRuntimeError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof MakeRuntimeError) return e;
    throw e;
  }
  throw new Error('expected a MakeRuntimeError');
};

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
    expect(seen[0]?.headers['user-agent']).not.toBe('mini-app/1.0');
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
    route = () => ({ status: 200, body: { data: [items[0]], has_more: true, next_cursor: '0' } });
    const e = await errorOf(
      runModule(app, 'listItems', {
        parameters: { limit: 1000 },
        connection: connection(),
        maxPages: 3,
      }),
    );
    expect(e.message).toMatch(/Pagination did not stop after 3 pages/);
    expect(seen).toHaveLength(3);
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
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
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
    expect(seen).toHaveLength(0);
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
    expect(seen).toHaveLength(0);
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
    expect(seen).toHaveLength(0);
  });
});

describe('runCommunication', () => {
  it('runs an array of requests in order, sharing temp', async () => {
    const r = await runCommunication(
      [
        {
          url: `${origin}/v1/me`,
          headers: { Authorization: `Bearer ${KEY}` },
          response: { temp: { ws: '{{body.workspace.id}}' }, output: '{{body.mode}}' },
        },
        {
          url: `${origin}/v1/items/it_1?ws={{temp.ws}}`,
          headers: { Authorization: `Bearer ${KEY}` },
          response: { output: '{{body.name}}' },
        },
      ],
      { vars: {} },
    );
    // Make: "the output of the last request is used as the module's output".
    expect(r.outputs).toEqual(['alpha']);
    expect(r.temp).toEqual({ ws: 'ws_9' });
    expect(seen.map((s) => s.path)).toEqual(['/v1/me', '/v1/items/it_1?ws=ws_9']);
  });

  it('sends mapped null and [] as they are (real Make does), leaving out only what evaluates to nothing', async () => {
    route = () => ({ status: 200, body: { ok: true } });
    const r = await runCommunication(
      {
        url: `${origin}/v1/items`,
        method: 'POST',
        body: {
          nothing: '{{parameters.nothing}}',
          none: '{{parameters.none}}',
          list: '{{parameters.list}}',
          text: '{{parameters.text}}',
          unset: '{{parameters.unset}}',
          guarded: '{{if(length(ifempty(parameters.list, emptyarray)) > 0, parameters.list)}}',
          guardedNull: '{{if(ifempty(parameters.none, "") != "", parameters.none)}}',
        },
        response: { output: '{{body.ok}}' },
      },
      { vars: { parameters: { none: null, list: [], text: '' } } },
    );
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ none: null, list: [], text: '' });
    expect(r.requests[0]?.json).toEqual({ none: null, list: [], text: '' });
  });

  it('pagination.page counts pages; pagination qs merges over the parent, a pagination body replaces it', async () => {
    const auth = { Authorization: `Bearer ${KEY}` };
    const byQs = await runCommunication(
      {
        url: `${origin}/v1/pages`,
        headers: auth,
        qs: { page: '{{pagination.page}}', size: 1 },
        response: { iterate: '{{body.data}}' },
        pagination: { qs: { page: '{{pagination.page}}' }, condition: '{{body.more}}' },
      },
      { vars: {} },
    );
    expect(byQs.outputs).toEqual([1, 2, 3]);
    expect(byQs.requests.map((q) => q.url.slice(origin.length))).toEqual([
      '/v1/pages?page=1&size=1',
      '/v1/pages?page=2&size=1',
      '/v1/pages?page=3&size=1',
    ]);
    const byBody = await runCommunication(
      {
        url: `${origin}/v1/pages`,
        method: 'POST',
        headers: auth,
        body: { page: 1, query: 'x' },
        response: { iterate: '{{body.data}}' },
        pagination: { body: { page: '{{pagination.page}}' }, condition: '{{body.more}}' },
      },
      { vars: {} },
    );
    expect(byBody.outputs).toEqual([1, 2, 3]);
    expect(byBody.requests.map((q) => q.json)).toEqual([
      { page: 1, query: 'x' },
      { page: 2 },
      { page: 3 },
    ]);
  });

  it('reads response.type per status: text for errors, json for success', async () => {
    const auth = { Authorization: `Bearer ${KEY}` };
    const type = { '200-299': 'json', '*': 'text' };
    const ok = await runCommunication(
      {
        url: `${origin}/v1/me`,
        headers: auth,
        response: { type, output: '{{body.workspace.id}}' },
      },
      { vars: {} },
    );
    expect(ok.outputs).toEqual(['ws_9']);
    const e = await errorOf(
      runCommunication(
        {
          url: `${origin}/v1/me`,
          response: { type, error: { message: '{{length(body)}} chars' } },
        },
        { vars: {} },
      ),
    );
    expect(e.message).toBe(`${JSON.stringify({ error: { message: 'invalid key' } }).length} chars`);
  });

  it('treats valid=false on a 200 as an error with the valid message', async () => {
    const e = await errorOf(
      runCommunication(
        {
          url: `${origin}/v1/me`,
          headers: { Authorization: `Bearer ${KEY}` },
          response: {
            valid: {
              condition: "{{body.mode == 'test'}}",
              message: 'Use a test key ({{body.mode}} given)',
              type: 'InvalidConfigurationError',
            },
          },
        },
        { vars: {} },
      ),
    );
    expect(e.message).toBe('Use a test key (live given)');
    expect(e.type).toBe('InvalidConfigurationError');
    expect(e.statusCode).toBe(200);
  });

  it('a status >= 400 is an error even when valid is true (valid cannot accept a 4xx in Make)', async () => {
    for (const valid of ['{{true}}', { condition: '{{statusCode = 404}}' }]) {
      const e = await errorOf(
        runCommunication(
          {
            url: `${origin}/v1/nowhere`,
            headers: { Authorization: `Bearer ${KEY}` },
            response: {
              valid,
              error: { message: '[{{statusCode}}] {{body.error.message}}', type: 'DataError' },
              output: '{{body}}',
            },
          },
          { vars: {} },
        ),
      );
      expect(e.message).toBe('[404] no route');
      expect(e.type).toBe('DataError');
      expect(e.statusCode).toBe(404);
    }
  });
});

describe('pagination as Make documents it', () => {
  const auth = { Authorization: `Bearer ${KEY}` };
  const paged = (condition?: string, response: Record<string, unknown> = {}) =>
    runCommunication(
      {
        url: `${origin}/v1/items`,
        headers: auth,
        qs: { limit: 2 },
        response: { iterate: '{{body.data}}', output: '{{item.id}}', ...response },
        pagination: {
          qs: { cursor: '{{body.next_cursor}}' },
          ...(condition === undefined ? {} : { condition }),
        },
      },
      { vars: {} },
    );

  it('asks for the next page while the condition holds; a null next_cursor stops it', async () => {
    const r = await paged('{{body.next_cursor}}');
    expect(r.outputs).toEqual(['it_1', 'it_2', 'it_3', 'it_4', 'it_5']);
    expect(r.requests.map((q) => q.url.slice(origin.length))).toEqual([
      '/v1/items?limit=2',
      '/v1/items?limit=2&cursor=2',
      '/v1/items?limit=2&cursor=4',
    ]);
  });

  it('an undefined condition (a field the API never sends) stops after the first page', async () => {
    const r = await paged('{{body.has_more_items}}');
    expect(r.outputs).toEqual(['it_1', 'it_2']);
    expect(r.requests).toHaveLength(1);
  });

  it('stops at response.limit, and after an answer with 0 records', async () => {
    const limited = await paged('{{body.next_cursor}}', { limit: 3 });
    expect(limited.outputs).toEqual(['it_1', 'it_2', 'it_3']);
    expect(limited.requests).toHaveLength(2);
    route = (req) =>
      req.path.includes('cursor')
        ? { status: 200, body: { data: [], next_cursor: 'again' } }
        : { status: 200, body: { data: [items[0]], next_cursor: 'next' } };
    const empty = await paged('{{body.next_cursor}}');
    expect(empty.outputs).toEqual(['it_1']);
    expect(empty.requests).toHaveLength(2);
  });
});

describe('the module outputs its last request', () => {
  const auth = { Authorization: `Bearer ${KEY}` };
  it('a last request whose condition is false gives nothing, or its default', async () => {
    const me = { url: `${origin}/v1/me`, headers: auth, response: { output: '{{body.mode}}' } };
    const skipped = await runCommunication(
      [me, { ...me, condition: '{{false}}', response: { output: 'second' } }],
      { vars: {} },
    );
    expect(skipped.outputs).toEqual([]);
    expect(skipped.requests).toHaveLength(1);
    const defaulted = await runCommunication(
      [me, { ...me, condition: { condition: '{{false}}', default: { none: true } } }],
      { vars: {} },
    );
    expect(defaulted.outputs).toEqual([{ none: true }]);
  });
});

describe('what Make hands a module: empty values and the erase pill', () => {
  const params = [
    { name: 'name', type: 'text' },
    { name: 'owner', type: 'email' },
    { name: 'tags', type: 'array', spec: { type: 'text' } },
    { name: 'count', type: 'number' },
    { name: 'ok', type: 'boolean' },
    {
      name: 'props',
      type: 'collection',
      spec: [
        { name: 'plan', type: 'text' },
        { name: 'seats', type: 'number' },
      ],
    },
  ];
  const body = Object.fromEntries(params.map((p) => [p.name, `{{parameters.${p.name}}}`]));
  const echoApp = (actionCrud: string): App => ({
    ...app,
    modules: {
      m: {
        moduleType: 'action',
        actionCrud,
        mappableParams: params,
        communication: { url: '/echo', method: 'PATCH', body, response: { output: '{{body}}' } },
      },
    },
  });
  const sent = async (actionCrud: string, parameters: Record<string, unknown>) => {
    route = (req) => ({ status: 200, body: JSON.parse(req.body || '{}') as unknown });
    const r = await runModule(echoApp(actionCrud), 'm', { parameters, connection: connection() });
    return r.requests[0]?.json;
  };

  it('a field left empty (no value, "", null, []) is not sent; 0 and false are values', async () => {
    expect(
      await sent('update', {
        name: '',
        owner: null,
        tags: [],
        count: 0,
        ok: false,
        props: { plan: '' },
      }),
    ).toEqual({ count: 0, ok: false, props: {} });
  });

  it('erase is null (an empty list for an array), also inside a collection', async () => {
    expect(
      await sent('update', { owner: ERASE, tags: ERASE, props: { plan: 'pro', seats: ERASE } }),
    ).toEqual({ owner: null, tags: [], props: { plan: 'pro', seats: null } });
  });

  it('erase exists only in update and universal modules, and an undeclared parameter is a typo', async () => {
    await expect(sent('create', { owner: ERASE })).rejects.toThrow(/erase pill only in update/);
    await expect(sent('update', { ownr: 'x@example.com' })).rejects.toThrow(
      /declares no parameter "ownr"/,
    );
  });
});

describe('what Make hands a module: values converted to their type, or a validation error', () => {
  const params = [
    { name: 'score', type: 'integer', validate: { min: 0, max: 10 } },
    { name: 'ratio', type: 'number' },
    { name: 'limit', type: 'uinteger' },
    { name: 'flag', type: 'boolean' },
    { name: 'when', type: 'date' },
    { name: 'day', type: 'text', validate: { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } },
    { name: 'label', type: 'text' },
    { name: 'choice', type: 'select', options: [{ label: 'Yes', value: true }] },
    { name: 'typed', type: 'collection', spec: ['rpc://fields'] },
  ];
  const body = Object.fromEntries(params.map((p) => [p.name, `{{parameters.${p.name}}}`]));
  const echo = (): App => ({
    ...app,
    modules: {
      m: {
        moduleType: 'action',
        actionCrud: 'create',
        mappableParams: params,
        communication: { url: '/echo', method: 'POST', body, response: { output: '{{body}}' } },
      },
    },
  });
  /** What listContactPropertyFields-like RPC answered: the collection's fields. */
  const rpcFields = {
    'rpc://fields': [
      { name: 'seats', type: 'number' },
      { name: 'renewal', type: 'text', validate: { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } },
    ],
  };
  const sent = async (parameters: Record<string, unknown>, options = {}) => {
    route = (req) => ({ status: 200, body: JSON.parse(req.body || '{}') as unknown });
    const r = await runModule(echo(), 'm', {
      parameters,
      connection: connection(),
      rpcFields,
      ...options,
    });
    return r.requests[0]?.json;
  };
  const refused = async (parameters: Record<string, unknown>, what: RegExp) => {
    const before = seen.length;
    await expect(sent(parameters)).rejects.toMatchObject({
      type: 'BundleValidationError',
      message: expect.stringMatching(what),
    });
    expect(seen.length).toBe(before);
  };

  it('numbers: a plain text number is read; words, units and grouped numbers are refused; bounds and whole numbers checked', async () => {
    expect(await sent({ score: ' 7 ', ratio: '2.5', limit: 100 })).toEqual({
      score: 7,
      ratio: 2.5,
      limit: 100,
    });
    await refused({ score: 'ten' }, /Invalid number in parameter 'score'/);
    await refused({ ratio: '100 units' }, /Invalid number in parameter 'ratio'/);
    await refused({ ratio: '1,200' }, /Invalid number/);
    await refused({ score: '7.5' }, /Invalid integer in parameter 'score'/);
    await refused({ score: 11 }, /at most 10 in parameter 'score'/);
    await refused({ score: -1 }, /at least 0/);
    await refused({ limit: -3 }, /Invalid unsigned integer/);
  });

  it('booleans as Make converts them: only "false" (or empty) is no; any other text, and any number, is yes', async () => {
    expect(await sent({ flag: 'false' })).toEqual({ flag: false });
    for (const value of ['no', '0', 'maybe', 0, 1, true]) {
      expect([value, await sent({ flag: value })]).toEqual([value, { flag: true }]);
    }
    expect(await sent({ flag: false })).toEqual({ flag: false });
  });

  it('dates: a text with day, month and year is read (in the user zone without one), a number is milliseconds; other text is refused', async () => {
    expect(await sent({ when: '2026-03-01T09:30:00+01:00' })).toEqual({
      when: '2026-03-01T08:30:00.000Z',
    });
    expect(await sent({ when: '2026-03-01' }, { timezone: 'Europe/Madrid' })).toEqual({
      when: '2026-02-28T23:00:00.000Z',
    });
    expect(await sent({ when: Date.UTC(2026, 0, 2) })).toEqual({
      when: '2026-01-02T00:00:00.000Z',
    });
    await refused({ when: 'next renewal' }, /Invalid date in parameter 'when'/);
  });

  it('text: numbers and booleans become text; validate.pattern is checked; selects are handed over as they are', async () => {
    expect(await sent({ label: 12, day: '2026-03-01', choice: 'no' })).toEqual({
      label: '12',
      day: '2026-03-01',
      choice: 'no',
    });
    await refused({ day: 'next renewal' }, /does not match the pattern .* in parameter 'day'/);
  });

  it('a collection built by an RPC is checked with the fields the RPC gave', async () => {
    expect(await sent({ typed: { seats: '40', renewal: '2027-01-31' } })).toEqual({
      typed: { seats: 40, renewal: '2027-01-31' },
    });
    await refused({ typed: { seats: 'ten' } }, /Invalid number in parameter 'seats'/);
    await refused({ typed: { renewal: 'soon' } }, /pattern/);
    await expect(sent({ typed: { seets: 1 } })).rejects.toThrow(/declares no field "seets"/);
    // Without the RPC's answer the fields are not known: handed over as they are.
    expect(await sent({ typed: { seats: 'ten' } }, { rpcFields: {} })).toEqual({
      typed: { seats: 'ten' },
    });
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

describe('checkInterface', () => {
  const iface = [
    { name: 'id', type: 'text' },
    { name: 'score', type: 'uinteger' },
    { name: 'at', type: 'date' },
    { name: 'ok', type: 'boolean' },
    { name: 'contact', type: 'collection', spec: [{ name: 'email', type: 'email' }] },
    { name: 'themes', type: 'array', spec: [{ name: 'name', type: 'text' }] },
    { name: 'tags', type: 'array', spec: { type: 'text' } },
  ];

  it('accepts an output that matches, nulls included', () => {
    expect(
      checkInterface(
        {
          id: 'r1',
          score: 9,
          at: '2024-01-01T00:00:00.000Z',
          ok: null,
          contact: { email: 'a@b.c' },
          themes: [{ name: 'x' }],
          tags: ['a'],
        },
        iface,
      ),
    ).toEqual([]);
  });

  it('names undeclared keys and values of the wrong type, nested too', () => {
    expect(
      checkInterface(
        {
          id: 1,
          score: -1,
          at: 'yesterday',
          extra: 1,
          contact: { phone: '1' },
          themes: [{ name: 'x', n: 2 }],
          tags: [3],
        },
        iface,
      ),
    ).toEqual([
      'id is declared text but is 1',
      'score is declared uinteger but is -1',
      'at is declared date but is "yesterday"',
      'extra is not declared in the interface',
      'contact.phone is not declared in the interface',
      'themes[1].n is not declared in the interface',
      'tags[1] is declared text but is 3',
    ]);
  });

  it("reports a date that is not in Make's date-time form (the API's text, unparsed)", () => {
    expect(checkInterface({ at: '2024-01-01T00:00:00Z' }, iface)).toEqual([
      'at is declared date but is "2024-01-01T00:00:00Z"',
    ]);
  });
});
