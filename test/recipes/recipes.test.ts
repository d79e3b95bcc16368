/**
 * Issue 18 items 1-2: every recipe of docs/recipes.md is data (recipes/) and is run here. The
 * trigger's record comes from the sandbox through the app's own trigger code (a signed delivery
 * to a subscription made with the recipe's inputs, or performList), the field maps are applied
 * as Zapier applies them, NPS steps run against the sandbox, and CRM steps go into fakes that
 * refuse what the CRM refuses (test/recipes/fakes.ts). A recipe that maps a value the CRM would
 * refuse fails here; so does one that names an input, an output or a CRM field that does not
 * exist.
 */
import { recipeById, RECIPES } from '../../recipes/index.js';
import { SALESFORCE } from '../../recipes/apps.js';
import type { AppStep, Recipe } from '../../recipes/types.js';
import { tableColumns, Warehouse } from '../../warehouse/duckdb.js';
import { op, sleep, startE2E, type E2E, type Rec } from '../e2e/helpers.js';
import { recipeProblems } from './check.js';
import { newFakes, Refused, type Fakes } from './fakes.js';
import { requireOperation, runRecipe, type RunContext } from './runner.js';
import { deliveredRecord, deliveredRecords } from './triggers.js';

let e2e: E2E;
let fakes: Fakes;
let warehouse: Warehouse;
let ctx: RunContext;
let columns: string[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  warehouse = await Warehouse.open();
  columns = await tableColumns(warehouse, 'nps_responses');
  const surveys = await e2e.run<Rec[]>(op('triggers', 'survey').perform);
  fakes = newFakes();
  ctx = {
    e2e,
    fakes,
    warehouse,
    surveys: Object.fromEntries(surveys.map((s) => [String(s.name), String(s.id)])),
  };
});

afterAll(async () => {
  warehouse.close();
  await e2e.close();
});

const surveyId = (name = 'Quarterly NPS') => ctx.surveys[name] as string;

/** A copy of a recipe with one field of one step mapped differently. */
const remap = (recipe: Recipe, stepIndex: number, field: string, template: string): Recipe => ({
  ...recipe,
  steps: recipe.steps.map((step, i) =>
    i === stepIndex
      ? { ...(step as AppStep), inputs: { ...(step as AppStep).inputs, [field]: template } }
      : step,
  ),
});

let serial = 0;
const unique = (name: string) => `${name}.${Date.now().toString(36)}${(serial += 1)}@example.com`;

describe('every recipe holds together with the app and the CRMs', () => {
  test('there is a recipe for each job of issue 18', () => {
    expect(RECIPES.map((r) => r.id)).toEqual([
      'detractor-alert',
      'salesforce-contact',
      'hubspot-contact',
      'pipedrive-person',
      'promoter-referral',
      'new-contact-survey',
      'deal-won-survey',
      'deal-lost-cancel',
      'bounced-survey',
      'warehouse-row',
      'monthly-trend',
      'weekly-report',
    ]);
  });

  test.each(RECIPES.map((r) => [r.id, r] as const))(
    '%s: every input key, {{n.key}} and CRM field exists',
    (_id, recipe) => {
      expect(recipeProblems(recipe, columns)).toEqual([]);
    },
  );

  test('the check catches the known mistakes: a missing output, a wrong CRM field, a bad choice', () => {
    const hubspot = recipeById('hubspot-contact');
    const wrongProperty = {
      ...hubspot,
      steps: hubspot.steps.map((s, i) =>
        i === 2
          ? {
              ...(s as AppStep),
              inputs: { ...(s as AppStep).inputs, nps_last_response_date: '{{1.submitted_date}}' },
            }
          : s,
      ),
    };
    expect(recipeProblems(wrongProperty, columns)).toEqual([
      'hubspot-contact step 3: hubspot contact has no field nps_last_response_date',
    ]);
    const missingOutput = remap(hubspot, 2, 'nps_comment', '{{1.response_language}}');
    expect(recipeProblems(missingOutput, columns)).toEqual([
      'hubspot-contact step 3: {{1.response_language}}: New NPS Response has no output response_language',
    ]);
    const alert = recipeById('detractor-alert');
    const badChoice: Recipe = {
      ...alert,
      steps: [
        { app: 'nps', kind: 'trigger', key: 'new_response', inputs: { segments: ['unhappy'] } },
        ...alert.steps.slice(1),
      ],
    };
    expect(recipeProblems(badChoice, columns)).toEqual([
      'detractor-alert step 1: Segments (segments) offers no choice unhappy',
    ]);
  });
});

