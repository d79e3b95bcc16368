/** The triggers of the app, by key (one operation per file; keys from fields/keys.ts). */
import { KEYS } from '../fields/keys.js';
import contactUnsubscribed from './contact_unsubscribed.js';
import invitationFailed from './invitation_failed.js';
import newResponse from './new_response.js';
import response from './response.js';
import responseUpdated from './response_updated.js';
import segmentChanged from './segment_changed.js';
import survey from './survey.js';
import theme from './theme.js';

export const triggers = {
  [KEYS.triggers.newResponse]: newResponse,
  [KEYS.triggers.segmentChanged]: segmentChanged,
  [KEYS.triggers.responseUpdated]: responseUpdated,
  [KEYS.triggers.contactUnsubscribed]: contactUnsubscribed,
  [KEYS.triggers.invitationFailed]: invitationFailed,
  [KEYS.triggers.survey]: survey,
  [KEYS.triggers.theme]: theme,
  [KEYS.triggers.response]: response,
};
