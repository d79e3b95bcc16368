/** Guarantee 1 (bad input, generated) for send_survey: see ./inputs.ts. */
import { propertyTest } from './inputs.js';

propertyTest('creates', 'send_survey');
