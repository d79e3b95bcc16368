/**
 * Update Response: PATCH /responses/{id} to add/remove tags and themes and set the follow-up
 * status and owner. Only what is filled in is sent; nothing to change is an error before any
 * request. Adding and removing are naturally safe to replay, so no Idempotency-Key is needed.
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { updateResponse, type ResponseUpdateRequest } from '../client/api.js';
import { FOLLOW_UP_STATUSES } from '../client/enums.js';
import {
  FOLLOW_UP_CHOICES,
  labelLanguageField,
  labelLanguageInput,
  refsOf,
  responseIdField,
} from '../fields/common.js';
import { KEYS, THEME_NAME_DROPDOWN } from '../fields/keys.js';
import {
  inputError,
  optionalChoice,
  optionalEmail,
  requiredPathId,
  stringList,
} from '../lib/validate.js';
import type { FieldRef } from '../lib/validate.js';
import { responseOutputFields, responseSample, toResponseRecord } from '../records/response.js';

const tagsField = <const K extends string>(key: K, label: string, helpText: string) =>
  ({ key, label, type: 'string', list: true, required: false, helpText }) as const;

/**
 * Themes are written by name, and the API creates a theme for a name it does not know, so a typo
 * would add a stray theme: the names come from a dropdown of the workspace's themes (the hidden
 * theme trigger's plain names), and a typed name is the deliberate way to create one.
 */
const themeNamesField = <const K extends string>(key: K, label: string, helpText: string) =>
  ({ ...tagsField(key, label, helpText), dynamic: THEME_NAME_DROPDOWN }) as const;

const inputFields = defineInputFields([
  responseIdField(
    'The response to update: map the Response ID from the trigger, pick a recent response, or look one up with the search.',
  ),
  {
    key: 'follow_up_status',
    label: 'Follow-up Status',
    type: 'string',
    required: false,
    choices: FOLLOW_UP_CHOICES.map((choice) => ({ ...choice })),
    helpText: 'Where closing the loop with this customer stands. Leave empty to keep it as it is.',
  },
  {
    key: 'follow_up_owner_email',
    label: 'Follow-up Owner Email',
    type: 'string',
    required: false,
    helpText:
      'The email of the teammate who owns the follow-up (e.g. the account manager). Leave empty to keep the current owner.',
  },
  tagsField(
    'add_tags',
    'Add Tags',
    'Tags to add, like escalated or vip (64 characters at most each).',
  ),
  tagsField(
    'remove_tags',
    'Remove Tags',
    'Tags to remove. Tags the response does not have are ignored.',
  ),
  themeNamesField(
    'add_themes',
    'Add Themes',
    "Themes to add, e.g. to correct the AI: pick them from your workspace's themes. A name typed as a custom value that the workspace does not have creates a new theme, so check its spelling. A mapped value is split at ; and at line breaks, so Themes (Picklist Format) from a trigger (A;B) adds A and B; it is never split at commas.",
  ),
  themeNamesField(
    'remove_themes',
    'Remove Themes',
    "Themes to remove from this response, picked from your workspace's themes. A mapped value is split at ; and at line breaks (Themes (Picklist Format) A;B removes A and B), never at commas.",
  ),
  labelLanguageField(),
]);

const REF = refsOf(inputFields);

const checkLengths = (z: ZObject, ref: FieldRef, items: string[], max: number) => {
  const long = items.find((item) => item.length > max);
  if (long)
    inputError(z, ref, `has a value longer than ${max} characters ("${long.slice(0, 20)}…").`);
  return items;
};

const perform = async (z: ZObject, bundle: Bundle<InferInputData<typeof inputFields>>) => {
  const input = bundle.inputData as Record<string, unknown>;
  const responseId = requiredPathId(z, REF.response_id, input.response_id);
  const status = optionalChoice(
    z,
    REF.follow_up_status,
    input.follow_up_status,
    FOLLOW_UP_STATUSES,
  );
  const owner = optionalEmail(z, REF.follow_up_owner_email, input.follow_up_owner_email);
  const addTags = checkLengths(z, REF.add_tags, stringList(z, REF.add_tags, input.add_tags), 64);
  const removeTags = stringList(z, REF.remove_tags, input.remove_tags);
  // A mapped Themes (Picklist Format) value `A;B` is the themes A and B (never split at commas).
  const addThemes = checkLengths(
    z,
    REF.add_themes,
    stringList(z, REF.add_themes, input.add_themes, { splitPicklist: true }),
    80,
  );
  const removeThemes = stringList(z, REF.remove_themes, input.remove_themes, {
    splitPicklist: true,
  });
  const labelLanguage = labelLanguageInput(z, input.label_language);

  const body: ResponseUpdateRequest = {};
  if (addTags.length || removeTags.length) {
    body.tags = {
      ...(addTags.length ? { add: addTags } : {}),
      ...(removeTags.length ? { remove: removeTags } : {}),
    };
  }
  if (addThemes.length || removeThemes.length) {
    body.themes = {
      ...(addThemes.length ? { add: addThemes } : {}),
      ...(removeThemes.length ? { remove: removeThemes } : {}),
    };
  }
  if (status !== undefined || owner !== undefined) {
    body.follow_up = {
      ...(status !== undefined ? { status } : {}),
      ...(owner !== undefined ? { owner_email: owner } : {}),
    };
  }
  if (!Object.keys(body).length) {
    inputError(
      z,
      {
        key: 'follow_up_status, follow_up_owner_email, add_tags, remove_tags, add_themes, remove_themes',
        label: 'Changes',
      },
      'are all empty: fill in at least one of Follow-up Status, Follow-up Owner Email, Add Tags, Remove Tags, Add Themes or Remove Themes.',
    );
  }
  return toResponseRecord(await updateResponse(z, responseId, body), labelLanguage);
};

export default defineCreate({
  key: KEYS.creates.updateResponse,
  noun: 'Response',
  display: {
    label: 'Update Response',
    description:
      'Adds or removes tags and themes on an NPS response, or sets who follows up and where it stands. Empty fields are left as they are.',
  },
  operation: {
    inputFields,
    perform,
    sample: { ...responseSample },
    outputFields: responseOutputFields(),
  },
});
