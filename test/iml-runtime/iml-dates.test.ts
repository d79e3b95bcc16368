/**
 * The date functions of the local IML interpreter (iml-runtime/iml/dates.ts, functions/dates.ts):
 * formatDate's and parseDate's tokens, time zones across daylight saving, add* and set*.
 */
import fc from 'fast-check';

import { r, runs, x } from './iml-context.js';

describe('date functions', () => {
  const at = new Date('2019-10-01T13:25:07.089Z');
  const d = { d: at };

  it('formatDate tokens (help.make.com/tokens-for-datetime-formatting)', () => {
    expect(x("formatDate(d, 'MM/DD/YYYY')", d)).toBe('10/01/2019');
    expect(x("formatDate(d, 'YYYY-MM-DD hh:mm A')", d)).toBe('2019-10-01 01:25 PM');
    expect(x("formatDate(d, 'YY M D H h m s a')", d)).toBe('19 10 1 13 1 25 7 pm');
    expect(x("formatDate(d, 'Do MMMM YYYY, dddd ddd dd d E')", d)).toBe(
      '1st October 2019, Tuesday Tue Tu 2 2',
    );
    expect(x("formatDate(d, 'MMM DDD DDDD Q W WW')", d)).toBe('Oct 274 274 4 40 40');
    expect(x("formatDate(d, 'HH:mm:ss.SSS Z ZZ')", d)).toBe('13:25:07.089 +00:00 +0000');
    expect(x("formatDate(d, 'X x')", d)).toBe('1569936307 1569936307089');
    expect(x("formatDate(d, '[Today is] dddd')", d)).toBe('Today is Tuesday');
    expect(x("formatDate('2019-10-01T13:25:07Z', 'YYYY')")).toBe('2019');
  });

  it('formatDate with a time zone argument, across daylight saving', () => {
    expect(x("formatDate(d, 'DD.MM.YYYY HH:mm Z', 'Europe/Prague')", d)).toBe(
      '01.10.2019 15:25 +02:00',
    );
    expect(x("formatDate('2019-12-01T13:25:00Z', 'HH:mm ZZ', 'Europe/Prague')")).toBe(
      '14:25 +0100',
    );
    expect(x("formatDate('2024-03-10T06:59:00Z', 'YYYY-MM-DD HH:mm Z', 'America/New_York')")).toBe(
      '2024-03-10 01:59 -05:00',
    );
    expect(x("formatDate('2024-03-10T07:00:00Z', 'YYYY-MM-DD HH:mm Z', 'America/New_York')")).toBe(
      '2024-03-10 03:00 -04:00',
    );
    expect(x("formatDate('2024-01-01T00:00:00Z', 'YYYY-MM-DD HH:mm Z', 'Asia/Kolkata')")).toBe(
      '2024-01-01 05:30 +05:30',
    );
    expect(() => x("formatDate(d, 'YYYY', 'Mars/Base')", d)).toThrow(/Unknown time zone/);
  });

  it('parseDate (docs examples) and time zones', () => {
    expect((x("parseDate('2016-12-28', 'YYYY-MM-DD')") as Date).toISOString()).toBe(
      '2016-12-28T00:00:00.000Z',
    );
    expect((x("parseDate('12/28/2016 22:59', 'MM/DD/YYYY HH:mm')") as Date).toISOString()).toBe(
      '2016-12-28T22:59:00.000Z',
    );
    expect((x("parseDate('1482969540', 'X')") as Date).toISOString()).toBe(
      '2016-12-28T23:59:00.000Z',
    );
    expect(
      (
        x("parseDate('28.12.2016 10:59 PM', 'DD.MM.YYYY hh:mm A', 'Europe/Prague')") as Date
      ).toISOString(),
    ).toBe('2016-12-28T21:59:00.000Z');
    expect(
      (x("parseDate('2016-12-28T22:59:00+02:00', 'YYYY-MM-DD[T]HH:mm:ssZ')") as Date).toISOString(),
    ).toBe('2016-12-28T20:59:00.000Z');
    expect((x("parseDate('December 28th 2016', 'MMMM Do YYYY')") as Date).toISOString()).toBe(
      '2016-12-28T00:00:00.000Z',
    );
    expect(() => x("parseDate('2016-02-30', 'YYYY-MM-DD')")).toThrow(/not a valid date/);
    expect(() => x("parseDate('28/12/2016', 'YYYY-MM-DD')")).toThrow(/does not match/);
  });

  it('formatDate(parseDate(s)) round-trips for any date and zone', () => {
    const zones = ['UTC', 'Europe/Prague', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2060-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (date, tz) => {
          const fmt = 'YYYY-MM-DD HH:mm:ss.SSS Z';
          const text = x(`formatDate(d, '${fmt}', '${tz}')`, { d: date }) as string;
          const back = x(`parseDate(t, '${fmt}')`, { t: text }) as Date;
          expect(back.getTime()).toBe(date.getTime());
        },
      ),
      { numRuns: runs },
    );
  });

  it('add* and set* (month ends clamp as in moment)', () => {
    const iso = (e: string) => (x(e, d) as Date).toISOString();
    expect(iso('addDays(d, 2)')).toBe('2019-10-03T13:25:07.089Z');
    expect(iso('addDays(d, -1)')).toBe('2019-09-30T13:25:07.089Z');
    expect(iso('addHours(d, 11)')).toBe('2019-10-02T00:25:07.089Z');
    expect(iso('addMinutes(d, 35)')).toBe('2019-10-01T14:00:07.089Z');
    expect(iso('addSeconds(d, 53)')).toBe('2019-10-01T13:26:00.089Z');
    expect(iso("addMonths('2024-01-31T00:00:00Z', 1)")).toBe('2024-02-29T00:00:00.000Z');
    expect(iso("addYears('2024-02-29T00:00:00Z', 1)")).toBe('2025-02-28T00:00:00.000Z');
    expect(iso('setDate(d, 15)')).toBe('2019-10-15T13:25:07.089Z');
    expect(iso('setHour(d, 5)')).toBe('2019-10-01T05:25:07.089Z');
    expect(iso('setMinute(d, 0)')).toBe('2019-10-01T13:00:07.089Z');
    expect(iso('setSecond(d, 0)')).toBe('2019-10-01T13:25:00.089Z');
    expect(iso('setMonth(d, 1)')).toBe('2019-01-01T13:25:07.089Z');
    expect(iso("setMonth(d, 'march')")).toBe('2019-03-01T13:25:07.089Z');
    expect(iso('setYear(d, 2021)')).toBe('2021-10-01T13:25:07.089Z');
    // setDay: 2016-12-08 is a Thursday; 1 / "monday" → Monday of that week (docs example)
    expect((x("setDay('2016-12-08T15:55:57.536Z', 1)") as Date).toISOString()).toBe(
      '2016-12-05T15:55:57.536Z',
    );
    expect((x("setDay('2016-12-08T15:55:57.536Z', 'monday')") as Date).toISOString()).toBe(
      '2016-12-05T15:55:57.536Z',
    );
  });

  it('now and timestamp read the given clock', () => {
    const now = new Date('2024-05-01T10:00:00Z');
    expect(r("{{formatDate(now, 'YYYY-MM-DD')}}", {}, now)).toBe('2024-05-01');
    expect(r('{{timestamp}}', {}, now)).toBe(1714557600);
    expect(r("{{formatDate(addDays(now, -30), 'YYYY-MM-DD')}}", {}, now)).toBe('2024-04-01');
  });
});
