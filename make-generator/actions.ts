/**
 * The action modules' communication (Create or Update a Contact, Send an NPS Survey, Record an NPS
 * Response, Update a Response, Add a Note to a Response, Unsubscribe a Contact) and the universal
 * module (Make an API Call). Every parameter is sent as Make hands it over (./values.ts): left
 * empty it stays out of the body; erased (update modules) it is `null`, which clears the field.
 */
import { IDENTITY_KEYS } from '../client/api.js';
import { KEYS } from '../fields/keys.js';
import {
  contactRecord,
  dateOut,
  dictExpr,
  invitationRecord,
  responseRecord,
  s,
  typedPropertiesExpr,
  x,
} from './iml.js';
import { BASE_ERROR_MESSAGE } from './base.js';
import { IDENTITY_EMPTY, refusal, type Communication, type Out } from './searches.js';
import {
  contactBody,
  identityFromKey,
  identityQuery,
  idempotencyHeader,
  p,
  TYPED_PROPERTIES,
  typedProperties,
} from './values.js';

const CONTACT_FIELDS = ['name', 'company', 'phone', 'locale'] as const;

export const upsertContact = (out: Out): Communication => ({
  url: '/contacts',
  method: 'PUT',
  qs: { match_on: x(`ifempty(parameters.identity_key; ${s('email')})`) },
  // The identity value goes in the field the identity key names (creates/contact_fields.ts setIdentity).
  body: {
    ...contactBody([...IDENTITY_KEYS, ...CONTACT_FIELDS], identityFromKey),
    // Properties, then the typed fields over them (a key given both ways takes the typed value).
    properties: x(
      `if(parameters.properties || parameters.${TYPED_PROPERTIES}; toCollection(merge(ifempty(parameters.properties; emptyarray); if(parameters.${TYPED_PROPERTIES}; toArray(parseJSON(${typedPropertiesExpr(`parameters.${TYPED_PROPERTIES}`)})); emptyarray)); ${s('key')}; ${s('value')}); parameters.properties)`,
    ),
  },
  response: {
    output: out({
      ...contactRecord('body'),
      // PUT /contacts answers 201 when it created the contact, 200 when it updated one.
      created: x('statusCode = 201'),
    }),
  },
});

export const sendSurvey = (out: Out): Communication => ({
  url: `/surveys/${x('encodeURL(parameters.survey_id)')}/invitations`,
  method: 'POST',
  headers: {
    // Send At is left out, as the Zapier app does (creates/send_survey.ts).
    'Idempotency-Key': idempotencyHeader(KEYS.creates.sendSurvey, [
      'survey_id',
      ...IDENTITY_KEYS,
      ...CONTACT_FIELDS,
      'channel',
      'respect_throttle',
      'properties',
      TYPED_PROPERTIES,
    ]),
  },
  body: {
    contact: {
      ...contactBody([...IDENTITY_KEYS, ...CONTACT_FIELDS]),
      properties: typedProperties(),
    },
    channel: p('channel'),
    // Make passes a date as ISO 8601 with milliseconds in UTC (block-elements/parameters/date).
    send_at: p('send_at'),
    respect_throttle: p('respect_throttle'),
    properties: dictExpr('parameters.properties'),
  },
  response: { output: out(invitationRecord('body')) },
});

export const recordResponse = (out: Out): Communication => ({
  url: '/responses',
  method: 'POST',
  headers: {
    // submitted_at is left out as send_at is for sendSurvey (creates/record_response.ts): a
    // replay with another time is refused by the platform (409), never recorded twice.
    'Idempotency-Key': idempotencyHeader(KEYS.creates.recordResponse, [
      'survey_id',
      'score',
      'comment',
      ...IDENTITY_KEYS,
      'name',
      'company',
      'locale',
      'language',
      'tags',
      'properties',
      TYPED_PROPERTIES,
    ]),
  },
  body: {
    survey_id: p('survey_id'),
    score: p('score'),
    comment: p('comment'),
    contact: {
      ...contactBody([...IDENTITY_KEYS, 'name', 'company', 'locale']),
      properties: typedProperties(),
    },
    language: p('language'),
    submitted_at: p('submitted_at'),
    tags: p('tags'),
    properties: dictExpr('parameters.properties'),
  },
  response: { output: out(responseRecord('body', 'parameters.label_language')) },
});

export const updateResponse = (out: Out): Communication => ({
  url: `/responses/${x('encodeURL(parameters.response_id)')}`,
  method: 'PATCH',
  body: {
    tags: { add: p('add_tags'), remove: p('remove_tags') },
    themes: { add: p('add_themes'), remove: p('remove_themes') },
    // Erased, Follow-up Owner Email is null: the owner is unassigned (contract: nullable).
    follow_up: { status: p('follow_up_status'), owner_email: p('follow_up_owner_email') },
  },
  response: { output: out(responseRecord('body', 'parameters.label_language')) },
});

export const addNote = (out: Out): Communication => ({
  url: `/responses/${x('encodeURL(parameters.response_id)')}/notes`,
  method: 'POST',
  headers: {
    'Idempotency-Key': idempotencyHeader(KEYS.creates.addNote, [
      'response_id',
      'body',
      'author_email',
    ]),
  },
  body: { body: p('body'), author_email: p('author_email') },
  response: {
    output: out({
      id: x('body.id'),
      response_id: x('body.response_id'),
      body: x('body.body'),
      author_email: x('body.author_email'),
      created_at: x(dateOut('body.created_at')),
    }),
  },
});

