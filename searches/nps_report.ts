/**
 * Get NPS Score: NPS over a period cut in the chosen time zone (GET /metrics/nps), and with
 * compare_previous the equally long period before it, as one flat record with a summary sentence.
 * Period and NPS maths live in lib/periods.ts.
 */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { getNpsMetrics, type NpsMetricsQuery } from '../client/api.js';
import type { NpsMetrics } from '../client/schemas.js';
import { refsOf, surveyField } from '../fields/common.js';
import { TIME_ZONE_CHOICES } from '../fields/time_zones.js';
import { KEYS } from '../fields/keys.js';
import {
  PERIODS,
  npsBreakdown,
  npsChange,
  parseReportTime,
  reportPeriods,
  reportSummary,
  toIso,
} from '../lib/periods.js';
import type { Range } from '../lib/periods.js';
import {
  inputError,
  zapTimeZone,
  optionalBoolean,
  optionalChoice,
  optionalString,
  optionalTimeZone,
} from '../lib/validate.js';

const GROUP_BY = ['none', 'day', 'week', 'month'] as const;

const PERIOD_LABELS: Record<(typeof PERIODS)[number], string> = {
  last_7_days: 'Last 7 days (complete days, before today)',
  last_30_days: 'Last 30 days (complete days, before today)',
  last_90_days: 'Last 90 days (complete days, before today)',
  this_month: 'This month so far',
  last_month: 'Last month',
  this_quarter: 'This quarter so far',
  last_quarter: 'Last quarter',
  this_year: 'This year so far',
  custom: 'Custom (fill in From and To below)',
};

/**
 * From and To are static fields, always in the form: when Period is mapped from an earlier step
 * its value is unknown while the form loads, so fields shown only for Custom would be missing
 * (issue 16, item 6); and Zapier's servers compare serialised definitions, where a field moved
 * into a dynamic-field function counts as removed. Their help says they apply to Custom only,
 * and perform refuses them with another period rather than ignore them.
 */
export const sinceField = {
  key: 'since',
  label: 'From (Custom Period)',
  type: 'string',
  // Optional in 1.0.0 (C002): the step itself refuses a Custom period without it, naming it.
  required: false,
  helpText:
    'Only for Period = Custom (required then): the first day (2026-03-01) or moment (2026-03-01T09:00:00Z) to count, in the time zone below when no offset is given. Leave empty for any other period: a From given with another period is refused, so a report never silently covers other dates than you meant.',
} as const;

export const untilField = {
  key: 'until',
  label: 'To (Custom Period)',
  type: 'string',
  required: false,
  helpText:
    'Only for Period = Custom: the last day to count (2026-03-31 counts the whole day) or the moment to stop; empty counts up to now. Leave empty for any other period: a To given with another period is refused.',
} as const;

const inputFields = defineInputFields([
  surveyField({ helpText: 'The NPS of this survey only. Leave empty for all surveys together.' }),
  {
    key: 'period',
    label: 'Period',
    type: 'string',
    required: false,
    default: 'last_30_days',
    choices: PERIODS.map((value) => ({ value, label: PERIOD_LABELS[value], sample: value })),
    helpText:
      'Which responses count, by the date they were submitted, in the time zone below. "Last 7/30/90 days" are complete days and leave today out, so a report sent every Monday morning covers Monday to Sunday. "This month/quarter/year" run up to now. Custom counts from From to To below.',
  },
  sinceField,
  untilField,
  {
    key: 'group_by',
    label: 'Break Down By',
    type: 'string',
    required: false,
    default: 'none',
    choices: [
      { value: 'none', label: 'No breakdown', sample: 'none' },
      { value: 'day', label: 'Day', sample: 'day' },
      { value: 'week', label: 'Week (Monday to Sunday)', sample: 'week' },
      { value: 'month', label: 'Month', sample: 'month' },
    ],
    helpText:
      'Also give the NPS of each day, week or month in the period, as line items ("Periods") for a table or a chart.',
  },
  {
    key: 'compare_previous',
    label: 'Compare With Previous Period',
    type: 'boolean',
    required: false,
    default: 'true',
    helpText:
      'Also get the NPS of the equally long period just before (e.g. the 30 days before the last 30 days, or the month before last month), to say whether NPS went up or down.',
  },
  {
    key: 'timezone',
    label: 'Time Zone',
    type: 'string',
    required: false,
    choices: TIME_ZONE_CHOICES,
    helpText:
      "Where days and months start. Pick a common zone, or enter any IANA time zone name (e.g. America/Halifax) as a custom value. Leave empty to use your zap's time zone (or UTC when it has none).",
  },
  {
    key: 'include_test',
    label: 'Include Test Responses',
    type: 'boolean',
    required: false,
    default: 'false',
    helpText:
      'No (recommended): count only real answers. Yes: also count responses recorded with a test-mode API key (nps_test_…), e.g. to check a report while you try out a zap.',
  },
]);

