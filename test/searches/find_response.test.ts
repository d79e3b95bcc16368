import nock from 'nock';
import findResponse from '../../searches/find_response.js';
import { toResponseRecord } from '../../records/response.js';
import { BASE_URL } from '../helpers/app.js';
import {
  TRICKY_VALUE,
  contactListFixture,
  emptyListFixture,
  notFoundFixture,
  responseFixture,
  responseListFixture,
} from '../fixtures/actions.js';
import { runAsZapier } from '../helpers/zapier-run.js';
import { refusedBeforeAnyRequest } from '../creates/run.js';

describe('find_response', () => {
  it('finds by response id with GET /responses/{id}, labels in the chosen language', async () => {
    const scope = nock(BASE_URL).get('/responses/rsp_2b9x').reply(200, responseFixture);
    const result = await runAsZapier<Array<Record<string, unknown>>>(findResponse, {
      response_id: 'rsp_2b9x',
      label_language: 'es',
    });
    expect(result).toEqual([toResponseRecord(responseFixture, 'es')]);
    expect(result[0]?.segment_label).toBe('Detractor');
    expect(result[0]?.id).toBe('rsp_2b9x');
    scope.done();
  });

  it('returns [] for an unknown response id (404 is no result)', async () => {
    const scope = nock(BASE_URL).get('/responses/rsp_nope').reply(404, notFoundFixture);
    expect(await runAsZapier(findResponse, { response_id: 'rsp_nope' })).toEqual([]);
    scope.done();
  });

  it('returns [] when the response belongs to another survey than the one asked for', async () => {
    const scope = nock(BASE_URL).get('/responses/rsp_2b9x').reply(200, responseFixture);
    expect(
      await runAsZapier(findResponse, { response_id: 'rsp_2b9x', survey_id: 'srv_other' }),
    ).toEqual([]);
    scope.done();
  });

  it('a latest response that breaks the contract is an error, never "no response"', async () => {
    const broken = { ...responseFixture, score: 'nine' };
    nock(BASE_URL)
      .get('/responses')
      .query({ email: 'maria.garcia@acme.com', limit: '1' })
      .reply(200, { data: [broken], next_cursor: null });
    await expect(
      runAsZapier(findResponse, { identity_key: 'email', identity_value: 'maria.garcia@acme.com' }),
    ).rejects.toThrow(/GET \/responses that does not match its API contract/);
  });

  it('finds the latest response by email (newest first, limit 1), per survey', async () => {
    const scope = nock(BASE_URL)
      .get('/responses')
      .query({ email: 'maria.garcia@acme.com', survey_id: 'srv_q3nps', limit: '1' })
      .reply(200, responseListFixture);
    const result = await runAsZapier(findResponse, {
      identity_key: 'email',
      identity_value: ' Maria.Garcia@acme.com',
      survey_id: 'srv_q3nps',
    });
    expect(result).toEqual([toResponseRecord(responseFixture, 'en')]);
    scope.done();
  });

  it('sends a customer id with / ? # % .. and emoji intact', async () => {
    const scope = nock(BASE_URL)
      .get('/responses')
      .query((query) => query.customer_id === TRICKY_VALUE && query.limit === '1')
      .reply(200, emptyListFixture);
    expect(
      await runAsZapier(findResponse, {
        identity_key: 'customer_id',
        identity_value: TRICKY_VALUE,
      }),
    ).toEqual([]);
    scope.done();
  });

  it('for a CRM id finds the contact first, then its latest response by contact_id', async () => {
    const scope = nock(BASE_URL)
      .get('/contacts')
      .query({ hubspot_contact_id: '51', limit: '1' })
      .reply(200, contactListFixture)
      .get('/responses')
      .query({ contact_id: 'con_7Hq1', limit: '1' })
      .reply(200, responseListFixture);
    const result = await runAsZapier(findResponse, {
      identity_key: 'hubspot_contact_id',
      identity_value: '51',
    });
    expect(result).toEqual([toResponseRecord(responseFixture, 'en')]);
    scope.done();
  });

  it('for a CRM id with no contact returns [] without listing responses', async () => {
    const scope = nock(BASE_URL)
      .get('/contacts')
      .query({ salesforce_contact_id: '003XYZ', limit: '1' })
      .reply(200, emptyListFixture);
    expect(
      await runAsZapier(findResponse, {
        identity_key: 'salesforce_contact_id',
        identity_value: '003XYZ',
      }),
    ).toEqual([]);
    scope.done();
  });

  it.each([
    [{}, /Response ID \(response_id\) or Identity Value \(identity_value\) is needed/],
    [
      { identity_key: 'email', identity_value: 'nope' },
      /Identity Value \(identity_value\) must be a valid email/,
    ],
    [
      { response_id: 'rsp_1', label_language: 'xx' },
      /Segment Label Language \(label_language\) must be one of/,
    ],
    [{ response_id: '..' }, /Response ID \(response_id\) is not a valid ID/],
  ])('rejects %j before any request', async (inputData, message) => {
    const error = await refusedBeforeAnyRequest(findResponse, inputData);
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });
});
