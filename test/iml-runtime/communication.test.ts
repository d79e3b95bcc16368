/**
 * One communication in the local Make runner (iml-runtime/communication.ts, requests.ts,
 * responses.ts, pagination.ts): several requests, bodies, response types and validity, pages.
 */
import { runCommunication } from '../../iml-runtime/runner.js';
import { errorOf, items, KEY, mini, origin, useMiniApi } from './mini-api.js';

useMiniApi();

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
    expect(mini.seen.map((s) => s.path)).toEqual(['/v1/me', '/v1/items/it_1?ws=ws_9']);
  });

  it('sends mapped null and [] as they are (real Make does), leaving out only what evaluates to nothing', async () => {
    mini.route = () => ({ status: 200, body: { ok: true } });
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
    expect(JSON.parse(mini.seen[0]?.body ?? '')).toEqual({ none: null, list: [], text: '' });
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
    mini.route = (req) =>
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
