/**
 * Records of the event triggers, built on the shared records so every trigger outputs the same
 * fields for the same response or contact:
 *
 * - segment_changed: the response record (id = event id) + the segment change.
 * - response_updated: the response record (id = `<response id>:<updated_at>`, so each update is
 *   its own item) + what changed.
 * - contact_unsubscribed: the contact record with id = event id (each opt-out is its own item,
 *   also for a contact who opts out, back in and out again) and the contact's id in `contact_id`.
 */
import type {
  ContactUnsubscribedEvent,
  ResponseEvent,
  Segment,
  SegmentChangedEvent,
} from '../client/schemas.js';
import { SEGMENT_RANK, segmentLabel } from '../lib/crm.js';
import type { CrmThemeOptions, LabelLanguage } from '../lib/crm.js';
import { contactOutputFieldsWithProperties, sampleContact, toContactRecord } from './contact.js';
import type { ContactRecord } from './contact.js';
import { responseOutputFields, sampleResponse, toResponseRecord } from './response.js';
import type { ResponseRecord } from './response.js';

// ---------------------------------------------------------------- segment_changed

export interface SegmentChangedRecord extends ResponseRecord {
  previous_segment_label: string;
  /** `passive → promoter` */
  segment_change: string;
  direction: 'improved' | 'declined';
}

export const segmentDirection = (from: Segment, to: Segment): 'improved' | 'declined' =>
  SEGMENT_RANK[to] > SEGMENT_RANK[from] ? 'improved' : 'declined';

export const toSegmentChangedRecord = (
  event: SegmentChangedEvent,
  language: LabelLanguage = 'en',
  crmThemes?: CrmThemeOptions,
): SegmentChangedRecord => {
  const { previous_segment: from, segment: to, response } = event.data;
  return {
    ...toResponseRecord(response, language, event.id, crmThemes),
    previous_segment: from,
    previous_segment_label: segmentLabel(from, language),
    segment_change: `${from} → ${to}`,
    direction: segmentDirection(from, to),
  };
};

export const segmentChangedOutputFields = [
  ...responseOutputFields('Event ID'),
  {
    key: 'previous_segment_label',
    label: 'Previous Segment Label (Translated)',
    type: 'string' as const,
  },
  { key: 'segment_change', label: 'Segment Change', type: 'string' as const },
  { key: 'direction', label: 'Direction', type: 'string' as const },
];

// ---------------------------------------------------------------- response_updated

export interface ResponseUpdatedRecord extends ResponseRecord {
  /** The fields that changed: keys of `previous_attributes` (tags, themes, follow_up). */
  changed: string[];
  previous_follow_up_status: string;
}

export const responseUpdateId = (response: { id: string; updated_at: string }): string =>
  `${response.id}:${response.updated_at}`;

export const toResponseUpdatedRecord = (
  event: ResponseEvent,
  language: LabelLanguage = 'en',
  crmThemes?: CrmThemeOptions,
): ResponseUpdatedRecord => {
  const { response, previous_attributes: previous = {} } = event.data;
  return {
    ...toResponseRecord(response, language, responseUpdateId(response), crmThemes),
    changed: Object.keys(previous),
    // Unchanged status: the previous one is the current one.
    previous_follow_up_status: previous.follow_up?.status ?? response.follow_up.status,
  };
};

export const responseUpdatedOutputFields = [
  ...responseOutputFields('Update ID'),
  { key: 'changed', label: 'Changed Fields', type: 'string' as const, list: true },
  { key: 'previous_follow_up_status', label: 'Previous Follow-up Status', type: 'string' as const },
];

// ---------------------------------------------------------------- contact_unsubscribed

export interface UnsubscribedRecord extends ContactRecord {
  contact_id: string;
  unsubscribed_at: string;
}

export const toUnsubscribedRecord = (event: ContactUnsubscribedEvent): UnsubscribedRecord => ({
  ...toContactRecord(event.data.contact),
  id: event.id,
  contact_id: event.data.contact.id,
  unsubscribed_at: event.created_at,
});

export const unsubscribedOutputFields = [
  { key: 'id', label: 'Event ID', type: 'string' as const },
  { key: 'contact_id', label: 'Contact ID', type: 'string' as const },
  { key: 'unsubscribed_at', label: 'Unsubscribed At', type: 'datetime' as const },
  ...contactOutputFieldsWithProperties().filter(
    (field) => typeof field === 'function' || field.key !== 'id',
  ),
];

// ---------------------------------------------------------------- samples

/** Events as the API delivers them, for samples and fixtures. */
export const sampleSegmentChangedEvent: SegmentChangedEvent = {
  id: 'evt_5sg1',
  type: 'contact.segment_changed',
  created_at: '2026-11-20T09:14:10Z',
  data: {
    contact: sampleResponse.contact,
    previous_segment: 'passive',
    segment: 'detractor',
    response: sampleResponse,
  },
};

export const sampleResponseUpdatedEvent: ResponseEvent = {
  id: 'evt_7up2',
  type: 'response.updated',
  created_at: '2026-11-20T09:20:00Z',
  data: {
    response: sampleResponse,
    previous_attributes: {
      follow_up: { status: 'none', owner_email: null, updated_at: null },
    },
    source: { type: 'app', key_id: null },
  },
};

export const sampleUnsubscribedEvent: ContactUnsubscribedEvent = {
  id: 'evt_9un3',
  type: 'contact.unsubscribed',
  created_at: '2026-11-21T15:02:00Z',
  data: {
    contact: { ...sampleContact, unsubscribed: true, updated_at: '2026-11-21T15:02:00Z' },
  },
};

export const segmentChangedSample = toSegmentChangedRecord(sampleSegmentChangedEvent);
export const responseUpdatedSample = toResponseUpdatedRecord(sampleResponseUpdatedEvent);
export const unsubscribedSample = toUnsubscribedRecord(sampleUnsubscribedEvent);
