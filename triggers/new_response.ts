/**
 * New NPS Response (instant). Subscribes to `response.analyzed` (themes filled) or
 * `response.created` (seconds sooner, no themes yet) with the filters the API can express; the
 * rest (themes, comment) is applied on delivery, and performList applies all of them to
 * GET /responses so a sample never shows what the live trigger would drop.
 *
 * performList is also how Zapier Transfer and backfills load history: it pages through every
 * matching response, newest first, 100 per call, with the API cursor kept in `z.cursor`; the
 * filters travel in the query, so no page comes back empty before the end. Submitted After bounds
 * it (live deliveries ignore it), and a live connection never lists test-mode responses, as its
 * webhooks never deliver them.
 */
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { listResponses, type EventType } from '../client/api.js';
import type { NpsResponse, Segment } from '../client/schemas.js';
import {
  labelLanguageField,
  labelLanguageInput,
  refsOf,
  segmentsField,
  surveyField,
  themesField,
} from '../fields/common.js';
import { crmThemeFields, readCrmThemeOptions } from '../fields/crm.js';
import { KEYS } from '../fields/keys.js';
import type { CrmThemeOptions, LabelLanguage } from '../lib/crm.js';
import {
  isLoadingSample,
  isTestModeKey,
  pagedList,
  receive,
  segmentList,
  subscribe,
  hookOperation,
} from '../lib/hooks.js';
import {
  inputError,
  optionalBoolean,
  optionalDateTime,
  optionalInteger,
  optionalString,
  stringList,
  zapTimeZone,
} from '../lib/validate.js';
import { responseOutputFields, responseSample, toResponseRecord } from '../records/response.js';

const inputFields = defineInputFields([
  surveyField({ helpText: 'Only responses to this survey. Leave empty for every survey.' }),
  segmentsField(
    'segments',
    'Segments',
    'Only responses in these segments, e.g. Detractors to alert customer success at once. Leave empty for all.',
  ),
  // Text, read strictly: Zapier would turn a mapped "six" into 0 and let every score through.
  {
    key: 'min_score',
    label: 'Minimum Score',
    type: 'string',
    required: false,
    meta: { parsed_as: 'integer' },
    helpText:
      'Only scores from this value up: a whole number from 0 to 10, inclusive, written with digits. Leave empty for no lower limit.',
  },
  {
    key: 'max_score',
    label: 'Maximum Score',
    type: 'string',
    required: false,
    meta: { parsed_as: 'integer' },
    helpText:
      'Only scores up to this value: a whole number from 0 to 10, inclusive, written with digits, e.g. 6 for detractors. Leave empty for no upper limit.',
  },
  themesField(),
  {
    key: 'require_comment',
    label: 'Only Responses With a Comment',
    type: 'boolean',
    required: false,
    default: 'false',
    helpText:
      'Yes: skip responses that only have a score, e.g. to create a ticket only when there is something to read.',
  },
  {
    key: 'wait_for_themes',
    label: 'Wait for AI Themes',
    type: 'boolean',
    required: false,
    default: 'true',
    helpText:
      'Yes (recommended): trigger once the AI has tagged the themes, a few seconds after the answer. No: trigger the moment the answer arrives, with no themes yet (the Themes filter then never matches).',
  },
  {
    key: 'submitted_after',
    label: 'Only Responses Submitted After',
    // Text, not datetime: Zapier turns a date it cannot read into "now", which would silently
    // load nothing. The app reads the text strictly and refuses what it cannot read.
    type: 'string',
    required: false,
    helpText:
      "For loading past responses (Zapier Transfer): only those submitted from this date or moment on, e.g. 2026-01-01 or 2026-01-01T09:00:00Z (in the zap's time zone when no offset is given). Leave empty to load all history. New responses trigger the zap whatever this says.",
  },
  labelLanguageField(),
  ...crmThemeFields(),
]);

type InputData = InferInputData<typeof inputFields>;

const FIELDS = refsOf(inputFields);

export interface ResponseFilters {
  surveyId?: string;
  segments: Segment[];
  minScore?: number;
  maxScore?: number;
  themeIds: string[];
  requireComment: boolean;
  waitForThemes: boolean;
  language: LabelLanguage;
  crmThemes?: CrmThemeOptions;
}

/** Reads and checks the inputs before any request; errors name the field. */
export const readFilters = (
  z: ZObject,
  input: Record<string, unknown>,
  onDelivery = false,
): ResponseFilters => {
  const minScore = optionalInteger(z, FIELDS.min_score, input.min_score, 0, 10);
  const maxScore = optionalInteger(z, FIELDS.max_score, input.max_score, 0, 10);
  if (minScore !== undefined && maxScore !== undefined && minScore > maxScore) {
    inputError(
      z,
      FIELDS.max_score,
      `must be at least the Minimum Score (min_score); got ${maxScore} < ${minScore}.`,
    );
  }
  const themeIds = stringList(z, FIELDS.themes, input.themes);
  const waitForThemes = optionalBoolean(z, FIELDS.wait_for_themes, input.wait_for_themes) ?? true;
  if (themeIds.length && !waitForThemes) {
    inputError(
      z,
      FIELDS.themes,
      'needs Wait for AI Themes (wait_for_themes) set to Yes: without it a response arrives before the AI has found its themes, so this zap would never trigger.',
    );
  }
  return {
    surveyId: optionalString(z, FIELDS.survey_id, input.survey_id),
    segments: segmentList(z, FIELDS.segments, input.segments),
    minScore,
    maxScore,
    themeIds,
    requireComment: optionalBoolean(z, FIELDS.require_comment, input.require_comment) ?? false,
    waitForThemes,
    language: labelLanguageInput(z, input.label_language, { onDelivery }),
    crmThemes: readCrmThemeOptions(z, input),
  };
};

