/**
 * The Make app's connection, base and RPCs, and Make an API Call, run by the local IML runtime
 * against the sandbox over real HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NpsResponse } from '../../client/schemas.js';
import { responseLabel } from '../../triggers/response.js';
import { runModule, runRpc, verifyConnection, type Rec } from '../../iml-runtime/runner.js';
import {
  apiAll,
  submit,
  app,
  connection,
  EMAIL,
  errorOf,
  MAKE_DIR,
  run,
  sandbox,
  seen,
  useMakeApp,
} from './make-app.js';

useMakeApp(async () => {
  // The contact Make an API Call lists.
  submit(9, 'Great.');
  await sandbox.settle();
});

describe('connection nps', () => {
  it('is verified with GET /me and labelled with the workspace name and key mode', async () => {
    const result = await verifyConnection(app, 'nps', { parameters: connection });
    expect(seen(result.requests[0])).toMatchObject({
      method: 'GET',
      path: '/me',
      authorization: `Bearer ${sandbox.keys.live}`,
    });
    expect(result.metadata).toEqual({ type: 'text', value: `${sandbox.workspace.name} (live)` });
    expect(JSON.stringify(result.log)).not.toContain(sandbox.keys.live);
  });

  it('a key of the other region is refused with what to do', async () => {
    const error = await errorOf(
      verifyConnection(app, 'nps', {
        parameters: { api_key: sandbox.keys.otherRegion, region: 'us' },
      }),
    );
    expect(error.message).toMatch(/belongs to the EU region.*pick the EU region/);
    expect(error.message).not.toContain(sandbox.keys.otherRegion);
  });

  it('a wrong key says to reconnect with a valid key', async () => {
    const error = await errorOf(
      verifyConnection(app, 'nps', { parameters: { api_key: 'nps_live_wrong', region: 'us' } }),
    );
    expect(error.type).toBe('InvalidAccessTokenError');
    expect(error.message).toMatch(/did not accept the API key.*Reconnect/);
  });

  it('a key without the scope names the scope to add', async () => {
    const readOnly = { api_key: sandbox.createKey(['responses:read']), region: 'us' };
    const error = await errorOf(
      runModule(app, 'addNote', {
        parameters: { response_id: 'rsp_x', body: 'Called back.' },
        connection: readOnly,
      }),
    );
    expect(error.message).toMatch(/lacks the scope responses:write needed for this module/);
  });

  it('the base logs the Authorization header sanitized', async () => {
    const result = await run('findContact', { identity_key: 'email', identity_value: EMAIL });
    expect(result.log.length).toBeGreaterThan(0);
    for (const entry of result.log) {
      expect(JSON.stringify(entry.request.headers)).not.toContain(sandbox.keys.live);
    }
  });
});

describe('RPCs', () => {
  it('listSurveys and listThemes give the dropdown options of the workspace', async () => {
    const surveys = await runRpc(app, 'listSurveys', { parameters: {}, connection });
    expect(seen(surveys.requests[0])).toMatchObject({
      method: 'GET',
      path: '/surveys',
      query: { limit: '100' },
    });
    expect(surveys.outputs.length).toBeGreaterThan(0);
    for (const option of surveys.outputs) {
      expect(option).toEqual({ label: expect.any(String), value: expect.stringMatching(/^srv_/) });
    }
    const themes = await runRpc(app, 'listThemes', { parameters: {}, connection });
    expect(seen(themes.requests[0])).toMatchObject({ method: 'GET', path: '/themes' });
    expect(themes.outputs.length).toBeGreaterThan(0);
  });

  it('listThemeNames gives theme names as values; listResponses labels recent responses as the Zapier dropdown does', async () => {
    const themes = await apiAll<{ id: string; name: string }>('/themes');
    const names = await runRpc(app, 'listThemeNames', { parameters: {}, connection });
    expect(names.outputs).toEqual(themes.map((t) => ({ label: t.name, value: t.name })));

    // The newest 300 (Make's RPC guidance: 300-500 with pages of 100), page after page.
    const responses = await apiAll<NpsResponse>('/responses', 300);
    expect(responses.length).toBeGreaterThan(200);
    const recent = await runRpc(app, 'listResponses', { parameters: {}, connection });
    expect(seen(recent.requests[0])).toMatchObject({
      method: 'GET',
      path: '/responses',
      query: { limit: '100' },
    });
    expect(recent.requests.length).toBe(Math.ceil(responses.length / 100));
    expect(recent.outputs).toEqual(
      responses.map((r) => ({ label: responseLabel(r), value: r.id })),
    );
  });

  it('lists of more than one page: every theme and survey, following next_cursor, up to the RPC limit', async () => {
    // More than 100 themes: an update module adds them (an unknown theme name creates the theme).
    const [target] = (await apiAll<NpsResponse>('/responses', 1)) as [NpsResponse];
    const added = Array.from(
      { length: 120 },
      (_, i) => `Make paging theme ${String(i).padStart(3, '0')}`,
    );
    await run('updateResponse', { response_id: target.id, add_themes: added });
    const themes = await apiAll<{ id: string; name: string }>('/themes');
    expect(themes.length).toBeGreaterThan(120);
    for (const id of ['listThemes', 'listThemeNames'] as const) {
      const listed = await runRpc(app, id, { parameters: {}, connection });
      expect(listed.requests.map((r) => seen(r).query.cursor === undefined)).toEqual([
        true,
        ...Array.from({ length: Math.ceil(themes.length / 100) - 1 }, () => false),
      ]);
      expect(listed.outputs.map((o) => (o as Rec).label)).toEqual(themes.map((t) => t.name));
    }

    // 150 surveys, then 620: the contract's pages (limit, cursor, next_cursor) served for /surveys.
    const serveSurveys =
      (count: number): typeof fetch =>
      async (input, init) => {
        const url = new URL(String(input));
        if (!url.pathname.endsWith('/surveys')) return fetch(input, init);
        const limit = Number(url.searchParams.get('limit') ?? 25);
        const start = Number(url.searchParams.get('cursor') ?? 0);
        const data = Array.from(
          { length: Math.max(0, Math.min(limit, count - start)) },
          (_, i) => ({
            id: `srv_${start + i}`,
            name: `Survey ${start + i}`,
            status: 'active',
            question: 'How likely?',
            created_at: '2026-01-01T00:00:00Z',
          }),
        );
        const next = start + limit < count ? String(start + limit) : null;
        return new Response(JSON.stringify({ data, next_cursor: next }), {
          status: limit > 100 ? 400 : 200,
          headers: { 'content-type': 'application/json' },
        });
      };
    const surveys150 = await runRpc(app, 'listSurveys', {
      parameters: {},
      connection,
      fetch: serveSurveys(150),
    });
    expect(surveys150.outputs).toHaveLength(150);
    expect(surveys150.requests.map((r) => seen(r).query)).toEqual([
      { limit: '100' },
      { limit: '100', cursor: '100' },
    ]);
    const surveys620 = await runRpc(app, 'listSurveys', {
      parameters: {},
      connection,
      fetch: serveSurveys(620),
    });
    expect(surveys620.outputs).toHaveLength(500);
    expect(surveys620.requests).toHaveLength(5);
  });
});

describe('Make an API Call', () => {
  it('makeApiCall: an authorized call to any path, with query string and headers', async () => {
    const result = await run('makeApiCall', { url: '/me', method: 'GET' });
    expect(seen(result.requests[0])).toMatchObject({
      method: 'GET',
      path: '/me',
      authorization: `Bearer ${sandbox.keys.live}`,
    });
    expect(result.outputs[0]).toMatchObject({
      statusCode: 200,
      body: { workspace: { name: sandbox.workspace.name } },
    });
    const listed = await run('makeApiCall', {
      url: 'contacts',
      method: 'GET',
      qs: [
        { key: 'email', value: EMAIL },
        { key: 'limit', value: '1' },
      ],
      headers: [{ key: 'X-Request-Note', value: 'make' }],
    });
    const request = seen(listed.requests[0]);
    expect(request).toMatchObject({ path: '/contacts', query: { email: EMAIL, limit: '1' } });
    expect(listed.requests[0]?.headers['X-Request-Note']).toBe('make');
    expect((listed.outputs[0] as Rec).body).toMatchObject({
      data: [expect.objectContaining({ email: EMAIL })],
    });
  });

  it('makeApiCall: a POST with a JSON body sends the JSON as it is (not encoded again as a string)', async () => {
    const [{ id: responseId }] = (await apiAll<NpsResponse>('/responses', 1)) as [NpsResponse];
    const text = '{"body": "Logged through Make an API Call.", "author_email": "cs@acme.example"}';
    const result = await run('makeApiCall', {
      url: `/responses/${responseId}/notes`,
      method: 'POST',
      body: text,
    });
    const request = result.requests[0];
    expect(request?.body).toBe(text);
    expect(request?.headers['Content-Type']).toBe('application/json');
    expect(seen(request)).toMatchObject({
      method: 'POST',
      path: `/responses/${responseId}/notes`,
      body: { body: 'Logged through Make an API Call.', author_email: 'cs@acme.example' },
    });
    expect(result.outputs[0]).toMatchObject({
      statusCode: 201,
      body: { response_id: responseId, body: 'Logged through Make an API Call.' },
    });
    const manifest = JSON.parse(readFileSync(join(MAKE_DIR, 'makecomapp.json'), 'utf8')) as {
      components: { module: Record<string, { description?: string }> };
    };
    expect(manifest.components.module.makeApiCall?.description).toBe(
      'Performs an arbitrary authorized API call.',
    );
  });
});
