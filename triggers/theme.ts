/**
 * Themes (hidden): feeds the Themes dropdowns, most frequent first, labelled with how many
 * responses carry each theme; limited to the survey chosen in the same form, when there is one.
 * `id` feeds filters by theme id; `name` (the plain name) feeds inputs that write themes by name.
 */
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { listThemes, MAX_PAGE_SIZE } from '../client/api.js';
import { KEYS } from '../fields/keys.js';
import { MAX_ITEMS, pagedList } from '../lib/hooks.js';

const perform = async (z: ZObject, bundle: Bundle) => {
  const survey = bundle.inputData?.survey_id;
  const surveyId = typeof survey === 'string' && survey.trim() ? survey.trim() : undefined;
  return pagedList(
    z,
    bundle,
    (cursor, { timeoutMs }) =>
      listThemes(z, { limit: MAX_PAGE_SIZE, cursor, survey_id: surveyId, timeoutMs }),
    (themes) =>
      themes.map((theme) => ({
        id: theme.id,
        name: theme.name,
        label: `${theme.name} (${theme.response_count})`,
        response_count: theme.response_count,
      })),
    MAX_ITEMS,
  );
};

export default defineTrigger({
  key: KEYS.triggers.theme,
  noun: 'Theme',
  display: {
    label: 'Themes',
    description:
      'Triggers when the AI finds a new theme. Lists the themes for the Themes dropdowns, most frequent first.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    canPaginate: true,
    sample: { id: 'thm_billing', name: 'Billing', label: 'Billing (42)', response_count: 42 },
    outputFields: [
      { key: 'id', label: 'Theme ID', type: 'string' },
      { key: 'name', label: 'Theme Name', type: 'string' },
      { key: 'label', label: 'Theme (Responses)', type: 'string' },
      { key: 'response_count', label: 'Number of Responses', type: 'integer' },
    ],
  },
});
