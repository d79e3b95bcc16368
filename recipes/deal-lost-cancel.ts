import { opportunityStageChanged, stageFilter } from './steps.js';
import type { Recipe } from './types.js';

const recipe: Recipe = {
  id: 'deal-lost-cancel',
  title: 'Cancel the survey when the deal is lost',
  goal: 'A buyer whose deal falls through is not asked how likely they are to recommend you.',
  audience: 'RevOps admin',
  before: [
    'The deal-won recipe above, which keeps the Invitation ID on the opportunity (`NPS_Invitation_Id__c`).',
  ],
  steps: [
    opportunityStageChanged(),
    stageFilter('Closed Lost', '{{1.NPS_Invitation_Id__c}}'),
    {
      app: 'nps',
      kind: 'create',
      key: 'cancel_invitation',
      inputs: { invitation_id: '{{1.NPS_Invitation_Id__c}}' },
      notes: [
        'Already canceled: the step succeeds with the same invitation. Already sent: the step stops with a message naming the status (the survey is out; nothing to cancel).',
      ],
    },
  ],
};

export default recipe;
