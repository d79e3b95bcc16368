/** Guarantee 1 (bad input, generated) for update_response: see ./inputs.ts. */
import { propertyTest } from './inputs.js';

propertyTest('creates', 'update_response');
