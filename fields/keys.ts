/**
 * Operation keys, in one place, so `dynamic`, `search` and `searchOrCreates` references can never
 * drift from the keys the operations are registered under. These keys are public: users' zaps
 * store them (../shared/app-surface.md), so they never change.
 */
export const KEYS = {
  triggers: {
    newResponse: 'new_response',
    segmentChanged: 'segment_changed',
    responseUpdated: 'response_updated',
    contactUnsubscribed: 'contact_unsubscribed',
    invitationFailed: 'invitation_failed',
    survey: 'survey',
    theme: 'theme',
    response: 'response',
  },
  searches: {
    findContact: 'find_contact',
    findResponse: 'find_response',
    npsReport: 'nps_report',
  },
  creates: {
    upsertContact: 'upsert_contact',
    sendSurvey: 'send_survey',
    updateResponse: 'update_response',
    addNote: 'add_note',
    recordResponse: 'record_response',
    unsubscribeContact: 'unsubscribe_contact',
    cancelInvitation: 'cancel_invitation',
  },
} as const;

/** `dynamic` reference of the survey dropdown. */
export const SURVEY_DROPDOWN = `${KEYS.triggers.survey}.id.name` as const;
/** `dynamic` reference of the theme dropdown (value: the theme id). */
export const THEME_DROPDOWN = `${KEYS.triggers.theme}.id.label` as const;
/** `dynamic` reference of the theme-name dropdown (value: the theme's name, for writes by name). */
export const THEME_NAME_DROPDOWN = `${KEYS.triggers.theme}.name.label` as const;
/** `dynamic` reference of the recent-responses dropdown. */
export const RESPONSE_DROPDOWN = `${KEYS.triggers.response}.id.label` as const;
/** `search` reference that lets a user look a response up instead of typing its id. */
export const FIND_RESPONSE_SEARCH = `${KEYS.searches.findResponse}.id` as const;
