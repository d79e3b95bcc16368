/**
 * Where the Make app deliberately differs from the Zapier app: every other input and output of a
 * Zapier operation is in its Make module under the same key, with the matching type.
 * test/make-generator/parity.test.ts compares the generated files with the Zapier definitions and allows
 * only these; docs/make.md ("Zapier ↔ Make parity") lists each one with its reason.
 */
export interface ParityException {
  /** The Make module (`*`: every module that has the key). */
  module: string;
  side: 'input' | 'output';
  key: string;
  /**
   * - `left out`: the Zapier key has no Make counterpart;
   * - `only in Make`: a Make key with no Zapier counterpart;
   * - `Make type`: same key, another type in Make (and Make's own label and help);
   * - `Make form`: the Zapier field(s) take another form in Make.
   */
  kind: 'left out' | 'only in Make' | 'Make type' | 'Make form';
  why: string;
}

const CRM_THEMES =
  'Make\'s built-in IML cannot match theme names to CRM values as the Zapier app does (case, accents); docs/make.md "CRM theme values"';

export const PARITY_EXCEPTIONS: readonly ParityException[] = [
  ...['crm_theme_values', 'theme_mapping', 'other_theme_value'].map((key): ParityException => ({
    module: '*',
    side: 'input',
    key,
    kind: 'left out',
    why: CRM_THEMES,
  })),
  ...['themes_crm', 'themes_unmapped'].map((key): ParityException => ({
    module: '*',
    side: 'output',
    key,
    kind: 'left out',
    why: CRM_THEMES,
  })),
  {
    module: 'watchNewResponses',
    side: 'input',
    key: 'submitted_after',
    kind: 'left out',
    why: 'bounds only the loading of past responses (Zapier Transfer); live deliveries ignore it. Search Responses has it',
  },
  {
    module: 'searchResponses',
    side: 'input',
    key: 'wait_for_themes',
    kind: 'left out',
    why: 'decides when the live trigger fires; over the history it has no meaning',
  },
  {
    module: 'searchResponses',
    side: 'input',
    key: 'submitted_after',
    kind: 'Make type',
    why: 'a Make date ("Submitted After"): Make does not approve apps that make users format dates',
  },
  {
    module: 'searchResponses',
    side: 'input',
    key: 'submitted_before',
    kind: 'only in Make',
    why: 'the end of the window, for exports of a day or a month',
  },
  {
    module: 'searchResponses',
    side: 'input',
    key: 'limit',
    kind: 'only in Make',
    why: "Make's limit of a search module (app review), default 100, at most 10,000",
  },
  ...['since', 'until'].map((key): ParityException => ({
    module: 'getNpsScore',
    side: 'input',
    key,
    kind: 'Make type',
    why: 'a Make date (text read in the chosen time zone in the Zapier app): Make does not approve apps that make users format dates',
  })),
  ...['periods[]start', 'periods[]end'].map((key): ParityException => ({
    module: 'getNpsScore',
    side: 'output',
    key,
    kind: 'only in Make',
    why: 'IML cannot rebuild the items of a list without them, so the API’s item fields pass through, as dates',
  })),
  ...['upsertContact', 'sendSurvey', 'recordResponse'].map((module): ParityException => ({
    module,
    side: 'input',
    key: 'typed_properties',
    kind: 'Make form',
    why: "the Zapier app's property__<key> fields (a dynamic-field function) are one collection whose fields the listContactPropertyFields RPC gives",
  })),
];
