/** Guarantee 1 (bad input, generated) for record_response: see ./inputs.ts. */
import { propertyTest } from './inputs.js';

propertyTest('creates', 'record_response');