export type NpsReportInput = InferInputData<typeof inputFields>;

const REF = refsOf(inputFields);

/** The zone to cut periods in: the input, else the zap's, else UTC. */
const zoneOf = (z: ZObject, bundle: Bundle<NpsReportInput>): string => {
  const chosen = optionalTimeZone(z, REF.timezone, bundle.inputData.timezone);
  return chosen ?? zapTimeZone(bundle);
};

const customRange = (
  z: ZObject,
  input: NpsReportInput,
  zone: string,
  now: number,
): Range | undefined => {
  const sinceText = optionalString(z, REF.since, input.since);
  const untilText = optionalString(z, REF.until, input.until);
  if (sinceText === undefined) {
    return inputError(z, REF.since, 'is required for the Custom period, like 2026-03-01.');
  }
  const since = parseReportTime(sinceText, zone);
  if (since === null) {
    return inputError(z, REF.since, 'must be a date like 2026-03-01 or 2026-03-01T09:00:00Z.');
  }
  const until = untilText === undefined ? now : parseReportTime(untilText, zone, true);
  if (until === null) {
    return inputError(z, REF.until, 'must be a date like 2026-03-31 or 2026-03-31T18:00:00Z.');
  }
  if (until <= since) {
    return inputError(z, REF.until, 'must be after From (since).');
  }
  return { since, until };
};

export const buildReport = (options: {
  metrics: NpsMetrics;
  previous: NpsMetrics | null;
  since: number;
  until: number;
  zone: string;
  label: string;
  previousLabel: string;
}) => {
  const { metrics, previous, zone } = options;
  const current = npsBreakdown(metrics);
  const previousNps = previous ? npsBreakdown(previous).nps : null;
  return {
    ...current,
    since: toIso(options.since),
    until: toIso(options.until),
    timezone: zone,
    previous_nps: previousNps,
    nps_change: npsChange(current.nps, previousNps),
    periods: metrics.periods.map((period) => {
      const counts = npsBreakdown(period);
      return {
        label: period.label,
        nps: counts.nps,
        responses: counts.responses,
        promoters: counts.promoters,
        passives: counts.passives,
        detractors: counts.detractors,
      };
    }),
    summary: reportSummary({
      nps: current.nps,
      responses: current.responses,
      label: options.label,
      compare: previous !== null,
      previousNps,
      previousLabel: options.previousLabel,
    }),
  };
};

