/**
 * The other apps' side of the recipes: the CRM fields the recipes write, as a RevOps admin
 * creates them first (docs/recipes.md lists them), and the objects the recipes read. The fakes
 * in test/recipes/fakes.ts enforce each CRM's documented value rules over exactly these schemas
 * (the rules and where they are documented are cited there).
 */

/**
 * The theme values a RevOps admin defines in each CRM: the Salesforce multi-select picklist and
 * the HubSpot checkbox property hold exactly these, and the CRM recipes give them to the trigger
 * as CRM Theme Values.
 */
export const CRM_THEMES = [
  'Billing',
  'Customer Support',
  'Ease of Use',
  'Integrations',
  'Onboarding',
  'Performance',
  'Pricing',
  'Reliability',
  'Other',
];

// ---------------------------------------------------------------- Salesforce

export type SalesforceField =
  | { type: 'id'; label: string; referenceTo?: string; required?: boolean }
  | { type: 'number'; label: string; precision: number; scale: number }
  | { type: 'text'; label: string; length: number; required?: boolean }
  | { type: 'textarea'; label: string; length: number }
  | { type: 'email'; label: string }
  | { type: 'picklist'; label: string; values: string[]; restricted: boolean; required?: boolean }
  | { type: 'multipicklist'; label: string; values: string[]; restricted: boolean }
  | { type: 'date'; label: string }
  | { type: 'datetime'; label: string };

/** Salesforce objects and the fields the recipes read or write (API name → field). */
export const SALESFORCE: Record<string, Record<string, SalesforceField>> = {
  Contact: {
    Id: { type: 'id', label: 'Contact ID' },
    OwnerId: { type: 'id', label: 'Owner ID', referenceTo: 'User' },
    Email: { type: 'email', label: 'Email' },
    FirstName: { type: 'text', label: 'First Name', length: 40 },
    LastName: { type: 'text', label: 'Last Name', length: 80, required: true },
    NPS_Score__c: { type: 'number', label: 'NPS Score', precision: 2, scale: 0 },
    NPS_Segment__c: {
      type: 'picklist',
      label: 'NPS Segment',
      // Labels in Spanish, the language the team works in: map Segment Label (Translated)
      // with Segment Label Language = Spanish.
      values: ['Promotor', 'Pasivo', 'Detractor'],
      restricted: true,
    },
    NPS_Themes__c: {
      type: 'multipicklist',
      label: 'NPS Themes',
      values: CRM_THEMES,
      restricted: true,
    },
    NPS_Themes_Unmapped__c: { type: 'textarea', label: 'NPS Themes Not in Picklist', length: 1000 },
    NPS_Last_Response_Id__c: { type: 'text', label: 'NPS Last Response ID', length: 32 },
    NPS_Last_Response_At__c: { type: 'datetime', label: 'NPS Last Response At' },
  },
  Opportunity: {
    Id: { type: 'id', label: 'Opportunity ID' },
    Name: { type: 'text', label: 'Name', length: 120, required: true },
    StageName: {
      type: 'picklist',
      label: 'Stage',
      values: ['Prospecting', 'Negotiation', 'Closed Won', 'Closed Lost'],
      restricted: true,
      required: true,
    },
    Amount: { type: 'number', label: 'Amount', precision: 18, scale: 2 },
    ContactId: { type: 'id', label: 'Primary Contact ID', referenceTo: 'Contact' },
    NPS_Invitation_Id__c: { type: 'text', label: 'NPS Invitation ID', length: 32 },
  },
  Task: {
    Id: { type: 'id', label: 'Task ID' },
    WhoId: { type: 'id', label: 'Name ID (Contact)', referenceTo: 'Contact' },
    OwnerId: { type: 'id', label: 'Assigned To ID', referenceTo: 'User' },
    Subject: { type: 'text', label: 'Subject', length: 255, required: true },
    Description: { type: 'textarea', label: 'Comments', length: 32000 },
    Priority: {
      type: 'picklist',
      label: 'Priority',
      values: ['High', 'Normal', 'Low'],
      restricted: true,
    },
    ActivityDate: { type: 'date', label: 'Due Date Only' },
  },
};

