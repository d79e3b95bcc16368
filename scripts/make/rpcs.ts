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
import { TYPE_HINTS } from '../../fields/properties.js';
import type { RPCS } from './ids.js';
import { DATE_FIELD_SUFFIX, s, sq, x } from './iml.js';

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
 * listContactPropertyFields (a dynamic fields RPC): one parameter per workspace contact property,
 * typed as fields/properties.ts does for Zapier (number, boolean, enum → select of its options,
 * anything else text); a date is a text field named `<key>__date` (see iml.ts typedPropertiesExpr).
 * Not paginated: the contract lists every property at once (at most 200).
 */
export const contactPropertyFieldsCommunication = () => {
  const type = `switch(item.type; ${s('number')}; ${s('number')}; ${s('boolean')}; ${s('boolean')}; ${s('enum')}; if(length(ifempty(item.options; emptyarray)) > 0; ${s('select')}; ${s('text')}); ${s('text')})`;
  const hint = `switch(item.type; ${(['number', 'boolean', 'date', 'enum'] as const)
    .map((key) => `${s(key)}; ${sq(TYPE_HINTS[key])}`)
    .join('; ')}; ${sq(TYPE_HINTS.string)})`;
  return {
    url: '/contact-properties',
    method: 'GET',
    response: {
      iterate: x('body.data'),
      output: {
        name: `${x('item.key')}${x(`if(item.type = ${s('date')}; ${s(DATE_FIELD_SUFFIX)}; ${s('')})`)}`,
        label: x('item.label'),
        type: x(type),
        options: x(
          `if(item.type = ${s('enum')} && length(ifempty(item.options; emptyarray)) > 0; item.options; undefined)`,
        ),
        help: `${x(`if(item.description; item.description + ${s(' ')}; ${s('')})`)}${x(hint)} Leave empty to keep the current value.`,
      },
    },
  };
};
