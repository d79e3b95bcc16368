/**
 * The response record, built in one place and shared by every operation that outputs a response
 * (new_response, segment_changed, response_updated, find_response, update_response,
 * record_response). Flat, so every value maps in one click into a CRM or a warehouse row.
 */
import type { NpsResponse, Properties, Segment } from '../client/schemas.js';
import { mapThemesToCrm, segmentLabel, toPicklist, toText, utcDate, utcMonth } from '../lib/crm.js';
import type { CrmThemeOptions, LabelLanguage } from '../lib/crm.js';
import { contactPropertyOutputFields } from '../fields/properties.js';
import { sampleContact } from './contact.js';

export interface ResponseRecord {
  id: string;
  response_id: string;
  survey_id: string;
  survey_name: string;
  score: number;
  segment: Segment;
  segment_label: string;
  is_promoter: boolean;
  is_passive: boolean;
  is_detractor: boolean;
  comment: string;
  conversation: { question: string; answer: string }[];
  conversation_text: string;
  themes: string[];
  themes_picklist: string;
  themes_crm: string;
  themes_unmapped: string;
  themes_text: string;
  positive_themes: string[];
  negative_themes: string[];
  analysis_status: string;
  language: string | null;
  channel: string;
  tags: string[];
  tags_text: string;
  follow_up_status: string;
  follow_up_owner_email: string | null;
  submitted_at: string;
  analyzed_at: string | null;
  updated_at: string;
  submitted_date: string | null;
  submitted_month: string | null;
  previous_score: number | null;
  previous_segment: Segment | null;
  score_change: number | null;
  contact_id: string;
  email: string | null;
  customer_id: string | null;
  account_number: string | null;
  contact_name: string | null;
  company: string | null;
  locale: string | null;
  identity_key: 'email' | 'customer_id' | 'account_number' | null;
  identity_value: string | null;
  salesforce_contact_id: string | null;
  hubspot_contact_id: string | null;
  pipedrive_person_id: number | null;
  /** 1.3: recorded with a test-mode key. */
  test: boolean;
  properties: Properties;
  contact_properties: Properties;
}

/** The first present of email, customer_id, account_number: the pair to join on. */
export const identityOf = (contact: {
  email: string | null;
  customer_id: string | null;
  account_number: string | null;
}): Pick<ResponseRecord, 'identity_key' | 'identity_value'> => {
  for (const key of ['email', 'customer_id', 'account_number'] as const) {
    const value = contact[key];
    if (value) return { identity_key: key, identity_value: value };
  }
  return { identity_key: null, identity_value: null };
};

const conversationText = (conversation: NpsResponse['conversation']): string =>
  conversation.map(({ question, answer }) => `Q: ${question}\nA: ${answer}`).join('\n\n');

/**
 * Builds the record. `id` defaults to the response id; event triggers pass their own item id.
 * `crmThemes` (CRM Theme Values and its mapping) fills `themes_crm`/`themes_unmapped`; without it
 * `themes_crm` is `themes_picklist`.
 */
