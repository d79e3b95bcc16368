/**
 * Contact Segment Changed (instant, `contact.segment_changed`): a new response put a contact in
 * another segment than their previous one. The subscription carries survey and new segment; the
 * delivery and performList (GET /events) apply every filter again.
 */
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { ZObject } from 'zapier-platform-core';
import type { NpsEvent, Segment, SegmentChangedEvent } from '../client/schemas.js';
import {
  labelLanguageField,
  labelLanguageInput,
  refsOf,
  segmentsField,
  surveyField,
} from '../fields/common.js';
import { crmThemeFields, readCrmThemeOptions } from '../fields/crm.js';
import { KEYS } from '../fields/keys.js';
import type { CrmThemeOptions, LabelLanguage } from '../lib/crm.js';
import { eventHook, hookOperation, segmentList } from '../lib/hooks.js';
import { optionalString } from '../lib/validate.js';
import {
  segmentChangedOutputFields,
  segmentChangedSample,
  toSegmentChangedRecord,
} from '../records/events.js';

const EVENT = 'contact.segment_changed';

const inputFields = defineInputFields([
  surveyField({
    helpText: 'Only changes caused by a response to this survey. Leave empty for all.',
  }),
  segmentsField(
    'to_segments',
    'New Segment',
    'Only when the contact moved into one of these segments, e.g. Detractors for a churn-risk alert. Leave empty for any.',
  ),
  segmentsField(
    'from_segments',
    'Previous Segment',
    'Only when the contact was in one of these segments before, e.g. Promoters to catch fans who turned critical. Leave empty for any.',
  ),
  labelLanguageField(),
  ...crmThemeFields(),
]);

const FIELDS = refsOf(inputFields);

interface Filters {
  surveyId?: string;
  to: Segment[];
  from: Segment[];
  language: LabelLanguage;
  crmThemes?: CrmThemeOptions;
}

const readFilters = (z: ZObject, input: Record<string, unknown>, onDelivery = false): Filters => ({
  surveyId: optionalString(z, FIELDS.survey_id, input.survey_id),
  to: segmentList(z, FIELDS.to_segments, input.to_segments),
  from: segmentList(z, FIELDS.from_segments, input.from_segments),
  language: labelLanguageInput(z, input.label_language, { onDelivery }),
  crmThemes: readCrmThemeOptions(z, input),
});

const isSegmentChanged = (event: NpsEvent): event is SegmentChangedEvent => event.type === EVENT;

/** The record of a matching event, or none. Shared by the hook and performList. */
const toItems = (filters: Filters, event: NpsEvent) => {
  if (!isSegmentChanged(event)) return [];
  const { data } = event;
  const match =
    (!filters.surveyId || data.response.survey.id === filters.surveyId) &&
    (!filters.to.length || filters.to.includes(data.segment)) &&
    (!filters.from.length || filters.from.includes(data.previous_segment));
  return match ? [toSegmentChangedRecord(event, filters.language, filters.crmThemes)] : [];
};

const hook = eventHook({
  event: EVENT,
  description: 'Zapier: Contact Segment Changed',
  readFilters,
  // The platform evaluates filters on the event's response, whose segment is the new one.
  subscription: (filters) => ({ survey_id: filters.surveyId, segments: filters.to }),
  toItems,
});

export default defineTrigger({
  key: KEYS.triggers.segmentChanged,
  noun: 'Segment Change',
  display: {
    label: 'Contact Segment Changed',
    description:
      'Triggers when a new answer moves a contact to another NPS segment, e.g. from promoter to detractor.',
  },
  operation: {
    ...hookOperation({ inputFields, ...hook }),
    sample: { ...segmentChangedSample },
    outputFields: segmentChangedOutputFields,
  },
});
