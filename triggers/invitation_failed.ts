/**
 * Survey Not Delivered (instant, `invitation.failed`, contract 1.3): an invitation could not be
 * delivered (the email bounced, the address is invalid, the phone is unreachable). The
 * subscription carries the survey filter (the only filter the platform applies to this event);
 * the delivery and performList (GET /events) apply it again. The item id is the invitation id:
 * an invitation fails once.
 */
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import type { InvitationFailedEvent, NpsEvent } from '../client/schemas.js';
import { refsOf, surveyField } from '../fields/common.js';
import { KEYS } from '../fields/keys.js';
import { eventList, receive, subscribe, hookOperation } from '../lib/hooks.js';
import { optionalString } from '../lib/validate.js';
import {
  failedInvitationOutputFields,
  failedInvitationSample,
  toFailedInvitationRecord,
} from '../records/invitation.js';

const EVENT = 'invitation.failed';

const inputFields = defineInputFields([
  surveyField({
    helpText: 'Only invitations to this survey. Leave empty for every survey.',
  }),
]);

type InputData = InferInputData<typeof inputFields>;

const FIELDS = refsOf(inputFields);

const readSurvey = (z: ZObject, input: Record<string, unknown>): string | undefined =>
  optionalString(z, FIELDS.survey_id, input.survey_id);

const isFailed = (event: NpsEvent): event is InvitationFailedEvent => event.type === EVENT;

/** The record of a matching event, or none. Shared by the hook and performList. */
const toItems = (surveyId: string | undefined, event: NpsEvent) =>
  isFailed(event) && (!surveyId || event.data.invitation.survey_id === surveyId)
    ? [toFailedInvitationRecord(event)]
    : [];

const performSubscribe = async (z: ZObject, bundle: Bundle<InputData>) =>
  subscribe(
    z,
    bundle,
    [EVENT],
    { survey_id: readSurvey(z, bundle.inputData) },
    'Zapier: Survey Not Delivered',
  );

const perform = async (z: ZObject, bundle: Bundle<InputData>) =>
  receive(z, bundle, [EVENT], (event) => toItems(readSurvey(z, bundle.inputData), event));

const performList = async (z: ZObject, bundle: Bundle<InputData>) => {
  const surveyId = readSurvey(z, bundle.inputData);
  return eventList(z, bundle, EVENT, (event) => toItems(surveyId, event));
};

export default defineTrigger({
  key: KEYS.triggers.invitationFailed,
  noun: 'Invitation',
  display: {
    label: 'Survey Not Delivered',
    description:
      'Triggers when a survey invitation could not be delivered: the email bounced, the address is invalid or the phone is unreachable.',
  },
  operation: {
    ...hookOperation({ inputFields, performSubscribe, perform, performList }),
    sample: { ...failedInvitationSample },
    outputFields: failedInvitationOutputFields,
  },
});
