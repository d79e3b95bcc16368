/**
 * The remote procedures: the dropdowns (surveys, themes by id and by name, recent responses) and
 * the dynamic fields of the typed contact properties.
 *
 * Every list pages on the contract's `next_cursor` (`cursor` in the next request, stop when there
 * is none) with pages of 100, and stops at a `limit`: Make's "Remote Procedure Calls" best
 * practice ("The limit should be between 300-500 if the API returns 100 or more objects per page")
 * and app-review prerequisites ("Search modules, trigger modules, and RPCs have a limit parameter …
 * pagination if it's supported in the service API").
 */
import { TYPE_HINTS } from '../fields/properties.js';
import type { RPCS } from './ids.js';
import { DATE_FIELD_SUFFIX, DATE_PATTERN, s, sq, x, YES_NO_FIELD_SUFFIX } from './iml.js';

interface RpcSpec {
  path: string;
  label: string;
  value: string;
  /** At most this many options (pages of 100). */
  limit: number;
}

/** Who answered, as triggers/response.ts responseLabel: identity value, else name, else contact id. */
const respondent = `ifempty(ifempty(ifempty(ifempty(item.contact.email; item.contact.customer_id); item.contact.account_number); item.contact.name); item.contact.id)`;

export const RPC_SPECS: Record<keyof typeof RPCS, RpcSpec> = {
  listSurveys: { path: '/surveys', label: x('item.name'), value: x('item.id'), limit: 500 },
  listThemes: { path: '/themes', label: x('item.name'), value: x('item.id'), limit: 500 },
  // Themes are written by name (update_response, CRM values): the value is the name.
  listThemeNames: { path: '/themes', label: x('item.name'), value: x('item.name'), limit: 500 },
  // `<score> · <who> · <day>` (triggers/response.ts), newest first: a sample to pick from, as the
  // best practice puts it ("a sample of the last 100 or so items").
  listResponses: {
    path: '/responses',
    label: `${x('item.score')} · ${x(respondent)} · ${x('substring(item.submitted_at; 0; 10)')}`,
    value: x('item.id'),
    limit: 300,
  },
};

export const rpcCommunication = (spec: RpcSpec) => ({
  url: spec.path,
  method: 'GET',
  qs: { limit: 100 },
  response: {
    limit: spec.limit,
    iterate: x('body.data'),
    output: { label: spec.label, value: spec.value },
  },
  pagination: { qs: { cursor: x('body.next_cursor') }, condition: x('body.next_cursor') },
});

/**
 * What each typed field accepts, in its help. Numbers and options are Make's to check (the
 * workspace's hint is right for them); a yes/no field and a date field say what a mapped text may be.
 */
export const MAKE_TYPE_HINTS: Record<keyof typeof TYPE_HINTS, string> = {
  ...TYPE_HINTS,
  boolean:
    'Yes or no. A mapped value may be true, false, yes, no, 1 or 0 (any case); anything else is refused, never read as yes.',
  date: 'A date, 2026-03-01, or a date and time with its time zone, 2026-03-01T09:00:00+01:00; only the day is stored, as written. For a date from another module, map formatDate(date; "YYYY-MM-DD") to store the day in your time zone.',
};

/** A yes/no property's dropdown; a mapped text is read by the module (iml.ts typedPropertiesExpr). */
const YES_NO_OPTIONS = JSON.stringify([
  { label: 'Yes', value: true },
  { label: 'No', value: false },
]);

/**
 * listContactPropertyFields (a dynamic fields RPC): one parameter per workspace contact property.
 * - number → Make `number` (Make refuses a mapped "ten" before the module runs);
 * - boolean → a Yes / No select named `<key>__yesno`, not Make's `boolean`: Make turns any mapped
 *   text other than "false" into yes ("no" and "0" too, help.make.com "Type coercion"), which would
 *   write a wrong value silently; the module reads a mapped text strictly instead;
 * - date → text named `<key>__date` with DATE_PATTERN, not Make's `date`: a Make date is an instant
 *   in UTC whose day can differ from the day picked, and a collection's fields cannot each be
 *   formatted without a lambda (docs/make.md "Typed contact properties");
 * - enum → a select of its options; anything else → text.
 * Not paginated: the contract lists every property at once (at most 200).
 */
export const contactPropertyFieldsCommunication = () => {
  const type = `switch(item.type; ${s('number')}; ${s('number')}; ${s('boolean')}; ${s('select')}; ${s('enum')}; if(length(ifempty(item.options; emptyarray)) > 0; ${s('select')}; ${s('text')}); ${s('text')})`;
  const hint = `switch(item.type; ${(['number', 'boolean', 'date', 'enum'] as const)
    .map((key) => `${s(key)}; ${sq(MAKE_TYPE_HINTS[key])}`)
    .join('; ')}; ${sq(MAKE_TYPE_HINTS.string)})`;
  const suffix = `switch(item.type; ${s('date')}; ${s(DATE_FIELD_SUFFIX)}; ${s('boolean')}; ${s(YES_NO_FIELD_SUFFIX)}; ${s('')})`;
  return {
    url: '/contact-properties',
    method: 'GET',
    response: {
      iterate: x('body.data'),
      output: {
        name: `${x('item.key')}${x(suffix)}`,
        label: x('item.label'),
        type: x(type),
        options: x(
          `if(item.type = ${s('enum')} && length(ifempty(item.options; emptyarray)) > 0; item.options; if(item.type = ${s('boolean')}; parseJSON(${sq(YES_NO_OPTIONS)}); undefined))`,
        ),
        validate: x(
          `if(item.type = ${s('date')}; parseJSON(${sq(JSON.stringify({ pattern: DATE_PATTERN }))}); undefined)`,
        ),
        help: `${x(`if(item.description; item.description + ${s(' ')}; ${s('')})`)}${x(hint)} Leave empty to keep the current value.`,
      },
    },
  };
};
