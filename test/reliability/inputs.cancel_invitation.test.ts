/** Guarantee 1 (bad input, generated) for cancel_invitation: see ./inputs.ts. */
import { propertyTest } from './inputs.js';

propertyTest('creates', 'cancel_invitation');
