/**
 * The one HTTP path: headers on every request, and the error each API answer becomes.
 */
import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { createNote, deleteWebhook, getMe, getResponse, listResponses } from '../client/api.js';
import { apiPath, networkError } from '../client/request.js';
import { createServer, type Server, type AddressInfo } from 'node:net';
import { API_KEY, BASE_URL, appTester, authData, errorOf } from './helpers/app.js';
import { errorFixture, meFixture } from './fixtures/common.js';
import { sampleResponse } from '../records/response.js';
import { APP_VERSION } from '../client/version.js';

const run = <T>(fn: (z: ZObject) => Promise<T>) => appTester((z: ZObject) => fn(z), { authData });

/** The user-facing message of a Zapier error (AppError and ThrottledError wrap it in JSON). */
const messageOf = (error: Error): string => {
  try {
    const parsed = JSON.parse(error.message) as { message?: string };
    return parsed.message ?? error.message;
  } catch {
    return error.message;
  }
};

describe('beforeRequest', () => {
  it('sends the bearer key, Accept and a User-Agent with the app version', async () => {
    const scope = nock(BASE_URL, {
      reqheaders: {
        authorization: `Bearer ${API_KEY}`,
        accept: 'application/json',
        'user-agent': `NPS-Feedback-Zapier/${APP_VERSION}`,
      },
    })
      .get('/me')
      .reply(200, meFixture);
    await run(getMe);
    scope.done();
  });

  it('encodes every user value in a URL path and refuses dot segments', async () => {
    const id = 'a/b?c#d%e 😀';
    const scope = nock(BASE_URL)
      .get(`/responses/${encodeURIComponent(id)}`)
      .reply(200, sampleResponse);
    await run((z) => getResponse(z, id));
    scope.done();
    expect(() => apiPath`/responses/${'..'}`).toThrow(/cannot be used as an id/);
    expect(() => apiPath`/responses/${''}`).toThrow(/cannot be used as an id/);
  });

  it('sends values with core’s template syntax ({{…}}) intact, in the query and in the body', async () => {
    const scope = nock(BASE_URL)
      .get('/responses')
      .query({ customer_id: 'ACME-{{42}}', limit: '1' })
      .reply(200, { data: [], next_cursor: null })
      .post('/responses/rsp_1/notes', { body: 'Ask about {{bundle.inputData.plan}} & 50% off' })
      .reply(201, {
        id: 'note_2',
        response_id: 'rsp_1',
        body: 'Ask about {{bundle.inputData.plan}} & 50% off',
        author_email: null,
        created_at: '2026-11-20T10:00:00Z',
      });
    await run((z) => listResponses(z, { customer_id: 'ACME-{{42}}', limit: 1 }));
    await run((z) =>
      createNote(z, 'rsp_1', { body: 'Ask about {{bundle.inputData.plan}} & 50% off' }),
    );
    scope.done();
  });

  it('sends the Idempotency-Key header when given', async () => {
    const scope = nock(BASE_URL, { reqheaders: { 'idempotency-key': 'key-123' } })
      .post('/responses/rsp_1/notes', { body: 'Called back' })
      .reply(201, {
        id: 'note_1',
        response_id: 'rsp_1',
        body: 'Called back',
        author_email: null,
        created_at: '2026-11-20T10:00:00Z',
      });
    await run((z) => createNote(z, 'rsp_1', { body: 'Called back' }, 'key-123'));
    scope.done();
  });
});

