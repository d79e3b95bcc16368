/**
 * Formatting of NPS values into what CRMs and warehouses expect: segment labels in the seven
 * languages, Salesforce multi-select picklist / HubSpot checkbox values, text lists and dates.
 */
import type { Segment } from '../client/schemas.js';

export const LABEL_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'it', 'nl'] as const;
export type LabelLanguage = (typeof LABEL_LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<LabelLanguage, string> = {
  en: 'English',
  es: 'Spanish (Español)',
  pt: 'Portuguese (Português)',
  fr: 'French (Français)',
  de: 'German (Deutsch)',
  it: 'Italian (Italiano)',
  nl: 'Dutch (Nederlands)',
};

export const SEGMENT_LABELS: Record<LabelLanguage, Record<Segment, string>> = {
  en: { promoter: 'Promoter', passive: 'Passive', detractor: 'Detractor' },
  es: { promoter: 'Promotor', passive: 'Pasivo', detractor: 'Detractor' },
  pt: { promoter: 'Promotor', passive: 'Neutro', detractor: 'Detrator' },
  fr: { promoter: 'Promoteur', passive: 'Passif', detractor: 'Détracteur' },
  de: { promoter: 'Promotor', passive: 'Passiver', detractor: 'Kritiker' },
  it: { promoter: 'Promotore', passive: 'Passivo', detractor: 'Detrattore' },
  nl: { promoter: 'Promotor', passive: 'Passief', detractor: 'Criticaster' },
};

export const segmentLabel = (segment: Segment, language: LabelLanguage = 'en'): string =>
  SEGMENT_LABELS[language][segment];

/** Order of segments from worst to best, for "improved"/"declined". */
export const SEGMENT_RANK: Record<Segment, number> = { detractor: 0, passive: 1, promoter: 2 };

const cleanNames = (names: readonly string[]): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name && !seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
};

/**
 * `A;B`: the value format of a Salesforce multi-select picklist and a HubSpot multiple-checkbox
 * property. A `;` inside a name would split it into two values, so it becomes `,`.
 */
export const toPicklist = (names: readonly string[]): string =>
  cleanNames(names.map((name) => name.replace(/;/g, ','))).join(';');

/** `A, B`: for text fields, Pipedrive, Slack. */
export const toText = (names: readonly string[]): string => cleanNames(names).join(', ');

/** `YYYY-MM-DD` in UTC, for date fields and warehouse partitions; null for a missing/invalid date. */
export const utcDate = (iso: string | null | undefined): string | null => {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
};

/** `YYYY-MM` in UTC. */
export const utcMonth = (iso: string | null | undefined): string | null =>
  utcDate(iso)?.slice(0, 7) ?? null;

// ---------------------------------------------------------------- CRM-safe theme values

/**
 * What a restricted CRM field accepts and how AI theme names reach it (CRM Theme Values, Theme
 * Mapping, Value for Unmapped Themes). `values` empty: no mapping.
 */
export interface CrmThemeOptions {
  /** The values the CRM field accepts, as the CRM spells them. */
  values: readonly string[];
  /** AI theme name → CRM value. */
  mapping: Readonly<Record<string, string>>;
  /** The CRM value for themes that match nothing; undefined leaves them out. */
  other?: string;
}

export interface CrmThemes {
  /** The CRM values in the picklist format `A;B`. */
  themes_crm: string;
  /** The AI theme names that matched no CRM value, joined by `, `. */
  themes_unmapped: string;
}

/**
 * The form two names are compared in (issue 16, item 7):
 * - `;` becomes `,`, as in themes_picklist, so a theme "A;B" matches the CRM value "A,B" it
 *   reaches the CRM as;
 * - compatibility forms are unified (NFKD: a no-break space is a space, `ﬁ` is `fi`, full-width
 *   letters are letters) and accents removed (combining marks), as are invisible format
 *   characters (soft hyphen, zero-width space);
 * - case is folded as Unicode's full case folding does, not only lower-cased: lower, upper, then
 *   lower case again, so `ß`, `ẞ`, `SS` and `ss` match, as do `ς`/`σ`/`Σ` and `İ`/`ı`/`i`;
 * - any run of white space (no-break, thin, tabs, repeated spaces) is one space; ends trimmed.
 */
export const matchKey = (name: string): string =>
  name
    .replace(/;/g, ',')
    .normalize('NFKD')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();

/** The accepted value `name` matches (as the CRM spells it), or undefined. */
export const findCrmValue = (values: readonly string[], name: string): string | undefined => {
  const key = matchKey(name);
  return values.find((value) => matchKey(value) === key);
};

/**
 * Maps AI theme names onto the values a restricted CRM field accepts. A name goes through Theme
 * Mapping first (matched as `matchKey` says: case, accents and spacing ignored), else to the accepted
 * value of the same name, else to `other` (when set) and is listed as unmapped. The output only
 * ever holds accepted values (as `values` spells them), each once, in theme order. Without
 * accepted values nothing is mapped: `themes_crm` is `themes_picklist`.
 */
export const mapThemesToCrm = (names: readonly string[], options?: CrmThemeOptions): CrmThemes => {
  // A value with `;` would split the picklist (the inputs refuse it; this keeps the function safe).
  const values = (options?.values ?? [])
    .map((value) => value.trim())
    .filter((value) => value && !value.includes(';'));
  if (!options || !values.length) return { themes_crm: toPicklist(names), themes_unmapped: '' };
  const mapping = new Map<string, string>();
  for (const [from, to] of Object.entries(options.mapping)) {
    const target = findCrmValue(values, to);
    if (target !== undefined && !mapping.has(matchKey(from))) mapping.set(matchKey(from), target);
  }
  const other = options.other === undefined ? undefined : findCrmValue(values, options.other);
  const crm: string[] = [];
  const unmapped: string[] = [];
  for (const name of names) {
    if (!name.trim()) continue;
    const value = mapping.get(matchKey(name)) ?? findCrmValue(values, name);
    if (value === undefined) unmapped.push(name);
    const out = value ?? other;
    if (out !== undefined && !crm.includes(out)) crm.push(out);
  }
  return { themes_crm: crm.join(';'), themes_unmapped: toText(unmapped) };
};
