/**
 * Record NPS Response: POST /responses for an answer collected elsewhere (a call, an event, another
 * survey tool), with a deterministic Idempotency-Key so a replayed step never records it twice.
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { IDENTITY_KEYS, createResponse, type ResponseCreateRequest } from '../client/api.js';
import {
  labelLanguageField,
  labelLanguageInput,
  refsOf,
  replayHelp,
  surveyField,
} from '../fields/common.js';
import { KEYS } from '../fields/keys.js';
import { contactPropertyInputFields, CONTACT_PROPERTY_FIELDS_HELP } from '../fields/properties.js';
import { idempotencyKey } from '../lib/idempotency.js';
import {
  inputError,
  optionalDateTime,
  zapTimeZone,
  optionalInteger,
  optionalProperties,
  optionalText,
  requiredString,
  stringList,
} from '../lib/validate.js';
import { responseOutputFields, responseSample, toResponseRecord } from '../records/response.js';
import {
  addTypedProperties,
  companyField,
  identifiedContactFrom,
  identityFields,
  localeField,
  nameField,
} from './contact_fields.js';

/** Clock difference tolerated between Zapier and the platform for "not in the future". */
const CLOCK_SKEW_MS = 60_000;

/** A replay whose Submitted At resolved to another time (409 idempotency_mismatch). */
const REPLAY_MISMATCH =
  'Record NPS Response already ran in the last 24 hours for the same answer, with a different ' +
  'Submitted At or date property. The NPS platform kept the first run, so no second response was recorded.';

const inputFields = defineInputFields([
  surveyField({
    required: true,
    helpText: `The survey this answer belongs to. ${replayHelp('Recording the same answer', 'response')}`,
  }),
  {
    key: 'score',
    label: 'Score',
    // Text, read strictly by perform: Zapier would turn a mapped "ten" into 0, a detractor.
    type: 'string',
    required: true,
    meta: { parsed_as: 'integer' },
    helpText:
      'The answer to "How likely are you to recommend us?": a whole number from 0 to 10 written with digits (9-10 promoter, 7-8 passive, 0-6 detractor). Anything else, like "ten", "7.5" or "9/10", is refused and nothing is recorded.',
  },
  {
    key: 'comment',
    label: 'Comment',
    type: 'text',
    required: false,
    helpText: 'What the person said about why they gave this score. The AI finds themes in it.',
  },
  ...identityFields(
    'Fill in at least one of Contact Email, Customer ID, Account Number or a CRM ID to say who answered; the contact is created if it is new.',
  ),
  nameField,
  companyField,
  localeField,
  {
    key: 'language',
    label: 'Response Language',
    type: 'string',
    required: false,
    helpText: 'The language the comment is written in, like en or es. Leave empty to detect it.',
  },
  {
    key: 'submitted_at',
    label: 'Submitted At',
    type: 'datetime',
    required: false,
    helpText:
      'When the person answered (not in the future). Leave empty for now. If the step runs again (Zapier may replay a step), the answer is still recorded once, even when "now" has moved on. When you load past answers, two answers of one contact to one survey with the same score, comment and tags, recorded within 24 hours of each other, count as one whatever their Submitted At: the second step stops and says so. Add a tag, such as the date of the answer, to keep both.',
  },
  {
    key: 'tags',
    label: 'Tags',
    type: 'string',
    list: true,
    required: false,
    helpText:
      'Labels for the response, like phone-interview or event-2026 (up to 50, 64 characters each).',
  },
  {
    key: 'properties',
    label: 'Response Properties',
    dict: true,
    required: false,
    helpText: `Extra facts stored with the response, like plan = enterprise or source = call, to filter and report on later. Keys are lowercase letters, digits and underscores (like renewal_date). ${CONTACT_PROPERTY_FIELDS_HELP}`,
  },
  labelLanguageField(),
  contactPropertyInputFields,
]);

const REF = refsOf(inputFields);

const perform = async (z: ZObject, bundle: Bundle<InferInputData<typeof inputFields>>) => {
  const input = bundle.inputData as Record<string, unknown>;
  const surveyId = requiredString(z, REF.survey_id, input.survey_id);
  const score =
    optionalInteger(z, REF.score, input.score, 0, 10) ??
    inputError(z, REF.score, 'is required but was empty: give a whole number from 0 to 10.');
  const comment = optionalText(z, REF.comment, input.comment, 10_000);
  const contact = identifiedContactFrom(z, input, [...IDENTITY_KEYS, 'name', 'company', 'locale']);
  const language = optionalText(z, REF.language, input.language, 35);
  const submittedAt = optionalDateTime(
    z,
    REF.submitted_at,
    input.submitted_at,
    zapTimeZone(bundle),
  );
  if (submittedAt !== undefined && Date.parse(submittedAt) > Date.now() + CLOCK_SKEW_MS) {
    inputError(z, REF.submitted_at, `must not be in the future; got ${submittedAt}.`);
  }
  const tags = stringList(z, REF.tags, input.tags);
  if (tags.length > 50) inputError(z, REF.tags, `has ${tags.length} tags; at most 50 are allowed.`);
  const long = tags.find((tag) => tag.length > 64);
  if (long)
    inputError(z, REF.tags, `has a tag longer than 64 characters ("${long.slice(0, 20)}…").`);
  const properties = optionalProperties(z, REF.properties, input.properties);
  const labelLanguage = labelLanguageInput(z, input.label_language);
  const keyedContact = await addTypedProperties(z, bundle, contact);

  const body: ResponseCreateRequest = { survey_id: surveyId, score, contact };
  if (comment !== undefined) body.comment = comment;
  if (submittedAt !== undefined) body.submitted_at = submittedAt;
  if (language !== undefined) body.language = language;
  if (tags.length) body.tags = tags;
  if (properties !== undefined) body.properties = properties;

  // submitted_at and the date properties are left out of the key, as send_survey leaves out
  // send_at: Zapier resolves a relative or mapped time when it runs the step, so a replay (after
  // midnight, with "today") may carry another one. Same key, other body: the platform refuses it
  // (idempotency_mismatch) instead of recording it twice.
  const keyed: Partial<ResponseCreateRequest> = { ...body, contact: keyedContact };
  delete keyed.submitted_at;
  const key = idempotencyKey(bundle, KEYS.creates.recordResponse, keyed);
  return toResponseRecord(await createResponse(z, body, key, REPLAY_MISMATCH), labelLanguage);
};

export default defineCreate({
  key: KEYS.creates.recordResponse,
  noun: 'Response',
  display: {
    label: 'Record NPS Response',
    description:
      'Records an NPS answer collected elsewhere, such as on a call or at an event, so it counts in your NPS and gets AI themes.',
  },
  operation: {
    inputFields,
    perform,
    sample: { ...responseSample },
    outputFields: responseOutputFields(),
  },
});
