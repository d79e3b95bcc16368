/**
 * The local IML interpreter against Make's documentation: templating and types, 1-based indexes,
 * operators, and the built-in functions with the documentation's own examples where it gives them
 * (https://developers.make.com/custom-apps-documentation/block-elements/iml, https://help.make.com/*-functions),
 * hashes against RFC 4231 / RFC 2202 / FIPS 180 vectors and the standardwebhooks library.
 */
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import {
  evaluate,
  evaluateExpression,
  functionsCalledIn,
  IMLError,
  IMPLEMENTED_FUNCTIONS,
  renderTemplate,
  unimplementedFunctionsIn,
} from '../../iml-runtime/iml.js';

const runs = Number(process.env.FC_RUNS ?? 200);
const ctx = {
  body: {
    data: [
      { id: 1, prop: 'a', label: 'work', email: 'w@x.io' },
      { id: 2, prop: 'b', label: 'home', email: 'h@x.io' },
      { id: 3, prop: 'c', label: 'other', email: 'o@x.io' },
    ],
    user: 'u1',
    username: '',
    xml: false,
  },
  headers: { 'X-HOOK-TYPE': 'ping' },
  parameters: { 'First Name': 'Ada', fieldName: 'user', n: 5, input: { data: 'deep' } },
  item: { name: 'World' },
};
const r = (t: string, c: Record<string, unknown> = ctx, now?: Date) =>
  renderTemplate(t, c, now ? { now } : {});
const x = (e: string, c: Record<string, unknown> = ctx) => evaluateExpression(e, c);

describe('templating', () => {
  it('keeps the type of a string that is exactly one expression, and concatenates mixed text', () => {
    expect(r('{{body.data[2].id}}')).toBe(2);
    expect(r('{{body.xml}}')).toBe(false);
    expect(r('{{body.data[1]}}')).toEqual(ctx.body.data[0]);
    expect(r('id {{body.data[2].id}}!')).toBe('id 2!');
    expect(r('{{body.data[1].id}}{{body.data[2].id}}')).toBe('12');
    expect(r('no iml')).toBe('no iml');
    expect(r('[{{parameters.missing}}]')).toBe('[]');
  });

  it('walks objects and arrays, dropping keys that render to undefined', () => {
    expect(
      evaluate(
        {
          a: '{{parameters.n}}',
          b: '{{parameters.missing}}',
          c: ['{{1 + 1}}', 'x'],
          d: { e: '{{body.user}}' },
          f: 3,
        },
        ctx,
      ),
    ).toEqual({ a: 5, c: [2, 'x'], d: { e: 'u1' }, f: 3 });
  });

  it('reads `}}` inside a quoted string as part of the expression', () => {
    expect(r("{{'a}}b' + 'c'}}")).toBe('a}}bc');
  });

  it('spreads a computed collection under the "{{...}}" key', () => {
    expect(
      evaluate(
        { fixed: 1, '{{...}}': "{{toCollection(parameters.h, 'key', 'value')}}" },
        { parameters: { h: [{ key: 'X-A', value: '1' }] } },
      ),
    ).toEqual({ fixed: 1, 'X-A': '1' });
  });
});

describe('string literals', () => {
  it('hold their characters as written: a real newline is a newline', () => {
    expect(x('"Q: a\nA: b"')).toBe('Q: a\nA: b');
    expect(x("join(add(emptyarray, 'a', 'b'), '\n\n')")).toBe('a\n\nb');
  });

  it('refuse a backslash (Make documents no escape sequence)', () => {
    expect(() => x('"a\\nb"')).toThrow(IMLError);
    expect(() => x("replace('a.b', '/\\./g', '-')")).toThrow(/backslash/);
  });
});

