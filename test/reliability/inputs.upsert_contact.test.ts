/** Guarantee 1 (bad input, generated) for upsert_contact: see ./inputs.ts. */
import { propertyTest } from './inputs.js';

propertyTest('creates', 'upsert_contact');
