import { newResponseWithCrmThemes } from './steps.js';
import type { Recipe } from './types.js';

const recipe: Recipe = {
  id: 'salesforce-contact',
  title: 'Score, segment and themes on the Salesforce contact',
  goal: 'Every contact in Salesforce shows its latest NPS score, its segment in Spanish and the themes of its answer, for reports, list views and flows.',
  audience: 'RevOps admin',
  before: [
    'On Contact, create `NPS_Score__c` (Number(2, 0)), `NPS_Segment__c` (Picklist, values `Promotor`, `Pasivo`, `Detractor`), `NPS_Themes__c` (Picklist (Multi-Select), restricted to its values: `Billing`, `Customer Support`, `Ease of Use`, `Integrations`, `Onboarding`, `Performance`, `Pricing`, `Reliability`, `Other`), `NPS_Themes_Unmapped__c` (Long Text Area), `NPS_Last_Response_Id__c` (Text(32)) and `NPS_Last_Response_At__c` (Date/Time).',
  ],
  steps: [
    newResponseWithCrmThemes(
      { labelLanguage: 'es', themeMapping: { 'Feature requests': 'Other' } },
      [
        'Segment Label Language Spanish: the segment arrives as `Promotor`, `Pasivo` or `Detractor`, the picklist’s values.',
        'CRM Theme Values lists the multi-select picklist’s values exactly: an AI theme the picklist does not define arrives as `Other`, and is named in Themes Not in CRM Values, so Salesforce never refuses the update.',
      ],
    ),
    {
      app: 'filter',
      conditions: [{ value: '{{1.salesforce_contact_id}}', operator: 'exists' }],
      notes: [
        'Only responses from people the platform knows a Salesforce contact for. The others can go through a Salesforce Find Record step by Email first.',
      ],
    },
    {
      app: 'salesforce',
      event: 'Update Record',
      operation: 'update_record',
      object: 'Contact',
      inputs: {
        Id: '{{1.salesforce_contact_id}}',
        NPS_Score__c: '{{1.score}}',
        NPS_Segment__c: '{{1.segment_label}}',
        NPS_Themes__c: '{{1.themes_crm}}',
        NPS_Themes_Unmapped__c: '{{1.themes_unmapped}}',
        NPS_Last_Response_Id__c: '{{1.response_id}}',
        NPS_Last_Response_At__c: '{{1.submitted_at}}',
      },
      notes: [
        'Map Themes for CRM (Mapped, A;B), never Themes (Picklist Format), into the restricted picklist: only the latter can hold a value the picklist does not define.',
      ],
    },
  ],
};

export default recipe;
