/**
 * Zapier's integration checks that the definition and the listing alone decide, as pure functions
 * over the built definition (plus the listing and the last released surface). IDs, titles and
 * readings are those of Zapier's Integration Checks Reference (ICR below; the version that lists
 * D027, D028 and E001); docs/publishing.md lists every rule and what cannot be decided offline.
 *
 * The ICR names each check by an area letter; the rules live in checks/, one file per area, each
 * rule beside the reference text it reads (a comment quoting its section, with the link):
 *   C Compatibility          checks/compatibility.ts              C001-C003
 *   D Definition, split by what it checks, in checks/definition/:
 *     authentication.ts      D001 D002 D003 D026   credentials and the connection label
 *     input-fields.ts        D004 D005 D009 D013 D014 D015 D022   dropdowns, search connectors
 *     samples.ts             D010 D012 D023 D024   static samples
 *     hooks.ts               D006 D016 D017        REST hook triggers, static webhooks
 *     urls.ts                D007 D008 D025        URLs and markdown links
 *     labels.ts              D011 D018 D021        labels, help texts, descriptions
 *     platform.ts            D027 D028             platform version, cleanInputData
 *   M Marketing              checks/marketing.ts                  M001-M004, M006
 *   X our own rules          checks/own.ts                        X001, X003-X008
 * A new rule goes into the file of its area (and what it checks), with a test in the test file
 * of the same name under test/zapier-lint/; RULES below keeps them in ID order.
 *
 * Each rule returns findings `{ id, place, rule }`; `npm run lint:zapier` prints them as
 * `ID place: Title — detail` and exits 1 when there is any that accepted.ts does not accept.
 */
import { COMPATIBILITY_RULES } from './checks/compatibility.js';
import { AUTHENTICATION_RULES } from './checks/definition/authentication.js';
import { HOOK_RULES } from './checks/definition/hooks.js';
import { INPUT_FIELD_RULES } from './checks/definition/input-fields.js';
import { LABEL_RULES } from './checks/definition/labels.js';
import { PLATFORM_RULES } from './checks/definition/platform.js';
import { SAMPLE_RULES } from './checks/definition/samples.js';
import { URL_RULES } from './checks/definition/urls.js';
import { MARKETING_RULES } from './checks/marketing.js';
import { OWN_RULES } from './checks/own.js';
import type { Finding, LintContext, Rule } from './context.js';

export type { Finding, Listing, LintContext, PngInfo, Rule } from './context.js';
export { isField } from './definition.js';
export { SECRET_KEY } from './checks/definition/authentication.js';
export { FOREIGN_ID_KEYS } from './checks/definition/input-fields.js';
export { MINOR_WORDS, titleCaseProblems } from './checks/definition/labels.js';
export { compareVersions } from './checks/definition/platform.js';
export { markdownLinks } from './checks/definition/urls.js';
export { PUBLIC_ROLES } from './checks/marketing.js';
export { AUDIENCES, MAX_OUTPUT_LABEL } from './checks/own.js';

/** Zapier's Integration Checks Reference, as the CLI links it (constants.js CHECK_REF_DOC_LINK). */
export const ICR = 'https://docs.zapier.com/platform/publish/integration-checks-reference';

/** Every rule, in ID order (C, D, M, then our X rules). */
export const RULES: Rule[] = [
  ...COMPATIBILITY_RULES,
  ...AUTHENTICATION_RULES,
  ...INPUT_FIELD_RULES,
  ...SAMPLE_RULES,
  ...HOOK_RULES,
  ...URL_RULES,
  ...LABEL_RULES,
  ...PLATFORM_RULES,
  ...MARKETING_RULES,
  ...OWN_RULES,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Runs every rule; findings in rule order. */
export const lint = (context: LintContext, rules: readonly Rule[] = RULES): Finding[] =>
  rules.flatMap((rule) => rule.check(context));

const TITLES = new Map(RULES.map((rule) => [rule.id, rule.title.replace(/\.$/, '')]));

/** `ID place: Title — detail`, the title as the ICR words it. */
export const formatFinding = (finding: Finding): string =>
  `${finding.id} ${finding.place}: ${TITLES.get(finding.id) ?? finding.id} — ${finding.rule}`;

/** The ICR section of a check (own X-rules have none). */
export const referenceOf = (id: string): string | undefined =>
  id.startsWith('X') ? undefined : `${ICR}#${id}`;
