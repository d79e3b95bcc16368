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
    survey: 'survey',
    theme: 'theme',
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
  },
} as const;

/** `dynamic` reference of the survey dropdown. */
export const SURVEY_DROPDOWN = `${KEYS.triggers.survey}.id.name` as const;
/** `dynamic` reference of the theme dropdown. */
export const THEME_DROPDOWN = `${KEYS.triggers.theme}.id.name` as const;
/** `search` reference that lets a user look a response up instead of typing its id. */
export const FIND_RESPONSE_SEARCH = `${KEYS.searches.findResponse}.id` as const;
/** `dynamic` reference that offers the AI themes' plain names as values (CRM Theme Values). */
export const THEME_NAME_DROPDOWN = `${KEYS.triggers.theme}.theme_name.name` as const;
