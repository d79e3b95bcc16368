/**
 * D: Definition, input fields and what they connect to (D004 D005 D009 D013 D014 D015 D022):
 * dynamic dropdowns, search connectors, search-or-creates, and the fields a search or a create
 * must have.
 */
import type { Finding, Rule } from '../../context.js';
import { operations, staticFields } from '../../definition.js';
import { inputsOf, operationInputs, outputKeys } from '../../places.js';

/**
 * Ids of records in other systems (the customer's own ids, CRM record ids): values the user maps
 * from another app, with no object of this platform to pick from (D004 does not apply). The ICR
 * gives no heuristic for "ID fields"; this is the reading written in docs/publishing.md.
 */
export const FOREIGN_ID_KEYS: ReadonlySet<string> = new Set([
  'customer_id',
  'salesforce_contact_id',
  'hubspot_contact_id',
  'pipedrive_person_id',
]);

export const INPUT_FIELD_RULES: Rule[] = [
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D004
    // "instead of instructing users to paste an item `id` into Zapier, providing them with a
    // dynamic dropdown greatly increases the likelihood of the user setting up Zaps correctly."
    // The ICR gives no rule for what an "ID field" is: here a key `id` or ending in `_id`, except
    // ids of other systems (FOREIGN_ID_KEYS). A search connector alone is not a dropdown.
    id: 'D004',
    title: 'ID Fields Should Have Dynamic Dropdowns',
    check: (context) =>
      operationInputs(context)
        .filter(({ field }) => /(^|_)id$/.test(field.key) && !FOREIGN_ID_KEYS.has(field.key))
        .filter(({ field }) => !field.dynamic)
        .map(({ place }) => ({
          id: 'D004',
          place,
          rule: 'give this ID a dynamic dropdown (`dynamic`), so users pick the item instead of pasting its ID',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D005
    // "The dropdown won't work if the trigger key you specify doesn't exist." Also: the trigger
    // outputs the id and label keys the dropdown names.
    id: 'D005',
    title: 'Dynamic Dropdown Connects to a Non-Existing Trigger',
    check: (context) =>
      operationInputs(context).flatMap(({ place, field }): Finding[] => {
        if (field.dynamic === undefined) return [];
        const [source, idKey, labelKey] = field.dynamic.split('.');
        const trigger = source ? context.app.triggers?.[source] : undefined;
        if (!trigger)
          return [
            { id: 'D005', place, rule: `dynamic "${field.dynamic}" names no trigger "${source}"` },
          ];
        const known = outputKeys(trigger);
        return [idKey, labelKey]
          .filter((needed): needed is string => Boolean(needed) && !known.has(needed ?? ''))
          .map((needed) => ({
            id: 'D005',
            place,
            rule: `dynamic "${field.dynamic}": trigger ${source} outputs no "${needed}"`,
          }));
      }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D009
    // "When making a search step, it's important to have a field to search by."
    id: 'D009',
    title: 'Requires at Least One Search Field',
    check: (context) =>
      operations(context.app)
        .filter(({ kind }) => kind === 'search')
        .filter(
          ({ key, action }) =>
            !inputsOf(context, 'search', key, action).length &&
            !(action.operation?.inputFields ?? []).length,
        )
        .map(({ key }) => ({
          id: 'D009',
          place: `search ${key}`,
          rule: 'a search needs at least one input field to search by',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D013
    // "It won't work if the search key you specify doesn't exist." Also: the search outputs the
    // key the connector names.
    id: 'D013',
    title: 'Connects to a Non-Existing Search',
    check: (context) =>
      operationInputs(context)
        .filter(({ field }) => field.search !== undefined)
        .flatMap(({ place, field }): Finding[] => {
          const [search, resultKey] = (field.search ?? '').split('.');
          const target = search ? context.app.searches?.[search] : undefined;
          if (!target)
            return [{ id: 'D013', place, rule: `search "${field.search}" names no search` }];
          return resultKey && !outputKeys(target).has(resultKey)
            ? [
                {
                  id: 'D013',
                  place,
                  rule: `search "${field.search}": search ${search} outputs no "${resultKey}"`,
                },
              ]
            : [];
        }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D014
    // "The type must be string, number, or integer. The list, dict and children properties cannot
    // be used." (an untyped field is a string).
    id: 'D014',
    title: "Search Connector can't be combined with certain other features",
    check: (context) =>
      operationInputs(context)
        .filter(({ field }) => field.search !== undefined)
        .flatMap(({ place, field }) => {
          const problems = [
            ...(['string', 'number', 'integer', undefined].includes(field.type)
              ? []
              : [`type ${field.type}`]),
            ...(field.list ? ['list'] : []),
            ...(field.dict ? ['dict'] : []),
            ...(field.children !== undefined ? ['children'] : []),
          ];
          return problems.length
            ? [
                {
                  id: 'D014',
                  place,
                  rule: `a search connector needs a string, number or integer field without list, dict or children; this one has ${problems.join(', ')}`,
                },
              ]
            : [];
        }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D015
    // "The search or create key you specify in `searchOrCreates` must reference to an existing
    // search or action." Also: a search-or-create's key is its search's key (the schema's rule,
    // which Zapier uses to offer it in place of the search).
    id: 'D015',
    title: 'Search-Or-Create Connects to a Non-Existing Action/Search',
    check: ({ app }) =>
      Object.entries(app.searchOrCreates ?? {}).flatMap(([key, soc]) => {
        const place = `searchOrCreate ${key}`;
        return [
          ...(app.searches?.[soc.search]
            ? []
            : [{ id: 'D015', place, rule: `names no search "${soc.search}"` }]),
          ...(app.creates?.[soc.create]
            ? []
            : [{ id: 'D015', place, rule: `names no create "${soc.create}"` }]),
          ...(key === soc.search && soc.key === soc.search
            ? []
            : [{ id: 'D015', place, rule: `its key must be its search's key "${soc.search}"` }]),
        ];
      }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D022
    // "When making Zap Templates, it's helpful to have input fields that are common for all
    // users." A create whose inputFields hold no field object (none, or only dynamic-field
    // functions).
    id: 'D022',
    title: 'Creates Should Try to Have Static Input Fields',
    check: ({ app }) =>
      Object.entries(app.creates ?? {})
        .filter(([, create]) => !staticFields(create.operation?.inputFields).length)
        .map(([key]) => ({
          id: 'D022',
          place: `create ${key}`,
          rule: 'add static input fields every user has, so Zap Templates can fill them in',
        })),
  },
];
