/** Steps that several recipes set up the same way. */
import { CRM_THEMES } from './apps.js';
import type { AppStep, FilterStep, NpsStep, Template } from './types.js';

/**
 * NPS → New NPS Response for a CRM step that writes the themes into a restricted field (a
 * Salesforce multi-select picklist, a HubSpot checkbox property): it waits for the AI themes and
 * gives them as CRM_THEMES values, any other theme as `Other`. `labelLanguage` and `themeMapping`
 * are the trigger's Segment Label Language and Theme Mapping, when the recipe sets them.
 */
export const newResponseWithCrmThemes = (
  {
    labelLanguage,
    themeMapping,
  }: { labelLanguage?: string; themeMapping?: Record<string, string> },
  notes: string[],
): NpsStep => ({
  app: 'nps',
  kind: 'trigger',
  key: 'new_response',
  inputs: {
    wait_for_themes: true,
    ...(labelLanguage ? { label_language: labelLanguage } : {}),
    crm_theme_values: CRM_THEMES,
    ...(themeMapping ? { theme_mapping: themeMapping } : {}),
    other_theme_value: 'Other',
  },
  notes,
});

/** Salesforce → Updated Field on Record on an opportunity's Stage: it fires on any change of it. */
export const opportunityStageChanged = (notes?: string[]): AppStep => ({
  app: 'salesforce',
  event: 'Updated Field on Record',
  operation: 'updated_field',
  object: 'Opportunity',
  inputs: { field: 'StageName' },
  ...(notes ? { notes } : {}),
});

/**
 * The Filter after opportunityStageChanged: only an opportunity now at `stage`, and only when
 * `required` (what the next steps need from it) has a value.
 */
export const stageFilter = (stage: string, required: Template): FilterStep => ({
  app: 'filter',
  conditions: [
    { value: '{{1.StageName}}', operator: 'text_exactly_matches', operand: stage },
    { value: required, operator: 'exists' },
  ],
});

/** Slack → Send Channel Message: `text` (a template) to `channel`. */
export const slackChannelMessage = (channel: string, text: string, notes?: string[]): AppStep => ({
  app: 'slack',
  event: 'Send Channel Message',
  operation: 'send_channel_message',
  inputs: { channel, text },
  ...(notes ? { notes } : {}),
});
