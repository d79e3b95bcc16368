/**
 * Issue 18: the recipes that send, schedule or cancel surveys, report, or fill the warehouse,
 * run end to end as ./recipes.test.ts runs the CRM ones.
 */
import { recipeById } from '../../recipes/index.js';
import { op, sleep, type Rec } from '../e2e/helpers.js';
import { requireOperation, runRecipe } from './runner.js';
import {
  answerAndRun,
  columns,
  ctx,
  e2e,
  fakes,
  surveyId,
  unique,
  useRecipeRun,
  warehouse,
} from './context.js';

useRecipeRun();

describe('recipes run end to end: surveys, reports, the warehouse', () => {
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
    const { record } = await answerAndRun(
      recipe,
      { customer_id: `CUST-${Date.now()}` },
      {
        score: 8,
        comment: 'Pretty good overall. It is too expensive after the last price increase.',
      },
    );
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
