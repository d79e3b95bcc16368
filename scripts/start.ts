/**
 * `npm start`: the whole integration, end to end, on this machine.
 *
 * Starts the sandbox platform in-process on a free port, then runs the real app through
 * zapier-platform-core as Zapier does: connection test, two instant zaps subscribed, three
 * customers answer, the signed webhooks arrive at a local receiver and go through the triggers'
 * `perform`, then the searches and actions, a bounced survey firing Survey Not Delivered and a
 * scheduled one canceled, and the zaps are turned off again. Last, one module
 * of the generated Make app (make/) runs against the same sandbox through the local IML
 * interpreter (iml-runtime), labelled as such.
 *
 * `npm start -- --serve` keeps the sandbox running afterwards and prints the `.env` lines that
 * make `zapier-platform invoke` work against it.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { hookRequest, startReceiver, type ReceivedDelivery } from '../sandbox/zapier-side.js';

type Operation = (z: ZObject, bundle: Bundle) => unknown;
type Row = Record<string, unknown>;

const serve = process.argv.includes('--serve');
const started = Date.now();

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text: string) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);
const say = (text = '') => console.log(text);
const step = (n: number, title: string, why: string) => {
  say();
  say(bold(`${n}. ${title}`));
  say(dim(`   ${why}`));
};
const show = (label: string, value: unknown) =>
  say(`   ${label.padEnd(30)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);

// With --serve the sandbox listens on a fixed port (PORT, default 4010) so the .env lines stay valid.
const sandbox: Sandbox = await startSandbox({
  analysisDelayMs: 250,
  port: serve ? Number(process.env.PORT ?? 4010) : 0,
});
process.env.NPS_API_BASE_URL = sandbox.baseUrl;
// Core prints memory statistics for Zapier's own logs on every run unless it knows it is not in
// production; it also then fails loudly on an operation that returns a malformed result.
process.env.NODE_ENV ??= 'test';
// Loaded after the environment is set, as Zapier loads the app with its environment in place.
const { default: zapier } = await import('zapier-platform-core');
const { default: App } = await import('../index.js');
const { KEYS } = await import('../fields/keys.js');
const { MemoryCursor, NxCache, testerWithStores } = await import('../test/helpers/stores.js');
// Zapier's z.cache honours set-if-absent (nx), which deduplication relies on, and Zapier keeps the
// paging cursor between "load more" calls (z.cursor); the tester does neither, so the walkthrough
// plays Zapier's part: every run gets these stand-ins in its z.
const stores = { cache: new NxCache(), cursor: new MemoryCursor() };
const appTester = testerWithStores(zapier.createAppTester(App), () => stores);
const authData = { api_key: sandbox.keys.live, region: 'us' };

const operation = (kind: 'triggers' | 'searches' | 'creates', key: string) => {
  const group = (App as unknown as Record<string, Record<string, { operation: Row }>>)[kind];
  const op = group?.[key]?.operation;
  if (!op) throw new Error(`no ${kind}.${key}`);
  return op;
};
const run = <T = Row[]>(
  fn: unknown,
  bundle: Partial<Bundle> & { inputData?: Row } = {},
): Promise<T> =>
  appTester(fn as Operation, { authData, ...bundle } as Partial<Bundle>) as Promise<T>;
const first = (rows: unknown): Row => (Array.isArray(rows) ? (rows[0] as Row) : (rows as Row));

const receiver = await startReceiver();
let exitCode = 0;

try {
  say(bold('NPS Feedback × Zapier: the integration, end to end, on your machine'));
  say(
    `A local copy of the NPS platform (the sandbox) runs at ${sandbox.baseUrl} with a demo\n` +
      `workspace, "${sandbox.workspace.name}". What follows is the real integration code, run by\n` +
      `zapier-platform-core as Zapier runs it, over real HTTP with real webhook signatures.`,
  );

  // 1 ------------------------------------------------------------------ connect
  step(
    1,
    'Connect the account',
    'Zapier checks the API key with GET /me and labels the connection.',
  );
  const me = await run<Row>(App.authentication?.test, {});
  const label = await run<string>(App.authentication?.connectionLabel, { inputData: me });
  show('Connected as', `"${label}"`);

  // 2 ------------------------------------------------------------------ turn on two zaps
  step(
    2,
    'Turn on two zaps with instant triggers',
    'Each subscribes a webhook; the platform keeps one per Zapier hook URL and signs every delivery.',
  );
  const surveys = await run<Row[]>(operation('triggers', KEYS.triggers.survey).perform, {
    meta: { page: 0 } as Bundle['meta'],
  });
  const survey = surveys[0] ?? {};
  show('Surveys (dropdown)', surveys.map((s) => `${String(s.name)} (${String(s.id)})`).join(', '));

  const alertsInput = {
    segments: ['detractor'],
    label_language: 'en',
    // Salesforce's NPS_Themes__c is a restricted picklist: only its values, a new theme → Other.
    crm_theme_values: ['Customer Support', 'Onboarding', 'Reporting', 'Other'],
    other_theme_value: 'Other',
  };
  const alertsUrl = receiver.url('detractor-alerts');
  const alerts = await run<Row>(operation('triggers', KEYS.triggers.newResponse).performSubscribe, {
    targetUrl: alertsUrl,
    inputData: alertsInput,
  });
  show('Zap A', `"New NPS Response", Segments = Detractors → webhook ${String(alerts.id)}`);
  show(
    '',
    dim(`events ${JSON.stringify(alerts.events)}, filters ${JSON.stringify(alerts.filters)}`),
  );

  const changesUrl = receiver.url('segment-changes');
  const changes = await run<Row>(
    operation('triggers', KEYS.triggers.segmentChanged).performSubscribe,
    { targetUrl: changesUrl, inputData: {} },
  );
  show('Zap B', `"Contact Segment Changed" → webhook ${String(changes.id)}`);

  // 3 ------------------------------------------------------------------ customers answer
  step(
    3,
    'Three customers answer the survey',
    'A promoter, a passive and a detractor. The detractor is a known customer who was a promoter.',
  );
  const contacts = (await (
    await fetch(`${sandbox.baseUrl}/contacts?limit=100`, {
      headers: { authorization: `Bearer ${sandbox.keys.live}` },
    })
  ).json()) as { data: Array<Row & { nps: Row; crm_ids: Row }> };
  const known =
    contacts.data.find(
      (c) => c.nps.latest_segment === 'promoter' && c.email && c.crm_ids.salesforce_contact_id,
    ) ?? contacts.data[0];
  const surveyId = String(survey.id);
  const answers = [
    {
      score: 10,
      comment: 'Setup took ten minutes and the reports are exactly what our board wants.',
      contact: { email: 'ana.promoter@example.com', name: 'Ana Promoter' },
      language: 'en',
    },
    {
      score: 8,
      comment: 'Buen producto, pero el precio ha subido bastante este año.',
      contact: { email: 'pablo.pasivo@example.com', name: 'Pablo Pasivo' },
      language: 'es',
    },
    {
      score: 3,
      comment:
        'Support took a week to answer and the price went up 30% at renewal. We are looking at alternatives.',
      contact: { email: String(known?.email) },
      language: 'en',
      conversation: [
        {
          question: 'What would have made the support experience better?',
          answer: 'An answer within a day, and someone who owns the problem until it is fixed.',
        },
      ],
    },
  ];
  for (const answer of answers) {
    sandbox.submitResponse({ survey_id: surveyId, ...answer });
    show(
      `Score ${answer.score}`,
      `${answer.contact.email}: "${answer.comment.slice(0, 60)}${answer.comment.length > 60 ? '…' : ''}"`,
    );
  }

  // 4 ------------------------------------------------------------------ webhooks arrive
  step(
    4,
    'Zapier receives the signed webhooks and runs the triggers',
    'Each delivery is verified (Standard Webhooks, 5-minute tolerance), parsed, filtered and deduplicated.',
  );
  const alertPath = new URL(alertsUrl).pathname;
  const changePath = new URL(changesUrl).pathname;
  const [alertDelivery] = await receiver.waitFor(1, { path: alertPath, timeoutMs: 15_000 });
  const [changeDelivery] = await receiver.waitFor(1, { path: changePath, timeoutMs: 15_000 });
  await new Promise((resolve) => setTimeout(resolve, 500)); // anything else in flight
  const perform = (key: string, delivery: ReceivedDelivery, subscribeData: Row, inputData: Row) =>
    run<Row[]>(operation('triggers', key).perform, {
      ...hookRequest(delivery),
      subscribeData: subscribeData as Bundle['subscribeData'],
      inputData,
    });
  const alertsGot = receiver.deliveries.filter((d) => d.path === alertPath).length;
  show(
    'Zap A deliveries',
    `${alertsGot} (the platform sent only the detractor: the filter is in the subscription)`,
  );
  const [detractor] = await perform(
    KEYS.triggers.newResponse,
    alertDelivery as ReceivedDelivery,
    alerts,
    alertsInput,
  );
  if (!detractor) throw new Error('the detractor delivery produced no record');
  show(
    'Signature',
    `verified with the subscription's secret (webhook-id ${String(alertDelivery?.headers['webhook-id'])})`,
  );
  show('Zap A fires with', '(labels as Zapier shows them)');
  const labels = new Map(
    (
      operation('triggers', KEYS.triggers.newResponse).outputFields as unknown as Array<{
        key: string;
        label: string;
      }>
    ).map((field) => [field.key, field.label]),
  );
  for (const key of [
    'response_id',
    'score',
    'segment',
    'segment_label',
    'themes',
    'themes_picklist',
    'themes_crm',
    'themes_unmapped',
    'comment',
    'email',
    'identity_key',
    'identity_value',
    'salesforce_contact_id',
    'hubspot_contact_id',
    'pipedrive_person_id',
    'previous_score',
    'score_change',
  ]) {
    show(`  ${labels.get(key) ?? key}`, detractor[key]);
  }
  const replay = await perform(
    KEYS.triggers.newResponse,
    alertDelivery as ReceivedDelivery,
    alerts,
    alertsInput,
  );
  show(
    'Same delivery again',
    replay.length ? 'fired twice (!)' : 'dropped: already processed for this zap',
  );

  const [change] = await perform(
    KEYS.triggers.segmentChanged,
    changeDelivery as ReceivedDelivery,
    changes,
    {},
  );
  if (change) {
    show(
      'Zap B fires with',
      `${String(change.email)}: ${String(change.segment_change)} (${String(change.direction)})`,
    );
  }

  // 5 ------------------------------------------------------------------ what the CRM steps receive
  step(
    5,
    'What the next steps of Zap A receive, mapped in one click',
    'The record carries the CRM record ids and the value formats each CRM expects (docs/crm-mapping.md).',
  );
  show('Salesforce', `Update Contact ${String(detractor.salesforce_contact_id)}`);
  show('  NPS_Score__c', detractor.score);
  show('  NPS_Segment__c', detractor.segment);
  show(
    '  NPS_Themes__c',
    `${String(detractor.themes_crm)} ${dim(`(restricted picklist; new theme(s) ${String(detractor.themes_unmapped) || 'none'} → Other)`)}`,
  );
  show('HubSpot', `Update Contact ${String(detractor.hubspot_contact_id)}`);
  show('  nps_score', detractor.score);
  show('  nps_segment', detractor.segment);
  show('  nps_themes', detractor.themes_picklist);
  show('Pipedrive', `Update Person ${String(detractor.pipedrive_person_id)}`);
  show('  NPS Score', detractor.score);
  show('  NPS Segment', detractor.segment_label);
  show('  NPS Themes', detractor.themes_text);
  show('BigQuery / Snowflake', 'row in nps_responses');
  show('  row', {
    response_id: detractor.response_id,
    [String(detractor.identity_key)]: detractor.identity_value,
    submitted_at: detractor.submitted_at,
    score: detractor.score,
    segment: detractor.segment,
    themes: detractor.themes_picklist,
    comment: detractor.comment,
  });

  // 6 ------------------------------------------------------------------ actions
  step(
    6,
    'Searches and actions',
    'What a zap does next: find or create, survey, close the loop, report.',
  );
  const newcomer = { identity_key: 'email', identity_value: 'New.Customer@Example.com ' };
  const found = await run<Row[]>(operation('searches', KEYS.searches.findContact).perform, {
    inputData: newcomer,
  });
  show(
    'Find Contact',
    found.length ? `found ${String(first(found).id)}` : 'no match (an empty result, not an error)',
  );
  const created = await run<Row>(operation('creates', KEYS.creates.upsertContact).perform, {
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

  const invitation = await run<Row>(operation('creates', KEYS.creates.sendSurvey).perform, {
    inputData: { survey_id: surveyId, email: String(created.email), channel: 'email' },
  });
  show(
    'Send NPS Survey',
    `${String(invitation.status)} (scheduled: ${String(invitation.scheduled)})`,
  );
  const again = await run<Row>(operation('creates', KEYS.creates.sendSurvey).perform, {
    inputData: { survey_id: surveyId, email: String(detractor.email) },
  });
  show(
    '  to the detractor',
    `${String(again.status)} (scheduled: ${String(again.scheduled)}, reason: ${String(again.skip_reason)}): reported, not an error`,
  );

  const updated = await run<Row>(operation('creates', KEYS.creates.updateResponse).perform, {
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
  const note = await run<Row>(operation('creates', KEYS.creates.addNote).perform, {
    inputData: {
      response_id: String(detractor.response_id),
      body: 'Called the customer; renewal discount agreed and support escalation path shared.',
      author_email: 'cs.lead@acme.com',
    },
  });
  show('Add Note', `${String(note.id)} on ${String(note.response_id)}`);

  const report = await run<Row[]>(operation('searches', KEYS.searches.npsReport).perform, {
    inputData: { period: 'last_30_days', compare_previous: true, timezone: 'Europe/Madrid' },
  });
  show('Get NPS Score', String(first(report).summary));

  // 7 ------------------------------------------------------------------ invitations (1.3)
  step(
    7,
    'A survey that bounces, and one canceled',
    'Zap C, "Survey Not Delivered", tells the account owner which CRM record has a bad email; a scheduled survey is canceled when the deal is lost.',
  );
  const failedUrl = receiver.url('survey-not-delivered');
  const notDelivered = await run<Row>(
    operation('triggers', KEYS.triggers.invitationFailed).performSubscribe,
    { targetUrl: failedUrl, inputData: { survey_id: surveyId } },
  );
  show(
    'Zap C',
    `"Survey Not Delivered", Survey = ${String(survey.name)} → webhook ${String(notDelivered.id)}`,
  );
  const typo = contacts.data.find(
    (c) => c !== known && c.customer_id && c.crm_ids.salesforce_contact_id,
  );
  // The CRM has their address wrong: the sandbox bounces every address at bounce.example.
  const typoEmail = `${String(typo?.email ?? typo?.customer_id).split('@')[0]}@bounce.example`;
  const bouncing = await run<Row>(operation('creates', KEYS.creates.sendSurvey).perform, {
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
  const [failedDelivery] = await receiver.waitFor(1, { path: failedPath, timeoutMs: 15_000 });
  const [failed] = await run<Row[]>(operation('triggers', KEYS.triggers.invitationFailed).perform, {
    ...hookRequest(failedDelivery as ReceivedDelivery),
    subscribeData: notDelivered as Bundle['subscribeData'],
    inputData: { survey_id: surveyId },
  });
  if (!failed) throw new Error('the invitation.failed delivery produced no record');
  show('Zap C fires with', '(signed delivery, verified like the others)');
  for (const key of [
    'invitation_id',
    'failure_reason_label',
    'failed_at',
    'email',
    'customer_id',
    'salesforce_contact_id',
    'hubspot_contact_id',
    'test',
  ]) {
    show(`  ${key}`, failed[key]);
  }
  show(
    'Salesforce',
    dim(
      `task for the owner of Contact ${String(failed.salesforce_contact_id)}: "${String(failed.failure_reason_label)}: check the email"`,
    ),
  );
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const later = await run<Row>(operation('creates', KEYS.creates.sendSurvey).perform, {
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
  const cancel = operation('creates', KEYS.creates.cancelInvitation).perform;
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
    await run(cancel, { inputData: { invitation_id: String(invitation.id) } });
    show('  the survey already sent', 'canceled (!)');
  } catch (error) {
    show('  the survey already sent', `${(error as Error).name}: ${(error as Error).message}`);
  }
  await run(operation('triggers', KEYS.triggers.invitationFailed).performUnsubscribe, {
    subscribeData: notDelivered as Bundle['subscribeData'],
  });
  show('Zap C', `webhook ${String(notDelivered.id)} removed`);

  // 8 ------------------------------------------------------------------ turn off
  step(
    8,
    'Turn the zaps off',
    'Zapier unsubscribes the webhooks; unsubscribing one that is already gone also succeeds.',
  );
  for (const [name, hook] of [
    ['Zap A', alerts],
    ['Zap B', changes],
  ] as const) {
    await run(operation('triggers', KEYS.triggers.newResponse).performUnsubscribe, {
      subscribeData: hook as Bundle['subscribeData'],
    });
    show(name, `webhook ${String(hook.id)} removed`);
  }
  const gone = await run<Row>(operation('triggers', KEYS.triggers.newResponse).performUnsubscribe, {
    subscribeData: alerts as Bundle['subscribeData'],
  });
  show('Zap A again', `already gone: ${JSON.stringify(gone)}`);

  // 9 ------------------------------------------------------------------ the Make app
  // The module is named as Make shows it: its label in make/makecomapp.json.
  const { runMakeDemo } = await import('../iml-runtime/demo.js');
  const made = await runMakeDemo({
    makeDir: new URL('../make', import.meta.url).pathname,
    baseUrl: sandbox.baseUrl,
    apiKey: sandbox.keys.live,
    responseId: String(detractor.response_id),
    labelLanguage: 'es',
  });
  step(
    9,
    'The same job in Make (local IML interpreter, not Make itself)',
    `make/ (npm run make:build) run by iml-runtime against this sandbox: ${made.label}.`,
  );
  show(
    `Make: ${made.label}`,
    `${String(made.record.response_id)} · ${String(made.record.segment_label)} · ${String(made.record.themes_picklist)}`,
  );

  // 10 ----------------------------------------------------------------- the warehouse
  step(
    10,
    'Every response in a warehouse: DuckDB, loaded as Zapier Transfer pages',
    "warehouse/: New NPS Response performList page after page, the warehouse recipe's field map, upserted by response_id into ./.warehouse/nps.duckdb; then the monthly true-NPS query.",
  );
  const { warehouseDemo } = await import('../warehouse/demo.js');
  const demo = await warehouseDemo({
    dir: new URL('../.warehouse', import.meta.url).pathname,
    listPage: (page) =>
      run<Row[]>(operation('triggers', KEYS.triggers.newResponse).performList, {
        inputData: { wait_for_themes: true },
        meta: { page, isLoadingSample: false } as Bundle['meta'],
      }),
    metrics: async (query) =>
      (await (
        await fetch(`${sandbox.baseUrl}/metrics/nps?${new URLSearchParams(query).toString()}`, {
          headers: { authorization: `Bearer ${sandbox.keys.live}` },
        })
      ).json()) as { periods: Array<{ label: string; nps: number | null; responses: number }> },
    timezone: 'Europe/Madrid',
    say,
  });
  if (!demo.agree) throw new Error('the warehouse trend differs from the platform');

  say();
  say(
    bold(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`) +
      ' Steps 1-8 ran the code Zapier runs; step 9 ran the Make app with the local IML interpreter; step 10 loaded the warehouse.',
  );
} catch (error) {
  exitCode = 1;
  console.error('\nThe walkthrough failed:', error);
} finally {
  await receiver.close();
  if (serve && exitCode === 0) {
    say();
    say(bold('The sandbox keeps running (--serve). Press Ctrl-C to stop.'));
    say('Put these lines in .env to run `npx zapier-platform invoke` against it:');
    say(`  NPS_API_BASE_URL=${sandbox.baseUrl}`);
    say(`  authData_api_key=${sandbox.keys.live}`);
    say('  authData_region=us');
    say(
      dim(
        'e.g. npx zapier-platform invoke trigger new_response   ·   npx zapier-platform invoke search nps_report',
      ),
    );
    process.on('SIGINT', () => void sandbox.close().then(() => process.exit(0)));
  } else {
    await sandbox.close();
    process.exit(exitCode);
  }
}