// ---------------------------------------------------------------- HubSpot

export type HubSpotProperty =
  | { type: 'number'; label: string }
  | { type: 'string'; label: string; fieldType: 'text' | 'textarea' }
  | {
      type: 'enumeration';
      label: string;
      fieldType: 'select' | 'checkbox';
      options: Array<{ label: string; value: string }>;
    }
  | { type: 'date'; label: string }
  | { type: 'datetime'; label: string };

const options = (...values: Array<[string, string]>) =>
  values.map(([value, label]) => ({ value, label }));

/** HubSpot contact properties (internal name → property); `hs_object_id` is the record id. */
export const HUBSPOT_CONTACT: Record<string, HubSpotProperty> = {
  hs_object_id: { type: 'number', label: 'Record ID' },
  email: { type: 'string', label: 'Email', fieldType: 'text' },
  firstname: { type: 'string', label: 'First Name', fieldType: 'text' },
  lastname: { type: 'string', label: 'Last Name', fieldType: 'text' },
  company: { type: 'string', label: 'Company Name', fieldType: 'text' },
  nps_score: { type: 'number', label: 'NPS Score' },
  nps_segment: {
    type: 'enumeration',
    label: 'NPS Segment',
    fieldType: 'select',
    options: options(['promoter', 'Promoter'], ['passive', 'Passive'], ['detractor', 'Detractor']),
  },
  nps_themes: {
    type: 'enumeration',
    label: 'NPS Themes',
    fieldType: 'checkbox',
    options: options(...CRM_THEMES.map((theme): [string, string] => [theme, theme])),
  },
  nps_comment: { type: 'string', label: 'NPS Comment', fieldType: 'textarea' },
  nps_last_response_id: { type: 'string', label: 'NPS Last Response ID', fieldType: 'text' },
  nps_last_response_at: { type: 'date', label: 'NPS Last Response Date' },
};

/** HubSpot workflows a contact can be enrolled in (id → name). */
export const HUBSPOT_WORKFLOWS: Record<string, string> = {
  '4455001': 'Promoter referral ask',
};

// ---------------------------------------------------------------- Pipedrive

export type PipedriveField =
  | { field_type: 'double'; name: string }
  | { field_type: 'varchar'; name: string }
  | { field_type: 'text'; name: string }
  | { field_type: 'date'; name: string }
  | { field_type: 'enum' | 'set'; name: string; options: Array<{ id: number; label: string }> };

/**
 * Pipedrive person fields. Custom fields are keyed by a 40-character hash; Zapier's Pipedrive
 * steps show them by name, so the recipes map by name and the fake keeps both.
 */
export const PIPEDRIVE_PERSON: Record<string, PipedriveField & { key: string }> = {
  'NPS Score': {
    key: 'a3f1c9e0b7d24c58e6f1a2b3c4d5e6f708192a3b',
    field_type: 'double',
    name: 'NPS Score',
  },
  'NPS Segment': {
    key: 'b4e2d0f1c8e35d69f7a2b3c4d5e6f708192a3b4c',
    field_type: 'enum',
    name: 'NPS Segment',
    options: [
      { id: 41, label: 'Promoter' },
      { id: 42, label: 'Passive' },
      { id: 43, label: 'Detractor' },
    ],
  },
  'NPS Last Response Date': {
    key: 'c5f3e1a2d9f46e70a8b3c4d5e6f708192a3b4c5d',
    field_type: 'date',
    name: 'NPS Last Response Date',
  },
};

// ---------------------------------------------------------------- Slack

export const SLACK_CHANNELS = ['#customer-alerts', '#nps', '#cs-team'];

// ---------------------------------------------------------------- Schedule by Zapier

/** What Schedule by Zapier outputs (the recipes read none of it, but may). */
export const SCHEDULE_OUTPUT = ['pretty_date', 'date', 'day_of_week', 'month'];
