import { newResponseWithCrmThemes } from './steps.js';
import type { Recipe } from './types.js';

const recipe: Recipe = {
  id: 'hubspot-contact',
  title: 'NPS properties on the HubSpot contact',
  goal: 'HubSpot lists, workflows and reports can use each contact’s latest score, segment, themes and answer date.',
  audience: 'marketer',
  before: [
    'Create the contact properties `nps_score` (Number), `nps_segment` (Dropdown select, internal values `promoter`, `passive`, `detractor`), `nps_themes` (Multiple checkboxes, the options `Billing`, `Customer Support`, `Ease of Use`, `Integrations`, `Onboarding`, `Performance`, `Pricing`, `Reliability`, `Other`), `nps_comment` (Multi-line text), `nps_last_response_id` (Single-line text) and `nps_last_response_at` (Date picker).',
  ],
  steps: [
    newResponseWithCrmThemes({}, [
      'CRM Theme Values holds the checkbox property’s options: HubSpot refuses any other value.',
    ]),
    {
      app: 'filter',
      conditions: [{ value: '{{1.hubspot_contact_id}}', operator: 'exists' }],
    },
    {
      app: 'hubspot',
      event: 'Update Contact',
      operation: 'update_record',
      object: 'contact',
      inputs: {
        hs_object_id: '{{1.hubspot_contact_id}}',
        nps_score: '{{1.score}}',
        nps_segment: '{{1.segment}}',
        nps_themes: '{{1.themes_crm}}',
        nps_comment: '{{1.comment}}',
        nps_last_response_id: '{{1.response_id}}',
        nps_last_response_at: '{{1.submitted_date}}',
      },
      notes: [
        'Segment (always `promoter`, `passive` or `detractor`) matches the dropdown’s internal values whatever language its labels are in.',
        'A date picker property takes a day: map Submitted Date (UTC), not Submitted At. HubSpot refuses a date property set to anything but midnight UTC.',
      ],
    },
  ],
};

export default recipe;
