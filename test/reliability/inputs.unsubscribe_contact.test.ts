/** Guarantee 1 (bad input, generated) for unsubscribe_contact: see ./inputs.ts. */
import { propertyTest } from './inputs.js';

propertyTest('creates', 'unsubscribe_contact');
