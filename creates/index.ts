/** The creates of the app, by key (one operation per file; keys from fields/keys.ts). */
import { KEYS } from '../fields/keys.js';
import addNote from './add_note.js';
import cancelInvitation from './cancel_invitation.js';
import recordResponse from './record_response.js';
import sendSurvey from './send_survey.js';
import unsubscribeContact from './unsubscribe_contact.js';
import updateResponse from './update_response.js';
import upsertContact from './upsert_contact.js';

export const creates = {
  [KEYS.creates.upsertContact]: upsertContact,
  [KEYS.creates.sendSurvey]: sendSurvey,
  [KEYS.creates.updateResponse]: updateResponse,
  [KEYS.creates.addNote]: addNote,
  [KEYS.creates.recordResponse]: recordResponse,
  [KEYS.creates.unsubscribeContact]: unsubscribeContact,
  [KEYS.creates.cancelInvitation]: cancelInvitation,
};
