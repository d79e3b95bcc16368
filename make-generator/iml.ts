/**
 * The IML the generated files use: the flat response / contact records of records/*.ts, written
 * with Make's BUILT-IN functions only (custom IML functions are off by default on Make accounts).
 * The translation tables (segment labels, segment ranks) are read from lib/crm.ts, so a new
 * language reaches Make on the next `npm run make:build`.
 */
import { LABEL_LANGUAGES, SEGMENT_LABELS, SEGMENT_RANK } from '../lib/crm.js';
import { FALSE_WORDS, TRUE_WORDS } from '../lib/typed.js';
import type { Segment } from '../client/schemas.js';
import { failureReasonLabel } from '../records/invitation.js';

/**
 * `{{expr}}`. Expressions are written here with `;` between arguments (as Make's function help
 * pages do); the files get `,`, the separator of the custom-app IML documentation.
 */
export const x = (expr: string): string => `{{${commas(expr)}}}`;

const commas = (expr: string): string => {
  let out = '';
  let quote: string | null = null;
  for (const char of expr) {
    if (quote) {
      if (char === quote) quote = null;
      out += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      out += char;
    } else {
      out += char === ';' ? ',' : char;
    }
  }
  return out;
};
/**
 * An IML string literal. It holds its characters as written, a newline as a real newline: Make's
 * IML documents no escape sequence, so the values we write never hold a backslash (nor the quote).
 */
