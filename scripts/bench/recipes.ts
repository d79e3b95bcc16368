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
    docSteps: 4,
    needed: 4,
    withoutHelpers: 6,
    why: 'Trigger (segment filter on the subscription, so no Filter step) → Slack → Salesforce Task → NPS Update Response. The record carries salesforce_contact_id (saves a Salesforce Find step) and themes_picklist in the picklist format (saves a Formatter step); themes_text, conversation_text and previous_score/score_change are ready to map. The bare detractor → Salesforce update is 2 steps.',
  },
  2: {
    docSteps: 4,
    needed: 4,
    withoutHelpers: 6,
    why: 'Trigger (promoters) → HubSpot Update Contact → Add to Workflow → NPS Update Response. hubspot_contact_id and themes_picklist (the multiple-checkbox format) save a HubSpot Find step and a Formatter; a HubSpot Find Contact is needed only for a contact the platform has no HubSpot id for (+1, conditional).',
  },
  3: {
    docSteps: 3,
    needed: 2,
    withoutHelpers: 4,
    why: 'Trigger → Insert Row. submitted_date/submitted_month (UTC partitions), themes_picklist (splits back into the list with SPLIT(themes, ";")) and identity_key/identity_value are fields of the record, so no Formatter steps for dates or lists. Step 3 is a second, optional zap (Updated Response → row), counted as optional.',
  },
  4: {
    docSteps: 4,
    needed: 3,
    withoutHelpers: 3,
    why: 'CRM trigger → CRM Find Contact (the deal carries no email) → NPS Send Survey. send_at takes "+3 days" (no Delay step), respect_throttle decides recently surveyed contacts (no Find Contact + Filter). Step 4 (Filter on scheduled) is optional.',
  },
  5: {
    docSteps: 3,
    needed: 3,
    withoutHelpers: 5,
    why: 'Schedule → NPS Get NPS Score → Slack. The report computes NPS, percentages, the per-day breakdown, the comparison with the previous 7 days and a summary sentence in one search step (2 requests), so no Formatter/Code steps to compute or word it.',
  },
};

export const recipeSteps = (path = 'docs/recipes.md'): RecipeSteps[] => {
  const text = readFileSync(path, 'utf8');
  const sections = text.split(/^## /m).slice(1);
  const rows: RecipeSteps[] = [];
  for (const section of sections) {
    const heading = /^(\d+)\.\s+(.*)$/m.exec(section);
    if (!heading) continue;
    const number = Number(heading[1]);
    const title = (heading[2] ?? '').trim();
    const steps = section
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