export const toResponseRecord = (
  response: NpsResponse,
  language: LabelLanguage = 'en',
  id: string = response.id,
  crmThemes?: CrmThemeOptions,
): ResponseRecord => {
  const themeNames = response.themes.map((theme) => theme.name);
  const bySentiment = (sentiment: string) =>
    response.themes.filter((theme) => theme.sentiment === sentiment).map((theme) => theme.name);
  const { contact, previous } = response;
  return {
    id,
    response_id: response.id,
    survey_id: response.survey.id,
    survey_name: response.survey.name,
    score: response.score,
    segment: response.segment,
    segment_label: segmentLabel(response.segment, language),
    is_promoter: response.segment === 'promoter',
    is_passive: response.segment === 'passive',
    is_detractor: response.segment === 'detractor',
    comment: response.comment ?? '',
    conversation: response.conversation.map(({ question, answer }) => ({ question, answer })),
    conversation_text: conversationText(response.conversation),
    themes: themeNames,
    themes_picklist: toPicklist(themeNames),
    ...mapThemesToCrm(themeNames, crmThemes),
    themes_text: toText(themeNames),
    positive_themes: bySentiment('positive'),
    negative_themes: bySentiment('negative'),
    analysis_status: response.analysis_status,
    language: response.language ?? null,
    channel: response.channel,
    tags: response.tags,
    tags_text: toText(response.tags),
    follow_up_status: response.follow_up.status,
    follow_up_owner_email: response.follow_up.owner_email ?? null,
    submitted_at: response.submitted_at,
    analyzed_at: response.analyzed_at ?? null,
    updated_at: response.updated_at,
    submitted_date: utcDate(response.submitted_at),
    submitted_month: utcMonth(response.submitted_at),
    previous_score: previous?.score ?? null,
    previous_segment: previous?.segment ?? null,
    score_change: previous ? response.score - previous.score : null,
    contact_id: contact.id,
    email: contact.email,
    customer_id: contact.customer_id,
    account_number: contact.account_number,
    contact_name: contact.name,
    company: contact.company ?? null,
    locale: contact.locale ?? null,
    ...identityOf(contact),
    salesforce_contact_id: contact.crm_ids.salesforce_contact_id ?? null,
    hubspot_contact_id: contact.crm_ids.hubspot_contact_id ?? null,
    pipedrive_person_id: contact.crm_ids.pipedrive_person_id ?? null,
    test: response.test ?? false,
    properties: response.properties,
    contact_properties: contact.properties,
  };
};

/** The static part of `responseOutputFields`. */
const staticResponseOutputFields = (idLabel: string) => [
  { key: 'id', label: idLabel, type: 'string' as const },
  { key: 'response_id', label: 'Response ID', type: 'string' as const },
  { key: 'survey_id', label: 'Survey ID', type: 'string' as const },
  { key: 'survey_name', label: 'Survey Name', type: 'string' as const },
  { key: 'score', label: 'NPS Score (0-10)', type: 'integer' as const },
  { key: 'segment', label: 'Segment', type: 'string' as const },
  { key: 'segment_label', label: 'Segment Label (Translated)', type: 'string' as const },
  { key: 'is_promoter', label: 'Is Promoter (9-10)', type: 'boolean' as const },
  { key: 'is_passive', label: 'Is Passive (7-8)', type: 'boolean' as const },
  { key: 'is_detractor', label: 'Is Detractor (0-6)', type: 'boolean' as const },
  { key: 'comment', label: 'Comment', type: 'string' as const },
  { key: 'conversation[]question', label: 'Follow-up Question', type: 'string' as const },
  { key: 'conversation[]answer', label: 'Follow-up Answer', type: 'string' as const },
  { key: 'conversation_text', label: 'Follow-up Conversation (Text)', type: 'string' as const },
  { key: 'themes', label: 'Themes', type: 'string' as const, list: true },
  // Output fields cannot carry help text: the picklist format (A;B, a ; inside a name written
  // as ,) is explained in docs/crm-mapping.md.
  { key: 'themes_picklist', label: 'Themes (Picklist Format)', type: 'string' as const },
  { key: 'themes_crm', label: 'Themes for CRM (Mapped, A;B)', type: 'string' as const },
  { key: 'themes_unmapped', label: 'Themes Not in CRM Values', type: 'string' as const },
  { key: 'themes_text', label: 'Themes (Text)', type: 'string' as const },
  { key: 'positive_themes', label: 'Positive Themes', type: 'string' as const, list: true },
  { key: 'negative_themes', label: 'Negative Themes', type: 'string' as const, list: true },
  { key: 'analysis_status', label: 'AI Analysis Status', type: 'string' as const },
  { key: 'language', label: 'Response Language', type: 'string' as const },
  { key: 'channel', label: 'Channel', type: 'string' as const },
  { key: 'tags', label: 'Tags', type: 'string' as const, list: true },
  { key: 'tags_text', label: 'Tags (Text)', type: 'string' as const },
  { key: 'follow_up_status', label: 'Follow-up Status', type: 'string' as const },
  { key: 'follow_up_owner_email', label: 'Follow-up Owner Email', type: 'string' as const },
  { key: 'submitted_at', label: 'Submitted At', type: 'datetime' as const },
  { key: 'analyzed_at', label: 'Analyzed At', type: 'datetime' as const },
  { key: 'updated_at', label: 'Updated At', type: 'datetime' as const },
  { key: 'submitted_date', label: 'Submitted Date (UTC)', type: 'string' as const },
  { key: 'submitted_month', label: 'Submitted Month (UTC)', type: 'string' as const },
  { key: 'previous_score', label: 'Previous Score', type: 'integer' as const },
  { key: 'previous_segment', label: 'Previous Segment', type: 'string' as const },
  { key: 'score_change', label: 'Score Change Since Previous', type: 'integer' as const },
  { key: 'contact_id', label: 'Contact ID', type: 'string' as const },
  { key: 'email', label: 'Contact Email', type: 'string' as const },
  { key: 'customer_id', label: 'Customer ID', type: 'string' as const },
  { key: 'account_number', label: 'Account Number', type: 'string' as const },
  { key: 'contact_name', label: 'Contact Name', type: 'string' as const },
  { key: 'company', label: 'Company', type: 'string' as const },
  { key: 'locale', label: 'Contact Locale', type: 'string' as const },
  { key: 'identity_key', label: 'Identity Key', type: 'string' as const },
  { key: 'identity_value', label: 'Identity Value', type: 'string' as const },
  { key: 'salesforce_contact_id', label: 'Salesforce Contact ID', type: 'string' as const },
  { key: 'hubspot_contact_id', label: 'HubSpot Contact ID', type: 'string' as const },
  { key: 'pipedrive_person_id', label: 'Pipedrive Person ID', type: 'integer' as const },
  { key: 'test', label: 'Test Record', type: 'boolean' as const },
  { key: 'properties', label: 'Response Properties' },
  { key: 'contact_properties', label: 'Contact Properties' },
];

