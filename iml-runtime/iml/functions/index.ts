/**
 * IML's built-in functions, by family as Make's help center lists them: one file each. A new
 * function goes into the file of its family; IMPLEMENTED_FUNCTIONS lists it by itself.
 */
import type { IMLFunction } from '../types.js';
import { ARRAYS } from './arrays.js';
import { DATES } from './dates.js';
import { GENERAL } from './general.js';
import { MATH } from './math.js';
import { TEXT } from './text.js';

export const BUILTINS: Record<string, IMLFunction> = {
  ...GENERAL,
  ...MATH,
  ...TEXT,
  ...ARRAYS,
  ...DATES,
};

/** Names of the built-in functions this interpreter implements. */
export const IMPLEMENTED_FUNCTIONS: readonly string[] = Object.freeze(Object.keys(BUILTINS).sort());
