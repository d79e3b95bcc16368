/**
 * Field factories shared by the operations, and the readers of the inputs several operations
 * share. Each factory returns a plain field object (`as const`, so `InferInputData` types
 * `bundle.inputData`); keys are the public ones of app-surface.md.
 */
import type { ZObject } from 'zapier-platform-core';
import { IDENTITY_KEYS, type IdentityKey } from '../client/api.js';
import type { FOLLOW_UP_STATUSES } from '../client/enums.js';
import { LABEL_LANGUAGES, LANGUAGE_NAMES, type LabelLanguage } from '../lib/crm.js';
import { optionalChoice, requiredIdentity, type FieldRef } from '../lib/validate.js';
import {
  FIND_RESPONSE_SEARCH,
  RESPONSE_DROPDOWN,
  SURVEY_DROPDOWN,
  THEME_DROPDOWN,
} from './keys.js';

/** A field's reference for error messages, taken from the field itself (labels live in fields). */
export const refOf = (field: { key: string; label: string }): FieldRef => ({
  key: field.key,
  label: field.label,
});

type Labelled = { key: string; label: string };
const isLabelled = (field: unknown): field is Labelled =>
  typeof field === 'object' &&
  field !== null &&
  typeof (field as Labelled).key === 'string' &&
  typeof (field as Labelled).label === 'string';

/**
 * The references of an operation's input fields, by key, derived from the fields: each label is
 * written once, in the field (functions returning dynamic fields are skipped).
 */
export const refsOf = <const F extends readonly unknown[]>(
  fields: F,
): { [K in Extract<F[number], Labelled>['key']]: FieldRef } =>
  Object.fromEntries(fields.filter(isLabelled).map((field) => [field.key, refOf(field)])) as {
    [K in Extract<F[number], Labelled>['key']]: FieldRef;
  };

export const IDENTITY_KEY_LABELS = {
  email: 'Email',
  customer_id: 'Customer ID',
  account_number: 'Account Number',
  salesforce_contact_id: 'Salesforce Contact ID',
  hubspot_contact_id: 'HubSpot Contact ID',
  pipedrive_person_id: 'Pipedrive Person ID',
} as const satisfies Record<(typeof IDENTITY_KEYS)[number], string>;

export const identityKeyField = () =>
  ({
    key: 'identity_key',
    label: 'Identify Contact By',
    type: 'string',
    required: true,
    default: 'email',
    choices: IDENTITY_KEYS.map((value) => ({
      value,
      label: IDENTITY_KEY_LABELS[value],
      sample: value,
    })),
    helpText:
      'Which identity key the value below is. Email is matched whatever its capitals; customer ID and account number exactly; CRM IDs identify the contact in Salesforce, HubSpot or Pipedrive.',
  }) as const;

export const identityValueField = (helpText?: string) =>
  ({
    key: 'identity_value',
    label: 'Identity Value',
    type: 'string',
    required: true,
    helpText:
      helpText ??
      'The email, customer ID, account number or CRM ID of the contact, matching "Identify Contact By". Map it from the previous step, e.g. the Identity Value of an NPS response.',
  }) as const;

/** The two inputs that name one contact: Identify Contact By, then its Identity Value. */
export const identityInputFields = (valueHelpText: string) =>
  [identityKeyField(), identityValueField(valueHelpText)] as const;

export const surveyField = (options: { required?: boolean; helpText?: string } = {}) =>
  ({
    key: 'survey_id',
    label: 'Survey',
    type: 'string',
    required: options.required ?? false,
    dynamic: SURVEY_DROPDOWN,
    helpText: options.helpText ?? 'Only this survey. Leave empty for all surveys.',
  }) as const;

export const SEGMENT_CHOICES = [
  { value: 'promoter', label: 'Promoters (9-10)', sample: 'promoter' },
  { value: 'passive', label: 'Passives (7-8)', sample: 'passive' },
  { value: 'detractor', label: 'Detractors (0-6)', sample: 'detractor' },
] as const;

export const segmentsField = <const K extends string>(key: K, label: string, helpText: string) =>
  ({
    key,
    label,
    type: 'string',
    list: true,
    required: false,
    choices: SEGMENT_CHOICES.map((choice) => ({ ...choice })),
    helpText,
  }) as const;

