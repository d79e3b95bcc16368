/**
 * CRM theme values (lib/crm.ts): mapThemesToCrm's table and properties, and matchKey, which
 * compares theme names as a person would (case, accents, spacing).
 */
import fc from 'fast-check';
import { mapThemesToCrm, matchKey, toPicklist } from '../../lib/crm.js';

const NUM_RUNS = Number(process.env.FC_RUNS ?? 300);

const SALESFORCE = ['Onboarding', 'Billing', 'Customer Support', 'Other'];

describe('mapThemesToCrm: the mapping table', () => {
  const cases: Array<[string, string[], Parameters<typeof mapThemesToCrm>[1], string, string]> = [
    ['exact name', ['Billing'], { values: SALESFORCE, mapping: {} }, 'Billing', ''],
    [
      'case, accents and surrounding spaces ignored; output spelled as the CRM',
      ['  billing ', 'CUSTOMER SUPPÓRT'],
      { values: SALESFORCE, mapping: {} },
      'Billing;Customer Support',
      '',
    ],
    [
      'accents in the CRM value, none in the theme',
      ['Facturacion'],
      { values: ['Facturación'], mapping: {} },
      'Facturación',
      '',
    ],
    [
      'mapping (matched without case/accents) over a same-name value',
      ['Billing', 'slow ONBOARDING'],
      {
        values: SALESFORCE,
        mapping: { billing: 'Customer Support', 'Slow onboarding': 'onboarding' },
      },
      'Customer Support;Onboarding',
      '',
    ],
    [
      'unmapped theme goes to the other value and is named',
      ['Billing', 'Dark mode'],
      { values: SALESFORCE, mapping: {}, other: 'other' },
      'Billing;Other',
      'Dark mode',
    ],
    [
      'unmapped theme left out without an other value, still named',
      ['Dark mode', 'Billing'],
      { values: SALESFORCE, mapping: {} },
      'Billing',
      'Dark mode',
    ],
    [
      'duplicates collapsed, in theme order',
      ['Dark mode', 'billing', 'Latency', 'Billing ', 'Slow onboarding'],
      { values: SALESFORCE, mapping: { 'Slow onboarding': 'Billing' }, other: 'Other' },
      'Other;Billing',
      'Dark mode, Latency',
    ],
    [
      'a theme whose name holds ; never matches and never splits the picklist',
      ['Billing; invoices'],
      { values: SALESFORCE, mapping: {}, other: 'Other' },
      'Other',
      'Billing; invoices',
    ],
    [
      'no CRM values: themes_crm is themes_picklist',
      ['Billing', 'Dark mode; UI'],
      { values: [], mapping: { Billing: 'X' } },
      toPicklist(['Billing', 'Dark mode; UI']),
      '',
    ],
    ['no options at all: themes_picklist', ['A', 'B'], undefined, 'A;B', ''],
  ];
  it.each(cases)('%s', (_name, themes, options, crm, unmapped) => {
    expect(mapThemesToCrm(themes, options)).toEqual({
      themes_crm: crm,
      themes_unmapped: unmapped,
    });
  });

  it('matchKey ignores accents, case (folded as Unicode does) and spacing, and reads ; as , (issue 16, item 7)', () => {
    expect(matchKey('  Ñandú Ü ')).toBe('nandu u');
    expect(matchKey('Slow  onboarding')).toBe(matchKey('Slow onboarding'));
    expect(matchKey('Slow\u00a0onboarding')).toBe(matchKey('slow onboarding'));
    expect(matchKey('Straße')).toBe(matchKey('STRASSE'));
    expect(matchKey('Billing;Invoices')).toBe(matchKey('billing,invoices'));
    expect(matchKey('ﬁnance')).toBe(matchKey('Finance'));
    expect(matchKey('Slow onboarding')).not.toBe(matchKey('Slow on boarding'));
  });

  it.each<[string, string[], string[], string, string]>([
    [
      'no-break and repeated spaces',
      ['Customer\u00a0 support'],
      ['Customer Support'],
      'Customer Support',
      '',
    ],
    ['ß against SS', ['Größe'], ['GROESSE', 'GRÖSSE'], 'GRÖSSE', ''],
    // themes_picklist writes the theme "Billing; invoices" as "Billing, invoices": the CRM value
    // created from it matches the theme.
    [
      'the ; of themes_picklist',
      ['Billing; invoices'],
      ['Billing, invoices'],
      'Billing, invoices',
      '',
    ],
  ])('maps a theme onto the CRM value despite %s', (_name, themes, values, crm, unmapped) => {
    expect(mapThemesToCrm(themes, { values, mapping: {} })).toEqual({
      themes_crm: crm,
      themes_unmapped: unmapped,
    });
  });
});

