/**
 * The built-in functions of the local IML interpreter (iml-runtime/iml/functions/), general, text,
 * math and array, with the documentation's own examples where it gives them
 * (https://help.make.com/*-functions); hashes against RFC 4231 / RFC 2202 / FIPS 180 vectors and
 * the standardwebhooks library.
 */
import { Webhook } from 'standardwebhooks';

import { x } from './iml-context.js';

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
