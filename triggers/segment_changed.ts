/**
 * Contact Segment Changed (instant, `contact.segment_changed`): a new response put a contact in
 * another segment than their previous one. The subscription carries survey and new segment; the
 * delivery and performList (GET /events) apply every filter again.
 */
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
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
import { eventList, receive, segmentList, subscribe, hookOperation } from '../lib/hooks.js';
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

type InputData = InferInputData<typeof inputFields>;

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
  receive(z, bundle, [EVENT], (event) => toItems(readFilters(z, bundle.inputData, true), event));

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
      'Triggers when a new answer moves a contact to another NPS segment, e.g. from promoter to detractor.',
  },
  operation: {
    ...hookOperation({ inputFields, performSubscribe, perform, performList }),
    sample: { ...segmentChangedSample },
    outputFields: segmentChangedOutputFields,
  },
});
