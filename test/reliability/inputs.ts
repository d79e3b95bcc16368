/**
 * Bad input, generated (issue 6, guarantee 1). For every search and create, 1,000 generated
 * input sets mix plausible values with empty, whitespace, huge, unicode, emoji, wrong types,
 * numbers as strings, path-breaking characters, nested dicts and unknown choices. Each run must
 * either send only requests that conform to api/openapi.yaml, or throw a HaltedError whose
 * message names a field; never another error, never a request carrying invalid data.
 */
import fc from 'fast-check';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { AppDefinition } from '../../zapier-lint/definition.js';
import { resolveInputs } from '../../zapier-lint/resolve.js';
import { app, appTester, authData } from '../helpers/app.js';
import { captureRequests, contractProblems } from './capture.js';
import { disableCoreMemoryGuard } from './memory-guard.js';

interface FieldDef {
  key: string;
  label?: string;
  type?: string;
  required?: boolean;
  dict?: boolean;
  list?: boolean;
  choices?: Array<{ value: string }> | Record<string, string>;
}
interface OperationDef {
  operation: { perform: unknown; inputFields: unknown[] };
}

export const NUM_RUNS = Number(process.env.FC_RUNS ?? 1000);
const SEED = Number(process.env.FC_SEED ?? 20261120);

const HUGE = 'x'.repeat(100_001);
const HUGE_EMOJI = '🎉'.repeat(12_000);
const PATH_BREAKERS = [
  '/',
  '?',
  '#',
  '%',
  '..',
  '.',
  '../admin',
  'a/b?c=d#e',
  '%2F%2e%2e',
  'ACME/42?x=1#frag%20..🎉',
  'rsp_1/../../webhooks',
];
const ODD_TEXT = [
  '🎉',
  '👩‍👩‍👧',
  'ñandú',
  '中文',
  'مرحبا',
  '\u0000',
  '\u202eabc',
  'a\r\nb',
  '<script>',
];

/** Anything Zapier (or a mis-mapped field) could hand a step. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, '', ' ', '\t', '\n  '),
  fc.constantFrom(HUGE, HUGE_EMOJI),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(...ODD_TEXT),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.integer({ min: -5, max: 15 }).map(String),
  fc.constantFrom('true', 'false', 'yes', 'NaN', '1e3', '0x10', ' 7 ', '7.5', '-0'),
  fc.constantFrom(...PATH_BREAKERS),
  fc.dictionary(
    fc.string({ maxLength: 8 }),
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), {
        maxKeys: 2,
        noNullPrototype: true,
      }),
    ),
    { maxKeys: 3, noNullPrototype: true },
  ),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)), {
    maxLength: 4,
  }),
  fc.constantFrom('unknown_choice', 'EMAIL', 'Promoter', 'none,closed'),
);

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

const ids = fc.oneof(
  fc.constantFrom('rsp_2b9x', 'srv_q3nps', 'con_7Hq1', ' rsp_2b9x ', 'rsp_é🎉'),
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.constantFrom(...PATH_BREAKERS),
);
const validEmails = fc.constantFrom(
  'ana@example.com',
  ' Ana@Example.COM ',
  'o.brien+nps@acme.co.uk',
);
const badEmails = fc.constantFrom(
  'not-an-email',
  'a@b',
  'a b@example.com',
  `${'a'.repeat(320)}@example.com`,
  // Not the contract's `format: email` (ASCII only): refused before any request.
  'josé@exämple.com',
);
const validDateTimes = fc.oneof(
  fc.constant('2026-11-20T09:30:00Z'),
  fc.integer({ min: -40, max: 25 }).map(days),
);
const badDateTimes = fc.oneof(
  fc.constantFrom('2026-13-45T00:00:00Z', 'tomorrow', '2026-02-30x', '1970'),
  fc.integer({ min: 31, max: 400 }).map(days),
);
const validDicts = fc.dictionary(
  fc.constantFrom('plan', 'deal_id', 'account_tier'),
  fc.oneof(fc.string({ maxLength: 12 }), fc.integer()),
  { maxKeys: 3, noNullPrototype: true },
);
const badDicts = fc.dictionary(
  fc.constantFrom('Bad Key', 'a-b', '🎉', 'x'.repeat(65), 'plan'),
  fc.oneof(fc.string({ maxLength: 12 }), fc.constant(''), fc.constant({ n: 1 })),
  { minKeys: 1, maxKeys: 3, noNullPrototype: true },
);
const validLists = fc.oneof(
  fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), { maxLength: 4 }),
  fc.constantFrom('vip, enterprise', 'thm_billing'),
);

const choicesOf = (field: FieldDef): string[] =>
  Array.isArray(field.choices)
    ? field.choices.map((c) => c.value)
    : field.choices
      ? Object.keys(field.choices)
      : [];

/**
 * [valid, tricky] values for a field: valid ones let most runs reach the API, tricky ones are
 * the near misses a user could map (bad formats, out of range, unknown choices).
 */
