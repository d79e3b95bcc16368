/**
 * Issue 18, item 6: Survey Not Delivered (`invitation_failed`, REST hook on invitation.failed):
 * subscribe body, the record exactly as shared/app-surface.md fixes it, the survey filter on
 * delivery and in performList (GET /events?type=invitation.failed), signatures and repeats
 * through the same lib/hooks.ts path as the other event triggers.
 */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import type { InvitationFailedEvent } from '../../client/schemas.js';
import { sampleContact } from '../../records/contact.js';
import { failureReasonLabel, sampleInvitationFailedEvent } from '../../records/invitation.js';
import invitationFailed from '../../triggers/invitation_failed.js';
import { OTHER_SECRET, TARGET_URL, eventsPage, webhookFixture } from '../fixtures/triggers.js';
import { BASE_URL, appTester, authData, errorOf } from '../helpers/app.js';
import { deliverTo, listFrom, operationOf, useSeams, type DeliveryOptions } from './helpers.js';

const operation = operationOf(invitationFailed);

const failed = (
  id: string,
  changes: Partial<InvitationFailedEvent['data']['invitation']> = {},
  contact = sampleContact,
): InvitationFailedEvent => ({
  ...sampleInvitationFailedEvent,
  id: `evt_${id}`,
  data: {
    invitation: { ...sampleInvitationFailedEvent.data.invitation, id, ...changes },
    contact,
  },
});

const deliver = async (
  event: unknown,
  inputData: Record<string, unknown> = {},
  options: DeliveryOptions = {},
) => deliverTo(operation, inputData, event as { id: string }, options);

useSeams();

describe('invitation_failed (Survey Not Delivered)', () => {
  it.each([
    [{}, undefined],
    [{ survey_id: 'srv_q3nps' }, { survey_id: 'srv_q3nps' }],
  ])('inputs %j subscribe to invitation.failed with filters %j', async (inputData, filters) => {
    let body: unknown;
    nock(BASE_URL)
      .post('/webhooks', (b: unknown) => {
        body = b;
        return true;
      })
      .reply(201, webhookFixture(['invitation.failed'], filters ?? {}));
    await appTester(operation.performSubscribe, {
      authData,
      inputData,
      targetUrl: TARGET_URL,
    } as Partial<Bundle>);
    expect(body).toEqual({
      url: TARGET_URL,
      events: ['invitation.failed'],
      description: 'Zapier: Survey Not Delivered',
      ...(filters ? { filters } : {}),
    });
  });

  it('outputs the invitation, why it failed in words, and the contact as on response records', async () => {
    const [item] = await deliver(sampleInvitationFailedEvent);
    expect(item).toEqual({
      id: 'inv_5t2',
      invitation_id: 'inv_5t2',
      survey_id: 'srv_q3nps',
      channel: 'email',
      status: 'failed',
      failure_reason: 'bounced',
      failure_reason_label: 'Email bounced',
      failed_at: '2026-11-23T09:00:03Z',
      send_at: '2026-11-23T09:00:00Z',
      test: false,
      contact_id: 'con_7Hq1',
      email: 'maria.garcia@acme.com',
      phone: '+34612345678',
      customer_id: 'CUST-1042',
      account_number: 'AC-99812',
      contact_name: 'María García',
      company: 'Acme Iberia',
      salesforce_contact_id: '003A1b2C3D4E5F6',
      hubspot_contact_id: '51',
      pipedrive_person_id: 54321,
      identity_key: 'email',
      identity_value: 'maria.garcia@acme.com',
    });
    // exactly the declared output fields, and the sample has the same keys
    const declared = (operation.outputFields ?? []).map((f) => f.key).sort();
    expect(Object.keys(item ?? {}).sort()).toEqual(declared);
    expect(Object.keys(operation.sample ?? {}).sort()).toEqual(declared);
  });

  it.each([
    ['bounced', 'Email bounced'],
    ['invalid_address', 'Invalid address'],
    ['unreachable', 'Phone unreachable'],
    ['mailbox_full', 'mailbox_full'],
  ])('failure reason %s reads "%s"', async (reason, label) => {
    expect(failureReasonLabel(reason)).toBe(label);
    const [item] = await deliver(failed(`inv_${reason}`, { failure_reason: reason }));
    expect(item?.failure_reason_label).toBe(label);
  });

  it('a test-mode invitation says so; a contact without email identifies by customer ID', async () => {
    const contact = { ...sampleContact, email: null, phone: '+34600100000' };
    const [item] = await deliver(
      failed('inv_sms', { channel: 'sms', failure_reason: 'unreachable', test: true }, contact),
    );
    expect(item).toMatchObject({
      test: true,
      channel: 'sms',
      phone: '+34600100000',
      identity_key: 'customer_id',
      identity_value: 'CUST-1042',
    });
  });

  it('applies the survey filter again on delivery', async () => {
    const other = failed('inv_other', { survey_id: 'srv_onb' });
    expect(await deliver(other, { survey_id: 'srv_q3nps' })).toEqual([]);
    expect(await deliver(failed('inv_mine'), { survey_id: 'srv_q3nps' })).toHaveLength(1);
  });

  it('drops a repeated delivery and refuses a bad signature, like every event trigger', async () => {
    const event = failed('inv_once');
    expect(await deliver(event)).toHaveLength(1);
    expect(await deliver(event)).toEqual([]);
    const error = await errorOf(() => deliver(failed('inv_forged'), {}, { secret: OTHER_SECRET }));
    expect(error.message).toMatch(/signature/i);
  });

  it('ignores other event types delivered to it', async () => {
    const other = { ...sampleInvitationFailedEvent, id: 'evt_x', type: 'contact.unsubscribed' };
    await expect(deliver({ ...other, data: { contact: sampleContact } })).resolves.toEqual([]);
  });

  it('performList lists GET /events?type=invitation.failed with the survey filter, as the hook outputs', async () => {
    const mine = failed('inv_a');
    const other = failed('inv_b', { survey_id: 'srv_onb' });
    const scope = nock(BASE_URL)
      .get('/events')
      .query({ type: 'invitation.failed', limit: '100' })
      .reply(200, eventsPage([mine, other]));
    const items = await listFrom(operation, { survey_id: 'srv_q3nps' }, { page: 0 });
    scope.done();
    expect(items.map((i) => i.id)).toEqual(['inv_a']);
    const [hooked] = await deliver(mine, { survey_id: 'srv_q3nps' });
    expect(items[0]).toEqual(hooked);
  });
});