describe('afterResponse error mapping', () => {
  it.each([400, 404, 409, 422])(
    '%i caused by the user’s data halts the zap with the API message and field',
    async (status) => {
      nock(BASE_URL)
        .get('/responses')
        .query(true)
        .reply(
          status,
          errorFixture('invalid_request', 'min_score must be 0-10.', { param: 'min_score' }),
        );
      const error = await errorOf(() => run((z) => listResponses(z, {})));
      expect(error.name).toBe('HaltedError');
      expect(error.message).toContain('min_score must be 0-10.');
      expect(error.message).toContain('(field: min_score)');
      expect(error.message).toContain('GET /responses');
    },
  );

  it.each([
    [422, 'HaltedError'],
    [401, 'ExpiredAuthError'],
    [500, 'AppError'],
  ])(
    'a %i error never carries the step’s inputs (a respondent’s comment)',
    async (status, name) => {
      const comment = 'Mi gerente nunca responde 😡 — privado';
      nock(BASE_URL).get('/me').reply(status, errorFixture('invalid_request', 'Not acceptable.'));
      const error = await errorOf(() =>
        appTester((z: ZObject) => getMe(z), { authData, inputData: { comment } }),
      );
      expect(error.name).toBe(name);
      expect(error.message).not.toContain(comment);
      expect(error.message).not.toMatch(/What happened/);
    },
  );

  it('401 asks to reconnect and never shows the key', async () => {
    nock(BASE_URL)
      .get('/me')
      .reply(401, errorFixture('authentication_failed', `Bad key ${API_KEY}`));
    const error = await errorOf(() => run(getMe));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/Reconnect/);
    expect(error.message).not.toContain(API_KEY);
  });

  it('403 names the missing scope', async () => {
    nock(BASE_URL)
      .get('/responses')
      .query(true)
      .reply(
        403,
        errorFixture('permission_denied', 'Missing scope.', { required_scope: 'responses:read' }),
      );
    const error = await errorOf(() => run((z) => listResponses(z, {})));
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toMatch(/lacks the "responses:read" scope/);
  });

  it('409 identity_conflict names the field, never the value the platform echoes (issue 10, item 12)', async () => {
    nock(BASE_URL)
      .put('/contacts')
      .query(true)
      .reply(
        409,
        errorFixture(
          'identity_conflict',
          'email "maria.garcia@acme.com" already belongs to another contact (con_2).',
          { param: 'email' },
        ),
      );
    const error = await errorOf(() =>
      run((z) => z.request({ url: '/contacts?match_on=customer_id', method: 'PUT', body: '{}' })),
    );
    expect(error.message).toMatch(
      /Another contact already has this email address \(field: email\)/,
    );
    expect(error.message).not.toMatch(/maria|acme/i);
  });

  it('409 identity_conflict is explained in a marketer’s words, naming the field', async () => {
    nock(BASE_URL)
      .get('/responses')
      .query(true)
      .reply(
        409,
        errorFixture('identity_conflict', 'hubspot_contact_id belongs to con_2.', {
          param: 'crm_ids.hubspot_contact_id',
        }),
      );
    const error = await errorOf(() => run((z) => listResponses(z, {})));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/Another contact already has this HubSpot contact ID/);
    expect(error.message).toContain('crm_ids.hubspot_contact_id');
  });

  it('409 idempotency_in_progress asks Zapier to retry shortly', async () => {
    nock(BASE_URL)
      .get('/responses')
      .query(true)
      .reply(409, errorFixture('idempotency_in_progress', 'Still running.'));
    const error = await errorOf(() => run((z) => listResponses(z, {})));
    expect(error.name).toBe('ThrottledError');
  });

  it.each([500, 502, 503])(
    '%i is a retryable error with the status, the endpoint and the API message',
    async (status) => {
      nock(BASE_URL)
        .get('/me')
        .reply(status, errorFixture('server_error', 'Database unavailable.'));
      const error = await errorOf(() => run(getMe));
      expect(error.name).toBe('AppError');
      const parsed = JSON.parse(error.message) as { message: string; status: number; code: string };
      expect(parsed.status).toBe(status);
      expect(parsed.code).toBe('server_error');
      expect(parsed.message).toContain(`HTTP ${status}`);
      expect(parsed.message).toContain('GET /me');
      expect(parsed.message).toContain('Database unavailable.');
    },
  );

  it('a 5xx without a JSON body still names the status and endpoint', async () => {
    nock(BASE_URL).get('/me').reply(502, '<html>Bad gateway</html>');
    const error = await errorOf(() => run(getMe));
    expect(messageOf(error)).toMatch(/HTTP 502.*GET \/me/);
  });

  it('429 is core’s ThrottledError with the Retry-After delay', async () => {
    nock(BASE_URL)
      .get('/me')
      .reply(429, errorFixture('rate_limited', 'Slow down.'), { 'Retry-After': '17' });
    const error = await errorOf(() => run(getMe));
    expect(error.name).toBe('ThrottledError');
    expect(JSON.parse(error.message)).toMatchObject({ delay: 17 });
  });

  it('a non-JSON success body is a clear error naming the endpoint', async () => {
    nock(BASE_URL).get('/me').reply(200, 'this is not json');
    const error = await errorOf(() => run(getMe));
    expect(messageOf(error)).toMatch(/response to GET \/me that is not JSON/);
  });

  it('a body that breaks the contract is a clear error naming the endpoint and field', async () => {
    // A list item that breaks the contract is skipped with a warning (issue 10, item 4); a
    // broken page envelope still fails the call.
    nock(BASE_URL)
      .get('/responses')
      .query(true)
      .reply(200, { data: [sampleResponse], next_cursor: 42 });
    const error = await errorOf(() => run((z) => listResponses(z, {})));
    const message = messageOf(error);
    expect(message).toMatch(/GET \/responses that does not match its API contract/);
    expect(message).toContain('next_cursor');
  });

  it('extra fields the API adds later are kept, not rejected', async () => {
    nock(BASE_URL)
      .get('/me')
      .reply(200, { ...meFixture, plan: 'enterprise' });
    const me = await run(getMe);
    expect(me).toMatchObject({ plan: 'enterprise' });
  });

  describe('network failures (a real socket on loopback)', () => {
    let server: Server;
    let port = 0;
    const saved = process.env.NPS_API_BASE_URL;
    beforeAll(async () => {
      nock.enableNetConnect('127.0.0.1');
      server = createServer((socket) => socket.resetAndDestroy());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      nock.disableNetConnect();
      process.env.NPS_API_BASE_URL = saved;
      await new Promise((resolve) => server.close(resolve));
    });

    it('a reset connection is a retryable error naming the endpoint', async () => {
      process.env.NPS_API_BASE_URL = `http://127.0.0.1:${port}/v1`;
      const error = await errorOf(() => run(getMe));
      expect(error.name).toBe('AppError');
      expect(messageOf(error)).toMatch(/Could not complete GET \/me with the NPS platform/);
      expect(messageOf(error)).toMatch(/safe to retry/);
    });

    it('a refused connection is a retryable error naming the endpoint', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      process.env.NPS_API_BASE_URL = `http://127.0.0.1:${closedPort}/v1`;
      const error = await errorOf(() => run(getMe));
      expect(messageOf(error)).toMatch(/GET \/me.*the connection was refused/);
    });
  });

  it('networkError words each failure and never echoes data', () => {
    const z = { errors: { Error: class extends Error {} } } as unknown as ZObject;
    expect(networkError(z, 'GET /me', { code: 'ECONNRESET' }).message).toMatch(/reset/);
    expect(networkError(z, 'GET /me', { type: 'request-timeout' }).message).toMatch(
      /no answer within 20 s/,
    );
    expect(networkError(z, 'GET /me', { code: 'EWHATEVER' }).message).toMatch(/\(EWHATEVER\)/);
  });

  it('a call can handle a status itself: 404 on a search by id is no result', async () => {
    nock(BASE_URL)
      .get('/responses/rsp_nope')
      .reply(404, errorFixture('not_found', 'No such response.'));
    await expect(run((z) => getResponse(z, 'rsp_nope'))).resolves.toBeNull();
  });

  it('an unsubscribe of a webhook that is already gone succeeds', async () => {
    nock(BASE_URL)
      .delete('/webhooks/wh_gone')
      .reply(404, errorFixture('not_found', 'No such webhook.'));
    await expect(run((z) => deleteWebhook(z, 'wh_gone'))).resolves.toEqual({ deleted: false });
  });
});

