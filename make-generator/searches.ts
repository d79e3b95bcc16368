/**
 * The search modules' communication: Find a Contact, Find the Latest Response, Search Responses,
 * Get the NPS Score. A communication with several requests outputs what its last request outputs
 * (component-blocks/api/multiple-requests), so lookups before it only set `temp`.
 */
import { IDENTITY_KEYS } from '../client/api.js';
import { BASE_ERROR_MESSAGE } from './base.js';
import { contactRecord, dateOut, responseRecord, s, sq, x } from './iml.js';
import { identityKey, identityQuery, p, when } from './values.js';

/** The module's output in its interface's order (see zapier-operations.ts, orderedBy). */
export type Out = (record: Record<string, string>) => Record<string, string>;
export type Communication = Record<string, unknown> | Record<string, unknown>[];

export const IDENTITY_EMPTY =
  'Identity Value (identity_value) is empty: map the email, customer ID, account number or CRM ID of the contact.';
const RESPONSE_INPUT_MISSING =
  'Response ID (response_id) or Identity Value (identity_value) is needed: fill in the ID of a response, or the email, customer ID, account number or CRM ID of the contact.';

const hasValue = (param: string) => `ifempty(parameters.${param}; ${s('')}) != ${s('')}`;

/** A refused 200 (`valid` false) takes its message from the status' error directive. */
export const refusal = (condition: string, message: string) => ({
  valid: { condition: x(condition), message, type: 'DataError' },
  error: { message: BASE_ERROR_MESSAGE, '200': { message, type: 'DataError' } },
});

export const findContact = (out: Out): Communication => ({
  url: '/contacts',
  method: 'GET',
  qs: { ...identityQuery(), limit: 1 },
  response: {
    // An empty value (mapped from an empty field) must not match any contact.
    ...refusal(hasValue('identity_value'), IDENTITY_EMPTY),
    iterate: x('body.data'),
    output: out(contactRecord('item')),
  },
});

/**
 * By id (an unknown id is an error: a 404 always is in Make, and the contract has no list filter by
 * id; docs/make.md "Limits"), else the latest response of the contact: email, customer ID and
 * account number filter GET /responses directly; a CRM id is looked up in GET /contacts first
 * (searches/find_response.ts). A CRM id that matches no contact skips the last request: no output.
 */
export const findResponse = (out: Out): Communication => {
  const isCrm = `(${identityKey} = ${s('salesforce_contact_id')} || ${identityKey} = ${s('hubspot_contact_id')} || ${identityKey} = ${s('pipedrive_person_id')})`;
  const byIdentity = '!parameters.response_id';
  const direct = (name: string) =>
    when(`${byIdentity} && ${identityKey} = ${s(name)}`, 'parameters.identity_value');
  const either = `${hasValue('response_id')} || ${hasValue('identity_value')}`;
  const message = x(`if(${either}; body.error.message; ${s(RESPONSE_INPUT_MISSING)})`);
  return [
    {
      condition: x(`${byIdentity} && ${hasValue('identity_value')} && ${isCrm}`),
      url: '/contacts',
      method: 'GET',
      qs: {
        ...Object.fromEntries(
          IDENTITY_KEYS.filter((k) => !['email', 'customer_id', 'account_number'].includes(k)).map(
            (k) => [k, when(`${identityKey} = ${s(k)}`, 'parameters.identity_value')],
          ),
        ),
        limit: 1,
      },
      // A lookup only: the next request outputs.
      response: { temp: { contact_id: x(`get(body.data; ${s('1.id')})`) } },
    },
    {
      condition: x(`parameters.response_id || !${isCrm} || temp.contact_id`),
      url: `/responses${x(`if(parameters.response_id; ${s('/')} + encodeURL(parameters.response_id); ${s('')})`)}`,
      method: 'GET',
      qs: {
        email: direct('email'),
        customer_id: direct('customer_id'),
        account_number: direct('account_number'),
        contact_id: when(byIdentity, 'temp.contact_id'),
        survey_id: when(byIdentity, 'parameters.survey_id'),
        limit: when(byIdentity, '1'),
      },
      response: {
        // Neither a response ID nor an identity value: refused, never "the latest response of anyone".
        ...refusal(either, message),
        iterate: x(
          `if(parameters.response_id; if(parameters.survey_id && body.survey.id != parameters.survey_id; emptyarray; add(emptyarray; body)); body.data)`,
        ),
        output: out(responseRecord('item', 'parameters.label_language')),
      },
    },
  ];
};

