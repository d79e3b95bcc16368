/**
 * Step 6: what a zap does next: Find or Create Contact, Send NPS Survey (scheduled, then skipped
 * for a customer surveyed recently), Update Response, Add Note and Get NPS Score.
 */
import { first, type Row, type Walk } from './context.js';
import { show, step } from './output.js';

/** Step 6; returns the invitation Send NPS Survey created (step 7 tries to cancel it). */
export const runActions = async (
  { keys, operation, run }: Walk,
  surveyId: string,
  detractor: Row,
): Promise<Row> => {
  step(
    6,
    'Searches and actions',
    'What a zap does next: find or create, survey, close the loop, report.',
  );
  const newcomer = { identity_key: 'email', identity_value: 'New.Customer@Example.com ' };
  const found = await run<Row[]>(operation('searches', keys.searches.findContact).perform, {
    inputData: newcomer,
  });
  show(
    'Find Contact',
    found.length ? `found ${String(first(found).id)}` : 'no match (an empty result, not an error)',
  );
  const created = await run<Row>(operation('creates', keys.creates.upsertContact).perform, {
    inputData: {
      ...newcomer,
      name: 'New Customer',
      company: 'Example Ltd',
      properties: { plan: 'growth' },
    },
  });
  show(
    '…or Create Contact',
    `${String(created.id)} ${String(created.email)} (created: ${String(created.created)})`,
  );

  const sendSurvey = operation('creates', keys.creates.sendSurvey).perform;
  const invitation = await run<Row>(sendSurvey, {
    inputData: { survey_id: surveyId, email: String(created.email), channel: 'email' },
  });
  show(
    'Send NPS Survey',
    `${String(invitation.status)} (scheduled: ${String(invitation.scheduled)})`,
  );
  const again = await run<Row>(sendSurvey, {
    inputData: { survey_id: surveyId, email: String(detractor.email) },
  });
  show(
    '  to the detractor',
    `${String(again.status)} (scheduled: ${String(again.scheduled)}, reason: ${String(again.skip_reason)}): reported, not an error`,
  );

  const updated = await run<Row>(operation('creates', keys.creates.updateResponse).perform, {
    inputData: {
      response_id: String(detractor.response_id),
      follow_up_status: 'in_progress',
      follow_up_owner_email: 'cs.lead@acme.com',
      add_tags: ['detractor-alert'],
    },
  });
  show(
    'Update Response',
    `follow-up ${String(updated.follow_up_status)} by ${String(updated.follow_up_owner_email)}, tags ${String(updated.tags_text)}`,
  );
  const note = await run<Row>(operation('creates', keys.creates.addNote).perform, {
    inputData: {
      response_id: String(detractor.response_id),
      body: 'Called the customer; renewal discount agreed and support escalation path shared.',
      author_email: 'cs.lead@acme.com',
    },
  });
  show('Add Note', `${String(note.id)} on ${String(note.response_id)}`);

  const report = await run<Row[]>(operation('searches', keys.searches.npsReport).perform, {
    inputData: { period: 'last_30_days', compare_previous: true, timezone: 'Europe/Madrid' },
  });
  show('Get NPS Score', String(first(report).summary));
  return invitation;
};