describe('expressions (docs examples)', () => {
  it('dot paths, back-ticked names, 1-based and -1 indexes', () => {
    expect(r('{{parameters.input.data}}')).toBe('deep');
    expect(r('{{headers.`X-HOOK-TYPE`}}')).toBe('ping');
    expect(r('{{parameters.`First Name`}}')).toBe('Ada');
    expect(r('{{body.data[2].prop}}')).toBe('b');
    expect(r('{{body.data[-1].prop}}')).toBe('c');
    expect(r('{{body.data[0]}}')).toBeUndefined();
    expect(r('{{body.data[9].prop}}')).toBeUndefined();
  });

  it('strings in either quote, + concatenation, if/ifempty', () => {
    expect(r("{{'Hello, ' + item.name}}")).toBe('Hello, World');
    expect(r('{{"Hello, " + item.name}}')).toBe('Hello, World');
    expect(r('{{if(body.data[3].id > 2, body.user, false)}}')).toBe('u1');
    expect(r('{{if(body.data[1].id > 100, body.user, false)}}')).toBe(false);
    expect(r('{{ifempty(body.username, body.user)}}')).toBe('u1');
    expect(r('{{ifempty(body.nothing, null)}}')).toBeNull();
    expect(r('{{ifempty(0, 1)}}')).toBe(0);
  });

  it('get() with a computed property name', () => {
    expect(r("{{get(body.data[1], 'prop')}}")).toBe('a');
    expect(r('{{get(body, parameters.fieldName)}}')).toBe('u1');
    expect(r("{{get(body, if(body.xml == true, 'xml', 'user'))}}")).toBe('u1');
    expect(r("{{get(body, 'data.2.prop')}}")).toBe('b');
  });

  it('operators: arithmetic, strict equality in all spellings, relational, logical', () => {
    expect(x('7 % 4 + 2 * 3 - 10 / 5')).toBe(7);
    expect(x('(1 + 2) * 3')).toBe(9);
    expect(x("1 == '1'")).toBe(false);
    expect(x('1 = 1')).toBe(true);
    expect(x('1 === 1')).toBe(true);
    expect(x("1 != '1'")).toBe(true);
    expect(x('2 !== 2')).toBe(false);
    expect(x('2 <= 2 && 3 > 2 && 1 < 2 && 2 >= 3')).toBe(false);
    expect(x('!body.username || false')).toBe(true);
    expect(x('-parameters.n')).toBe(-5);
    expect(x("'n=' + 1 + 2")).toBe('n=12');
  });

  it('accepts ; as the argument separator (help-center style)', () => {
    expect(x("join(map(body.data; 'prop'); '-')")).toBe('a-b-c');
  });

  it('fails clearly on unknown functions, unknown variables and broken syntax', () => {
    expect(() => r('{{nope(1)}}')).toThrow(
      new IMLError(
        'IML function "nope" is not implemented by the local Make runtime (iml-runtime/iml/functions/)',
      ),
    );
    expect(() => r('{{bodyy.x}}')).toThrow(/IML variable "bodyy" is not available/);
    expect(() => r('{{body.x')).toThrow(/Unclosed/);
    expect(() => r('{{1 +}}')).toThrow(IMLError);
    expect(() => r('{{a & b}}', { a: 1, b: 2 })).toThrow(IMLError);
  });

  it('evaluates if/ifempty lazily (the branch not taken is not run)', () => {
    expect(r("{{if(true, 'ok', nope())}}")).toBe('ok');
    expect(r("{{ifempty('x', nope())}}")).toBe('x');
  });
});

describe('properties', () => {
  it('index i reads item i (1-based) and -i reads the i-th from the end', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 20 }), fc.nat(), (arr, k) => {
        const i = (k % arr.length) + 1;
        expect(x(`a[${i}]`, { a: arr })).toBe(arr[i - 1]);
        expect(x(`a[-${i}]`, { a: arr })).toBe(arr[arr.length - i]);
        expect(x('a[n]', { a: arr, n: i })).toBe(arr[i - 1]);
        expect(x(`get(a, ${i})`, { a: arr })).toBe(arr[i - 1]);
      }),
      { numRuns: runs },
    );
  });

  it('integer arithmetic and comparisons agree with JavaScript, precedence included', () => {
    const n = fc.integer({ min: -50, max: 50 });
    const op = fc.constantFrom('+', '-', '*');
    fc.assert(
      fc.property(n, n, n, op, op, (a, b, c, o1, o2) => {
        const src = `(${a}) ${o1} (${b}) ${o2} (${c})`;
        expect(x(src)).toBe(Function(`return ${src};`)() as number);
        expect(x(`(${a}) < (${b}) || (${b}) <= (${c})`)).toBe(a < b || b <= c);
      }),
      { numRuns: runs },
    );
  });

  it('a string that is one expression keeps its value; text around it makes text', () => {
    const text = fc.string({ minLength: 1 }).filter((t) => !t.includes('{') && !t.includes('}'));
    fc.assert(
      fc.property(fc.jsonValue(), text, (v, t) => {
        expect(r('{{v}}', { v })).toEqual(v);
        expect(typeof r(`${t}{{v}}`, { v })).toBe('string');
      }),
      { numRuns: runs },
    );
  });
});