/** Responses per page (the contract's maximum). */
const PAGE = 100;

/** Search Responses' largest Limit (app-surface "History and warehouse loads"). */
export const SEARCH_LIMIT_MAX = 10_000;

/**
 * History for backfills and scheduled exports: GET /responses with the New NPS Response trigger's
 * filters (all expressed by the API) and a submitted window, paged on `next_cursor` until the Limit.
 */
export const searchResponses = (out: Out): Communication => ({
  url: '/responses',
  method: 'GET',
  qs: {
    survey_id: p('survey_id'),
    segment: x(
      `if(parameters.segments; join(parameters.segments; ${s(',')}); parameters.segments)`,
    ),
    min_score: p('min_score'),
    max_score: p('max_score'),
    theme: x(`if(parameters.themes; join(parameters.themes; ${s(',')}); parameters.themes)`),
    has_comment: when('parameters.require_comment = true', 'true'),
    // Make passes a date as ISO 8601 with milliseconds in UTC (block-elements/parameters/date).
    submitted_after: p('submitted_after'),
    submitted_before: p('submitted_before'),
    // A page is at most what the Limit asks for.
    limit: x(`min(ifempty(parameters.limit; ${PAGE}); ${PAGE})`),
  },
  response: {
    limit: x(`ifempty(parameters.limit; ${SEARCH_LIMIT_MAX})`),
    iterate: x('body.data'),
    output: out(responseRecord('item', 'parameters.label_language')),
  },
  pagination: { qs: { cursor: x('body.next_cursor') }, condition: x('body.next_cursor') },
});

/**
 * The period cut in the chosen time zone as lib/periods.ts does (rolling periods are whole days
 * before today; "this …" periods run to now), then, with Compare With Previous Period, the period
 * before it first (its NPS kept in temp) and the current one, which outputs.
 */
