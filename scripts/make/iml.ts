/**
 * The IML the generated files use: the flat response / contact records of records/*.ts, written
 * with Make's BUILT-IN functions only (custom IML functions are off by default on Make accounts).
 * The translation tables (segment labels, segment ranks) are read from lib/crm.ts, so a new
 * language reaches Make on the next `npm run make:build`.
 */
import { LABEL_LANGUAGES, SEGMENT_LABELS, SEGMENT_RANK } from '../../lib/crm.js';
import type { Segment } from '../../client/schemas.js';

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
    identity_key: x(
      `if(${c}.email; ${s('email')}; if(${c}.customer_id; ${s('customer_id')}; if(${c}.account_number; ${s('account_number')}; null)))`,
    ),
    identity_value: x(`ifempty(${c}.email; ifempty(${c}.customer_id; ${c}.account_number))`),
    salesforce_contact_id: x(`${c}.crm_ids.salesforce_contact_id`),
    hubspot_contact_id: x(`${c}.crm_ids.hubspot_contact_id`),
    pipedrive_person_id: x(`${c}.crm_ids.pipedrive_person_id`),
    properties: x(`${r}.properties`),
    contact_properties: x(`${c}.properties`),
  };
};

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
  salesforce_contact_id: x(`${c}.crm_ids.salesforce_contact_id`),
  hubspot_contact_id: x(`${c}.crm_ids.hubspot_contact_id`),
  pipedrive_person_id: x(`${c}.crm_ids.pipedrive_person_id`),
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
 * the `typed_properties` collection by its property key, a date property with this suffix
 * (property keys are lower_snake_case, so `__` never occurs in one).
 */
export const DATE_FIELD_SUFFIX = '__date';

/**
 * The `typed_properties` collection as the properties object the API takes, without per-field
 * functions (IML has no lambdas): through its JSON text (built-ins createJSON / parseJSON and
 * regular-expression replace). Make hands the collection over as it processes empty values: a
 * field left empty is not in it, an erased one is `null` (which clears the property, contract
 * "Conventions"). A date field keeps the day as written (`2026-03-01T10:00:00Z` → `2026-03-01`, as
 * the Zapier app's date fields do) under the property's own key.
 */
export const typedPropertiesExpr = (param: string): string => {
  const steps: Array<[string, string]> = [
    [`/"([a-z0-9_]+)${DATE_FIELD_SUFFIX}":"([0-9]{4}-[0-9]{2}-[0-9]{2})[^"]*"/g`, '"$1":"$2"'],
    [`/"([a-z0-9_]+)${DATE_FIELD_SUFFIX}":/g`, '"$1":'],
  ];
  return steps.reduce(
    (text, [pattern, replacement]) => `replace(${text}; ${sq(pattern)}; ${sq(replacement)})`,
    `createJSON(${param})`,
  );
};
