/**
 * The local IML interpreter against Make's documentation (syntax and evaluation): templating and
 * types, string literals, 1-based indexes, operators, and the static checks over IML
 * (https://developers.make.com/custom-apps-documentation/block-elements/iml).
 */
import fc from 'fast-check';
import {
  evaluate,
  functionsCalledIn,
  IMLError,
  IMPLEMENTED_FUNCTIONS,
  unimplementedFunctionsIn,
} from '../../iml-runtime/iml.js';

import { ctx, r, runs, x } from './iml-context.js';

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