/**
 * Labelled output fields of the record; `idLabel` says what the item id is for this operation
 * (distinct from Response ID's label). Labels stay short (at most 40 characters, Zapier's field
 * picker cuts longer ones): the value formats are explained in docs/crm-mapping.md. The last
 * entry is dynamic: the contact's workspace properties labelled as the workspace names them (told apart from the static labels).
 */
export const responseOutputFields = (idLabel = 'ID') => {
  const statics = staticResponseOutputFields(idLabel);
  return [
    ...statics,
    contactPropertyOutputFields(
      'contact_properties',
      'Contact ',
      statics.map((field) => field.label),
    ),
  ];
};

/** Responses as the API returns them, for samples and fixtures (English and Spanish). */
export const sampleResponses: NpsResponse[] = [
  {
    id: 'rsp_2b9x',
    survey: { id: 'srv_q3nps', name: 'Quarterly NPS' },
    score: 4,
    segment: 'detractor',
    comment: 'El soporte tardó una semana en responder y la facturación sigue mal.',
    conversation: [
      {
        question: '¿Qué podríamos haber hecho mejor con tu solicitud de soporte?',
        answer: 'Responder en menos de un día y no cerrar el ticket sin solucionarlo.',
      },
    ],
    themes: [
      { id: 'thm_support', name: 'Customer support', sentiment: 'negative' },
      { id: 'thm_billing', name: 'Billing', sentiment: 'negative' },
    ],
    analysis_status: 'complete',
    language: 'es',
    channel: 'email',
    contact: sampleContact,
    previous: {
      response_id: 'rsp_1a7k',
      score: 8,
      segment: 'passive',
      submitted_at: '2026-08-14T10:02:11Z',
    },
    follow_up: {
      status: 'open',
      owner_email: 'cs.lead@acme.com',
      updated_at: '2026-11-20T09:20:00Z',
    },
    tags: ['enterprise', 'renewal-q1'],
    properties: { plan: 'enterprise' },
    submitted_at: '2026-11-20T09:14:03Z',
    analyzed_at: '2026-11-20T09:14:09Z',
    updated_at: '2026-11-20T09:20:00Z',
  },
  {
    id: 'rsp_3c4d',
    survey: { id: 'srv_q3nps', name: 'Quarterly NPS' },
    score: 10,
    segment: 'promoter',
    comment: 'Onboarding was fast and the reporting dashboards save my team hours every week.',
    conversation: [
      {
        question: 'Which report do you use the most?',
        answer: 'The weekly executive summary, it goes straight to our board.',
      },
    ],
    themes: [
      { id: 'thm_onboarding', name: 'Fast onboarding', sentiment: 'positive' },
      { id: 'thm_reporting', name: 'Reporting', sentiment: 'positive' },
    ],
    analysis_status: 'complete',
    language: 'en',
    channel: 'in_app',
    contact: {
      ...sampleContact,
      id: 'con_9Lm2',
      email: 'james.oconnor@globex.com',
      customer_id: 'CUST-2210',
      account_number: null,
      name: "James O'Connor",
      company: 'Globex',
      phone: null,
      locale: 'en-GB',
      crm_ids: {
        salesforce_contact_id: '003B7c8D9E0F1G2',
        hubspot_contact_id: '1187',
        pipedrive_person_id: 61002,
      },
      properties: { plan: 'growth', region: 'uk' },
      nps: {
        latest_score: 10,
        latest_segment: 'promoter',
        latest_response_at: '2026-11-19T16:40:00Z',
        response_count: 1,
      },
    },
    previous: null,
    follow_up: { status: 'none', owner_email: null, updated_at: null },
    tags: [],
    properties: { plan: 'growth' },
    submitted_at: '2026-11-19T16:40:00Z',
    analyzed_at: '2026-11-19T16:40:07Z',
    updated_at: '2026-11-19T16:40:07Z',
  },
  {
    id: 'rsp_5e6f',
    survey: { id: 'srv_onb', name: 'Onboarding NPS' },
    score: 7,
    segment: 'passive',
    comment: 'Good product, but the price went up too much this year.',
    conversation: [],
    themes: [{ id: 'thm_pricing', name: 'Pricing', sentiment: 'negative' }],
    analysis_status: 'complete',
    language: 'en',
    channel: 'sms',
    contact: {
      ...sampleContact,
      id: 'con_4Rt8',
      email: null,
      customer_id: null,
      account_number: 'AC-10077',
      name: 'Initech',
      company: 'Initech',
      phone: '+15555550123',
      locale: 'en-US',
      crm_ids: {
        salesforce_contact_id: null,
        hubspot_contact_id: null,
        pipedrive_person_id: 70001,
      },
      properties: { plan: 'starter' },
      nps: {
        latest_score: 7,
        latest_segment: 'passive',
        latest_response_at: '2026-11-18T12:05:00Z',
        response_count: 2,
      },
    },
    previous: {
      response_id: 'rsp_0z1y',
      score: 5,
      segment: 'detractor',
      submitted_at: '2026-05-18T12:00:00Z',
    },
    follow_up: { status: 'none', owner_email: null, updated_at: null },
    tags: ['smb'],
    properties: {},
    submitted_at: '2026-11-18T12:05:00Z',
    analyzed_at: '2026-11-18T12:05:06Z',
    updated_at: '2026-11-18T12:05:06Z',
  },
];

const firstSample = sampleResponses[0] as NpsResponse;
export const sampleResponse: NpsResponse = firstSample;
export const responseSample: ResponseRecord = toResponseRecord(firstSample);