describe('recipes run end to end', () => {
  test('detractor alert: only detractors reach Slack, with comment and themes; the response gets an owner', async () => {
    const recipe = recipeById('detractor-alert');
    // A promoter never reaches this zap: the trigger's own segment filter drops it.
    const promoters = await deliveredRecords(e2e, recipe, () =>
      e2e.sandbox.submitResponse({
        survey_id: surveyId(),
        score: 10,
        comment: 'Great reports.',
        contact: { email: unique('happy') },
      }),
    );
    expect(promoters).toEqual([]);

    const record = await deliveredRecord(e2e, recipe, {
      survey_id: surveyId(),
      score: 3,
      comment: 'Support never answers and it is too expensive.',
      contact: { email: unique('angry'), name: 'Ana Ruiz', company: 'Grupo Andino' },
    });
    const result = await runRecipe(recipe, ctx, record);
    expect(result.stoppedAt).toBeUndefined();
    const message = fakes.slack.messages.at(-1);
    expect(message?.channel).toBe('#customer-alerts');
    expect(message?.text).toContain('Ana Ruiz (Grupo Andino) scored 3');
    expect(message?.text).toContain('> Support never answers and it is too expensive.');
    expect(String(record.themes_text)).not.toBe('');
    expect(message?.text).toContain(`*Themes:* ${String(record.themes_text)}`);
    const [found] = await e2e.run<Rec[]>(op('searches', 'find_response').perform, {
      inputData: { response_id: record.response_id },
    });
    expect(found).toMatchObject({
      follow_up_status: 'open',
      follow_up_owner_email: 'success.lead@acme.example',
    });
    expect(found?.tags).toContain('slack-alert');
  });

  test('Salesforce contact: Spanish segment label, score and themes only from the restricted picklist', async () => {
    const recipe = recipeById('salesforce-contact');
    const contact = fakes.salesforce.seed('Contact', { LastName: 'Pérez', Email: unique('sf') });
    const record = await deliveredRecord(e2e, recipe, {
      survey_id: surveyId(),
      score: 10,
      comment: 'Love the app on my iPhone, and great reports for the whole team.',
      contact: {
        email: String(contact.Email),
        crm_ids: { salesforce_contact_id: String(contact.Id) },
      },
    });
    const result = await runRecipe(recipe, ctx, record);
    expect(result.stoppedAt).toBeUndefined();
    const saved = fakes.salesforce.records.Contact?.get(String(contact.Id));
    expect(saved).toMatchObject({
      NPS_Score__c: 10,
      NPS_Segment__c: 'Promotor',
      NPS_Last_Response_Id__c: record.response_id,
    });
    // The AI themes (Mobile app, Reporting) are not picklist values: they arrive as Other and are named.
    const picklist = SALESFORCE.Contact?.NPS_Themes__c;
    const allowed = picklist && picklist.type === 'multipicklist' ? picklist.values : [];
    for (const value of String(saved?.NPS_Themes__c).split(';')) expect(allowed).toContain(value);
    expect(saved?.NPS_Themes__c).toContain('Other');
    expect(String(saved?.NPS_Themes_Unmapped__c)).toMatch(/Mobile app|Reporting/);

    // The same response with Themes (Picklist Format) mapped instead: Salesforce refuses it.
    const wrong = remap(recipe, 2, 'NPS_Themes__c', '{{1.themes_picklist}}');
    await expect(runRecipe(wrong, ctx, record)).rejects.toThrow(
      /INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST/,
    );
    // The English segment into the Spanish picklist: refused too.
    const english = remap(recipe, 2, 'NPS_Segment__c', '{{1.segment}}');
    await expect(runRecipe(english, ctx, record)).rejects.toThrow(
      /bad value for restricted picklist field: promoter/,
    );
  });

  test('a response with no Salesforce contact stops at the Filter, not with an error', async () => {
    const recipe = recipeById('salesforce-contact');
    const record = await deliveredRecord(e2e, recipe, {
      survey_id: surveyId(),
      score: 6,
      comment: 'Pages keep loading forever.',
      contact: { email: unique('nosf') },
    });
    const result = await runRecipe(recipe, ctx, record);
    expect(result.stoppedAt).toEqual({ step: 2, reason: '{{1.salesforce_contact_id}} exists' });
    expect(result.calls).toEqual([]);
  });

  test('HubSpot contact: number, dropdown, checkboxes from the options, date at midnight UTC', async () => {
    const recipe = recipeById('hubspot-contact');
    const contact = fakes.hubspot.seed({ email: unique('hs'), firstname: 'Emma' });
    const record = await deliveredRecord(e2e, recipe, {
      survey_id: surveyId(),
      score: 7,
      comment: 'It does the job. The HubSpot integration does not sync our custom fields.',
      contact: {
        email: String(contact.email),
        crm_ids: { hubspot_contact_id: String(contact.hs_object_id) },
      },
    });
    const result = await runRecipe(recipe, ctx, record);
    expect(result.stoppedAt).toBeUndefined();
    const saved = fakes.hubspot.contacts.get(String(contact.hs_object_id));
    expect(saved).toMatchObject({
      nps_score: 7,
      nps_segment: 'passive',
      nps_last_response_at: record.submitted_date,
      nps_last_response_id: record.response_id,
    });
    expect(String(saved?.nps_themes)).toContain('Integrations');

    // `nps_last_response_at` is a date property: Submitted At (a time of day) is refused.
    const wrong = remap(recipe, 2, 'nps_last_response_at', '{{1.submitted_at}}');
    await expect(runRecipe(wrong, ctx, record)).rejects.toThrow(/INVALID_DATE.*not midnight UTC/);
  });

  test('Pipedrive person: numeric score, the segment as its option id, themes in a note', async () => {
    const recipe = recipeById('pipedrive-person');
    const person = fakes.pipedrive.seed({ id: 7_000_001, name: 'Lucía Gómez' });
    const record = await deliveredRecord(e2e, recipe, {
      survey_id: surveyId(),
      score: 2,
      comment: 'La plataforma es muy lenta, tarda mucho en cargar.',
      language: 'es',
      contact: { email: unique('pd'), crm_ids: { pipedrive_person_id: person.id as number } },
    });
    const result = await runRecipe(recipe, ctx, record);
    expect(result.stoppedAt).toBeUndefined();
    const saved = fakes.pipedrive.persons.get(7_000_001);
    expect(Object.values(saved ?? {})).toEqual(
      expect.arrayContaining([2, '43', record.submitted_date]),
    );
    const note = fakes.pipedrive.notes.at(-1);
    expect(note?.person_id).toBe(7_000_001);
    expect(String(note?.content)).toContain(`Themes: ${String(record.themes_text)}`);
    expect(String(note?.content)).toContain('La plataforma es muy lenta');

    // The segment's label instead of the option id: Pipedrive refuses it.
    const wrong = remap(recipe, 3, 'NPS Segment', '{{1.segment_label}}');
    await expect(runRecipe(wrong, ctx, record)).rejects.toThrow(/Detractor is not an option id/);
  });

  test('promoter referral: asked once, however often the contact answers', async () => {
    const recipe = recipeById('promoter-referral');
    const email = unique('promoter');
    fakes.hubspot.seed({ email });
    const first = await deliveredRecord(e2e, recipe, {
      survey_id: surveyId(),
      score: 9,
      contact: { email },
    });
    const asked = await runRecipe(recipe, ctx, first);
    expect(asked.stoppedAt).toBeUndefined();
    expect(fakes.hubspot.enrollments.filter((e) => e.email === email)).toHaveLength(1);

    const second = await deliveredRecord(e2e, recipe, {
      survey_id: surveyId('Onboarding NPS'),
      score: 10,
      contact: { email },
    });
    expect(second.contact_properties).toMatchObject({
      referral_requested_on: first.submitted_date,
    });
    const again = await runRecipe(recipe, ctx, second);
    expect(again.stoppedAt?.step).toBe(2);
    expect(fakes.hubspot.enrollments.filter((e) => e.email === email)).toHaveLength(1);
  });

  test('new CRM contact: a survey scheduled two weeks ahead, tied to the HubSpot record', async () => {
    const recipe = recipeById('new-contact-survey');
    const contact = fakes.hubspot.seed({
      email: unique('newcontact'),
      firstname: 'Sofía',
      lastname: 'Díaz',
      company: 'Café del Valle',
    });
    const before = Date.now();
    const result = await runRecipe(recipe, ctx, contact);
    expect(result.stoppedAt).toBeUndefined();
    const invitation = result.outputs[3] as Rec;
    expect(invitation).toMatchObject({
      status: 'scheduled',
      scheduled: true,
      survey_id: surveyId('Onboarding NPS'),
    });
    const sendAt = Date.parse(String(invitation.send_at));
    expect(sendAt).toBeGreaterThan(before + 14 * 86_400_000 - 10 * 60_000);
    expect(sendAt).toBeLessThan(Date.now() + 14 * 86_400_000 + 10 * 60_000);
    const [found] = await e2e.run<Rec[]>(op('searches', 'find_contact').perform, {
      inputData: { identity_key: 'email', identity_value: contact.email },
    });
    expect(found).toMatchObject({
      hubspot_contact_id: String(contact.hs_object_id),
      name: 'Sofía Díaz',
    });
  });

  test('deal won: only Closed Won schedules a survey, and the opportunity keeps its Invitation ID', async () => {
    const recipe = recipeById('deal-won-survey');
    const buyer = fakes.salesforce.seed('Contact', {
      FirstName: 'Carlos',
      LastName: 'Moreno',
      Email: unique('buyer'),
    });
    const negotiating = fakes.salesforce.seed('Opportunity', {
      Name: 'Acme renewal',
      StageName: 'Negotiation',
      Amount: 12000,
      ContactId: buyer.Id,
    });
    // Updated Field on Record fires on any Stage change: the Filter keeps Closed Won only.
    const early = await runRecipe(recipe, ctx, negotiating);
    expect(early.stoppedAt?.step).toBe(2);

    const won = fakes.salesforce.seed('Opportunity', { ...negotiating, StageName: 'Closed Won' });
    const result = await runRecipe(recipe, ctx, won);
    expect(result.stoppedAt).toBeUndefined();
    const invitation = result.outputs[4] as Rec;
    expect(invitation).toMatchObject({ status: 'scheduled', scheduled: true });
    expect(fakes.salesforce.records.Opportunity?.get(String(won.Id))?.NPS_Invitation_Id__c).toBe(
      invitation.id,
    );
  });

  test('deal lost: the scheduled survey is canceled', async () => {
    const recipe = recipeById('deal-lost-cancel');
    const cancel = recipe.steps[2];
    if (cancel?.app !== 'nps') throw new Error('step 3 is the NPS step');
    requireOperation(recipe, cancel);
    const [scheduled] = await e2e
      .run<Rec[]>(op('creates', 'send_survey').perform, {
        inputData: {
          survey_id: surveyId(),
          email: unique('lost'),
          send_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        },
      })
      .then((r) => (Array.isArray(r) ? r : [r]));
    const lost = fakes.salesforce.seed('Opportunity', {
      Name: 'Lost deal',
      StageName: 'Closed Lost',
      NPS_Invitation_Id__c: scheduled?.id,
    });
    const result = await runRecipe(recipe, ctx, lost);
    expect(result.stoppedAt).toBeUndefined();
    expect(result.outputs[3]).toMatchObject({ id: scheduled?.id, status: 'canceled' });
    const response = await fetch(`${e2e.sandbox.baseUrl}/invitations/${String(scheduled?.id)}`, {
      headers: { authorization: `Bearer ${e2e.sandbox.keys.live}` },
    });
    expect(((await response.json()) as Rec).status).toBe('canceled');
  });

  test('bounced survey: a task for the contact’s owner in Salesforce', async () => {
    const recipe = recipeById('bounced-survey');
    const trigger = recipe.steps[0];
    if (trigger?.app !== 'nps') throw new Error('step 1 is the NPS trigger');
    requireOperation(recipe, trigger);
    const contact = fakes.salesforce.seed('Contact', {
      LastName: 'Walker',
      Email: unique('x').replace('example.com', 'bounce.example'),
      OwnerId: '005Ax000000Own2',
    });
    const sent = (await e2e.run<Rec>(op('creates', 'send_survey').perform, {
      inputData: { survey_id: surveyId(), email: contact.Email, salesforce_contact_id: contact.Id },
    })) as Rec;
    // The invitation is due now; the sandbox bounces it (invitation.failed).
    let record: Rec | undefined;
    for (let attempt = 0; attempt < 50 && !record; attempt += 1) {
      await e2e.sandbox.settle();
      const listed = await e2e.run<Rec[]>(op('triggers', 'invitation_failed').performList, {
        meta: { page: 0 },
      });
      record = listed.find((r) => r.invitation_id === sent.id);
      if (!record) await sleep(100);
    }
    if (!record) throw new Error(`invitation ${String(sent.id)} never failed`);
    const result = await runRecipe(recipe, ctx, record);
    expect(result.stoppedAt).toBeUndefined();
    const task = result.outputs[4] as Rec;
    expect(task).toMatchObject({
      OwnerId: '005Ax000000Own2',
      WhoId: contact.Id,
      Priority: 'Normal',
    });
    expect(String(task.Subject)).toBe(
      `NPS survey not delivered: ${String(record.failure_reason_label)}`,
    );
  });

  test('warehouse row: the row lands in DuckDB with the table’s columns and the record’s values', async () => {
    const recipe = recipeById('warehouse-row');
    const record = await deliveredRecord(e2e, recipe, {
      survey_id: surveyId(),
      score: 8,
      comment: 'Pretty good overall. It is too expensive after the last price increase.',
      contact: { customer_id: `CUST-${Date.now()}` },
    });
    const result = await runRecipe(recipe, ctx, record);
    expect(result.stoppedAt).toBeUndefined();
    const [row] = await warehouse.query('SELECT * FROM nps_responses WHERE response_id = $id', {
      id: String(record.response_id),
    });
    expect(Object.keys(row ?? {})).toEqual(columns);
    expect(row).toMatchObject({
      score: 8,
      segment: 'passive',
      themes: record.themes_picklist,
      identity_key: 'customer_id',
      identity_value: record.identity_value,
      submitted_at: new Date(String(record.submitted_at)).toISOString(),
      test: false,
    });
  });

  test.each([
    ['monthly-trend', 'month'],
    ['weekly-report', 'day'],
  ])('%s: Get NPS Score per %s into Slack', async (id) => {
    const recipe = recipeById(id);
    const result = await runRecipe(recipe, ctx, {
      pretty_date: 'Monday',
      date: new Date().toISOString(),
    });
    expect(result.stoppedAt).toBeUndefined();
    const report = result.outputs[2] as Rec & { periods: Rec[] };
    expect(report.periods.length).toBeGreaterThan(0);
    const message = fakes.slack.messages.at(-1)?.text ?? '';
    expect(message).toContain(String(report.summary));
    expect(message).toContain(report.periods.map((p) => String(p.label)).join(','));
  });
});

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
