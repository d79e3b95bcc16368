/**
 * Steps per recipe: counts the top-level numbered steps of each recipe in docs/recipes.md
 * ("1. **Trigger: ...**", "2. **Action: ...**", "(Optional) ..."), and sets beside them the steps
 * the recipe's goal strictly needs with this integration and the steps it saves, explained.
 * The explanations are written against the doc as it is; when the doc's step count changes, the
 * row is flagged so the explanation gets reviewed.
 */
import { readFileSync } from 'node:fs';

export interface RecipeSteps {
  number: number;
  title: string;
  /** Numbered steps in the doc, optional ones included. */
  docSteps: number;
  optionalSteps: number;
  /** Steps the recipe's goal needs with this integration (no optional step). */
  needed: number;
  /** Estimate: steps the same goal takes with a plain integration (no CRM ids, no formatted fields). */
  withoutHelpers: number;
  why: string;
  /** The doc no longer has the step count the explanation was written for. */
  stale: boolean;
}

interface Explanation {
  docSteps: number;
  needed: number;
  withoutHelpers: number;
  why: string;
}

const EXPLAINED: Record<number, Explanation> = {
  1: {
    docSteps: 3,
    needed: 3,
    withoutHelpers: 4,
    why: 'Trigger (segment filter on the subscription, so no Filter step) → Slack → NPS Update Response. themes_text and the contact fields are ready to map.',
  },
  2: {
    docSteps: 3,
    needed: 3,
    withoutHelpers: 6,
    why: 'Trigger → Filter (has a Salesforce ID) → Update Record. salesforce_contact_id saves a Find step, segment_label in Spanish a Lookup Table, themes_crm (CRM Theme Values) a Formatter/Code step per theme mapping.',
  },
  3: {
    docSteps: 3,
    needed: 3,
    withoutHelpers: 5,
    why: 'Trigger → Filter → Update Contact. hubspot_contact_id saves a Find step; submitted_date (midnight UTC) saves a date Formatter; themes_crm the option mapping.',
  },
  4: {
    docSteps: 5,
    needed: 5,
    withoutHelpers: 6,
    why: 'Trigger → Filter → Lookup Table (segment → option id, unavoidable: Pipedrive stores option ids) → Update Person → Create Note. pipedrive_person_id saves a Find step.',
  },
  5: {
    docSteps: 4,
    needed: 4,
    withoutHelpers: 6,
    why: 'Trigger (promoters) → Filter (not asked yet, from contact_properties) → Add to Workflow → NPS Create or Update Contact. Without contact properties on the record: a Find Contact step and a Storage step.',
  },
  6: {
    docSteps: 3,
    needed: 3,
    withoutHelpers: 4,
    why: 'CRM New Contact → Filter (has an email) → Send NPS Survey. send_at "+14 days" saves a Delay step.',
  },
  7: {
    docSteps: 6,
    needed: 6,
    withoutHelpers: 7,
    why: 'Updated Field → Filter (Closed Won: the trigger cannot filter on a value) → Find Contact → Send NPS Survey → Filter (scheduled) → Update Opportunity. send_at saves a Delay step.',
  },
  8: {
    docSteps: 3,
    needed: 3,
    withoutHelpers: 3,
    why: 'Updated Field → Filter (Closed Lost, has an Invitation ID) → Cancel Scheduled Survey.',
  },
  9: {
    docSteps: 4,
    needed: 4,
    withoutHelpers: 5,
    why: 'Survey Not Delivered → Filter → Find Contact (owner) → Create Task. failure_reason_label and the CRM id on the record save a Formatter and a search.',
  },
  10: {
    docSteps: 2,
    needed: 2,
    withoutHelpers: 4,
    why: 'Trigger → Insert Row. submitted_date, themes_picklist and identity_key/identity_value are fields of the record: no Formatter steps.',
  },
  11: {
    docSteps: 3,
    needed: 3,
    withoutHelpers: 5,
    why: 'Schedule → Get NPS Score (month breakdown, true NPS) → Slack: no Code step to compute NPS per month.',
  },
  12: {
    docSteps: 3,
    needed: 3,
    withoutHelpers: 5,
    why: 'Schedule → Get NPS Score → Slack. NPS, percentages, per-day breakdown, comparison and a summary in one search step.',
  },
};

export const recipeSteps = (path = 'docs/recipes.md'): RecipeSteps[] => {
  const text = readFileSync(path, 'utf8');
  const sections = text.split(/^## /m).slice(1);
  const rows: RecipeSteps[] = [];
  for (const section of sections) {
    // Only "## N. Title" sections are recipes (the first line of the section).
    const heading = /^(\d+)\.\s+(.*)$/.exec(section.split('\n')[0] ?? '');
    if (!heading) continue;
    const number = Number(heading[1]);
    const title = (heading[2] ?? '').trim();
    // The zap's steps are the numbered lines before the recipe's first sub-section ("### Load
    // the history…" numbers the steps of a procedure, not of the zap).
    const body = section.split(/^### /m)[0] ?? '';
    const steps = body
      .split('\n')
      .slice(1)
      .filter((line) => /^\d+\.\s+/.test(line));
    const optional = steps.filter((line) => /\(Optional\)/i.test(line));
    const explained = EXPLAINED[number];
    rows.push({
      number,
      title,
      docSteps: steps.length,
      optionalSteps: optional.length,
      needed: explained?.needed ?? steps.length - optional.length,
      withoutHelpers: explained?.withoutHelpers ?? Number.NaN,
      why: explained?.why ?? 'No explanation yet: review this recipe.',
      stale: !explained || explained.docSteps !== steps.length,
    });
  }
  return rows;
};
