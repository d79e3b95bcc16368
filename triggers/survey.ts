/** Surveys (hidden): feeds the Survey dropdowns; "load more" pages through every survey. */
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { listSurveys, MAX_PAGE_SIZE } from '../client/api.js';
import { KEYS } from '../fields/keys.js';
import { MAX_ITEMS, pagedList } from '../lib/hooks.js';

const perform = async (z: ZObject, bundle: Bundle) =>
  pagedList(
    z,
    bundle,
    (cursor, { timeoutMs }) => listSurveys(z, { limit: MAX_PAGE_SIZE, cursor, timeoutMs }),
    (surveys) =>
      surveys.map((survey) => ({
        id: survey.id,
        // Paused and archived surveys stay pickable, but say so.
        name: survey.status === 'active' ? survey.name : `${survey.name} (${survey.status})`,
      })),
    MAX_ITEMS,
  );

export default defineTrigger({
  key: KEYS.triggers.survey,
  noun: 'Survey',
  display: {
    label: 'Surveys',
    description: 'Triggers when a survey is created. Lists the surveys for the Survey dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    canPaginate: true,
    sample: { id: 'srv_q3nps', name: 'Quarterly NPS' },
    outputFields: [
      { key: 'id', label: 'Survey ID', type: 'string' },
      { key: 'name', label: 'Survey Name', type: 'string' },
    ],
  },
});
