/**
 * What a Make user reads: module labels in Make's naming convention, and the Zapier definitions'
 * labels, help texts and descriptions translated for Make.
 *
 * Make's conventions (best-practices/naming-conventions: "Module labels", "Module descriptions"):
 * a label is the verb of the action and the entity, in Title Case ("Watch Events", "Create a
 * Report", "Get a Group's Info", "Search Files"); triggers and instant triggers are "Watch …";
 * a description is one sentence in the third person, a trigger's starting "Triggers when".
 */
import type { ModuleSpec } from './ids.js';

/** Each module's label in Make (the Zapier labels name the event or the job, not the verb). */
export const MODULE_LABELS: Record<string, string> = {
  watchNewResponses: 'Watch New NPS Responses',
  watchSegmentChanges: 'Watch Contact Segment Changes',
  watchUpdatedResponses: 'Watch Updated Responses',
  watchUnsubscribes: 'Watch Unsubscribed Contacts',
  watchFailedInvitations: 'Watch Undelivered Surveys',
  findContact: 'Find a Contact',
  findResponse: 'Find the Latest Response',
  searchResponses: 'Search Responses',
  getNpsScore: 'Get the NPS Score',
  upsertContact: 'Create or Update a Contact',
  sendSurvey: 'Send an NPS Survey',
  recordResponse: 'Record an NPS Response',
  updateResponse: 'Update a Response',
  addNote: 'Add a Note to a Response',
  unsubscribeContact: 'Unsubscribe a Contact',
  cancelInvitation: 'Cancel a Scheduled Survey',
  makeApiCall: 'Make an API Call',
};

export const moduleLabel = (spec: ModuleSpec): string => {
  const label = MODULE_LABELS[spec.id];
  if (!label) throw new Error(`No Make label for module ${spec.id} (add it to MODULE_LABELS)`);
  return label;
};

/**
 * The Zapier definitions' user-facing texts (labels, help, descriptions) speak of Zapier and
 * zaps. For Make they are translated deliberately: first whole phrases whose meaning differs in
 * Make (an empty Time Zone is UTC, not the zap's zone; loop protection is the connection's key;
 * Make's erase clears a value), then the words. A text still naming Zapier or a zap fails the build.
 */
const MAKE_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ["Leave empty to use your zap's time zone (or UTC when it has none).", 'Leave empty to use UTC.'],
  ['Leave empty to show it as from Zapier.', 'Leave empty for a note without an author.'],
  ['Ignore Changes Made by Zapier', 'Ignore Changes Made With This Connection'],
  [
    '(Zapier may replay a step)',
    '(Make may run a step again, e.g. when an incomplete execution is retried)',
  ],
  [
    'Empty fields never erase existing values.',
    "Empty fields never erase existing values; map Make's erase to clear one.",
  ],
  // The Zapier operations' names in the help become the Make modules' labels.
  ['the Send NPS Survey step', 'the Send an NPS Survey module'],
  ['that Send NPS Survey scheduled', 'that Send an NPS Survey scheduled'],
  [
    'Empty fields are left as they are.',
    "Empty fields are left as they are; map Make's erase to Follow-up Owner Email to unassign the owner.",
  ],
];
const MAKE_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bZapier\b/g, 'Make'],
  [/\bzaps\b/g, 'scenarios'],
  [/\bZaps\b/g, 'Scenarios'],
  [/\bzap\b/g, 'scenario'],
  [/\bZap\b/g, 'Scenario'],
];
export const ZAPIER_WORDING = /\bzap(s|ier)?\b/i;
export const forMake = (text: string): string => {
  let out = text;
  for (const [from, to] of MAKE_PHRASES) out = out.split(from).join(to);
  for (const [from, to] of MAKE_WORDS) out = out.replace(from, to);
  if (ZAPIER_WORDING.test(out)) throw new Error(`Zapier wording left in a Make text: ${out}`);
  return out;
};

/** Keys whose text a Make user reads. */
const USER_FACING = new Set(['label', 'help', 'description']);

/** `value` with every user-facing text (at any depth) in Make's wording. */
export const inMakeWording = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(inMakeWording);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        USER_FACING.has(key) && typeof v === 'string' ? forMake(v) : inMakeWording(v),
      ]),
    );
  }
  return value;
};
