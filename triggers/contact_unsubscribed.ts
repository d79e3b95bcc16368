/**
 * Contact Unsubscribed (instant, `contact.unsubscribed`): a contact opted out of NPS surveys.
 * The item id is the event id, so each opt-out is its own item (a contact can opt out, back in
 * and out again); the contact's id is `contact_id`.
 */
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import type { NpsEvent } from '../client/schemas.js';
import { KEYS } from '../fields/keys.js';
import { eventList, receive, subscribe, hookOperation } from '../lib/hooks.js';
import {
  toUnsubscribedRecord,
  unsubscribedOutputFields,
  unsubscribedSample,
} from '../records/events.js';

const EVENT = 'contact.unsubscribed';

const toItems = (event: NpsEvent) => (event.type === EVENT ? [toUnsubscribedRecord(event)] : []);

// The contract: for contact.unsubscribed, response filters never match, so none are sent.
const performSubscribe = async (z: ZObject, bundle: Bundle) =>
  subscribe(z, bundle, [EVENT], {}, 'Zapier: Contact Unsubscribed');

const perform = async (z: ZObject, bundle: Bundle) => receive(z, bundle, [EVENT], toItems);

const performList = async (z: ZObject, bundle: Bundle) => eventList(z, bundle, EVENT, toItems);

export default defineTrigger({
  key: KEYS.triggers.contactUnsubscribed,
  noun: 'Contact',
  display: {
    label: 'Contact Unsubscribed',
    description:
      'Triggers when a contact opts out of NPS surveys, so you can mirror the opt-out in your CRM or email tool.',
  },
  operation: {
    ...hookOperation({ performSubscribe, perform, performList }),
    sample: { ...unsubscribedSample },
    outputFields: unsubscribedOutputFields,
  },
});
