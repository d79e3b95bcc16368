/**
 * The dedicated, attached webhooks (one per instant trigger) and their instant triggers.
 *
 * Where each decision is made follows Make's documentation:
 * - The webhook's communication decides which deliveries become a bundle: its `condition`
 *   ("Determines whether to execute the current request") with the webhook's `parameters` (the
 *   trigger's settings, "Contains the webhook's input parameters") and the delivery's `body`,
 *   the only variables Make documents there (app-components/webhooks). A delivery that does not
 *   match the trigger's settings outputs nothing and never fails the run.
 * - The instant trigger makes one request per bundle (`payload` = the webhook's output), to read the
 *   record back from the platform with the connection's key (Make gives a webhook's IML no raw body,
 *   so the delivery's signature cannot be checked: values come from the platform, not from the
 *   request). It cannot drop the bundle ("The iterate directive is not available", "Exactly one
 *   bundle is generated with each incoming webhook": app-components/modules/instant-trigger), so it
 *   outputs the record as it is now and never fails for a record that changed since the event.
 * - Attach registers the Make hook with POST /webhooks and keeps the remote id as
 *   `externalHookId` (webhooks/dedicated/attached); detach deletes it.
 */
import {
  contactRecord,
  dateOut,
  failedInvitationRecord,
  responseRecord,
  responseUpdatedExtras,
  s,
  segmentChangedExtras,
  x,
} from './iml.js';
import { p } from './values.js';

interface WebhookSpec {
  /** Events to subscribe (an IML list is allowed). */
  events: string[];
  /** The subscription's filters (what the API can express). */
  filters: Record<string, string>;
  /** Which deliveries become a bundle: the event type and every setting of the trigger. */
  condition: string;
  /** The request the instant trigger makes for each bundle (read the record back). */
  fetch: string;
  /** The record, from the fetched object (`body`) and the delivery (`payload.event`). */
  output: Record<string, string>;
  /** Whether the webhook has a Segment Label Language (the record's labels need it). */
  labelLanguage: boolean;
}

/** The delivery as the webhook hands it to its instant trigger (`payload` there). */
const ev = 'payload.event';
const lang = 'payload.label_language';
/** The delivery in the webhook's communication. */
const evt = 'body.data';

const isUnset = (path: string) => `ifempty(${path}; ${s('')}) = ${s('')}`;
const isEmptyList = (path: string) => `length(ifempty(${path}; emptyarray)) = 0`;
const surveyMatches = (response: string) =>
  `(${isUnset('parameters.survey_id')} || ${response}.survey.id = parameters.survey_id)`;
const fetchResponse = `/responses/${x(`encodeURL(${ev}.data.response.id)`)}`;

