import nock from 'nock';
import upsertContact from '../../creates/upsert_contact.js';
import { toContactRecord } from '../../records/contact.js';
import { BASE_URL, errorOf } from '../helpers/app.js';
import {
  TRICKY_VALUE,
  contactFixture,
  identityConflictFixture,
  trickyContactFixture,
} from '../fixtures/actions.js';
import { runAsZapier, type ZapierInput } from '../helpers/zapier-run.js';
import { refusedBeforeAnyRequest, serveContactProperties } from './run.js';

beforeEach(() => {
  serveContactProperties();
});

describe('upsert_contact', () => {
  it('PUTs /contacts?match_on=email with the value in the body; empty inputs are not sent; 200 → created false', async () => {
    const scope = nock(BASE_URL)
      .put('/contacts', {
        email: 'maria.garcia@acme.com',
        name: 'María García',
        phone: '+34612345678',
        crm_ids: { hubspot_contact_id: '51' },
        properties: { plan: 'enterprise', seats: '40' },
      })
      .query({ match_on: 'email' })
      .matchHeader('content-type', 'application/json')
      .reply(200, contactFixture);
    const result = await runAsZapier(upsertContact, {
      identity_key: 'email',
      identity_value: ' Maria.Garcia@Acme.com ',
      name: 'María García',
      company: '',
      customer_id: '   ',
      phone: '+34 612 34 56 78',
      hubspot_contact_id: '51',
      properties: { plan: 'enterprise', seats: '40', region: '' },
    });
    expect(result).toEqual({ ...toContactRecord(contactFixture), created: false });
    scope.done();
  });

  it('puts a CRM id under crm_ids and reports created from 201', async () => {
    const scope = nock(BASE_URL)
      .put('/contacts', { crm_ids: { pipedrive_person_id: 54321 }, company: 'Acme Iberia' })
      .query({ match_on: 'pipedrive_person_id' })
      .reply(201, contactFixture);
    const result = await runAsZapier(upsertContact, {
      identity_key: 'pipedrive_person_id',
      identity_value: '54321',
      company: 'Acme Iberia',
    });
    expect(result).toMatchObject({ id: 'con_7Hq1', created: true });
    scope.done();
  });

  it('sends an identity value with / ? # % .. and emoji intact in the body', async () => {
    const scope = nock(BASE_URL)
      .put('/contacts', { customer_id: TRICKY_VALUE })
      .query({ match_on: 'customer_id' })
      .reply(201, trickyContactFixture);
    const result = await runAsZapier(upsertContact, {
      identity_key: 'customer_id',
      identity_value: TRICKY_VALUE,
    });
    expect(result).toMatchObject({ customer_id: TRICKY_VALUE, created: true });
    scope.done();
  });

  it('explains a 409 identity_conflict in plain words naming the field', async () => {
    const scope = nock(BASE_URL)
      .put('/contacts')
      .query({ match_on: 'email' })
      .reply(409, identityConflictFixture);
    const error = await errorOf(() =>
      runAsZapier(upsertContact, {
        identity_key: 'email',
        identity_value: 'maria.garcia@acme.com',
        hubspot_contact_id: '51',
      }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/Another contact already has this HubSpot contact ID/);
    expect(error.message).toMatch(/crm_ids\.hubspot_contact_id/);
    scope.done();
  });

  it.each<[ZapierInput, RegExp]>([
    [
      { identity_key: 'email', identity_value: '' },
      /Identity Value \(identity_value\) is required/,
    ],
    [
      { identity_key: 'email', identity_value: 'a@b.co', phone: '612345678' },
      /Contact Phone \(phone\) must be in international E\.164/,
    ],
    [
      { identity_key: 'email', identity_value: 'a@b.co', email: 'nope@' },
      /Contact Email \(email\) must be a valid email/,
    ],
    [
      { identity_key: 'email', identity_value: 'a@b.co', properties: { 'Plan Name': 'x' } },
      /Contact Properties \(properties\) has an invalid key "Plan Name"/,
    ],
    [
      { identity_key: 'email', identity_value: 'a@b.co', email: 'c@d.co' },
      /Contact Email \(email\) is different from the Identity Value/,
    ],
    [
      { identity_key: 'crm', identity_value: 'x' },
      /Identify Contact By \(identity_key\) must be one of/,
    ],
    [
      { identity_key: 'email', identity_value: 'a@b.co', pipedrive_person_id: '12.5' },
      /Pipedrive Person ID \(pipedrive_person_id\) must be a whole number/,
    ],
  ])('rejects %j before any request', async (input, message) => {
    const error = await refusedBeforeAnyRequest(upsertContact, input);
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });
});