describe('matchKey: property (issue 16, item 7)', () => {
  // Each token: its first spelling, then others that must compare equal.
  const TOKENS: string[][] = [
    ['a', 'A'],
    ['b', 'B'],
    ['n', 'N'],
    ['é', 'É', 'e\u0301', 'E\u0301', 'e'],
    ['ü', 'Ü', 'u\u0308', 'U'],
    ['ß', 'ss', 'SS', 'sS', 'ẞ'],
    ['σ', 'Σ', 'ς'],
    ['i', 'I', 'ı', 'İ'],
    ['ﬁ', 'fi', 'FI', 'Fi'],
    ['ø', 'Ø'],
    ['1', '１'],
    [' ', '\u00a0', '  ', '\t', '\u202f', ' \u00a0 '],
    [';', ','],
    ['-'],
    ['&'],
    ['s\u00adt', 'st', 'ST'],
  ];
  const spelled = fc
    .array(
      fc
        .integer({ min: 0, max: TOKENS.length - 1 })
        .chain((i) =>
          fc.tuple(fc.constant(TOKENS[i]?.[0] ?? ''), fc.constantFrom(...(TOKENS[i] ?? ['']))),
        ),
      { minLength: 1, maxLength: 14 },
    )
    .chain((pairs) =>
      fc.tuple(
        fc.constant(pairs.map(([first]) => first).join('')),
        fc.constantFrom('', ' ', '\u00a0', '\t '),
        fc.constant(pairs.map(([, other]) => other).join('')),
        fc.constantFrom('', ' ', '\u00a0 '),
      ),
    )
    .map(([name, before, other, after]) => ({ name, respelled: `${before}${other}${after}` }));

  it('a theme name and any respelling of it (case, ß/SS, accents composed or not, no-break or repeated spaces, ;/,) compare equal', () => {
    fc.assert(
      fc.property(spelled, ({ name, respelled }) => {
        expect(matchKey(respelled)).toBe(matchKey(name));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('so a respelled AI theme always reaches the CRM value spelled as the CRM spells it', () => {
    fc.assert(
      fc.property(spelled, ({ name, respelled }) => {
        // The CRM value as themes_picklist would have written the name (a ; becomes ,).
        const crmValue = name.replace(/;/g, ',').trim();
        fc.pre(matchKey(crmValue) !== '');
        expect(mapThemesToCrm([respelled], { values: [crmValue], mapping: {} })).toEqual({
          themes_crm: crmValue,
          themes_unmapped: '',
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('mapThemesToCrm: properties', () => {
  const name = fc.oneof(
    fc.constantFrom('Billing', 'billing', ' BILLING ', 'Facturación', 'facturacion', 'Other', ''),
    fc.string({ maxLength: 12 }),
  );
  it('never outputs a value outside CRM Theme Values, each value at most once', () => {
    fc.assert(
      fc.property(
        fc.array(name, { maxLength: 8 }),
        fc.array(
          name.filter((value) => !value.includes(';') && value.trim() !== ''),
          { minLength: 1, maxLength: 5 },
        ),
        fc.dictionary(name, name, { maxKeys: 4, noNullPrototype: true }),
        fc.option(name, { nil: undefined }),
        (themes, values, mapping, other) => {
          const { themes_crm } = mapThemesToCrm(themes, { values, mapping, other });
          const out = themes_crm === '' ? [] : themes_crm.split(';');
          const accepted = values.map((value) => value.trim());
          for (const value of out) expect(accepted).toContain(value);
          expect(new Set(out).size).toBe(out.length);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

// ---------------------------------------------------------------- the operations
