/** The fakes refuse what the CRMs refuse (./fakes.ts), so a recipe test can fail. */
import { newFakes, Refused } from './fakes.js';

describe('the fakes refuse what the CRMs refuse (so a recipe test can fail)', () => {
  test('Salesforce: a number out of Number(2,0), text, a restricted value, a too-long text, an unknown field', () => {
    const sf = newFakes().salesforce;
    const c = sf.seed('Contact', { LastName: 'X' });
    const update = (fields: Record<string, string>) => () =>
      sf.update('Contact', { Id: String(c.Id), ...fields });
    expect(update({ NPS_Score__c: '10' })).not.toThrow();
    expect(update({ NPS_Score__c: '100' })).toThrow(/NUMBER_OUTSIDE_VALID_RANGE/);
    expect(update({ NPS_Score__c: 'ten' })).toThrow(/INVALID_TYPE_ON_FIELD_IN_RECORD/);
    expect(update({ NPS_Themes__c: 'Billing;Pricing' })).not.toThrow();
    expect(update({ NPS_Themes__c: 'Billing;Mobile app' })).toThrow(
      /INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST.*Mobile app/,
    );
    expect(update({ NPS_Themes__c: 'Billing, Pricing' })).toThrow(/restricted picklist/);
    expect(update({ NPS_Segment__c: 'Promoter' })).toThrow(/restricted picklist/);
    expect(update({ NPS_Last_Response_Id__c: 'r'.repeat(33) })).toThrow(/STRING_TOO_LONG/);
    expect(update({ NPS_Last_Response_At__c: '2026-03-01' })).toThrow(/not a date\/time/);
    expect(update({ NPS_Last_Respose_At__c: '2026-03-01T10:00:00Z' })).toThrow(/INVALID_FIELD/);
    expect(() => sf.create('Task', { Description: 'no subject' })).toThrow(
      /REQUIRED_FIELD_MISSING.*Subject/,
    );
    expect(() => sf.create('Task', { Subject: 'x', OwnerId: '005000000000000' })).toThrow(
      /INVALID_CROSS_REFERENCE_KEY/,
    );
  });

  test('HubSpot: number, dropdown and checkbox options, dates at midnight UTC, unknown properties', () => {
    const hs = newFakes().hubspot;
    const c = hs.seed({ email: 'a@example.com' });
    const update = (fields: Record<string, string>) => () =>
      hs.update({ hs_object_id: String(c.hs_object_id), ...fields });
    expect(
      update({ nps_score: '9', nps_segment: 'promoter', nps_themes: 'Billing;Other' }),
    ).not.toThrow();
    expect(update({ nps_score: 'nine' })).toThrow(/INVALID_INTEGER/);
    expect(update({ nps_segment: 'Promoter' })).toThrow(/INVALID_OPTION/);
    expect(update({ nps_themes: 'Billing;Mobile app' })).toThrow(/INVALID_OPTION.*Mobile app/);
    expect(update({ nps_last_response_at: '2026-03-01' })).not.toThrow();
    expect(update({ nps_last_response_at: '1772323200000' })).not.toThrow();
    expect(update({ nps_last_response_at: '2026-03-01T10:15:00Z' })).toThrow(/not midnight UTC/);
    expect(update({ nps_last_response_date: '2026-03-01' })).toThrow(/PROPERTY_DOESNT_EXIST/);
    expect(() => hs.addToWorkflow({ workflow: '4455001', email: 'nobody@example.com' })).toThrow(
      /CONTACT_NOT_FOUND/,
    );
  });

  test('Pipedrive: numeric fields, option ids (not labels), dates, notes need content and a person', () => {
    const pd = newFakes().pipedrive;
    pd.seed({ id: 1 });
    const update = (fields: Record<string, string>) => () =>
      pd.updatePerson({ id: '1', ...fields });
    expect(
      update({ 'NPS Score': '4', 'NPS Segment': '43', 'NPS Last Response Date': '2026-03-01' }),
    ).not.toThrow();
    expect(update({ 'NPS Score': 'four' })).toThrow(/not a number/);
    expect(update({ 'NPS Segment': 'Detractor' })).toThrow(/not an option id/);
    expect(update({ 'NPS Last Response Date': '2026-02-30' })).toThrow(/not YYYY-MM-DD/);
    expect(update({ 'NPS Themes': 'Billing' })).toThrow(/unknown_field/);
    expect(() => pd.updatePerson({ id: '2' })).toThrow(/Person 2 not found/);
    expect(() => pd.createNote({ content: ' ', person_id: '1' })).toThrow(/content is required/);
    expect(() => pd.createNote({ content: 'Themes: Billing' })).toThrow(/needs a person_id/);
  });

  test('Slack: a known channel and a text within 40,000 characters', () => {
    const slack = newFakes().slack;
    expect(() => slack.post({ channel: '#nps', text: 'NPS 42' })).not.toThrow();
    expect(() => slack.post({ channel: '#random-typo', text: 'x' })).toThrow(/channel_not_found/);
    expect(() => slack.post({ channel: '#nps', text: '' })).toThrow(/no_text/);
    expect(() => slack.post({ channel: '#nps', text: 'x'.repeat(40_001) })).toThrow(/msg_too_long/);
  });

  test('Refused names the app and the rule', () => {
    expect(new Refused('HubSpot', 'INVALID_OPTION', 'x').message).toBe(
      'HubSpot refused the step: INVALID_OPTION: x',
    );
  });
});
