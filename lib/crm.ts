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
