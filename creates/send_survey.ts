/**
 * Send NPS Survey: POST /surveys/{survey_id}/invitations with a deterministic Idempotency-Key, so a
 * replayed step never sends the survey twice. Checks what the contract constrains (identity, email,
 * E.164 phone, send_at at most 30 days ahead, channel); data-dependent rules (an email for the email
 * channel unless the contact already has one) are the API's, and its 422 is passed on. A skipped
 * invitation (recently surveyed, unsubscribed) is a result with `scheduled: false`, not an error.
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { IDENTITY_KEYS, createInvitation, type InvitationRequest } from '../client/api.js';
import { refsOf, replayHelp, surveyField } from '../fields/common.js';
import { KEYS } from '../fields/keys.js';
import { contactPropertyInputFields, CONTACT_PROPERTY_FIELDS_HELP } from '../fields/properties.js';
import { idempotencyKey } from '../lib/idempotency.js';
import {
  invitationOutputFields,
  invitationSample,
  toInvitationRecord,
} from '../records/invitation.js';
import {
  inputError,
  optionalBoolean,
  optionalChoice,
  optionalDateTime,
  zapTimeZone,
  optionalProperties,
  requiredPathId,
} from '../lib/validate.js';
import {
  addTypedProperties,
  companyField,
  identifiedContactFrom,
  identityFields,
  localeField,
  nameField,
  phoneField,
} from './contact_fields.js';

/** Moved to records/invitation.ts (shared with Cancel Scheduled Survey); kept for importers. */
export { invitationSample } from '../records/invitation.js';

export const CHANNELS = ['email', 'sms', 'in_app'] as const;
export const MAX_SEND_AHEAD_MS = 30 * 86_400_000;

/** A replay whose Send At resolved to another time (409 idempotency_mismatch). */
const REPLAY_MISMATCH =
  'Send NPS Survey already ran in the last 24 hours for the same contact and survey, with a ' +
  'different time. The NPS platform kept the first run, so nothing was sent twice.';

const inputFields = defineInputFields([
  surveyField({
    required: true,
    helpText: `The survey to send. ${replayHelp('Sending the same survey to the same contact', 'invitation')}`,
  }),
  ...identityFields(
    'Needed for the Email channel unless the contact already has one. Fill in at least one of Contact Email, Customer ID, Account Number or a CRM ID to say who gets the survey; the contact is created if it is new.',
  ),
  nameField,
  companyField,
  phoneField,
  localeField,
  {
    key: 'channel',
    label: 'Channel',
    type: 'string',
    required: false,
    default: 'email',
    choices: [
      { value: 'email', label: 'Email', sample: 'email' },
      { value: 'sms', label: 'SMS (needs a phone number)', sample: 'sms' },
      {
        value: 'in_app',
        label: 'In-app (shown next time they use your product)',
        sample: 'in_app',
      },
    ],
    helpText: 'How the survey reaches the contact.',
  },
  {
    key: 'send_at',
    label: 'Send At',
    type: 'datetime',
    required: false,
    helpText:
      'When to send it, at most 30 days ahead, e.g. "in 3 days" after a deal is won. Leave empty (or give a past time) to send now. A replayed step never sends twice, even if "in 3 days" then means another time.',
  },
  {
    key: 'respect_throttle',
    label: 'Respect Survey Throttling',
    type: 'boolean',
    required: false,
    default: 'true',
    helpText:
      'Yes (recommended): do not survey someone who was surveyed recently (90 days unless your workspace says otherwise) or who unsubscribed. The step then succeeds with Scheduled = false and a Skip Reason. No: send anyway (unsubscribed contacts are never surveyed).',
  },
  {
    key: 'properties',
    label: 'Response Properties',
    dict: true,
    required: false,
    helpText: `Extra facts stored with the response, like deal_id = 4711 or plan = enterprise, to filter and report on later. Keys are lowercase letters, digits and underscores (like renewal_date). ${CONTACT_PROPERTY_FIELDS_HELP}`,
  },
  contactPropertyInputFields,
]);

const REF = refsOf(inputFields);

const perform = async (z: ZObject, bundle: Bundle<InferInputData<typeof inputFields>>) => {
  const input = bundle.inputData as Record<string, unknown>;
  const surveyId = requiredPathId(z, REF.survey_id, input.survey_id);
  const contact = identifiedContactFrom(z, input, [
    ...IDENTITY_KEYS,
    'name',
    'company',
    'phone',
    'locale',
  ]);
  const channel = optionalChoice(z, REF.channel, input.channel, CHANNELS);
  // A past send_at means "now" to the API: it is sent as given, so a replay sends the same body.
  const sendAt = optionalDateTime(z, REF.send_at, input.send_at, zapTimeZone(bundle));
  if (sendAt !== undefined && Date.parse(sendAt) > Date.now() + MAX_SEND_AHEAD_MS) {
    inputError(z, REF.send_at, `must be at most 30 days ahead; got ${sendAt}.`);
  }
  const respectThrottle = optionalBoolean(z, REF.respect_throttle, input.respect_throttle);
  const properties = optionalProperties(z, REF.properties, input.properties);
  const keyedContact = await addTypedProperties(z, bundle, contact);

  const body: InvitationRequest = { contact };
  if (channel !== undefined) body.channel = channel;
  if (sendAt !== undefined) body.send_at = sendAt;
  if (respectThrottle !== undefined) body.respect_throttle = respectThrottle;
  if (properties !== undefined) body.properties = properties;

  // send_at and the date properties are left out of the key: Zapier turns a relative time ("in 3
  // days", "today") into a date when it runs the step, so a replay may carry another one. Same
  // key, other body: the platform refuses it (idempotency_mismatch) instead of sending the survey
  // a second time.
  const keyed: Partial<InvitationRequest> = { ...body, contact: keyedContact };
  delete keyed.send_at;
  const key = idempotencyKey(bundle, KEYS.creates.sendSurvey, { survey_id: surveyId, ...keyed });
  return toInvitationRecord(await createInvitation(z, surveyId, body, key, REPLAY_MISMATCH));
};

export default defineCreate({
  key: KEYS.creates.sendSurvey,
  noun: 'Survey Invitation',
  display: {
    label: 'Send NPS Survey',
    description:
      'Sends or schedules an NPS survey to a contact by email, SMS or in-app message, and creates the contact if needed.',
  },
  operation: {
    inputFields,
    perform,
    sample: { ...toInvitationRecord(invitationSample) },
    outputFields: invitationOutputFields,
  },
});