describe('general functions', () => {
  it('switch, omit, pick', () => {
    expect(x("switch('B', 'A', 1, 'B', 2, 'C', 3, 4)")).toBe(2);
    expect(x("switch('Z', 'A', 1, 4)")).toBe(4);
    expect(x("switch('Z', 'A', 1)")).toBeUndefined();
    expect(x("omit(body.data[1], 'email', 'label')")).toEqual({ id: 1, prop: 'a' });
    expect(x("pick(body.data[1], 'id', 'label')")).toEqual({ id: 1, label: 'work' });
  });
});

describe('text functions', () => {
  it('case, trim, length, substring, indexOf (0-based, as documented)', () => {
    expect(x("lower('Hello')")).toBe('hello');
    expect(x("upper('Hello')")).toBe('HELLO');
    expect(x("capitalize('make')")).toBe('Make');
    expect(x("startcase('hello WORLD')")).toBe('Hello World');
    expect(x("trim('  x  ')")).toBe('x');
    expect(x("length('Hello')")).toBe(5);
    expect(x("substring('Hello', 0, 3)")).toBe('Hel');
    expect(x("substring('Hello', 1, 3)")).toBe('el');
    expect(x("indexOf('Make', 'k')")).toBe(2);
    expect(x("indexOf('Make', 'x')")).toBe(-1);
    expect(x("indexOf('Hello World', 'o', 5)")).toBe(7);
    expect(x("contains('Hello World', 'World')")).toBe(true);
  });

  it('replace: plain text (every occurrence) and /regex/flags with $1', () => {
    expect(x("replace('Hello World', 'Hello', 'Hi')")).toBe('Hi World');
    expect(x("replace('a-b-c', '-', '+')")).toBe('a+b+c');
    expect(x("replace('Hello World', '/(o)/g', '[$1]')")).toBe('Hell[o] W[o]rld');
    expect(x("replace('Hello World', '/o/', '0')")).toBe('Hell0 World');
    expect(x("replace('A1B22', '/[0-9]+/g', '#')")).toBe('A#B#');
  });

  it('split, toString, URL and base64 encodings, HTML helpers', () => {
    expect(x("split('a,b,c', ',')")).toEqual(['a', 'b', 'c']);
    expect(x('toString(12)')).toBe('12');
    expect(x("encodeURL('a b&c/d')")).toBe('a%20b%26c%2Fd');
    expect(x("decodeURL('a%20b%26c')")).toBe('a b&c');
    expect(x("base64('Make')")).toBe('TWFrZQ==');
    expect(x("toString(toBinary('TWFrZQ==', 'base64'))")).toBe('Make');
    expect(x("stripHTML('<b>bold</b> text')")).toBe('bold text');
    expect(x('escapeHTML(\'<a href="x">\')')).toBe('&lt;a href=&quot;x&quot;&gt;');
    expect(x("ascii('Łódź café', true)")).toBe('odz cafe');
  });

  it('hashes: FIPS/RFC vectors, HMAC with text, hex and base64 keys, digest encodings', () => {
    expect(x("md5('')")).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(x("sha1('abc')")).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(x("sha256('abc')")).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    // RFC 4231 test case 2 / RFC 2202 test case 2 (key "Jefe")
    const jefe256 = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(x("sha256('what do ya want for nothing?', 'hex', 'Jefe')")).toBe(jefe256);
    expect(x("sha256('what do ya want for nothing?', 'base64', 'Jefe')")).toBe(
      Buffer.from(jefe256, 'hex').toString('base64'),
    );
    expect(x("sha512('what do ya want for nothing?', 'hex', 'Jefe')")).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    );
    expect(x("sha1('what do ya want for nothing?', 'hex', 'Jefe')")).toBe(
      'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
    );
    // RFC 4231 test case 1: key 0x0b × 20 given as hex, and as base64
    const tc1 = 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7';
    expect(x(`sha256('Hi There', 'hex', '${'0b'.repeat(20)}', 'hex')`)).toBe(tc1);
    expect(
      x(`sha256('Hi There', 'hex', '${Buffer.alloc(20, 0x0b).toString('base64')}', 'base64')`),
    ).toBe(tc1);
    expect(x(`sha256('Hi There', 'hex', toBinary('${'0b'.repeat(20)}', 'hex'), 'binary')`)).toBe(
      tc1,
    );
    expect(() => x("sha256('a', 'hex', 'k', 'binary')")).toThrow(/needs a binary key/);
    expect(() => x("sha256('a', 'base32')")).toThrow(/unknown encoding/);
  });

  it('computes a Standard Webhooks signature equal to the standardwebhooks library', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
    const at = new Date('2024-05-01T10:00:00Z');
    const payload = '{"type":"response.created","data":{"id":"r_1","score":9}}';
    const expected = new Webhook(secret).sign(id, at, payload);
    const sig = x(
      "'v1,' + sha256(id + '.' + ts + '.' + raw, 'base64', substring(secret, 6), 'base64')",
      { id, ts: String(at.getTime() / 1000), raw: payload, secret },
    );
    expect(sig).toBe(expected);
  });
});

