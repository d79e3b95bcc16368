import nock from 'nock';
import { API_KEY, BASE_URL, appTester, authData, errorOf } from './helpers/app.js';
import authentication from '../authentication.js';
import type { Bundle } from 'zapier-platform-core';

const me = {
  workspace: { id: 'ws_8Kd2', name: 'Acme Inc.', region: 'us' },
  key: { id: 'key_1', name: 'Zapier', mode: 'live', scopes: ['responses:read'] },
};

describe('authentication', () => {
  it('tests the connection with GET /me and labels it "<workspace> (<mode>)"', async () => {
    const scope = nock(BASE_URL)
      .get('/me')
      .matchHeader('authorization', `Bearer ${API_KEY}`)
      .matchHeader('accept', 'application/json')
      .matchHeader('user-agent', /^NPS-Feedback-Zapier\/\d+\.\d+\.\d+/)
      .reply(200, me);
    const result = await appTester(authentication.test, { authData });
    expect(result).toMatchObject(me);
    scope.done();
    const label = await appTester(authentication.connectionLabel, {
      authData,
      inputData: result as Bundle['inputData'],
    });
    expect(label).toBe('Acme Inc. (live)');
  });

  it('asks to reconnect on a bad key (401) and never shows the key', async () => {
    nock(BASE_URL)
      .get('/me')
      .reply(401, { error: { type: 'authentication_failed', message: `Unknown key ${API_KEY}` } });
    const error = await errorOf(() => appTester(authentication.test, { authData }));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/Reconnect your NPS Feedback account/);
    expect(error.message).toMatch(/API key/);
    expect(error.message).not.toContain(API_KEY);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
    expect(String(error.stack)).not.toContain(API_KEY);
  });

  it('tells the user to pick the other region on wrong_region', async () => {
    nock(BASE_URL)
      .get('/me')
      .reply(401, {
        error: { type: 'wrong_region', message: 'This key belongs to the EU region.' },
      });
    const error = await errorOf(() => appTester(authentication.test, { authData }));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/belongs to the EU region/);
    expect(error.message).toMatch(/pick the EU region/);
  });
});

describe('region and base URL', () => {
  const saved = process.env.NPS_API_BASE_URL;
  afterEach(() => {
    process.env.NPS_API_BASE_URL = saved;
  });

  it.each([
    ['us', 'https://api.nps-feedback.example'],
    ['eu', 'https://api.eu.nps-feedback.example'],
  ])('region %s calls %s/v1 when NPS_API_BASE_URL is not set', async (region, host) => {
    delete process.env.NPS_API_BASE_URL;
    const scope = nock(host).get('/v1/me').reply(200, me);
    await appTester(authentication.test, { authData: { ...authData, region } });
    scope.done();
  });

  it('NPS_API_BASE_URL overrides the region (trailing slash tolerated)', async () => {
    process.env.NPS_API_BASE_URL = 'http://127.0.0.1:4999/v1/';
    const scope = nock('http://127.0.0.1:4999').get('/v1/me').reply(200, me);
    await appTester(authentication.test, { authData: { ...authData, region: 'eu' } });
    scope.done();
  });
});
