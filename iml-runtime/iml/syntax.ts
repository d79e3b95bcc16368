/**
 * IML's syntax: the lexer, the expression parser (precedence climbing) and the scanner that
 * splits a string into text and `{{…}}` parts. Rules: see the header of ../iml.ts.
 */
import { IMLError } from './types.js';

// ------------------------------------------------------------------------------------- lexer

type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'id'; v: string }
  | { t: 'qid'; v: string } // back-ticked name
  | { t: 'op'; v: string };

const OPS = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
  '=',
  '(',
  ')',
  '[',
  ']',
  '.',
  ',',
  ';',
];

const lex = (src: string): Tok[] => {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        // Make's IML page documents strings in ' or " and no escape sequence: a string holds its
        // characters as written (a newline is a real newline). A backslash, whose meaning Make
        // does not document, is refused so that no generated file depends on one.
        if (src[j] === '\\')
          throw new IMLError(
            `A backslash in an IML string (escape sequences are not documented by Make; write the character itself): ${src}`,
          );
        s += src[j];
        j++;
      }
      if (j >= src.length) throw new IMLError(`Unterminated ${c} in IML expression: ${src}`);
      out.push(c === '`' ? { t: 'qid', v: s } : { t: 'str', v: s });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new IMLError(`Unexpected character "${c}" in IML expression: ${src}`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
};

// ------------------------------------------------------------------------------------ parser

export type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'var'; name: string }
  | { k: 'member'; obj: Node; prop: string }
  | { k: 'index'; obj: Node; index: Node }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'unary'; op: string; arg: Node }
  | { k: 'binary'; op: string; left: Node; right: Node };

const LITERALS: Record<string, unknown> = { true: true, false: false, null: null, undefined };

/** Precedence climbing, lowest first. `=`, `==`, `===` are one operator (strict equality). */
const LEVELS: string[][] = [
  ['||'],
  ['&&'],
  ['==', '===', '=', '!=', '!=='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

export const parseExpression = (src: string): Node => {
  const toks = lex(src);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const isOp = (v: string) => {
    const t = peek();
    return t !== undefined && t.t === 'op' && t.v === v;
  };
  const expect = (v: string) => {
    if (!isOp(v)) throw new IMLError(`Expected "${v}" in IML expression: ${src}`);
    p++;
  };
  const level = (n: number): Node => {
    if (n === LEVELS.length) return unary();
    let left = level(n + 1);
    for (;;) {
      const t = peek();
      if (t?.t === 'op' && (LEVELS[n] as string[]).includes(t.v)) {
        p++;
        left = { k: 'binary', op: t.v, left, right: level(n + 1) };
      } else return left;
    }
  };
  const unary = (): Node => {
    if (isOp('!') || isOp('-') || isOp('+')) {
      const op = (toks[p++] as { v: string }).v;
      return { k: 'unary', op, arg: unary() };
    }
    return postfix(primary());
  };
  const postfix = (node: Node): Node => {
    for (;;) {
      if (isOp('.')) {
        p++;
        const t = toks[p++];
        if (!t || (t.t !== 'id' && t.t !== 'qid' && t.t !== 'num'))
          throw new IMLError(`Expected a property name after "." in IML expression: ${src}`);
        node = { k: 'member', obj: node, prop: String(t.v) };
      } else if (isOp('[')) {
        p++;
        const index = level(0);
        expect(']');
        node = { k: 'index', obj: node, index };
      } else return node;
    }
  };
  const primary = (): Node => {
    const t = toks[p++];
    if (!t) throw new IMLError(`Unexpected end of IML expression: ${src}`);
    if (t.t === 'num' || t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'qid') return { k: 'var', name: t.v };
    if (t.t === 'op' && t.v === '(') {
      const e = level(0);
      expect(')');
      return e;
    }
    if (t.t === 'id') {
      if (isOp('(')) {
        p++;
        const args: Node[] = [];
        if (!isOp(')')) {
          for (;;) {
            args.push(level(0));
            if (isOp(',') || isOp(';')) p++;
            else break;
          }
        }
        expect(')');
        return { k: 'call', name: t.v, args };
      }
      if (Object.prototype.hasOwnProperty.call(LITERALS, t.v))
        return { k: 'lit', v: LITERALS[t.v] };
      return { k: 'var', name: t.v };
    }
    throw new IMLError(`Unexpected "${t.v}" in IML expression: ${src}`);
  };
  const node = level(0);
  if (p < toks.length)
    throw new IMLError(`Unexpected "${String(toks[p]?.v)}" in IML expression: ${src}`);
  return node;
};

// ------------------------------------------------------------------------- template scanning

type Segment = { text: string } | { expr: string };

/** Splits a string into text and `{{expr}}` parts; quotes inside an expression may hold `}}`. */
export const splitTemplate = (s: string): Segment[] => {
  const out: Segment[] = [];
  let i = 0;
  let text = '';
  while (i < s.length) {
    if (s.startsWith('{{', i)) {
      let j = i + 2;
      let quote: string | null = null;
      while (j < s.length) {
        const c = s[j];
        if (quote) {
          if (c === '\\') j++;
          else if (c === quote) quote = null;
        } else if (c === '"' || c === "'" || c === '`') quote = c;
        else if (s.startsWith('}}', j)) break;
        j++;
      }
      if (j >= s.length) throw new IMLError(`Unclosed "{{" in IML: ${s}`);
      if (text) out.push({ text });
      text = '';
      out.push({ expr: s.slice(i + 2, j) });
      i = j + 2;
    } else {
      text += s[i];
      i++;
    }
  }
  if (text) out.push({ text });
  return out;
};