describe('math functions', () => {
  it('rounding, aggregates over values or arrays', () => {
    expect(x('round(1.5)')).toBe(2);
    expect(x('round(1.234, 2)')).toBe(1.23);
    expect(x('ceil(1.2)')).toBe(2);
    expect(x('floor(1.8)')).toBe(1);
    expect(x('trunc(-1.8)')).toBe(-1);
    expect(x('abs(-3)')).toBe(3);
    expect(x('max(1, 7, 3)')).toBe(7);
    expect(x("min(map(body.data, 'id'))")).toBe(1);
    expect(x("sum(map(body.data, 'id'))")).toBe(6);
    expect(x('average(1, 2, 3, 6)')).toBe(3);
    expect(x('median(5, 1, 3, 2)')).toBe(2.5);
    expect(x("max('10', 9)")).toBe(10);
  });

  it('parseNumber and formatNumber (docs examples)', () => {
    expect(x("parseNumber('1 756,456', ',')")).toBe(1756.456);
    expect(x("parseNumber('1,756.456', '.')")).toBe(1756.456);
    expect(x("parseNumber('-12')")).toBe(-12);
    expect(() => x("parseNumber('abc')")).toThrow(/not a number/);
    expect(x("formatNumber(123456789, 3, ',', '.')")).toBe('123.456.789,000');
    expect(x('formatNumber(1234.5, 2)')).toBe('1.234,50');
    expect(x("formatNumber(-1234.5, 0, '.', ',')")).toBe('-1,235');
  });
});

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

