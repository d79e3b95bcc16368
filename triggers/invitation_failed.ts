/**
 * Survey Not Delivered (instant, `invitation.failed`, contract 1.3): an invitation could not be
 * delivered (the email bounced, the address is invalid, the phone is unreachable). The
 * subscription carries the survey filter (the only filter the platform applies to this event);
 * the delivery and performList (GET /events) apply it again. The item id is the invitation id:
 * an invitation fails once.
 */
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { ZObject } from 'zapier-platform-core';
import type { InvitationFailedEvent, NpsEvent } from '../client/schemas.js';
import { refsOf, surveyField } from '../fields/common.js';
import { KEYS } from '../fields/keys.js';
import { eventHook, hookOperation } from '../lib/hooks.js';
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

const FIELDS = refsOf(inputFields);

const readSurvey = (z: ZObject, input: Record<string, unknown>): string | undefined =>
  optionalString(z, FIELDS.survey_id, input.survey_id);

const isFailed = (event: NpsEvent): event is InvitationFailedEvent => event.type === EVENT;

/** The record of a matching event, or none. Shared by the hook and performList. */
const toItems = (surveyId: string | undefined, event: NpsEvent) =>
  isFailed(event) && (!surveyId || event.data.invitation.survey_id === surveyId)
    ? [toFailedInvitationRecord(event)]
    : [];

const hook = eventHook({
  event: EVENT,
  description: 'Zapier: Survey Not Delivered',
  readFilters: readSurvey,
  subscription: (surveyId) => ({ survey_id: surveyId }),
  toItems,
});

export default defineTrigger({
  key: KEYS.triggers.invitationFailed,
  noun: 'Invitation',
  display: {
    label: 'Survey Not Delivered',
    description:
      'Triggers when a survey invitation could not be delivered: the email bounced, the address is invalid or the phone is unreachable.',
  },
  operation: {
    ...hookOperation({ inputFields, ...hook }),
    sample: { ...failedInvitationSample },
    outputFields: failedInvitationOutputFields,
  },
});
