/**
 * The lint's index (zapier-lint/rules.ts): every rule once, in ID order, with Zapier's
 * titles for Zapier's IDs; nothing found in a definition that follows every rule; how a finding
 * is printed and linked. Each rule's own tests are in the test file named for its check area
 * (compatibility, definition-*, marketing, own).
 */
import { readFile } from 'node:fs/promises';
import { COMPATIBILITY_RULES } from '../../zapier-lint/checks/compatibility.js';
import { AUTHENTICATION_RULES } from '../../zapier-lint/checks/definition/authentication.js';
import { HOOK_RULES } from '../../zapier-lint/checks/definition/hooks.js';
import { INPUT_FIELD_RULES } from '../../zapier-lint/checks/definition/input-fields.js';
import { LABEL_RULES } from '../../zapier-lint/checks/definition/labels.js';
import { PLATFORM_RULES } from '../../zapier-lint/checks/definition/platform.js';
import { SAMPLE_RULES } from '../../zapier-lint/checks/definition/samples.js';
import { URL_RULES } from '../../zapier-lint/checks/definition/urls.js';
import { MARKETING_RULES } from '../../zapier-lint/checks/marketing.js';
import { OWN_RULES } from '../../zapier-lint/checks/own.js';
import type { Rule } from '../../zapier-lint/context.js';
import { formatFinding, lint, referenceOf, RULES } from '../../zapier-lint/rules.js';
import { passingContext } from './fixture.js';

/** Each file of checks/ with its rules and the ICR area letter they belong to. */
const AREA_FILES: Array<[file: string, rules: Rule[], area: string]> = [
  ['compatibility.ts', COMPATIBILITY_RULES, 'C'],
  ['definition/authentication.ts', AUTHENTICATION_RULES, 'D'],
  ['definition/input-fields.ts', INPUT_FIELD_RULES, 'D'],
  ['definition/samples.ts', SAMPLE_RULES, 'D'],
  ['definition/hooks.ts', HOOK_RULES, 'D'],
  ['definition/urls.ts', URL_RULES, 'D'],
  ['definition/labels.ts', LABEL_RULES, 'D'],
  ['definition/platform.ts', PLATFORM_RULES, 'D'],
  ['marketing.ts', MARKETING_RULES, 'M'],
  ['own.ts', OWN_RULES, 'X'],
];

describe('lint:zapier rules', () => {
  it('finds nothing in a definition that follows every rule', () => {
    expect(lint(passingContext()).map(formatFinding)).toEqual([]);
  });

  it('prints a finding as "ID place: Title — detail", with the title as Zapier words it', () => {
    const [finding] = lint({
      ...passingContext(),
      listing: { ...passingContext().listing, description: 'Too short.' },
    });
    expect(finding && formatFinding(finding)).toMatch(
      /^M002 listing\/app\.json description: Description Is Invalid — must be 40-140 characters/,
    );
    expect(referenceOf('D010')).toBe(
      'https://docs.zapier.com/platform/publish/integration-checks-reference#D010',
    );
    expect(referenceOf('X001')).toBeUndefined();
  });

  it("lists every rule once, in ID order, with Zapier's titles for Zapier's IDs", () => {
    expect(RULES.map((rule) => rule.id)).toEqual([
      'C001',
      'C002',
      'C003',
      'D001',
      'D002',
      'D003',
      'D004',
      'D005',
      'D006',
      'D007',
      'D008',
      'D009',
      'D010',
      'D011',
      'D012',
      'D013',
      'D014',
      'D015',
      'D016',
      'D017',
      'D018',
      'D021',
      'D022',
      'D023',
      'D024',
      'D025',
      'D026',
      'D027',
      'D028',
      'M001',
      'M002',
      'M003',
      'M004',
      'M006',
      'X001',
      'X003',
      'X004',
      'X005',
      'X006',
      'X007',
      'X008',
    ]);
    const title = (id: string) => RULES.find((rule) => rule.id === id)?.title;
    expect(title('D010')).toBe('Missing Primary Key Fields in Static Sample Data');
    expect(title('D012')).toBe('Static Sample Is Required');
    expect(title('D016')).toBe('Consists Only a Static Webhook');
    expect(title('D017')).toBe('Static Hook Is Discouraged');
    expect(title('D022')).toBe('Creates Should Try to Have Static Input Fields');
    expect(title('D027')).toBe('Not Using Latest Platform Version');
    expect(title('D028')).toBe('Clean Input Data Enabled');
    expect(title('M001')).toBe('App Category Is Required');
    expect(title('M003')).toBe('Role Must Be Employee or Contractor');
    expect(title('M006')).toBe('Homepage URL Must Be Present');
  });

  it('keeps each rule in the file of its check area, whose header lists its IDs, and tests it in the test file of the same name', async () => {
    const placed: string[] = [];
    for (const [file, rules, area] of AREA_FILES) {
      const source = await readFile(
        new URL(`../../zapier-lint/checks/${file}`, import.meta.url),
        'utf8',
      );
      // The header's first line names the area and lists its IDs: "D: Definition, … (D006 D016 D017)".
      const listed = /\(((?:[CDMX]\d{3} ?)+)\)/.exec(source)?.[1]?.split(' ');
      const ids = rules.map((rule) => rule.id);
      expect({ file, ids }).toEqual({ file, ids: listed });
      expect(ids.every((id) => id.startsWith(area))).toBe(true);
      const tests = await readFile(
        new URL(`./${file.replace('/', '-').replace(/\.ts$/, '.test.ts')}`, import.meta.url),
        'utf8',
      );
      expect(ids.filter((id) => !tests.includes(`it('${id}: `))).toEqual([]);
      placed.push(...ids);
    }
    expect(placed.sort()).toEqual(RULES.map((rule) => rule.id));
  });
});