const NO_CONTACT =
  'No contact matches this Identity Value: check Identify Contact By and the value.';

export const unsubscribeContact = (out: Out): Communication => [
  {
    url: '/contacts',
    method: 'GET',
    qs: { ...identityQuery(), limit: 1 },
    response: {
      // A lookup only: the next request outputs. Nothing is unsubscribed unless the value names a
      // contact (an empty value names none).
      temp: { contact_id: x(`get(body.data; ${s('1.id')})`) },
      ...refusal(
        `ifempty(parameters.identity_value; ${s('')}) != ${s('')} && length(body.data) > 0`,
        x(
          `if(ifempty(parameters.identity_value; ${s('')}) != ${s('')}; ${s(NO_CONTACT)}; ${s(IDENTITY_EMPTY)})`,
        ),
      ),
    },
  },
  {
    condition: x('temp.contact_id'),
    url: `/contacts/${x('encodeURL(temp.contact_id)')}/unsubscribe`,
    method: 'POST',
    body: {},
    response: { output: out(contactRecord('body')) },
  },
];

const NO_INVITATION =
  'Invitation ID (invitation_id) matches no invitation in this workspace: map the Invitation ID output of Send an NPS Survey (not a Contact or Survey ID).';

/**
 * Cancel a Scheduled Survey: POST /invitations/{id}/cancel (creates/cancel_invitation.ts). One
 * canceled before answers 200 with the same invitation: a success with the same record, so a run
 * again is safe. One that was sent, could not be delivered or was skipped answers 409
 * `invitation_not_cancelable`, whose message names its status: the module stops with that message
 * as a DataError (an error handler such as Ignore lets the scenario go on). Make's IML cannot make
 * a request after an error, so the status is the platform's words, not read again as the Zapier
 * app does.
 */
export const cancelInvitation = (out: Out): Communication => ({
  url: `/invitations/${x('encodeURL(parameters.invitation_id)')}/cancel`,
  method: 'POST',
  body: {},
  response: {
    output: out(invitationRecord('body')),
    error: {
      message: BASE_ERROR_MESSAGE,
      '404': { message: `[${x('statusCode')}] ${NO_INVITATION}`, type: 'DataError' },
      '409': {
        message: `[${x('statusCode')}] ${x(`if(body.error.type = ${s('invitation_not_cancelable')}; ${s('The survey cannot be canceled: ')}; ${s('The NPS platform refused the request: ')})`)}${x('body.error.message')}`,
        type: 'DataError',
      },
    },
  },
});

/** One key/value pair of Make an API Call's headers and query string. */
const KEY_VALUE_SPEC = [
  { name: 'key', label: 'Key', type: 'text', required: true },
  { name: 'value', label: 'Value', type: 'text' },
];

/** Make's universal REST module (app-components/modules/universal-module/rest). */
export const MAKE_API_CALL = {
  parameters: [
    {
      name: 'url',
      type: 'text',
      label: 'URL',
      required: true,
      help: 'Path relative to the API base URL of your region, e.g. `/responses` or `/contacts?email=maria@acme.com`. The connection adds the API key.',
    },
    {
      name: 'method',
      type: 'select',
      label: 'Method',
      required: true,
      default: 'GET',
      options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((value) => ({ label: value, value })),
    },
    {
      name: 'headers',
      type: 'array',
      label: 'Headers',
      help: 'Extra headers, e.g. Idempotency-Key. Authorization is added for you.',
      spec: KEY_VALUE_SPEC,
    },
    {
      name: 'qs',
      type: 'array',
      label: 'Query String',
      spec: KEY_VALUE_SPEC,
    },
    {
      name: 'body',
      type: 'any',
      label: 'Body',
      help: 'The request body as JSON text, e.g. `{"body": "Called back."}` for POST /responses/{id}/notes; build it with JSON > Create JSON to escape mapped values. Sent as it is, with Content-Type: application/json.',
    },
  ],
  communication: {
    url: `${x(`if(indexOf(parameters.url; ${s('/')}) != 0; ${s('/')}; ${s('')})`)}${x('parameters.url')}`,
    method: x('parameters.method'),
    // The `{{...}}` spread key merges the user's key/value pairs into the object (Make's universal
    // module). The API takes JSON; a Content-Type header given by the user replaces this one.
    headers: {
      'Content-Type': 'application/json',
      '{{...}}': x(
        `toCollection(ifempty(parameters.headers; emptyarray); ${s('key')}; ${s('value')})`,
      ),
    },
    qs: {
      '{{...}}': x(`toCollection(ifempty(parameters.qs; emptyarray); ${s('key')}; ${s('value')})`),
    },
    // The body is the user's text, sent as it is (`type: text`), not encoded again as a JSON string.
    body: x('parameters.body'),
    type: 'text',
    response: { output: { body: x('body'), headers: x('headers'), statusCode: x('statusCode') } },
  },
  interface: [
    { name: 'body', label: 'Body', type: 'any' },
    { name: 'headers', label: 'Headers', type: 'collection' },
    { name: 'statusCode', label: 'Status Code', type: 'number' },
  ],
};
