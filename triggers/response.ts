/**
 * Responses (hidden): feeds the Response ID dropdowns (find_response, update_response, add_note)
 * with the most recent responses (GET /responses, newest first), labelled
 * `<score> · <email or identity value> · <date>` so a user recognises the answer they mean.
 */
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { listResponses, MAX_PAGE_SIZE } from '../client/api.js';
import type { NpsResponse } from '../client/schemas.js';
import { KEYS } from '../fields/keys.js';
import { MAX_ITEMS, pagedList } from '../lib/hooks.js';
import { identityOf, sampleResponse } from '../records/response.js';

/** `4 · maria.garcia@acme.com · 2026-11-20`: score, who answered, the day (UTC). */
export const responseLabel = (response: NpsResponse): string => {
  const who =
    identityOf(response.contact).identity_value ?? response.contact.name ?? response.contact.id;
  return `${response.score} · ${who} · ${response.submitted_at.slice(0, 10)}`;
};

export const toResponseChoice = (response: NpsResponse) => ({
  id: response.id,
  label: responseLabel(response),
});

const perform = async (z: ZObject, bundle: Bundle) =>
  pagedList(
    z,
    bundle,
    (cursor, { timeoutMs }) => listResponses(z, { limit: MAX_PAGE_SIZE, cursor, timeoutMs }),
    (responses) => responses.map(toResponseChoice),
    MAX_ITEMS,
  );

export default defineTrigger({
  key: KEYS.triggers.response,
  noun: 'Response',
  display: {
    label: 'Responses',
    description:
      'Triggers when a customer answers a survey. Lists recent responses for the Response ID dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    canPaginate: true,
    sample: toResponseChoice(sampleResponse),
    outputFields: [
      { key: 'id', label: 'Response ID', type: 'string' },
      { key: 'label', label: 'Response', type: 'string' },
    ],
  },
});
