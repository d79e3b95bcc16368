import { opportunityStageChanged, stageFilter } from './steps.js';
import type { Recipe } from './types.js';

const recipe: Recipe = {
  id: 'deal-won-survey',
  title: 'A deal won schedules a survey to the buyer',
  goal: 'The buyer is surveyed a week after the deal closes, and the opportunity keeps the Invitation ID so the survey can be canceled.',
  audience: 'RevOps admin',
  before: ['On Opportunity, create `NPS_Invitation_Id__c` (Text(32)).'],
  steps: [
    opportunityStageChanged([
      'This trigger fires on any change of Stage; it cannot be told which value to wait for. The Filter of step 2 keeps Closed Won only.',
    ]),
    stageFilter('Closed Won', '{{1.ContactId}}'),
    {
      app: 'salesforce',
      event: 'Find Record',
      operation: 'find_record',
      object: 'Contact',
      inputs: { Id: '{{1.ContactId}}' },
      notes: ['The opportunity carries the contact’s ID, not its email.'],
    },
    {
      app: 'nps',
      kind: 'create',
      key: 'send_survey',
      inputs: {
        survey_id: '{{survey:Onboarding NPS}}',
        email: '{{3.Email}}',
        salesforce_contact_id: '{{3.Id}}',
        name: '{{3.FirstName}} {{3.LastName}}',
        channel: 'email',
        send_at: '+7 days',
        respect_throttle: true,
        properties: { deal_id: '{{1.Id}}', deal_amount: '{{1.Amount}}' },
      },
    },
    {
      app: 'filter',
      conditions: [{ value: '{{4.scheduled}}', operator: 'boolean_is_true' }],
      notes: [
        'A contact surveyed recently is skipped (Scheduled = false, Skip Reason `recently_surveyed`): nothing to write back.',
      ],
    },
    {
      app: 'salesforce',
      event: 'Update Record',
      operation: 'update_record',
      object: 'Opportunity',
      inputs: { Id: '{{1.Id}}', NPS_Invitation_Id__c: '{{4.id}}' },
    },
  ],
};

export default recipe;
