/**
 * D: Definition, labels, help texts and descriptions (D011 D018 D021): what a user reads of an
 * operation and its fields. X006, X007 and X008 (checks/own.ts) apply the same readings further.
 */
import type { Finding, Rule } from '../../context.js';
import { operations, type Field } from '../../definition.js';
import { labelledFields, placeOf, words } from '../../places.js';

/** Short words title case leaves in lower case unless first or last (D018, X007). */
export const MINOR_WORDS: ReadonlySet<string> = new Set(
  'a an and as at but by en for if in nor of off on or per so the to up via vs yet'.split(' '),
);

/**
 * Whether a label is in title case: every word starts with a capital, except short minor words
 * (MINOR_WORDS) that are neither first nor last. Words that are not plain lower-case letters
 * (acronyms and brands such as NPS, ID, HubSpot, numbers, symbols) are taken as written; each
 * part of a hyphenated word counts as a word ("Follow-up": "up" is a minor word).
 */
export const titleCaseProblems = (label: string): string[] => {
  const tokens = label.split(/\s+/).filter(Boolean);
  const problems: string[] = [];
  tokens.forEach((token, index) => {
    const bare = token.replace(/^[("'“‘[]+|[)"'”’\]:,.;!?]+$/g, '');
    bare.split('-').forEach((part, partIndex, parts) => {
      if (!/^[a-z]+$/.test(part)) return; // capitalised, acronym, number or symbol
      const first = index === 0 && partIndex === 0;
      const last = index === tokens.length - 1 && partIndex === parts.length - 1;
      const minor = MINOR_WORDS.has(part) && (partIndex > 0 || (!first && !last));
      if (!minor) problems.push(part);
    });
  });
  return problems;
};

/** A finding under `id` when a label is not in title case (D018, X007). */
export function titleCaseFindings(id: string, place: string, label: string): Finding[] {
  const problems = titleCaseProblems(label);
  return problems.length
    ? [{ id, place, rule: `"${label}" is not title case (${problems.join(', ')})` }]
    : [];
}

/** D011's "the same": help text and label alike but for case, spaces and punctuation. */
export const repeatsLabel = (field: Field): boolean =>
  Boolean(field.helpText && field.label) &&
  words(field.helpText ?? '').join(' ') === words(field.label ?? '').join(' ');

export const LABEL_RULES: Rule[] = [
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D011
    // "If the label and help text are the same, they are considered redundant": compared ignoring
    // case, spaces and punctuation. X006 goes further (help text that only repeats the label's
    // words).
    id: 'D011',
    title: 'Redundant Help Text',
    check: (context) =>
      labelledFields(context)
        .filter(({ field }) => repeatsLabel(field))
        .map(({ place }) => ({
          id: 'D011',
          place,
          rule: 'the help text is the label again: give non-obvious information, a format or a link',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D018
    // "In order to have a consistent style across trigger/action/search labels, they're required
    // to be presented in title case" (and a search-or-create's, shown as an action); field labels
    // are X007's.
    id: 'D018',
    title: 'Titlecased Label',
    check: ({ app }) =>
      [
        ...operations(app).map(({ kind, key, action }) => ({
          place: placeOf(kind, key),
          label: action.display?.label ?? '',
        })),
        ...Object.entries(app.searchOrCreates ?? {}).map(([key, soc]) => ({
          place: `searchOrCreate ${key}`,
          label: soc.display?.label ?? '',
        })),
      ].flatMap(({ place, label }) => titleCaseFindings('D018', place, label)),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D021
    // "Trigger descriptions must start with `Triggers when` and end with a `.`" ("Triggers
    // whenever …" fails). Every trigger, hidden ones too; other descriptions are X008's.
    id: 'D021',
    title: 'Trigger Description Requirements',
    check: ({ app }) =>
      Object.entries(app.triggers ?? {}).flatMap(([key, trigger]) => {
        const description = (trigger.display?.description ?? '').trim();
        return description.startsWith('Triggers when ') && description.endsWith('.')
          ? []
          : [
              {
                id: 'D021',
                place: `trigger ${key}`,
                rule: 'the description must start with "Triggers when " and end with "."',
              },
            ];
      }),
  },
];
