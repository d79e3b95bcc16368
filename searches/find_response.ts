/**
 * Find Latest Response: one response by its id (GET /responses/{id}; unknown id → no result), or
 * the newest response of a contact (GET /responses?<email|customer_id|account_number>=…&limit=1).
 * The responses endpoint has no CRM id filter, so for a CRM id the contact is found first
 * (GET /contacts) and its newest response listed by contact_id.
 */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { findContacts, getResponse, listResponses } from '../client/api.js';
import type { NpsResponse } from '../client/schemas.js';
import {
  identityKeyField,
  identityValueField,
  labelLanguageField,
  labelLanguageInput,
  refsOf,
  responsePickerField,
  surveyField,
  identityInput,
} from '../fields/common.js';
import { crmThemeFields, readCrmThemeOptions } from '../fields/crm.js';
import { KEYS } from '../fields/keys.js';
import { inputError, isBlank, optionalPathId, optionalString } from '../lib/validate.js';
import { responseOutputFields, responseSample, toResponseRecord } from '../records/response.js';

const inputFields = defineInputFields([
  responsePickerField(
    'Pick a recent response or map its ID (e.g. rsp_2b9x). Or leave it empty and find the latest response of a contact with the fields below.',
  ),
  {
    ...identityKeyField(),
    required: false,
    helpText:
      'Without a Response ID: which key the Identity Value is. Email is matched whatever its capitals; the others exactly.',
  },
  {
    ...identityValueField(
      'Without a Response ID: the email, customer ID, account number or CRM record ID of the contact whose latest response you want.',
    ),
    required: false,
  },
  surveyField({
    helpText: 'Only a response to this survey. Leave empty for the latest response to any survey.',
  }),
  labelLanguageField(),
  ...crmThemeFields(),
]);

const REF = refsOf(inputFields);

/** The latest response is the answer: one that breaks the contract is an error, not "none". */
const STRICT = { strict: true };

const perform = async (z: ZObject, bundle: Bundle<InferInputData<typeof inputFields>>) => {
  const input = bundle.inputData as Record<string, unknown>;
  const language = labelLanguageInput(z, input.label_language);
  const surveyId = optionalString(z, REF.survey_id, input.survey_id);
  const responseId = optionalPathId(z, REF.response_id, input.response_id);
  const crmThemes = readCrmThemeOptions(z, input);

  let found: NpsResponse | undefined;
  if (responseId !== undefined) {
    const response = await getResponse(z, responseId);
    if (response && (!surveyId || response.survey.id === surveyId)) found = response;
  } else {
    if (isBlank(input.identity_value)) {
      inputError(
        z,
        REF.response_id,
        'or Identity Value (identity_value) is needed: fill in the ID of a response, or the email, customer ID, account number or CRM ID of the contact.',
      );
    }
    const { key, value } = identityInput(z, input);
    if (key === 'email' || key === 'customer_id' || key === 'account_number') {
      const page = await listResponses(
        z,
        { [key]: String(value), survey_id: surveyId, limit: 1 },
        STRICT,
      );
      found = page.data[0];
    } else {
      const [contact] = await findContacts(z, key, value);
      if (contact) {
        const page = await listResponses(
          z,
          { contact_id: contact.id, survey_id: surveyId, limit: 1 },
          STRICT,
        );
        found = page.data[0];
      }
    }
  }
  return found ? [toResponseRecord(found, language, undefined, crmThemes)] : [];
};

export default defineSearch({
  key: KEYS.searches.findResponse,
  noun: 'Response',
  display: {
    label: 'Find Latest Response',
    description:
      'Finds an NPS response by its ID, or the latest response of a contact, with its score, comment and AI themes.',
  },
  operation: {
    inputFields,
    perform,
    sample: { ...responseSample },
    outputFields: responseOutputFields(),
  },
});
