import nock from 'nock';
import findContact from '../../searches/find_contact.js';
import { toContactRecord } from '../../records/contact.js';
import { API_KEY, BASE_URL } from '../helpers/app.js';
import {
  TRICKY_VALUE,
  contactFixture,
  contactListFixture,
  emptyListFixture,
  trickyContactFixture,
  trickyContactListFixture,
} from '../fixtures/actions.js';
import { runAsZapier } from '../helpers/zapier-run.js';
import { refusedBeforeAnyRequest } from '../creates/run.js';

describe('find_contact', () => {
  it('finds by email, trimmed and lower-cased, with GET /contacts?email=', async () => {
    const scope = nock(BASE_URL)
      .get('/contacts')
      .query({ email: 'maria.garcia@acme.com', limit: '1' })
      .matchHeader('authorization', `Bearer ${API_KEY}`)
      .reply(200, contactListFixture);
    const result = await runAsZapier<unknown[]>(findContact, {
      identity_key: 'email',
      identity_value: '  Maria.Garcia@ACME.com ',
    });
    expect(result).toEqual([toContactRecord(contactFixture)]);
    scope.done();
  });

  it('returns [] when nothing matches', async () => {
    const scope = nock(BASE_URL)
      .get('/contacts')
      .query({ customer_id: 'CUST-0000', limit: '1' })
      .reply(200, emptyListFixture);
    const result = await runAsZapier(findContact, {
      identity_key: 'customer_id',
      identity_value: 'CUST-0000',
    });
    expect(result).toEqual([]);
    scope.done();
  });

  it('sends an identity value with / ? # % .. and emoji intact in the query', async () => {
    const scope = nock(BASE_URL)
      .get('/contacts')
      .query((query) => query.customer_id === TRICKY_VALUE && query.limit === '1')
      .reply(200, trickyContactListFixture);
    const result = await runAsZapier<unknown[]>(findContact, {
      identity_key: 'customer_id',
      identity_value: TRICKY_VALUE,
    });
    expect(result).toEqual([toContactRecord(trickyContactFixture)]);
    scope.done();
  });

  it('finds by Pipedrive person id as an integer', async () => {
    const scope = nock(BASE_URL)
      .get('/contacts')
      .query({ pipedrive_person_id: '54321', limit: '1' })
      .reply(200, contactListFixture);
    await runAsZapier(findContact, {
      identity_key: 'pipedrive_person_id',
      identity_value: ' 54321 ',
    });
    scope.done();
  });

  it.each([
    [
      { identity_key: 'email', identity_value: '' },
      /Identity Value \(identity_value\) is required/,
    ],
    [
      { identity_key: 'email', identity_value: '   ' },
      /Identity Value \(identity_value\) is required/,
    ],
    [
      { identity_key: 'email', identity_value: 'not-an-email' },
      /Identity Value \(identity_value\) must be a valid email/,
    ],
    [
      { identity_key: 'pipedrive_person_id', identity_value: 'abc' },
      /Identity Value \(identity_value\) must be a whole number/,
    ],
    [
      { identity_key: 'phone', identity_value: '+34612345678' },
      /Identify Contact By \(identity_key\) must be one of/,
    ],
  ])('rejects %j before any request', async (inputData, message) => {
    const error = await refusedBeforeAnyRequest(findContact, inputData);
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });
});