export const WEBHOOKS: Record<string, (label: string) => WebhookSpec> = {
  // triggers/new_response.ts `matches`.
  newResponse: () => {
    const r = `${evt}.response`;
    const waiting = `parameters.wait_for_themes != false`;
    const event = `if(${waiting}; ${s('response.analyzed')}; ${s('response.created')})`;
    return {
      events: [x(event)],
      filters: {
        survey_id: p('survey_id'),
        segments: p('segments'),
        min_score: p('min_score'),
        max_score: p('max_score'),
      },
      condition: x(
        [
          `body.type = ${event}`,
          `(parameters.wait_for_themes = false || ${r}.analysis_status != ${s('pending')})`,
          surveyMatches(r),
          `(${isEmptyList('parameters.segments')} || contains(parameters.segments; ${r}.segment))`,
          `(${isUnset('parameters.min_score')} || ${r}.score >= parameters.min_score)`,
          `(${isUnset('parameters.max_score')} || ${r}.score <= parameters.max_score)`,
          `(${isEmptyList('parameters.themes')} || length(distinct(merge(parameters.themes; map(${r}.themes; ${s('id')})))) < length(parameters.themes) + length(${r}.themes))`,
          `(parameters.require_comment != true || length(trim(ifempty(${r}.comment; ${s('')}))) > 0)`,
        ].join(' && '),
      ),
      fetch: fetchResponse,
      output: responseRecord('body', lang),
      labelLanguage: true,
    };
  },
  // triggers/segment_changed.ts `toItems`: the new segment is the event's `segment`.
  segmentChanged: () => ({
    events: ['contact.segment_changed'],
    filters: { survey_id: p('survey_id'), segments: p('to_segments') },
    condition: x(
      [
        `body.type = ${s('contact.segment_changed')}`,
        surveyMatches(`${evt}.response`),
        `(${isEmptyList('parameters.to_segments')} || contains(parameters.to_segments; ${evt}.segment))`,
        `(${isEmptyList('parameters.from_segments')} || contains(parameters.from_segments; ${evt}.previous_segment))`,
      ].join(' && '),
    ),
    fetch: fetchResponse,
    output: {
      ...responseRecord('body', lang, x(`${ev}.id`)),
      // The new segment is the re-read response's (the platform evaluates the event's filters on
      // its response); the previous segment exists only in the delivery.
      ...segmentChangedExtras(`${ev}.data`, 'body', lang),
    },
    labelLanguage: true,
  }),
  // triggers/response_updated.ts `toItems` (the own-changes filter is the subscription's).
  responseUpdated: () => {
    const before = `${evt}.previous_attributes.follow_up.status`;
    const now = `${evt}.response.follow_up.status`;
    return {
      events: ['response.updated'],
      filters: {
        survey_id: p('survey_id'),
        exclude_own_changes: x('parameters.ignore_own_changes != false'),
      },
      condition: x(
        [
          `body.type = ${s('response.updated')}`,
          surveyMatches(`${evt}.response`),
          `(${isEmptyList('parameters.follow_up_statuses')} || (length(ifempty(${before}; ${s('')})) > 0 && ${before} != ${now} && contains(parameters.follow_up_statuses; ${now})))`,
        ].join(' && '),
      ),
      fetch: fetchResponse,
      output: {
        ...responseRecord(
          'body',
          lang,
          `${x(`${ev}.data.response.id`)}:${x(`${ev}.data.response.updated_at`)}`,
        ),
        ...responseUpdatedExtras(`${ev}.data`),
      },
      labelLanguage: true,
    };
  },
  // No settings: every unsubscribe of the workspace.
  contactUnsubscribed: () => ({
    events: ['contact.unsubscribed'],
    filters: {},
    condition: x(`body.type = ${s('contact.unsubscribed')}`),
    fetch: `/contacts/${x(`encodeURL(${ev}.data.contact.id)`)}`,
    output: {
      ...contactRecord('body'),
      id: x(`${ev}.id`),
      contact_id: x('body.id'),
      unsubscribed_at: x(dateOut(`${ev}.created_at`)),
    },
    labelLanguage: false,
  }),
  // triggers/invitation_failed.ts: the survey filter on the invitation's survey. The invitation
  // is read back (GET /invitations/{id}); the contact, which that answer does not hold, comes from
  // the delivery, with its id from the platform's invitation (docs/make.md).
  invitationFailed: () => ({
    events: ['invitation.failed'],
    filters: { survey_id: p('survey_id') },
    condition: x(
      [
        `body.type = ${s('invitation.failed')}`,
        `(${isUnset('parameters.survey_id')} || ${evt}.invitation.survey_id = parameters.survey_id)`,
      ].join(' && '),
    ),
    fetch: `/invitations/${x(`encodeURL(${ev}.data.invitation.id)`)}`,
    output: failedInvitationRecord('body', `${ev}.data.contact`, ev),
    labelLanguage: false,
  }),
};

/** The webhook's communication: which deliveries become a bundle, and what the bundle holds. */
export const webhookCommunication = (hook: WebhookSpec) => ({
  condition: hook.condition,
  output: {
    event: x('body'),
    ...(hook.labelLanguage
      ? { label_language: x(`ifempty(parameters.label_language; ${s('en')})`) }
      : {}),
  },
});

export const attach = (hook: WebhookSpec, description: string) => ({
  url: '/webhooks',
  method: 'POST',
  body: {
    url: x('webhook.url'),
    events: hook.events,
    ...(Object.keys(hook.filters).length ? { filters: hook.filters } : {}),
    description,
  },
  // The remote id, named as Make's attach example names it; detach reads it as webhook.externalHookId.
  response: { data: { externalHookId: x('body.id') } },
  // The answer holds the subscription's signing secret, which the Make app does not use.
  log: { sanitize: ['response.body.secret'] },
});

/**
 * A 404 is always an error in Make (`valid` cannot accept it), and DELETE answers 404 for a
 * subscription already gone (deleted in the platform, or by the 410 answer to a delivery): the
 * newest page of subscriptions is read first, and the DELETE is sent when the hook is on it or when
 * more pages exist (then a 404 can still happen; docs/make.md).
 */
export const detach = () => [
  {
    url: '/webhooks',
    method: 'GET',
    qs: { limit: 100 },
    response: {
      temp: {
        listed: x(
          `contains(map(ifempty(body.data; emptyarray); ${s('id')}); webhook.externalHookId)`,
        ),
        more: x(`ifempty(body.next_cursor; ${s('')}) != ${s('')}`),
      },
    },
  },
  {
    condition: x('temp.listed || temp.more'),
    url: `/webhooks/${x('encodeURL(webhook.externalHookId)')}`,
    method: 'DELETE',
  },
];

/** The instant trigger's one request: the record read back; its output is the module's. */
export const instantTriggerCommunication = (hook: WebhookSpec, output: Record<string, string>) => ({
  url: hook.fetch,
  method: 'GET',
  response: { output },
});
