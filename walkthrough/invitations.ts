/**
 * Step 7: a survey sent to a mistyped address bounces and fires Survey Not Delivered (Zap C) with
 * the contact's CRM ids; a survey scheduled in 3 days is canceled (twice: the same record), and
 * canceling one already sent stops with its status.
 */
import type { Bundle } from 'zapier-platform-core';
import type { Answers } from './answers.js';
import type { Row, Walk } from './context.js';
import { performDelivery } from './deliveries.js';
import { dim, show, step } from './output.js';
import type { ReceivedDelivery } from '../sandbox/zapier-side.js';

/** What Zap C shows of the failed invitation's record. */
const SHOWN = [
  'invitation_id',
  'failure_reason_label',
  'failed_at',
  'email',
  'customer_id',
  'salesforce_contact_id',
  'hubspot_contact_id',
  'test',
];

const notDelivered = async (walk: Walk, survey: Row, { contacts, known }: Answers) => {
  const { keys, operation, receiver, run } = walk;
  const surveyId = String(survey.id);
  const failedUrl = receiver.url('survey-not-delivered');
  const zap = await run<Row>(
    operation('triggers', keys.triggers.invitationFailed).performSubscribe,
    {
      targetUrl: failedUrl,
      inputData: { survey_id: surveyId },
    },
  );
  show(
    'Zap C',
    `"Survey Not Delivered", Survey = ${String(survey.name)} → webhook ${String(zap.id)}`,
  );
  const typo = contacts.find(
    (c) => c !== known && c.customer_id && c.crm_ids.salesforce_contact_id,
  );
  // The CRM has their address wrong: the sandbox bounces every address at bounce.example.
  const typoEmail = `${String(typo?.email ?? typo?.customer_id).split('@')[0]}@bounce.example`;
  const bouncing = await run<Row>(operation('creates', keys.creates.sendSurvey).perform, {
    inputData: {
      survey_id: surveyId,
      customer_id: String(typo?.customer_id),
      email: typoEmail,
      respect_throttle: false,
    },
  });
  show(
    'Send NPS Survey',
    `${String(bouncing.id)} to ${typoEmail} (a mistyped address): ${String(bouncing.status)}`,
  );
  const failedPath = new URL(failedUrl).pathname;
  const [delivery] = await receiver.waitFor(1, { path: failedPath, timeoutMs: 15_000 });
  const [failed] = await performDelivery(
    walk,
    keys.triggers.invitationFailed,
    delivery as ReceivedDelivery,
    zap,
    { survey_id: surveyId },
  );
  if (!failed) throw new Error('the invitation.failed delivery produced no record');
  show('Zap C fires with', '(signed delivery, verified like the others)');
  for (const key of SHOWN) show(`  ${key}`, failed[key]);
  show(
    'Salesforce',
    dim(
      `task for the owner of Contact ${String(failed.salesforce_contact_id)}: "${String(failed.failure_reason_label)}: check the email"`,
    ),
  );
  return zap;
};

const cancelScheduled = async ({ keys, operation, run }: Walk, surveyId: string, sent: Row) => {
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const later = await run<Row>(operation('creates', keys.creates.sendSurvey).perform, {
    inputData: {
      survey_id: surveyId,
      email: 'deal.won@example.com',
      name: 'Deal Won',
      send_at: inThreeDays,
    },
  });
  show(
    'Send NPS Survey',
    `${String(later.id)}: ${String(later.status)} for ${String(later.send_at)}`,
  );
  const cancel = operation('creates', keys.creates.cancelInvitation).perform;
  const canceled = await run<Row>(cancel, { inputData: { invitation_id: String(later.id) } });
  show(
    'Cancel Scheduled Survey',
    `deal lost: ${String(canceled.status)} at ${String(canceled.canceled_at)} (scheduled: ${String(canceled.scheduled)})`,
  );
  const twice = await run<Row>(cancel, { inputData: { invitation_id: String(later.id) } });
  show(
    '  again (a replay)',
    `${String(twice.status)}, the same record: a success, nothing changes`,
  );
  try {
    await run(cancel, { inputData: { invitation_id: String(sent.id) } });
    show('  the survey already sent', 'canceled (!)');
  } catch (error) {
    show('  the survey already sent', `${(error as Error).name}: ${(error as Error).message}`);
  }
};

/** Step 7; `sent` is the invitation step 6 sent. */
export const bounceAndCancel = async (walk: Walk, survey: Row, answers: Answers, sent: Row) => {
  step(
    7,
    'A survey that bounces, and one canceled',
    'Zap C, "Survey Not Delivered", tells the account owner which CRM record has a bad email; a scheduled survey is canceled when the deal is lost.',
  );
  const zap = await notDelivered(walk, survey, answers);
  await cancelScheduled(walk, String(survey.id), sent);
  await walk.run(
    walk.operation('triggers', walk.keys.triggers.invitationFailed).performUnsubscribe,
    {
      subscribeData: zap as Bundle['subscribeData'],
    },
  );
  show('Zap C', `webhook ${String(zap.id)} removed`);
};