export const themesField = () =>
  ({
    key: 'themes',
    label: 'Themes',
    type: 'string',
    list: true,
    required: false,
    dynamic: THEME_DROPDOWN,
    helpText:
      'Only responses the AI tagged with any of these themes. Pick them from the list: a theme still matches after it is renamed. Needs Wait for AI Themes set to Yes. Leave empty for all themes.',
  }) as const;

export const labelLanguageField = () =>
  ({
    key: 'label_language',
    label: 'Segment Label Language',
    type: 'string',
    required: false,
    default: 'en',
    choices: LABEL_LANGUAGES.map((value) => ({
      value,
      label: LANGUAGE_NAMES[value],
      sample: value,
    })),
    helpText:
      'Language of "Segment Label (Translated)" (e.g. Promoter / Promotor / Promoteur), for messages and CRM fields in your language.',
  }) as const;

/**
 * The one reader of Segment Label Language, for triggers and actions alike: empty is English; a
 * value that is not one of the choices (any case) is an error naming the field.
 */
export const labelLanguageInput = (
  z: ZObject,
  value: unknown,
  { onDelivery = false }: { onDelivery?: boolean } = {},
): LabelLanguage => {
  const field = labelLanguageField();
  if (onDelivery) {
    // A delivery refused here is lost for good (the platform does not send it again), and the
    // zap's value was checked when it was turned on. One that predates that check (round 1 fell
    // back to English) keeps its deliveries, in English, with a warning.
    const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (text && !(LABEL_LANGUAGES as readonly string[]).includes(text)) {
      z.console.warn(
        `${field.label} (${field.key}) is not one of ${LABEL_LANGUAGES.join(', ')}: English was used for this delivery. Turn the zap off and on again after choosing a language.`,
      );
      return 'en';
    }
  }
  return optionalChoice(z, { key: field.key, label: field.label }, value, LABEL_LANGUAGES) ?? 'en';
};

/**
 * The response to act on: a dropdown of recent responses (hidden `response` trigger), a search to
 * look one up, or the Response ID mapped from a trigger.
 */
export const responseIdField = (helpText: string) =>
  ({
    ...responsePickerField(helpText),
    required: true,
    search: FIND_RESPONSE_SEARCH,
  }) as const;

/** The same dropdown, optional and without the search (find_response is that search). */
export const responsePickerField = (helpText: string) =>
  ({
    key: 'response_id',
    label: 'Response ID',
    type: 'string',
    required: false,
    dynamic: RESPONSE_DROPDOWN,
    helpText,
  }) as const;

export const FOLLOW_UP_CHOICES = [
  { value: 'none', label: 'None', sample: 'none' },
  { value: 'open', label: 'Open (someone should follow up)', sample: 'open' },
  { value: 'in_progress', label: 'In progress', sample: 'in_progress' },
  { value: 'closed', label: 'Closed (loop closed)', sample: 'closed' },
] as const satisfies ReadonlyArray<{
  value: (typeof FOLLOW_UP_STATUSES)[number];
  label: string;
  sample: string;
}>;

export const IDENTITY_KEY_REF: FieldRef = refOf(identityKeyField());
export const IDENTITY_VALUE_REF: FieldRef = refOf(identityValueField());

/** The identity key (default email) and its checked value, or a HaltedError naming the field. */
export const identityInput = (
  z: ZObject,
  input: { identity_key?: unknown; identity_value?: unknown },
): { key: IdentityKey; value: string | number } => {
  const key = optionalChoice(z, IDENTITY_KEY_REF, input.identity_key, IDENTITY_KEYS) ?? 'email';
  return { key, value: requiredIdentity(z, key, IDENTITY_VALUE_REF, input.identity_value) };
};

/**
 * What the actions that must never run twice say, in the help of the field the replay concerns:
 * Zapier may replay a step, so identical inputs within 24 hours count as one.
 */
export const replayHelp = (what: string, result: string) =>
  `${what} with the same inputs within 24 hours counts as one (Zapier may replay a step): you get the first ${result} back instead of a second one.`;