/**
 * The same test for a delivery and for a listed response. Waiting for themes, the hook fires on
 * `response.analyzed` (analysis complete or failed), so a listed response still pending is not one
 * the live trigger would have output yet.
 */
export const matches = (filters: ResponseFilters, response: NpsResponse): boolean =>
  (!filters.waitForThemes || response.analysis_status !== 'pending') &&
  (!filters.surveyId || response.survey.id === filters.surveyId) &&
  (!filters.segments.length || filters.segments.includes(response.segment)) &&
  (filters.minScore === undefined || response.score >= filters.minScore) &&
  (filters.maxScore === undefined || response.score <= filters.maxScore) &&
  (!filters.themeIds.length ||
    response.themes.some((theme) => filters.themeIds.includes(theme.id))) &&
  (!filters.requireComment || Boolean(response.comment?.trim()));

const eventOf = (filters: ResponseFilters): EventType =>
  filters.waitForThemes ? 'response.analyzed' : 'response.created';

const performSubscribe = async (z: ZObject, bundle: Bundle<InputData>) => {
  const filters = readFilters(z, bundle.inputData);
  return subscribe(
    z,
    bundle,
    [eventOf(filters)],
    {
      survey_id: filters.surveyId,
      segments: filters.segments,
      min_score: filters.minScore,
      max_score: filters.maxScore,
    },
    'Zapier: New NPS Response',
  );
};

const perform = async (z: ZObject, bundle: Bundle<InputData>) =>
  receive(z, bundle, ['response.analyzed', 'response.created'], (event) => {
    const filters = readFilters(z, bundle.inputData, true);
    // Only the event this zap subscribed to (wait_for_themes decides which).
    if (event.type !== 'response.analyzed' && event.type !== 'response.created') return [];
    return event.type === eventOf(filters) && matches(filters, event.data.response)
      ? [toResponseRecord(event.data.response, filters.language, undefined, filters.crmThemes)]
      : [];
  });

/**
 * A listed response as the live trigger outputs it without Wait for AI Themes: it fires on
 * `response.created`, before the AI has looked at the answer, so no themes and no analysis yet.
 */
const asCreated = (response: NpsResponse): NpsResponse => ({
  ...response,
  themes: [],
  analysis_status: 'pending',
  analyzed_at: null,
});

/**
 * Submitted After, for listing only: a date or date-time (the zap's time zone without an offset),
 * not in the future; a value that cannot be read is refused, never taken as "now".
 */
const readSubmittedAfter = (z: ZObject, bundle: Bundle<InputData>): string | undefined => {
  const input = bundle.inputData as Record<string, unknown>;
  const after = optionalDateTime(
    z,
    FIELDS.submitted_after,
    input.submitted_after,
    zapTimeZone(bundle),
  );
  if (after !== undefined && Date.parse(after) > Date.now()) {
    inputError(
      z,
      FIELDS.submitted_after,
      `is in the future (${after}), so no response would be loaded. Give a past date, like 2026-01-01, or leave it empty for all history.`,
    );
  }
  return after;
};

const performList = async (z: ZObject, bundle: Bundle<InputData>) => {
  const filters = readFilters(z, bundle.inputData);
  const submittedAfter = readSubmittedAfter(z, bundle);
  const seesTest = isTestModeKey(bundle);
  const limit = isLoadingSample(bundle) ? 3 : 100;
  return pagedList(
    z,
    bundle,
    (cursor, { timeoutMs }) =>
      listResponses(z, {
        survey_id: filters.surveyId,
        segment: filters.segments.join(',') || undefined,
        min_score: filters.minScore,
        max_score: filters.maxScore,
        theme: filters.themeIds.join(',') || undefined,
        has_comment: filters.requireComment || undefined,
        submitted_after: submittedAfter,
        limit,
        cursor,
        timeoutMs,
      }),
    (responses) =>
      responses
        .filter((response) => (seesTest || !response.test) && matches(filters, response))
        .map((response) =>
          toResponseRecord(
            filters.waitForThemes ? response : asCreated(response),
            filters.language,
            undefined,
            filters.crmThemes,
          ),
        ),
    limit,
  );
};

export default defineTrigger({
  key: KEYS.triggers.newResponse,
  noun: 'Response',
  display: {
    label: 'New NPS Response',
    description:
      'Triggers when a customer answers an NPS survey, with the score, comment, AI themes and CRM IDs.',
  },
  operation: {
    ...hookOperation({ inputFields, performSubscribe, perform, performList }),
    sample: { ...responseSample },
    outputFields: responseOutputFields(),
  },
});
