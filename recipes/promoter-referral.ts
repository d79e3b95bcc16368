import type { Recipe } from './types.js';

const recipe: Recipe = {
  id: 'promoter-referral',
  title: 'Promoters to a referral request, asked once',
  goal: 'Happy customers are asked for a referral while they are happy, and never asked twice, however often they answer.',
  audience: 'marketer',
  before: [
    'In HubSpot, a workflow that sends the referral email (here “Promoter referral ask”), with enrollment by this zap only.',
  ],
  steps: [
    {
      app: 'nps',
      kind: 'trigger',
      key: 'new_response',
      inputs: { segments: ['promoter'], wait_for_themes: false },
      notes: ['Wait for AI Themes off: this zap reads no themes, so it runs seconds sooner.'],
    },
    {
      app: 'filter',
      conditions: [
        { value: '{{1.contact_properties__referral_requested_on}}', operator: 'does_not_exist' },
        { value: '{{1.email}}', operator: 'exists' },
      ],
      notes: [
        'Asked once: step 4 writes the contact property `referral_requested_on` on the NPS contact, and every later response of that contact carries it (Contact Properties), so the zap stops here.',
      ],
    },
    {
      app: 'hubspot',
      event: 'Add Contact to Workflow',
      operation: 'add_to_workflow',
      object: 'contact',
      inputs: { workflow: '4455001', email: '{{1.email}}' },
    },
    {
      app: 'nps',
      kind: 'create',
      key: 'upsert_contact',
      inputs: {
        identity_key: 'email',
        identity_value: '{{1.email}}',
        properties: { referral_requested_on: '{{1.submitted_date}}' },
      },
      notes: [
        'Remembers the request on the NPS contact (Contact Properties); add it to Settings → Contact properties as a date to see it there too.',
      ],
    },
  ],
};

export default recipe;
