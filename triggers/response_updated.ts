/**
 * Updated Response (instant, `response.updated`): tags, themes, follow-up status or owner changed.
 * Each update is its own item (`<response id>:<updated_at>`). With follow-up statuses chosen it
 * fires only when the status changed to one of them. Changes made with this connection's key are
 * dropped by the subscription (`exclude_own_changes`, which knows the key that subscribed), and
 * by perform and performList with the connection's current key (`source.key_id` against GET /me,
 * cached in z.cache), so a zap that updates responses cannot loop, even after a reconnect with a
 * new key.
 */
import { createHash } from 'node:crypto';
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { getMe } from '../client/api.js';
import { FOLLOW_UP_STATUSES } from '../client/enums.js';
import type { NpsEvent, ResponseEvent } from '../client/schemas.js';
import {
  FOLLOW_UP_CHOICES,
  labelLanguageField,
  labelLanguageInput,
  refsOf,
  surveyField,
} from '../fields/common.js';
import { crmThemeFields, readCrmThemeOptions } from '../fields/crm.js';
import { KEYS } from '../fields/keys.js';
import type { CrmThemeOptions, LabelLanguage } from '../lib/crm.js';
import { eventList, receive, subscribe, hookOperation } from '../lib/hooks.js';
import { choiceList, optionalBoolean, optionalString } from '../lib/validate.js';
import {
  responseUpdatedOutputFields,
  responseUpdatedSample,
  toResponseUpdatedRecord,
} from '../records/events.js';

const EVENT = 'response.updated';

const inputFields = defineInputFields([
  surveyField({ helpText: 'Only responses to this survey. Leave empty for all.' }),
  {
    key: 'follow_up_statuses',
    label: 'Follow-up Status Changed To',
    type: 'string',
    list: true,
    required: false,
    choices: FOLLOW_UP_CHOICES.map((choice) => ({ ...choice })),
    helpText:
      'Only when the follow-up status changed to one of these, e.g. Closed to tell the account manager the loop was closed. Leave empty to trigger on any change (tags, themes, status, owner).',
  },
  {
    key: 'ignore_own_changes',
    label: 'Ignore Changes Made by Zapier',
    type: 'boolean',
    required: false,
    default: 'true',
    helpText:
      'Yes (recommended): changes made with this connection (e.g. by an Update Response step) do not trigger, so a zap that updates responses cannot loop.',
  },
  labelLanguageField(),
  ...crmThemeFields(),
]);

type InputData = InferInputData<typeof inputFields>;

const FIELDS = refsOf(inputFields);

interface Filters {
  surveyId?: string;
  statuses: string[];
  ignoreOwnChanges: boolean;
  language: LabelLanguage;
  crmThemes?: CrmThemeOptions;
}

const readFilters = (z: ZObject, input: Record<string, unknown>, onDelivery = false): Filters => {
  const statuses = choiceList(
    z,
    FIELDS.follow_up_statuses,
    input.follow_up_statuses,
    FOLLOW_UP_STATUSES,
  );
  return {
    surveyId: optionalString(z, FIELDS.survey_id, input.survey_id),
    statuses,
    ignoreOwnChanges:
      optionalBoolean(z, FIELDS.ignore_own_changes, input.ignore_own_changes) ?? true,
    language: labelLanguageInput(z, input.label_language, { onDelivery }),
    crmThemes: readCrmThemeOptions(z, input),
  };
};

const isUpdate = (event: NpsEvent): event is ResponseEvent => event.type === EVENT;

/**
 * z.cache key of the connection's key id. Scoped to the connection, and named after a hash of the
 * key itself: a connection reconnected with a new key (same connection, new authData) must not
 * read the old key's id for the rest of the TTL.
 */
const ownKeyCacheKey = (apiKey: unknown) =>
  `nps:me:key_id:${createHash('sha256')
    .update(String(apiKey ?? ''))
    .digest('hex')
    .slice(0, 16)}`;
