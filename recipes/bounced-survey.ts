import type { Recipe } from './types.js';

const recipe: Recipe = {
  id: 'bounced-survey',
  title: 'A bounced survey goes back to the contact’s owner in Salesforce',
  goal: 'When a survey cannot be delivered (bounced, invalid address, unreachable phone), the person who owns the contact gets a task to fix the address.',
  audience: 'RevOps admin',
  steps: [
    {
      app: 'nps',
      kind: 'trigger',
      key: 'invitation_failed',
      inputs: {},
    },
    {
      app: 'filter',
      conditions: [{ value: '{{1.salesforce_contact_id}}', operator: 'exists' }],
    },
    {
      app: 'salesforce',
      event: 'Find Record',
      operation: 'find_record',
      object: 'Contact',
      inputs: { Id: '{{1.salesforce_contact_id}}' },
      notes: ['Finds the contact’s owner (Owner ID).'],
    },
    {
      app: 'salesforce',
      event: 'Create Record',
      operation: 'create_record',
      object: 'Task',
      inputs: {
        OwnerId: '{{3.OwnerId}}',
        WhoId: '{{1.salesforce_contact_id}}',
        Subject: 'NPS survey not delivered: {{1.failure_reason_label}}',
        Description:
          'The {{1.channel}} survey to {{1.contact_name}} could not be delivered ({{1.failure_reason_label}}, {{1.failed_at}}).\n' +
          'Email: {{1.email}} · Phone: {{1.phone}}\n' +
          'Correct the address on the contact; the next survey goes to the new one.',
        Priority: 'Normal',
      },
    },
  ],
};

export default recipe;
