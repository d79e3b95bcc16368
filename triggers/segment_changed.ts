/**
 * Contact Segment Changed (instant, `contact.segment_changed`): a new response put a contact in
 * another segment than their previous one. The subscription carries survey and new segment; the
 * delivery and performList (GET /events) apply every filter again.
 */
import {
  defineInputFields,
  defineTrigger,
  type Bundle,
  type InferInputData,
  type ZObject,
} from 'zapier-platform-core';
import type { NpsEvent, Segment, SegmentChangedEvent } from '../client/schemas.js';
import {
  labelLanguageField,
  labelLanguageInput,
  segmentsField,
  surveyField,
} from '../fields/common.js';
import { KEYS } from '../fields/keys.js';
import type { LabelLanguage } from '../lib/crm.js';
import { eventList, receive, segmentList, subscribe, unsubscribe } from '../lib/hooks.js';
import { optionalString } from '../lib/validate.js';
import {
  segmentChangedOutputFields,
  segmentChangedSample,
  toSegmentChangedRecord,
} from '../records/events.js';

const EVENT = 'contact.segment_changed';

const FIELDS = {
  survey_id: { key: 'survey_id', label: 'Survey' },
  to_segments: { key: 'to_segments', label: 'New Segment' },
  from_segments: { key: 'from_segments', label: 'Previous Segment' },
} as const;

const inputFields = defineInputFields([
  surveyField({
    helpText: 'Only changes caused by a response to this survey. Leave empty for all.',
  }),
  segmentsField(
    FIELDS.to_segments.key,
    FIELDS.to_segments.label,
    'Only when the contact moved into one of these segments, e.g. Detractors for a churn-risk alert. Leave empty for any.',
  ),
  segmentsField(
    FIELDS.from_segments.key,
    FIELDS.from_segments.label,
    'Only when the contact was in one of these segments before, e.g. Promoters to catch fans who turned critical. Leave empty for any.',
  ),
  labelLanguageField(),
]);

type InputData = InferInputData<typeof inputFields>;

interface Filters {
  surveyId?: string;
  to: Segment[];
  from: Segment[];
  language: LabelLanguage;
}

const readFilters = (z: ZObject, input: Record<string, unknown>): Filters => ({
  surveyId: optionalString(z, FIELDS.survey_id, input.survey_id),
  to: segmentList(z, FIELDS.to_segments, input.to_segments),
  from: segmentList(z, FIELDS.from_segments, input.from_segments),
  language: labelLanguageInput(z, input.label_language),
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
  return match ? [toSegmentChangedRecord(event, filters.language)] : [];
};

const performSubscribe = async (z: ZObject, bundle: Bundle<InputData>) => {
  const filters = readFilters(z, bundle.inputData);
  // The platform evaluates filters on the event's response, whose segment is the new one.
  return subscribe(
    z,
    bundle,
    [EVENT],
    { survey_id: filters.surveyId, segments: filters.to },
    'Zapier: Contact Segment Changed',
  );
};

const perform = async (z: ZObject, bundle: Bundle<InputData>) =>
  receive(z, bundle, [EVENT], (event) => toItems(readFilters(z, bundle.inputData), event));

const performList = async (z: ZObject, bundle: Bundle<InputData>) => {
  const filters = readFilters(z, bundle.inputData);
  return eventList(z, bundle, EVENT, (event) => toItems(filters, event));
};

export default defineTrigger({
  key: KEYS.triggers.segmentChanged,
  noun: 'Segment Change',
  display: {
    label: 'Contact Segment Changed',
    description:
      'Triggers when a new answer moves a contact to another NPS segment than their previous one (e.g. promoter → detractor). Use it for churn-risk alerts or to update a CRM lifecycle field only when it changes.',
  },
  operation: {
    type: 'hook',
    inputFields,
    performSubscribe,
    performUnsubscribe: unsubscribe,
    perform,
    performList,
    canPaginate: true,
    sample: { ...segmentChangedSample },
    outputFields: segmentChangedOutputFields,
  },
});