const OWN_KEY_TTL_SECONDS = 3600;
/** GET /me on the sample path gets at most this, so it and the paging budget stay under 30 s. */
const OWN_KEY_LIST_TIMEOUT_MS = 5_000;

/**
 * The id of the API key this connection uses now (GET /me), cached in z.cache per connection and
 * key. A cache that fails or answers nothing usable only costs a GET /me.
 */
export const currentKeyId = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  timeoutMs?: number,
): Promise<string> => {
  const cacheKey = ownKeyCacheKey(bundle.authData?.api_key);
  try {
    // Core's z.cache.get takes the scope too; its type definition omits it.
    const get = z.cache.get as (key: string, scope?: string[]) => Promise<unknown>;
    const cached = await get(cacheKey, ['auth']);
    if (typeof cached === 'string' && cached) return cached;
  } catch {
    // fall through to GET /me
  }
  const id = (await getMe(z, { timeoutMs })).key.id;
  try {
    await z.cache.set(cacheKey, id, OWN_KEY_TTL_SECONDS, ['auth']);
  } catch {
    // the next run asks again
  }
  return id;
};

/** The current key's id when this zap ignores its own changes and `event` was made by a key. */
const ownKeyIdFor = async (
  z: ZObject,
  bundle: Bundle<InputData>,
  filters: Filters,
  event: NpsEvent,
): Promise<string | undefined> =>
  filters.ignoreOwnChanges && isUpdate(event) && event.data.source?.key_id
    ? currentKeyId(z, bundle)
    : undefined;

/** The record of a matching event, or none. Shared by the hook and performList. */
const toItems = (filters: Filters, event: NpsEvent, ownKeyId?: string) => {
  if (!isUpdate(event)) return [];
  const { response, previous_attributes: previous, source } = event.data;
  if (filters.surveyId && response.survey.id !== filters.surveyId) return [];
  if (ownKeyId && source?.key_id === ownKeyId) return [];
  if (filters.statuses.length) {
    const before = previous?.follow_up?.status;
    const now = response.follow_up.status;
    if (before === undefined || before === now || !filters.statuses.includes(now)) return [];
  }
  return [toResponseUpdatedRecord(event, filters.language, filters.crmThemes)];
};

const performSubscribe = async (z: ZObject, bundle: Bundle<InputData>) => {
  const filters = readFilters(z, bundle.inputData);
  return subscribe(
    z,
    bundle,
    [EVENT],
    { survey_id: filters.surveyId, exclude_own_changes: filters.ignoreOwnChanges },
    'Zapier: Updated Response',
  );
};

// The subscription's exclude_own_changes knows only the key that subscribed; after a reconnect
// with a new key, that key's changes arrive and are dropped here.
const perform = async (z: ZObject, bundle: Bundle<InputData>) =>
  receive(z, bundle, [EVENT], async (event) => {
    const filters = readFilters(z, bundle.inputData, true);
    return toItems(filters, event, await ownKeyIdFor(z, bundle, filters, event));
  });

const performList = async (z: ZObject, bundle: Bundle<InputData>) => {
  const filters = readFilters(z, bundle.inputData);
  // GET /events lists every change: drop this key's own, as the subscription does.
  const ownKeyId = filters.ignoreOwnChanges
    ? await currentKeyId(z, bundle, OWN_KEY_LIST_TIMEOUT_MS)
    : undefined;
  return eventList(z, bundle, EVENT, (event) => toItems(filters, event, ownKeyId));
};

export default defineTrigger({
  key: KEYS.triggers.responseUpdated,
  noun: 'Response',
  display: {
    label: 'Updated Response',
    description:
      "Triggers when a response's follow-up status, follow-up owner, tags or themes change.",
  },
  operation: {
    ...hookOperation({ inputFields, performSubscribe, perform, performList }),
    sample: { ...responseUpdatedSample },
    outputFields: responseUpdatedOutputFields,
  },
});
