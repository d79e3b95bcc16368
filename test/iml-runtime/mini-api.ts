/**
 * What the runner's tests share: a small HTTP API on loopback (node:http, port 0) and the
 * hand-written app in fixtures/mini-app (Apps Editor local layout) pointed at it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { loadMakeApp, MakeRuntimeError, type App } from '../../iml-runtime/runner.js';

export const APP_DIR = fileURLToPath(new URL('./fixtures/mini-app', import.meta.url));
export const KEY = 'demo-key-7c1f9e';

export interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Route = (req: Seen) => {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
};

let server: Server;
export let origin: string;
export let app: App;

export const items = [
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

/**
 * What the API saw (every request since the test began) and how it answers (the API above,
 * unless a test sets another route).
 */
export const mini: { seen: Seen[]; route: Route } = { seen: [], route: api };

/** Serves the API on a free loopback port for the file that calls it, and loads the app. */
export const useMiniApi = () => {
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
        mini.seen.push(s);
        const out = mini.route(s);
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
    mini.seen = [];
    mini.route = api;
  });
};

export const connection = () => ({ apiKey: KEY, baseUrl: origin, workspaceId: 'ws_9' });

export const errorOf = async (p: Promise<unknown>): Promise<MakeRuntimeError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof MakeRuntimeError) return e;
    throw e;
  }
  throw new Error('expected a MakeRuntimeError');
};
