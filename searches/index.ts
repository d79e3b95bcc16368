/** The searches of the app, by key (one operation per file; keys from fields/keys.ts). */
import { KEYS } from '../fields/keys.js';
import findContact from './find_contact.js';
import findResponse from './find_response.js';
import npsReport from './nps_report.js';

export const searches = {
  [KEYS.searches.findContact]: findContact,
  [KEYS.searches.findResponse]: findResponse,
  [KEYS.searches.npsReport]: npsReport,
};