describe('array functions (help.make.com/array-functions)', () => {
  it('map with and without the filter, join, first/last, length', () => {
    expect(x("map(body.data, 'email')")).toEqual(['w@x.io', 'h@x.io', 'o@x.io']);
    expect(x("map(body.data, 'email', 'label', 'work,home')")).toEqual(['w@x.io', 'h@x.io']);
    expect(x("join(map(body.data, 'prop'), ', ')")).toBe('a, b, c');
    expect(x('first(body.data).id')).toBe(1);
    expect(x('last(body.data).id')).toBe(3);
    expect(x('length(body.data)')).toBe(3);
    expect(x('length(emptyarray)')).toBe(0);
    expect(x("join(emptyarray, ',')")).toBe('');
  });

  it('slice (0-based), merge, flatten, add, remove, reverse, contains', () => {
    const a = { a: [1, 2, 3, 4], b: [[1, [2]], 3] };
    expect(x('slice(a, 1, 3)', a)).toEqual([2, 3]);
    expect(x('slice(a, 2)', a)).toEqual([3, 4]);
    expect(x('merge(a, b)', a)).toEqual([1, 2, 3, 4, [1, [2]], 3]);
    expect(x('flatten(b)', a)).toEqual([1, [2], 3]);
    expect(x('add(a, 5, 6)', a)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(x('remove(a, 2, 4)', a)).toEqual([1, 3]);
    expect(x('reverse(a)', a)).toEqual([4, 3, 2, 1]);
    expect(a.a).toEqual([1, 2, 3, 4]);
    expect(x('contains(a, 3)', a)).toBe(true);
    expect(x("contains(a, '3')", a)).toBe(false);
  });

  it('sort orders and keys, distinct by key, deduplicate', () => {
    const s = { s: ['b', 'A', 'a', 'B'], n: [10, 9, 100], o: [{ n: 'b' }, { n: 'a' }, { n: 'b' }] };
    expect(x('sort(s)', s)).toEqual(['A', 'B', 'a', 'b']);
    expect(x("sort(s, 'desc')", s)).toEqual(['b', 'a', 'B', 'A']);
    // the docs' own orders: asc ci "A, a, B, b", desc ci "B, b, A, a"
    expect(x("sort(s, 'asc ci')", s)).toEqual(['A', 'a', 'B', 'b']);
    expect(x("sort(s, 'desc ci')", s)).toEqual(['B', 'b', 'A', 'a']);
    expect(x('sort(n)', s)).toEqual([9, 10, 100]);
    expect(x("sort(o, 'asc', 'n')", s)).toEqual([{ n: 'a' }, { n: 'b' }, { n: 'b' }]);
    expect(x("distinct(o, 'n')", s)).toEqual([{ n: 'b' }, { n: 'a' }]);
    expect(x('deduplicate(o)', s)).toEqual([{ n: 'b' }, { n: 'a' }]);
    expect(() => x("sort(s, 'sideways')", s)).toThrow(/unknown order/);
  });

  it('keys, toArray, toCollection, arrayDifference', () => {
    const c = {
      c: { a: 1, b: 2 },
      kv: [
        { key: 'x', value: 1 },
        { key: 'y', value: 2 },
      ],
    };
    expect(x('keys(c)', c)).toEqual(['a', 'b']);
    expect(x('toArray(c)', c)).toEqual([
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
    ]);
    expect(x("toCollection(kv, 'key', 'value')", c)).toEqual({ x: 1, y: 2 });
    expect(x("arrayDifference(split('1,2,3', ','), split('2,4', ','), 'classic')")).toEqual([
      '1',
      '3',
    ]);
    expect(x("arrayDifference(split('1,2,3', ','), split('2,4', ','), 'symmetric')")).toEqual([
      '1',
      '3',
      '4',
    ]);
  });

  it('JSON helpers', () => {
    expect(x('parseJSON(\'{"a":[1,2]}\').a[2]')).toBe(2);
    expect(x('createJSON(body.data[1])')).toBe(
      '{"id":1,"prop":"a","label":"work","email":"w@x.io"}',
    );
  });
});

describe('static checks', () => {
  it('lists every function a JSON value calls, nested anywhere', () => {
    const file = {
      url: '/x/{{encodeURL(parameters.id)}}',
      qs: { a: "{{if(parameters.a, formatDate(parameters.a, 'YYYY'), undefined)}}" },
      response: { output: ['{{join(map(body.items, "id"), ",")}}', 'plain'] },
    };
    expect(functionsCalledIn(file)).toEqual(['encodeURL', 'formatDate', 'if', 'join', 'map']);
    expect(unimplementedFunctionsIn(file)).toEqual([]);
    expect(unimplementedFunctionsIn({ a: "{{mime('x.png')}}", b: '{{myCustom(1)}}' })).toEqual([
      'mime',
      'myCustom',
    ]);
  });

  it('exports the implemented function names', () => {
    for (const name of [
      'if',
      'ifempty',
      'switch',
      'get',
      'formatDate',
      'parseDate',
      'sha256',
      'map',
      'join',
      'toCollection',
    ])
      expect(IMPLEMENTED_FUNCTIONS).toContain(name);
    expect(IMPLEMENTED_FUNCTIONS).not.toContain('mime');
  });
});
