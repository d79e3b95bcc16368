/**
 * X: our own rules (X001 X003 X004 X005 X006 X007 X008), house style beyond Zapier's text. Most
 * carry a Zapier check further, and say which: X004 D001's credentials, X005 the compatibility
 * checks, X006 D011, X007 D018, X008 D021; X003 what `register` and `promote` need besides M001-
 * M006; X001 what fits Zapier's field picker. They have no ICR section (rules.ts referenceOf).
 * X002 (the listing's category and homepage) became M001 and M006.
 */
import type { Finding, Rule } from '../context.js';
import { operations } from '../definition.js';
import { authFields, labelledFields, outputsOf, placeOf, text, words } from '../places.js';
import { comparePublished } from './compatibility.js';
import { SECRET_KEY } from './definition/authentication.js';
import { repeatsLabel, titleCaseFindings } from './definition/labels.js';

export const MAX_OUTPUT_LABEL = 40;

/** `register --audience` values (the CLI checks them against Zapier's list). */
export const AUDIENCES: ReadonlySet<string> = new Set(['global', 'private']);

export const OWN_RULES: Rule[] = [
  {
    id: 'X001',
    title: `Output field labels are at most ${MAX_OUTPUT_LABEL} characters`,
    check: ({ app }) =>
      operations(app).flatMap(({ kind, key, action }) =>
        outputsOf(action)
          .filter((field) => (field.label ?? '').length > MAX_OUTPUT_LABEL)
          .map((field) => ({
            id: 'X001',
            place: `${placeOf(kind, key)} output ${field.key}`,
            rule: `label "${field.label}" has ${(field.label ?? '').length} characters; at most ${MAX_OUTPUT_LABEL} fit Zapier's field picker (explain formats in docs/crm-mapping.md)`,
          })),
      ),
  },
  {
    // What `zapier-platform register` needs besides M001-M006, and `promote` checks is set
    // (check-missing-app-info.js: title, description, category, audience, role): a title of at
    // least 2 characters, an audience register --audience takes, and a support contact.
    id: 'X003',
    title: 'The listing has a title, an audience and a support contact',
    check: ({ listing }) => {
      if (!listing) return [];
      const findings: Finding[] = [];
      const add = (field: string, rule: string) =>
        findings.push({ id: 'X003', place: `listing/app.json ${field}`, rule });
      if (text(listing.name).length < 2) add('name', 'the title needs at least 2 characters');
      if (!AUDIENCES.has(text(listing.audience)))
        add('audience', 'must be "global" (public) or "private", as register --audience takes it');
      const support = text(listing.support);
      if (!/^https:\/\/\S+$/.test(support) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(support))
        add('support', 'must be an https URL or an email address');
      return findings;
    },
  },
  {
    id: 'X004',
    title: 'A secret authentication field is a password field',
    check: (context) =>
      authFields(context)
        .filter(({ field }) => SECRET_KEY.test(field.key) && field.type !== 'password')
        .map(({ place }) => ({
          id: 'X004',
          place,
          rule: 'a secret must be a password field, so Zapier masks it',
        })),
  },
  {
    // Existing zaps that left an optional input empty would fail once it is required.
    id: 'X005',
    title: 'An input optional in the published version is not required now',
    check: (context) =>
      comparePublished(context, ({ kind, key, before, after, version }) =>
        Object.entries(before.inputs)
          .filter(([input, was]) => !was.required && after?.inputs[input]?.required)
          .map(([input]) => ({
            id: 'X005',
            place: `${placeOf(kind, key)} input ${input}`,
            rule: `optional in ${version}, required now: zaps that left it empty would fail`,
          })),
      ),
  },
  {
    // Beyond D011's "the same": help text made only of the label's words and filler words.
    id: 'X006',
    title: 'Help text says more than its label',
    check: (context) => {
      const filler = new Set(
        'the a an of enter your this is here field value input please select choose'.split(' '),
      );
      return labelledFields(context)
        .filter(({ field }) => {
          if (!field.helpText || !field.label || repeatsLabel(field)) return false; // D011
          const label = new Set(words(field.label));
          return !words(field.helpText).some((word) => !label.has(word) && !filler.has(word));
        })
        .map(({ place }) => ({
          id: 'X006',
          place,
          rule: 'help text only repeats the label: say what the value is for, its format or an example',
        }));
    },
  },
  {
    // D018's rule applied to the labels of fields: authentication, input and output fields.
    id: 'X007',
    title: 'Field labels are title case',
    check: (context) =>
      [
        ...labelledFields(context).map(({ place, field }) => ({ place, label: field.label ?? '' })),
        ...operations(context.app).flatMap(({ kind, key, action }) =>
          outputsOf(action).map((field) => ({
            place: `${placeOf(kind, key)} output ${field.key}`,
            label: field.label ?? '',
          })),
        ),
      ].flatMap(({ place, label }) => titleCaseFindings('X007', place, label)),
  },
  {
    // D021's full stop, for the descriptions D021 does not cover.
    id: 'X008',
    title: 'Search, create and search-or-create descriptions end with a full stop',
    check: ({ app }) =>
      [
        ...operations(app)
          .filter(({ kind }) => kind !== 'trigger')
          .map(({ kind, key, action }) => ({
            place: placeOf(kind, key),
            description: action.display?.description ?? '',
          })),
        ...Object.entries(app.searchOrCreates ?? {}).map(([key, soc]) => ({
          place: `searchOrCreate ${key}`,
          description: soc.display?.description ?? '',
        })),
      ]
        .filter(({ description }) => !description.trim().endsWith('.'))
        .map(({ place }) => ({ id: 'X008', place, rule: 'the description must end with "."' })),
  },
];
