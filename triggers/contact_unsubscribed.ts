/**
 * Contact Unsubscribed (instant, `contact.unsubscribed`): a contact opted out of NPS surveys.
 * The item id is the event id, so each opt-out is its own item (a contact can opt out, back in
 * and out again); the contact's id is `contact_id`.
 */
import { defineTrigger } from 'zapier-platform-core';
import type { NpsEvent } from '../client/schemas.js';
import { KEYS } from '../fields/keys.js';
import { eventHook, hookOperation } from '../lib/hooks.js';
import {
  toUnsubscribedRecord,
  unsubscribedOutputFields,
  unsubscribedSample,
} from '../records/events.js';

const EVENT = 'contact.unsubscribed';

const hook = eventHook({
  event: EVENT,
  description: 'Zapier: Contact Unsubscribed',
  // No inputs: every opt-out is an item.
  readFilters: () => ({}),
  // The contract: for contact.unsubscribed, response filters never match, so none are sent.
  subscription: () => ({}),
  toItems: (_filters, event: NpsEvent) =>
    event.type === EVENT ? [toUnsubscribedRecord(event)] : [],
});

export default defineTrigger({
  key: KEYS.triggers.contactUnsubscribed,
  noun: 'Contact',
  display: {
    label: 'Contact Unsubscribed',
    description:
      'Triggers when a contact opts out of NPS surveys, so you can mirror the opt-out in your CRM or email tool.',
  },
  operation: {
    ...hookOperation(hook),
    sample: { ...unsubscribedSample },
    outputFields: unsubscribedOutputFields,
  },
});