const valuesFor = (field: FieldDef): [fc.Arbitrary<unknown>, fc.Arbitrary<unknown>] => {
  const choices = choicesOf(field);
  if (choices.length) {
    return [
      fc.constantFrom(...choices, ...choices.map((c) => c.toUpperCase())),
      fc.constantFrom('not_a_choice', `${choices[0]}x`, choices.join(',')),
    ];
  }
  if (field.dict) return [validDicts, badDicts];
  if (field.list) return [validLists, fc.array(fc.constantFrom({ a: 1 }, [1]), { minLength: 1 })];
  if (field.type === 'boolean')
    return [fc.constantFrom(true, false, 'true', 'false', 'no', 'yes'), fc.constant('maybe')];
  // From/To of Get NPS Score apply to its Custom period only (issue 16): a valid zap mostly
  // leaves them empty, and one given with another period is refused naming the field.
  if (['since', 'until'].includes(field.key))
    return [
      fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: validDateTimes }),
      badDateTimes,
    ];
  if (field.type === 'datetime' || ['submitted_at', 'send_at'].includes(field.key))
    return [validDateTimes, badDateTimes];
  if (field.key === 'score')
    return [
      fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom('7', ' 10 ')),
      fc.constantFrom(-1, 11, 7.5, 'ten', '1e1'),
    ];
  if (field.key === 'pipedrive_person_id')
    return [
      fc.oneof(fc.integer({ min: 1, max: 99_999 }), fc.constant('54321')),
      fc.constantFrom(-2, 0, '12a', '1.5', 2 ** 60),
    ];
  if (field.key.includes('email')) return [validEmails, badEmails];
  if (field.key === 'identity_value') return [fc.oneof(validEmails, ids), badEmails];
  if (field.key === 'phone')
    return [fc.constantFrom('+14155550123', '+1 415-555-0123'), fc.constantFrom('12345', '+0000')];
  if (field.key === 'timezone')
    return [
      fc.constantFrom('UTC', 'Europe/Madrid', 'America/New_York'),
      fc.constantFrom('Mars/Olympus', '+02:00'),
    ];
  if (field.key === 'locale' || field.key === 'language')
    return [fc.constantFrom('es-ES', 'en', 'pt-BR'), fc.constantFrom('zz', 'not a locale')];
  if (field.key.endsWith('_id') || field.key.endsWith('_number'))
    return [ids, fc.constantFrom('..', '.', ' .. ')];
  return [fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(HUGE, HUGE_EMOJI)];
};

const inputsFor = (fields: FieldDef[]) =>
  fc.record(
    Object.fromEntries(
      fields.map((field) => {
        const [valid, tricky] = valuesFor(field);
        return [
          field.key,
          fc.oneof(
            { weight: 12, arbitrary: valid },
            { weight: 2, arbitrary: tricky },
            { weight: 1, arbitrary: junk },
          ),
        ];
      }),
    ),
    { requiredKeys: [], noNullPrototype: true },
  );

type Perform = (z: ZObject, bundle: Bundle) => unknown;
type Group = 'searches' | 'creates';

/**
 * Defines the property test of one search or create. One file per operation: jest gives each file
 * a fresh module registry, so the memory 1,000 appTester runs leave behind is freed in between.
 */
export const propertyTest = (group: Group, key: string): void => {
  const def = (app[group] as unknown as Record<string, OperationDef>)[key];
  if (!def) throw new Error(`no ${group}.${key}`);

  disableCoreMemoryGuard();

  test(`${key}: ${NUM_RUNS} generated inputs send conforming requests or halt naming a field`, async () => {
    // Static fields and those dynamic-field functions show offline (From/To of a custom period).
    const resolved = await resolveInputs(app as unknown as AppDefinition);
    const kind = group === 'searches' ? 'search' : 'create';
    const fields = (resolved.inputs.get(`${kind} ${key}`) ?? []) as FieldDef[];
    const names = fields.flatMap((f) => [`(${f.key})`, ...(f.label ? [f.label] : [])]);
    const requests = captureRequests();
    const tally = { sent: 0, halted: 0 };
    await fc.assert(
      fc.asyncProperty(inputsFor(fields), async (inputData) => {
        requests.length = 0;
        try {
          await appTester(def.operation.perform as Perform, {
            authData,
            inputData: inputData as Record<string, unknown>,
          });
        } catch (error) {
          const e = error as Error;
          if (e.name !== 'HaltedError') {
            throw new Error(`unexpected ${e.name}: ${e.message.slice(0, 300)}`);
          }
          if (!names.some((name) => e.message.includes(name))) {
            throw new Error(`HaltedError names no field: ${e.message.slice(0, 300)}`);
          }
          if (requests.length) {
            throw new Error(
              `halted after ${requests.length} request(s): ${e.message.slice(0, 200)}`,
            );
          }
          tally.halted += 1;
          return;
        }
        if (!requests.length) throw new Error('completed without sending any request');
        for (const request of requests) {
          const problems = contractProblems(request);
          if (problems.length) {
            throw new Error(
              `${request.method} ${request.path.slice(0, 80)} breaks the contract: ${problems.slice(0, 3).join('; ')}`,
            );
          }
        }
        tally.sent += 1;
      }),
      { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
    );
    // Both outcomes must really be exercised, or the property proves little.
    expect(tally.sent).toBeGreaterThanOrEqual(NUM_RUNS / 25);
    expect(tally.halted).toBeGreaterThanOrEqual(NUM_RUNS / 10);
    console.log(`${key}: ${tally.sent} runs sent requests, ${tally.halted} halted`);
  }, 180_000);
};