const perform = async (z: ZObject, bundle: Bundle<NpsReportInput>) => {
  const input = bundle.inputData;
  const zone = zoneOf(z, bundle);
  const surveyId = optionalString(z, REF.survey_id, input.survey_id);
  const period = optionalChoice(z, REF.period, input.period, PERIODS) ?? 'last_30_days';
  const groupBy = optionalChoice(z, REF.group_by, input.group_by, GROUP_BY) ?? 'none';
  const compare = optionalBoolean(z, REF.compare_previous, input.compare_previous) ?? true;
  const includeTest = optionalBoolean(z, REF.include_test, input.include_test) ?? false;
  const now = Date.now();
  if (period !== 'custom') {
    for (const ref of [REF.since, REF.until]) {
      if (optionalString(z, ref, input[ref.key as 'since' | 'until']) !== undefined) {
        inputError(
          z,
          ref,
          `only applies when Period is Custom, and Period is "${PERIOD_LABELS[period]}" (${period}). Set Period to Custom to count from From to To, or leave ${ref.key === 'since' ? 'From' : 'To'} empty.`,
        );
      }
    }
  }
  const custom = period === 'custom' ? customRange(z, input, zone, now) : undefined;
  const periods = reportPeriods(period, now, zone, custom);

  const query = (range: Range, grouped: boolean): NpsMetricsQuery => ({
    survey_id: surveyId,
    since: toIso(range.since),
    until: toIso(range.until),
    group_by: grouped && groupBy !== 'none' ? groupBy : undefined,
    timezone: zone,
    // Sent only when asked for: the platform's default leaves test responses out.
    include_test: includeTest || undefined,
  });
  const metrics = await getNpsMetrics(z, query(periods.current, true));
  const previous = compare ? await getNpsMetrics(z, query(periods.previous, false)) : null;
  return [
    buildReport({
      metrics,
      previous,
      since: periods.current.since,
      until: periods.current.until,
      zone,
      label: periods.label,
      previousLabel: periods.previousLabel,
    }),
  ];
};

export const npsReportSample = {
  nps: 40.8,
  responses: 120,
  promoters: 68,
  passives: 33,
  detractors: 19,
  promoter_percent: 56.7,
  passive_percent: 27.5,
  detractor_percent: 15.8,
  since: '2026-10-21T22:00:00Z',
  until: '2026-11-20T23:00:00Z',
  timezone: 'Europe/Madrid',
  previous_nps: 35.8,
  nps_change: 5,
  periods: [
    { label: '2026-10', nps: 38.1, responses: 42, promoters: 22, passives: 14, detractors: 6 },
    { label: '2026-11', nps: 42.3, responses: 78, promoters: 46, passives: 19, detractors: 13 },
  ],
  summary: 'NPS 40.8 from 120 responses (up 5 from the previous 30 days)',
};

export default defineSearch({
  key: KEYS.searches.npsReport,
  noun: 'NPS Score',
  display: {
    label: 'Get NPS Score',
    description:
      'Calculates your NPS (% promoters minus % detractors) for a period and compares it with the period before, with a ready-to-send summary.',
  },
  operation: {
    inputFields,
    perform,
    sample: npsReportSample,
    outputFields: [
      { key: 'nps', label: 'NPS (-100 to 100)', type: 'number' },
      { key: 'responses', label: 'Responses', type: 'integer' },
      { key: 'promoters', label: 'Promoters (9-10)', type: 'integer' },
      { key: 'passives', label: 'Passives (7-8)', type: 'integer' },
      { key: 'detractors', label: 'Detractors (0-6)', type: 'integer' },
      { key: 'promoter_percent', label: 'Promoters %', type: 'number' },
      { key: 'passive_percent', label: 'Passives %', type: 'number' },
      { key: 'detractor_percent', label: 'Detractors %', type: 'number' },
      { key: 'since', label: 'Period Start', type: 'datetime' },
      { key: 'until', label: 'Period End (Exclusive)', type: 'datetime' },
      { key: 'timezone', label: 'Time Zone', type: 'string' },
      { key: 'previous_nps', label: 'Previous Period NPS', type: 'number' },
      { key: 'nps_change', label: 'NPS Change From Previous Period', type: 'number' },
      { key: 'periods[]label', label: 'Breakdown: Period', type: 'string' },
      { key: 'periods[]nps', label: 'Breakdown: NPS', type: 'number' },
      { key: 'periods[]responses', label: 'Breakdown: Responses', type: 'integer' },
      { key: 'periods[]promoters', label: 'Breakdown: Promoters', type: 'integer' },
      { key: 'periods[]passives', label: 'Breakdown: Passives', type: 'integer' },
      { key: 'periods[]detractors', label: 'Breakdown: Detractors', type: 'integer' },
      { key: 'summary', label: 'Summary', type: 'string' },
    ],
  },
});