// ---------------------------------------------------------------- issue 10, item 11

describe('where the API key may go', () => {
  const saved = process.env.NPS_API_BASE_URL;
  afterEach(() => {
    process.env.NPS_API_BASE_URL = saved;
  });

  it.each([
    'http://api.nps-feedback.example/v1',
    'http://10.0.0.5:8080/v1',
    'ftp://api.nps-feedback.example/v1',
    'not a url',
  ])('refuses NPS_API_BASE_URL=%s before any request, naming the variable', async (url) => {
    process.env.NPS_API_BASE_URL = url;
    const trap = nock(/.*/).get(/.*/).reply(200, meFixture);
    const error = await errorOf(() => run(getMe));
    expect(messageOf(error)).toMatch(/NPS_API_BASE_URL/);
    expect(messageOf(error)).toMatch(/https/);
    expect(messageOf(error)).not.toContain(API_KEY);
    expect(trap.isDone()).toBe(false);
    nock.cleanAll();
  });

  it.each([
    'https://api.staging.nps-feedback.example/v1',
    'http://127.0.0.1:4010/v1',
    'http://127.8.9.10/v1',
    'http://localhost:4010/v1',
    'http://[::1]:4010/v1',
  ])('accepts NPS_API_BASE_URL=%s', async (url) => {
    process.env.NPS_API_BASE_URL = url;
    const scope = nock(url.replace(/\/v1$/, ''), {
      reqheaders: { authorization: `Bearer ${API_KEY}` },
    })
      .get('/v1/me')
      .reply(200, meFixture);
    await run(getMe);
    scope.done();
  });

  it('never sends the API key to an absolute URL outside the base URL', async () => {
    const elsewhere = nock('https://files.example.com', { badheaders: ['authorization'] })
      .get('/export.csv')
      .reply(200, 'ok');
    const sibling = nock('https://api.test.nps-feedback.example', {
      badheaders: ['authorization'],
    })
      .get('/v1-other/me')
      .reply(200, meFixture);
    await run((z) =>
      z.request({ url: 'https://files.example.com/export.csv', skipThrowForStatus: true }),
    );
    await run((z) =>
      z.request({
        url: 'https://api.test.nps-feedback.example/v1-other/me',
        headers: { Authorization: `Bearer ${API_KEY}` },
      }),
    );
    elsewhere.done();
    sibling.done();
  });

  it('sends the API key to an absolute URL under the base URL', async () => {
    const scope = nock(BASE_URL, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .get('/me')
      .reply(200, meFixture);
    await run((z) => z.request({ url: `${BASE_URL}/me` }));
    scope.done();
  });
});