export const s = (text: string): string => {
  if (/["\\]/.test(text)) throw new Error(`IML literal with a quote or backslash: ${text}`);
  return `"${text}"`;
};

/** The API's date-time text (`2026-03-01T12:00:00Z`, contract "Conventions") for parseDate. */
export const API_DATE_TIME = 'YYYY-MM-DDTHH:mm:ssZ';

/**
 * An API date-time as Make's date (`parseDate`), so Make shows it as a date in the user's zone
 * (block-elements/parameters/date: "Dates with time have to be formatted/parsed to our ISO 8601
 * format"); an empty value stays as it is (null).
 */
export const dateOut = (path: string): string =>
  `if(${path}; parseDate(${path}; ${s(API_DATE_TIME)}); ${path})`;

const SEGMENTS = Object.keys(SEGMENT_RANK) as Segment[];

/** The segment label in the chosen language (English when none / unknown), as one switch(). */
export const segmentLabelExpr = (segment: string, language: string): string => {
  const perSegment = SEGMENTS.flatMap((seg) => {
    const byLanguage = LABEL_LANGUAGES.filter((lang) => lang !== 'en').flatMap((lang) => [
      s(lang),
      s(SEGMENT_LABELS[lang][seg]),
    ]);
    return [s(seg), `switch(${language}; ${byLanguage.join('; ')}; ${s(SEGMENT_LABELS.en[seg])})`];
  });
  return `switch(${segment}; ${perSegment.join('; ')}; ${segment})`;
};

/** `improved` when the new segment ranks above the old one (lib/crm.ts SEGMENT_RANK). */
export const directionExpr = (from: string, to: string): string => {
  const cases = SEGMENTS.flatMap((fromSeg) => {
    const better = SEGMENTS.filter((seg) => SEGMENT_RANK[seg] > SEGMENT_RANK[fromSeg]);
    const test = better.length ? better.map((seg) => `${to} = ${s(seg)}`).join(' || ') : 'false';
    return [s(fromSeg), `if(${test}; ${s('improved')}; ${s('declined')})`];
  });
  return `switch(${from}; ${cases.join('; ')}; ${s('declined')})`;
};

/** Separator for the picklist: no theme name holds it. */
const SEP = '\u241e';

/**
 * `A;B` (a `;` inside a name becomes `,`), lib/crm.ts toPicklist. Regular expressions with the g
 * flag: Make documents replace() of every occurrence only for a /pattern/g search.
 */
export const picklistExpr = (names: string): string =>
  `replace(replace(join(${names}; ${s(SEP)}); ${s('/;/g')}; ${s(',')}); ${s(`/${SEP}/g`)}; ${s(';')})`;

/**
 * The AI conversation as text, every turn, like records/response.ts conversationText:
 * `Q: <question>\nA: <answer>` per turn, turns joined by a blank line. IML has no per-item function,
 * so the list goes through its JSON text (built-ins createJSON, replace, parseJSON): the
 * structural quotes between the fields and turns become the text's separators, written as the JSON
 * escape of a newline (taken from createJSON of a newline, so no backslash is typed), and the
 * result is parsed back as one JSON string, which also unescapes quotes and newlines inside the
 * texts. A quote inside a text is escaped in JSON (preceded by a backslash), so only the structural
 * ones match. The turns' fields come as the contract lists them (question, answer). Patterns use
 * character classes (`[{]`, `[}]`) and `.` for the brackets, so none needs a backslash.
 */
export const conversationTextExpr = (conversation: string): string => {
  const nl = `replace(createJSON(${s('\n')}); ${sq('/"/g')}; ${s('')})`;
  const steps: Array<[string, string]> = [
    [sq('/^.[{]"question":"/'), sq('"Q: ')],
    [sq('/","answer":"/g'), `${nl} + ${s('A: ')}`],
    [sq('/"[}],[{]"question":"/g'), `${nl} + ${nl} + ${s('Q: ')}`],
    [sq('/"[}].$/'), sq('"')],
  ];
  const text = steps.reduce(
    (acc, [pattern, replacement]) => `replace(${acc}; ${pattern}; ${replacement})`,
    `createJSON(${conversation})`,
  );
  return `if(length(ifempty(${conversation}; emptyarray)) > 0; parseJSON(${text}); ${s('')})`;
};

/** The response record of records/response.ts for the API response object at `r`. */
export const responseRecord = (
  r: string,
  language: string,
  id: string = x(`${r}.id`),
): Record<string, string> => {
  const names = `map(${r}.themes; ${s('name')})`;
  const c = `${r}.contact`;
  return {
    id,
    response_id: x(`${r}.id`),
    survey_id: x(`${r}.survey.id`),
    survey_name: x(`${r}.survey.name`),
    score: x(`${r}.score`),
    segment: x(`${r}.segment`),
    segment_label: x(segmentLabelExpr(`${r}.segment`, language)),
    is_promoter: x(`${r}.segment = ${s('promoter')}`),
    is_passive: x(`${r}.segment = ${s('passive')}`),
    is_detractor: x(`${r}.segment = ${s('detractor')}`),
    comment: x(`ifempty(${r}.comment; ${s('')})`),
    conversation: x(`${r}.conversation`),
    conversation_text: x(conversationTextExpr(`${r}.conversation`)),
    themes: x(names),
    themes_picklist: x(picklistExpr(`distinct(${names})`)),
    themes_text: x(`join(distinct(${names}); ${s(', ')})`),
    positive_themes: x(`map(${r}.themes; ${s('name')}; ${s('sentiment')}; ${s('positive')})`),
    negative_themes: x(`map(${r}.themes; ${s('name')}; ${s('sentiment')}; ${s('negative')})`),
    analysis_status: x(`${r}.analysis_status`),
    language: x(`${r}.language`),
    channel: x(`${r}.channel`),
    tags: x(`${r}.tags`),
    tags_text: x(`join(distinct(${r}.tags); ${s(', ')})`),
    follow_up_status: x(`${r}.follow_up.status`),
    follow_up_owner_email: x(`${r}.follow_up.owner_email`),
    submitted_at: x(dateOut(`${r}.submitted_at`)),
    analyzed_at: x(dateOut(`${r}.analyzed_at`)),
    updated_at: x(dateOut(`${r}.updated_at`)),
    submitted_date: x(`formatDate(${r}.submitted_at; ${s('YYYY-MM-DD')}; ${s('UTC')})`),
    submitted_month: x(`formatDate(${r}.submitted_at; ${s('YYYY-MM')}; ${s('UTC')})`),
    previous_score: x(`${r}.previous.score`),
    previous_segment: x(`${r}.previous.segment`),
    score_change: x(`if(${r}.previous; ${r}.score - ${r}.previous.score; null)`),
    contact_id: x(`${c}.id`),
    email: x(`${c}.email`),
    customer_id: x(`${c}.customer_id`),
    account_number: x(`${c}.account_number`),
    contact_name: x(`${c}.name`),
    company: x(`${c}.company`),
    locale: x(`${c}.locale`),
    ...identityOf(c),
    ...crmIdsOf(c),
    // Contract 1.3: absent means false (records/response.ts).
    test: x(`ifempty(${r}.test; false)`),
    properties: x(`${r}.properties`),
    contact_properties: x(`${c}.properties`),
  };
};

/** The contact's CRM ids at `c` (the API's `crm_ids`), one output each. */
const crmIdsOf = (c: string): Record<string, string> => ({
  salesforce_contact_id: x(`${c}.crm_ids.salesforce_contact_id`),
  hubspot_contact_id: x(`${c}.crm_ids.hubspot_contact_id`),
  pipedrive_person_id: x(`${c}.crm_ids.pipedrive_person_id`),
});

/**
 * The pair to join on (records/response.ts identityOf): the first present of email, customer ID,
 * account number, its name and its value.
 */
const identityOf = (c: string): Record<string, string> => ({
  identity_key: x(
    `if(${c}.email; ${s('email')}; if(${c}.customer_id; ${s('customer_id')}; if(${c}.account_number; ${s('account_number')}; null)))`,
  ),
  identity_value: x(`ifempty(${c}.email; ifempty(${c}.customer_id; ${c}.account_number))`),
});

/** Invitation statuses after which no survey reaches the contact (records/invitation.ts). */
const NOT_GOING_OUT = ['skipped', 'canceled', 'failed'];

/**
 * The invitation record of records/invitation.ts (Send NPS Survey, Cancel Scheduled Survey) for
 * the API invitation object at `i`.
 */
export const invitationRecord = (i: string): Record<string, string> => ({
  id: x(`${i}.id`),
  survey_id: x(`${i}.survey_id`),
  contact_id: x(`${i}.contact_id`),
  channel: x(`${i}.channel`),
  status: x(`${i}.status`),
  skip_reason: x(`${i}.skip_reason`),
  send_at: x(dateOut(`${i}.send_at`)),
  created_at: x(dateOut(`${i}.created_at`)),
  // More statuses may come (contract): only these mean nothing will be sent.
  scheduled: x(NOT_GOING_OUT.map((status) => `${i}.status != ${s(status)}`).join(' && ')),
  sent_at: x(dateOut(`${i}.sent_at`)),
  failed_at: x(dateOut(`${i}.failed_at`)),
  failure_reason: x(`${i}.failure_reason`),
  canceled_at: x(dateOut(`${i}.canceled_at`)),
  test: x(`ifempty(${i}.test; false)`),
});

/** Failure reasons the contract names; another one is shown as it is (records/invitation.ts). */
const FAILURE_REASONS = ['bounced', 'invalid_address', 'unreachable'];

/**
 * The failed-invitation record of records/invitation.ts (Survey Not Delivered): the invitation at
 * `i` (read back from the platform), the contact at `c` as on response records, and the time of
 * the event `event` for an invitation without failed_at.
 */
export const failedInvitationRecord = (
  i: string,
  c: string,
  event: string,
): Record<string, string> => ({
  id: x(`${i}.id`),
  invitation_id: x(`${i}.id`),
  survey_id: x(`${i}.survey_id`),
  channel: x(`${i}.channel`),
  status: x(`${i}.status`),
  failure_reason: x(`${i}.failure_reason`),
  failure_reason_label: x(
    `switch(${i}.failure_reason; ${FAILURE_REASONS.map((reason) => `${s(reason)}; ${s(failureReasonLabel(reason))}`).join('; ')}; ifempty(${i}.failure_reason; ${s('')}))`,
  ),
  failed_at: x(dateOut(`ifempty(${i}.failed_at; ${event}.created_at)`)),
  send_at: x(dateOut(`${i}.send_at`)),
  test: x(`ifempty(${i}.test; false)`),
  contact_id: x(`${i}.contact_id`),
  email: x(`${c}.email`),
  phone: x(`${c}.phone`),
  customer_id: x(`${c}.customer_id`),
  account_number: x(`${c}.account_number`),
  contact_name: x(`${c}.name`),
  company: x(`${c}.company`),
  ...crmIdsOf(c),
  ...identityOf(c),
});

/** The contact record of records/contact.ts for the API contact object at `c`. */
export const contactRecord = (c: string): Record<string, string> => ({
  id: x(`${c}.id`),
  email: x(`${c}.email`),
  customer_id: x(`${c}.customer_id`),
  account_number: x(`${c}.account_number`),
  name: x(`${c}.name`),
  company: x(`${c}.company`),
  phone: x(`${c}.phone`),
  locale: x(`${c}.locale`),
  ...crmIdsOf(c),
  properties: x(`${c}.properties`),
  latest_score: x(`${c}.nps.latest_score`),
  latest_segment: x(`${c}.nps.latest_segment`),
  latest_response_at: x(dateOut(`${c}.nps.latest_response_at`)),
  response_count: x(`${c}.nps.response_count`),
  unsubscribed: x(`${c}.unsubscribed`),
  created_at: x(dateOut(`${c}.created_at`)),
  updated_at: x(dateOut(`${c}.updated_at`)),
});

/**
 * Extra outputs of contact.segment_changed (records/events.ts): the previous segment from the event (`data`), the new
 * one from the re-read response (`response`).
 */
export const segmentChangedExtras = (
  data: string,
  response: string,
  language: string,
): Record<string, string> => ({
  previous_segment: x(`${data}.previous_segment`),
  previous_segment_label: x(segmentLabelExpr(`${data}.previous_segment`, language)),
  segment_change: `${x(`${data}.previous_segment`)} → ${x(`${response}.segment`)}`,
  direction: x(directionExpr(`${data}.previous_segment`, `${response}.segment`)),
});

/** Extra outputs of response_updated (records/events.ts). */
export const responseUpdatedExtras = (data: string): Record<string, string> => ({
  changed: x(`keys(${data}.previous_attributes)`),
  // Unchanged status: the previous one is the current one (from the fetched response).
  previous_follow_up_status: x(
    `ifempty(${data}.previous_attributes.follow_up.status; body.follow_up.status)`,
  ),
});

/**
 * A Make array of {key, value} pairs (the stand-in for Zapier's dict fields) as an object. Left
 * empty, Make hands the module nothing (undefined), which stays out of the body.
 */
export const dictExpr = (param: string): string =>
  x(`if(${param}; toCollection(${param}; ${s('key')}; ${s('value')}); ${param})`);

/** A single-quoted IML literal, for texts holding double quotes (regular expressions over JSON). */
export const sq = (text: string): string => {
  if (/['\\\n]/.test(text))
    throw new Error(`IML literal with a quote, backslash or newline: ${text}`);
  return `'${text}'`;
};

/**
 * Typed workspace contact properties. The listContactPropertyFields RPC names each field inside
 * the `typed_properties` collection by its property key, a date property with DATE_FIELD_SUFFIX
 * and a yes/no property with YES_NO_FIELD_SUFFIX (property keys are lower_snake_case, so `__`
 * never occurs in one).
 */
export const DATE_FIELD_SUFFIX = '__date';
export const YES_NO_FIELD_SUFFIX = '__yesno';

/**
 * What a date property's text field accepts, as the Zapier app reads it (lib/typed.ts readDay):
 * `YYYY-MM-DD`, or a date and time with its zone (`Z` or `±hh:mm`), surrounding spaces allowed.
 * Make checks a text parameter's `validate.pattern` before the module runs
 * (block-elements/parameters/text), so "next renewal" stops the module with a validation error
 * naming the field. Character classes only: no backslash.
 */
export const DATE_PATTERN =
  '^ *[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?([Zz]|[+-]([01][0-9]|2[0-3]):?[0-5][0-9]))? *$';

/** A word in any case, as a pattern without flags (`yes` → `[yY][eE][sS]`). */
const anyCase = (word: string): string =>
  [...word].map((ch) => (/[a-z]/.test(ch) ? `[${ch}${ch.toUpperCase()}]` : ch)).join('');
const oneOf = (words: ReadonlySet<string>): string => [...words].map(anyCase).join('|');

/**
 * The `typed_properties` collection as the properties object the API takes, without per-field
 * functions (IML has no lambdas): through its JSON text (built-ins createJSON / parseJSON and
 * regular-expression replace). Make hands the collection over as it processes empty values: a
 * field left empty is not in it, an erased one is `null` (which clears the property, contract
 * "Conventions"). Under the property's own key:
 * - a yes/no field picked in its dropdown is `true` / `false`; a mapped text is read as the Zapier
 *   app reads it (lib/typed.ts readYesNo: true, yes, 1, on / false, no, 0, off, any case); any
 *   other text is sent as it is, and the platform refuses it (422 naming `properties.<key>`), never
 *   read as yes (Make's own boolean coercion would read "no" as yes: docs/make.md "Typed inputs");
 * - a date field keeps the day as written (`2026-03-01T10:00:00+02:00` → `2026-03-01`, as the Zapier
 *   app's date fields do).
 * The structural quotes of the JSON text are the only ones the patterns can match: a quote inside
 * a value is escaped (preceded by a backslash).
 */
export const typedPropertiesExpr = (param: string, { dates = true } = {}): string => {
  const key = '"([a-z0-9_]+)';
  const steps: Array<[string, string]> = [
    // Without dates (the Idempotency-Key): each date field and its comma leave the text.
    ...(dates
      ? []
      : ([
          [`/"[a-z0-9_]+${DATE_FIELD_SUFFIX}":("[^"]*"|null),?/g`, ''],
          ['/,[}]$/', '}'],
        ] as Array<[string, string]>)),
    [`/${key}${YES_NO_FIELD_SUFFIX}":" *(${oneOf(TRUE_WORDS)}) *"/g`, '"$1":true'],
    [`/${key}${YES_NO_FIELD_SUFFIX}":" *(${oneOf(FALSE_WORDS)}) *"/g`, '"$1":false'],
    [`/${key}${YES_NO_FIELD_SUFFIX}":/g`, '"$1":'],
    [`/${key}${DATE_FIELD_SUFFIX}":" *([0-9]{4}-[0-9]{2}-[0-9]{2})[^"]*"/g`, '"$1":"$2"'],
    [`/${key}${DATE_FIELD_SUFFIX}":/g`, '"$1":'],
  ];
  return steps.reduce(
    (text, [pattern, replacement]) => `replace(${text}; ${sq(pattern)}; ${sq(replacement)})`,
    `createJSON(${param})`,
  );
};
