import type { Recipe } from './types.js';

const recipe: Recipe = {
  id: 'new-contact-survey',
  title: 'A new CRM contact gets a survey',
  goal: 'Every new customer contact is surveyed two weeks after it enters the CRM, with its CRM ID, so its answers come back to the right record.',
  audience: 'RevOps admin',
  steps: [
    {
      app: 'hubspot',
      event: 'New Contact',
      operation: 'new_record',
      object: 'contact',
      inputs: {},
      notes: [
        'Salesforce: **New Record** (Contact); Pipedrive: **New Person**. Map their ID field into the matching CRM ID of step 3.',
      ],
    },
    {
      app: 'filter',
      conditions: [{ value: '{{1.email}}', operator: 'exists' }],
    },
    {
      app: 'nps',
      kind: 'create',
      key: 'send_survey',
      inputs: {
        survey_id: '{{survey:Onboarding NPS}}',
        email: '{{1.email}}',
        hubspot_contact_id: '{{1.hs_object_id}}',
        name: '{{1.firstname}} {{1.lastname}}',
        company: '{{1.company}}',
        channel: 'email',
        send_at: '+14 days',
        respect_throttle: true,
      },
      notes: [
        'Send At `+14 days`: Zapier turns it into a date (at most 30 days ahead); no Delay step needed.',
        'HubSpot Contact ID ties the contact to the HubSpot record, so every response carries it back (HubSpot Contact ID) for the update recipes.',
        'Respect Survey Throttling: a contact surveyed recently is skipped (Scheduled = false, Skip Reason `recently_surveyed`), not an error.',
      ],
    },
  ],
};

export default recipe;
