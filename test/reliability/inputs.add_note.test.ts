/** Guarantee 1 (bad input, generated) for add_note: see ./inputs.ts. */
import { propertyTest } from './inputs.js';

propertyTest('creates', 'add_note');
