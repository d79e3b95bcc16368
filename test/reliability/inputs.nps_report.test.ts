/** Guarantee 1 (bad input, generated) for nps_report: see ./inputs.ts. */
import { propertyTest } from './inputs.js';

propertyTest('searches', 'nps_report');
