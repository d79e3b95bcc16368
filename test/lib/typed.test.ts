/**
 * lib/typed.ts (issue 16, item 1): the strict readers behind every typed text field. A number
 * written the way English, German, French or Swiss users (or a system) write it is read back
 * exactly, or refused; never another number. The examples the fields' help promises are read as
 * promised.
 */
import fc from 'fast-check';
import { ZAPIER_TYPE_HELP } from '../../fields/properties.js';
import { readDay, readNumber, readWholeNumber, readYesNo } from '../../lib/typed.js';

const NUM_RUNS = Number(process.env.FC_RUNS ?? 500);

describe('readNumber', () => {
  it.each<[string, number]>([
    ['12', 12],
    ['-3', -3],
    ['+4', 4],
    ['\u22127', -7],
    ['2.5', 2.5],
    ['.5', 0.5],
    ['0.125', 0.125],
    ['1e3', 1000],
    ['1,200', 1200],
    ['12,345,678.5', 12345678.5],
    ['2,5', 2.5],
    ['1,25', 1.25],
    ['0,125', 0.125],
    ['1.200,5', 1200.5],
    ['1.234.567', 1234567],
    ['1 200', 1200],
    ['1\u00a0200,5', 1200.5],
    ['1\u202f234\u202f567,89', 1234567.89],
    ["1'200.50", 1200.5],
    [' 40 ', 40],
  ])('reads %j as %d', (text, value) => {
    expect(readNumber(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['1.200', [1200, 1.2]],
    ['12.345', [12345, 12.345]],
    ['100.000', [100000, 100]],
    ['-1.500', [-1500, -1.5]],
  ])('refuses %j as ambiguous, with both readings', (text, readings) => {
    expect(readNumber(text)).toEqual({ ok: false, reason: 'ambiguous', readings });
  });

  it.each([
    'ten',
    '4O',
    '$40',
    '40 €',
    '15%',
    '0x10',
    'NaN',
    'Infinity',
    '1.2.3',
    '1,200,5',
    '1.200.5',
    '1,200 000',
    '12 34',
    '5.',
    ',5',
    '1,,200',
    '- 5',
    '',
    '1,200.5.3',
  ])('refuses %j', (text) => {
    expect(readNumber(text).ok).toBe(false);
  });

  it('refuses a number it could only store rounded', () => {
    expect(readNumber('99999999999999999')).toEqual({ ok: false, reason: 'too_large' });
    expect(readNumber('1e400')).toEqual({ ok: false, reason: 'too_large' });
  });

  it('reads back any number as English, German, French and Swiss users write it, or refuses it with that number among the readings; the one documented exception is a decimal comma followed by exactly three digits', () => {
    const locales = ['en-US', 'de-DE', 'fr-FR', 'de-CH', 'es-ES', 'en-IN'];
    fc.assert(
      fc.property(
        fc.integer({ min: -99_999_999, max: 99_999_999 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...locales),
        fc.boolean(),
        (units, decimals, locale, grouping) => {
          const value = units / 10 ** decimals;
          const text = new Intl.NumberFormat(locale, {
            minimumFractionDigits: decimals,
            maximumFractionDigits: decimals,
            useGrouping: grouping,
          }).format(value);
          const reading = readNumber(text);
          if (reading.ok && Math.abs(reading.value - value) > 1e-6) {
            // The documented rule: one comma followed by exactly three digits groups thousands
            // (1,200 is twelve hundred), so a German/French/Spanish 1,250 (one and a quarter)
            // is read as 1250. Nothing else is ever misread.
            expect(text).toMatch(/^-?[1-9]\d{0,2},\d{3}$/);
            expect(reading.value).toBeCloseTo(value * 1000, 6);
          } else if (reading.ok) {
            expect(reading.value).toBeCloseTo(value, 6);
          } else if (reading.reason === 'ambiguous') {
            expect(reading.readings.some((r) => Math.abs(r - value) < 1e-6)).toBe(true);
          } else {
            // Only Indian grouping (12,34,567) is not read: refused, never misread.
            expect(locale).toBe('en-IN');
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('readWholeNumber, readYesNo, readDay', () => {
  it('whole numbers: digits only', () => {
    expect([' 7 ', '+7', '-2', '10'].map(readWholeNumber)).toEqual([7, 7, -2, 10]);
    const refused = ['7.0', '1e1', 'ten', '9/10', '', '7a'];
    expect(refused.map(readWholeNumber)).toEqual(refused.map(() => null));
  });

  it('yes/no: true/false/yes/no/1/0/on/off in any case, nothing else', () => {
    expect(['TRUE', 'yes', '1', 'On', ' no ', '0', 'False', 'off'].map(readYesNo)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    const refused = ['maybe', 'nope', 'y', 'n', '', 'truthy'];
    expect(refused.map(readYesNo)).toEqual(refused.map(() => null));
  });

  it('days: YYYY-MM-DD or a date-time with its zone, the day as written', () => {
    expect(readDay('2026-03-01')).toBe('2026-03-01');
    expect(readDay('2026-03-01T09:00:00+01:00')).toBe('2026-03-01');
    expect(readDay('2026-03-01T23:30:00-05:00')).toBe('2026-03-01');
    expect(readDay('2026-03-01T08:00:00.123Z')).toBe('2026-03-01');
    expect(readDay('2026-03-01 09:00+0100')).toBe('2026-03-01');
    for (const bad of [
      '2026-03-01T09:00',
      '2026-03-01T09:00:00',
      '2026-02-30',
      '2026-02-30T00:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T09:00:00+25:00',
      'next renewal',
      'tomorrow',
      '03/01/2026',
      '1 March 2026',
    ]) {
      expect(readDay(bad)).toBeNull();
    }
  });
});

describe('the help says exactly what is accepted', () => {
  it('every example the number help gives is read as it says; the ambiguous one is refused', () => {
    const help = ZAPIER_TYPE_HELP.number;
    const examples: Array<[string, number]> = [
      ['40', 40],
      ['-3', -3],
      ['2.5', 2.5],
      ['1,200', 1200],
      ['1,200.5', 1200.5],
      ['1.200,5', 1200.5],
      ['1 200,5', 1200.5],
    ];
    for (const [text, value] of examples) {
      expect(help).toContain(text);
      expect(readNumber(text)).toEqual({ ok: true, value });
    }
    expect(help).toContain('1.200, is refused as ambiguous');
    expect(readNumber('1.200').ok).toBe(false);
  });

  it('the yes/no and date help list what the readers take', () => {
    for (const word of ['true', 'false', 'yes', 'no', '1', '0']) {
      expect(ZAPIER_TYPE_HELP.boolean).toContain(word);
      expect(readYesNo(word)).not.toBeNull();
    }
    for (const example of ['2026-03-01', '2026-03-01T09:00:00+01:00', '2026-03-01T08:00:00Z']) {
      expect(ZAPIER_TYPE_HELP.date).toContain(example);
      expect(readDay(example)).toBe('2026-03-01');
    }
    expect(ZAPIER_TYPE_HELP.date).toMatch(/A time without a zone and words .* are refused/);
  });
});
