/** Text and binary functions (https://help.make.com/text-and-binary-functions). */
import { createHash, createHmac } from 'node:crypto';
import { IMLError, type IMLFunction } from '../types.js';
import { isEmpty, num, str, stringify } from '../values.js';

const hashFn =
  (algo: 'sha1' | 'sha256' | 'sha512') =>
  (a: unknown[]): string => {
    // sha256(text; [encoding]; [key]; [key encoding]): encoding hex (default) | base64 | latin1;
    // key encoding text (default) | hex | base64 | binary (a Buffer key). With a key: HMAC.
    const [text, encoding, key, keyEncoding] = a;
    const enc = isEmpty(encoding) ? 'hex' : str(encoding);
    if (!['hex', 'base64', 'latin1'].includes(enc))
      throw new IMLError(`${algo}(): unknown encoding "${enc}" (hex, base64 or latin1)`);
    const data = Buffer.isBuffer(text) ? text : Buffer.from(str(text), 'utf8');
    if (isEmpty(key))
      return createHash(algo)
        .update(data)
        .digest(enc as 'hex');
    const kenc = isEmpty(keyEncoding) ? 'text' : str(keyEncoding);
    let keyBytes: Buffer;
    if (kenc === 'text') keyBytes = Buffer.from(str(key), 'utf8');
    else if (kenc === 'hex' || kenc === 'base64') keyBytes = Buffer.from(str(key), kenc);
    else if (kenc === 'binary') {
      if (!Buffer.isBuffer(key))
        throw new IMLError(`${algo}(): key encoding "binary" needs a binary key`);
      keyBytes = key;
    } else
      throw new IMLError(`${algo}(): unknown key encoding "${kenc}" (text, hex, base64 or binary)`);
    return createHmac(algo, keyBytes)
      .update(data)
      .digest(enc as 'hex');
  };

const regexOf = (s: string): RegExp | null => {
  const m = /^\/([\s\S]*)\/([dgimsuy]*)$/.exec(s);
  if (!m) return null;
  try {
    return new RegExp(m[1] as string, m[2]);
  } catch {
    throw new IMLError(`replace(): invalid regular expression ${s}`);
  }
};

export const TEXT: Record<string, IMLFunction> = {
  lower: ([s]) => str(s).toLowerCase(),
  upper: ([s]) => str(s).toUpperCase(),
  capitalize: ([s]) => {
    const t = str(s);
    return t.charAt(0).toUpperCase() + t.slice(1);
  },
  startcase: ([s]) =>
    str(s)
      .toLowerCase()
      .replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase()),
  trim: ([s]) => str(s).trim(),
  length: ([v]) =>
    Array.isArray(v) || Buffer.isBuffer(v) ? v.length : isEmpty(v) ? 0 : str(v).length,
  replace: ([s, search, replacement]) => {
    const text = str(s);
    const pattern = str(search);
    const re = regexOf(pattern);
    return re ? text.replace(re, str(replacement)) : text.split(pattern).join(str(replacement));
  },
  split: ([s, sep]) => (isEmpty(s) ? [] : str(s).split(str(sep))),
  substring: ([s, start, end]) =>
    str(s).substring(num(start, 'substring'), isEmpty(end) ? undefined : num(end, 'substring')),
  indexOf: ([s, v, start]) => str(s).indexOf(str(v), isEmpty(start) ? 0 : num(start, 'indexOf')),
  toString: (a: unknown[]) => stringify(a[0]),
  encodeURL: ([s]) => encodeURIComponent(str(s)),
  decodeURL: ([s]) => decodeURIComponent(str(s)),
  base64: ([s]) => (Buffer.isBuffer(s) ? s : Buffer.from(str(s), 'utf8')).toString('base64'),
  toBinary: ([v, enc]) => {
    if (Buffer.isBuffer(v)) return v;
    const e = isEmpty(enc) ? 'utf8' : str(enc);
    if (!['utf8', 'base64', 'hex', 'latin1', 'ascii'].includes(e))
      throw new IMLError(`toBinary(): unknown encoding "${e}"`);
    return Buffer.from(str(v), e as BufferEncoding);
  },
  md5: ([s]) =>
    createHash('md5')
      .update(Buffer.isBuffer(s) ? s : Buffer.from(str(s), 'utf8'))
      .digest('hex'),
  sha1: hashFn('sha1'),
  sha256: hashFn('sha256'),
  sha512: hashFn('sha512'),
  stripHTML: ([s]) => str(s).replace(/<[^>]*>/g, ''),
  escapeHTML: ([s]) =>
    str(s).replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
    ),
  ascii: ([s, removeDiacritics]) => {
    const t = removeDiacritics ? str(s).normalize('NFD').replace(/\p{M}/gu, '') : str(s);
    return [...t].filter((c) => c.charCodeAt(0) < 128).join('');
  },
  escapeMarkdown: ([s]) => str(s).replace(/[\\`*_{}[\]()#+\-.!|>~]/g, '\\$&'),
};
