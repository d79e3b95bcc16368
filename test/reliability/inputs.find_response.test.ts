/** Guarantee 1 (bad input, generated) for find_response: see ./inputs.ts. */
import { propertyTest } from './inputs.js';

propertyTest('searches', 'find_response');
