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
import { op, type Rec } from '../e2e/helpers.js';
import { recipeProblems } from './check.js';
import { runRecipe } from './runner.js';
import { deliveredRecord, deliveredRecords } from './triggers.js';
import {
  answerAndRun,
  columns,
  ctx,
  e2e,
  fakes,
  remap,
  surveyId,
  unique,
  useRecipeRun,
} from './context.js';

useRecipeRun();

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

    const { record } = await answerAndRun(
      recipe,
      { email: unique('angry'), name: 'Ana Ruiz', company: 'Grupo Andino' },
      { score: 3, comment: 'Support never answers and it is too expensive.' },
    );
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
    const { record } = await answerAndRun(
      recipe,
      { email: String(contact.Email), crm_ids: { salesforce_contact_id: String(contact.Id) } },
      { score: 10, comment: 'Love the app on my iPhone, and great reports for the whole team.' },
    );
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
    const { record } = await answerAndRun(
      recipe,
      {
        email: String(contact.email),
        crm_ids: { hubspot_contact_id: String(contact.hs_object_id) },
      },
      {
        score: 7,
        comment: 'It does the job. The HubSpot integration does not sync our custom fields.',
      },
    );
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
    const { record } = await answerAndRun(
      recipe,
      { email: unique('pd'), crm_ids: { pipedrive_person_id: person.id as number } },
      { score: 2, comment: 'La plataforma es muy lenta, tarda mucho en cargar.', language: 'es' },
    );
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
    const { record: first } = await answerAndRun(recipe, { email }, { score: 9 });
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
});
