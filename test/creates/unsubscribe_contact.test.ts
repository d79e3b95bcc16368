import nock from 'nock';
import unsubscribeContact from '../../creates/unsubscribe_contact.js';
import { toContactRecord } from '../../records/contact.js';
import { BASE_URL, errorOf } from '../helpers/app.js';
import {
  TRICKY_VALUE,
  contactListFixture,
  emptyListFixture,
  trickyContactListFixture,
  unsubscribedContactFixture,
} from '../fixtures/actions.js';
import { runAsZapier, type ZapierInput } from '../helpers/zapier-run.js';
import { refusedBeforeAnyRequest } from './run.js';

describe('unsubscribe_contact', () => {
  it('finds the contact by email, then POSTs /contacts/{id}/unsubscribe', async () => {
    const scope = nock(BASE_URL)
      .get('/contacts')
      .query({ email: 'maria.garcia@acme.com', limit: '1' })
      .reply(200, contactListFixture)
      .post('/contacts/con_7Hq1/unsubscribe')
      .reply(200, unsubscribedContactFixture);
    const result = await runAsZapier(unsubscribeContact, {
      identity_key: 'email',
      identity_value: 'MARIA.GARCIA@acme.com',
    });
    expect(result).toEqual(toContactRecord(unsubscribedContactFixture));
    expect(result.unsubscribed).toBe(true);
    scope.done();
  });

  it('finds by a customer id with / ? # % .. and emoji, sent intact in the query', async () => {
    const scope = nock(BASE_URL)
      .get('/contacts')
      .query((query) => query.customer_id === TRICKY_VALUE)
      .reply(200, trickyContactListFixture)
      .post('/contacts/con_Tr1k/unsubscribe')
      .reply(200, unsubscribedContactFixture);
    await runAsZapier(unsubscribeContact, {
      identity_key: 'customer_id',
      identity_value: TRICKY_VALUE,
    });
    scope.done();
  });

  it('halts naming the key and value when no contact has them, and unsubscribes nobody', async () => {
    const scope = nock(BASE_URL)
      .get('/contacts')
      .query({ hubspot_contact_id: '9999', limit: '1' })
      .reply(200, emptyListFixture);
    const trap = nock(BASE_URL)
      .post(/unsubscribe/)
      .reply(200, unsubscribedContactFixture);
    const error = await errorOf(() =>
      runAsZapier(unsubscribeContact, {
        identity_key: 'hubspot_contact_id',
        identity_value: '9999',
      }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(
      /No contact found with this HubSpot Contact ID \(hubspot_contact_id\)/,
    );
    expect(error.message).not.toContain('9999');
    scope.done();
    expect(trap.isDone()).toBe(false);
  });

  it('names the identity key that was not found, never its value (issue 10, item 12)', async () => {
    nock(BASE_URL).get('/contacts').query(true).reply(200, emptyListFixture);
    const error = await errorOf(() =>
      runAsZapier(unsubscribeContact, {
        identity_key: 'email',
        identity_value: 'maria.garcia@acme.com',
      }),
    );
    expect(error.message).toMatch(/No contact found with this Email \(email\)/);
    expect(error.message).not.toMatch(/maria|acme/i);
  });

  it.each<[ZapierInput, RegExp]>([
    [
      { identity_key: 'email', identity_value: '' },
      /Identity Value \(identity_value\) is required/,
    ],
    [
      { identity_key: 'email', identity_value: 'x@' },
      /Identity Value \(identity_value\) must be a valid email/,
    ],
    [
      { identity_key: 'nickname', identity_value: 'x' },
      /Identify Contact By \(identity_key\) must be one of/,
    ],
  ])('rejects %j before any request', async (input, message) => {
    const error = await refusedBeforeAnyRequest(unsubscribeContact, input);
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });
});