export const getNpsScore = (out: Out): Communication => {
  const tz = `ifempty(parameters.timezone; ${s('UTC')})`;
  const period = `ifempty(parameters.period; ${s('last_30_days')})`;
  // Calendar arithmetic on a mid-day / mid-month instant, then cut at local midnight: no time
  // zone offset or DST change can move a boundary into the wrong day or month.
  const local = (instant: string, format: string) =>
    `parseDate(formatDate(${instant}; ${s(format)}; ${tz}); ${s('YYYY-MM-DD')}; ${tz})`;
  const noon = `parseDate(formatDate(now; ${s('YYYY-MM-DD 12')}; ${tz}); ${s('YYYY-MM-DD HH')}; ${tz})`;
  const mid = `parseDate(formatDate(now; ${s('YYYY-MM-15 12')}; ${tz}); ${s('YYYY-MM-DD HH')}; ${tz})`;
  const quarterOffset = `(parseNumber(formatDate(now; ${s('M')}; ${tz})) - 1) % 3`;
  const day = (offset: number) => local(`addDays(${noon}; ${offset})`, 'YYYY-MM-DD');
  const monthStart = (offset: number) => local(`addMonths(${mid}; ${offset})`, 'YYYY-MM-01');
  const quarterStart = (offset: number) =>
    local(`addMonths(${mid}; ${offset} - ${quarterOffset})`, 'YYYY-MM-01');
  const yearStart = (offset: number) => local(`addYears(${mid}; ${offset})`, 'YYYY-01-01');
  const rolling = (n: number, back: number) => day(-n * back);
  /** since / until of the current (back = 0) or previous (back = 1) period; until absent = now. */
  const range = (back: 0 | 1) => ({
    // Custom: From and To are Make dates (ISO 8601 in UTC, the contract's date-time).
    since: x(
      `switch(${period}; ${s('custom')}; parameters.since; ${s('last_7_days')}; ${rolling(7, back + 1)}; ${s('last_30_days')}; ${rolling(30, back + 1)}; ${s('last_90_days')}; ${rolling(90, back + 1)}; ${s('this_month')}; ${monthStart(-back)}; ${s('last_month')}; ${monthStart(-1 - back)}; ${s('this_quarter')}; ${quarterStart(-3 * back)}; ${s('last_quarter')}; ${quarterStart(-3 - 3 * back)}; ${s('this_year')}; ${yearStart(-back)}; ${rolling(30, back + 1)})`,
    ),
    until: x(
      `switch(${period}; ${s('custom')}; parameters.until; ${s('last_7_days')}; ${rolling(7, back)}; ${s('last_30_days')}; ${rolling(30, back)}; ${s('last_90_days')}; ${rolling(90, back)}; ${s('this_month')}; ${back ? 'addMonths(now; -1)' : 'now'}; ${s('last_month')}; ${monthStart(-back)}; ${s('this_quarter')}; ${back ? 'addMonths(now; -3)' : 'now'}; ${s('last_quarter')}; ${quarterStart(-3 * back)}; ${s('this_year')}; ${back ? 'addYears(now; -1)' : 'now'}; ${rolling(30, back)})`,
    ),
  });
  const query = (back: 0 | 1) => ({
    survey_id: p('survey_id'),
    ...range(back),
    // Sent only when asked for: the platform's default leaves test responses out.
    include_test: when('parameters.include_test = true', 'true'),
    ...(back
      ? {}
      : {
          group_by: when(
            `ifempty(parameters.group_by; ${s('none')}) != ${s('none')}`,
            'parameters.group_by',
          ),
        }),
    timezone: x(tz),
  });
  const hasPrevious = `temp.previous_responses > 0 && body.responses > 0`;
  const change = `round((body.nps - temp.previous_nps) * 10) / 10`;
  const share = (key: string) =>
    x(`if(body.responses > 0; round(body.${key} / body.responses * 1000) / 10; null)`);
  // Each period's start and end as Make dates: through the list's JSON text (no per-item function
  // in IML), the API's `…:ssZ` written as Make's `…:ss.000Z`.
  const periods = `parseJSON(replace(createJSON(ifempty(body.periods; emptyarray)); ${sq('/"(start|end)":"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})Z"/g')}; ${sq('"$1":"$2.000Z"')}))`;
  // From / To with another period: refused, naming the field, as the Zapier app does
  // (searches/nps_report.ts), so a report never silently covers other dates than meant. The check
  // is the answer's `valid` (IML cannot stop a module before its request; the request is a read).
  // A Custom period without From is the platform's to refuse (400 naming `since`).
  const isCustom = `${period} = ${s('custom')}`;
  const onlyCustom = (name: string, label: string) =>
    `if(!(${isCustom}) && ${hasValue(name)}; ${s(`${label} (${name}) only applies when Period is Custom. Set Period to Custom to count from From to To, or leave ${label} empty.`)}; ${s('')})`;
  const inputProblem = `${onlyCustom('since', 'From')} + ${onlyCustom('until', 'To')}`;
  const checked = refusal(`${inputProblem} = ${s('')}`, x(inputProblem));
  return [
    {
      // A custom period has no defined "period before" (compare is skipped).
      condition: x(`parameters.compare_previous != false && ${period} != ${s('custom')}`),
      url: '/metrics/nps',
      method: 'GET',
      qs: query(1),
      // The previous period only feeds the current one's output.
      response: {
        ...checked,
        temp: { previous_nps: x('body.nps'), previous_responses: x('body.responses') },
      },
    },
    {
      url: '/metrics/nps',
      method: 'GET',
      qs: query(0),
      response: {
        ...checked,
        output: out({
          nps: x('body.nps'),
          responses: x('body.responses'),
          promoters: x('body.promoters'),
          passives: x('body.passives'),
          detractors: x('body.detractors'),
          promoter_percent: share('promoters'),
          passive_percent: share('passives'),
          detractor_percent: share('detractors'),
          since: x(dateOut('body.since')),
          until: x(dateOut('body.until')),
          timezone: x('body.timezone'),
          previous_nps: x(`if(temp.previous_responses > 0; temp.previous_nps; null)`),
          nps_change: x(`if(${hasPrevious}; ${change}; null)`),
          periods: x(periods),
          summary:
            `NPS ${x(`ifempty(body.nps; ${s('(no responses)')})`)} from ${x('body.responses')} responses` +
            x(`if(${hasPrevious}; ${s(' (change ')}; ${s('')})`) +
            x(`if(${hasPrevious}; ${change}; ${s('')})`) +
            x(`if(${hasPrevious}; ${s(' from the period before)')}; ${s('')})`),
        }),
      },
    },
  ];
};
