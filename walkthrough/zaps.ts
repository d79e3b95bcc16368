/**
 * Steps 1, 2 and 8: the connection, two zaps with instant triggers switched on (each subscribes
 * a signed webhook), and the same zaps switched off again.
 */
import type { Bundle } from 'zapier-platform-core';
import type { Row, Walk } from './context.js';
import { dim, show, step } from './output.js';

export interface Zaps {
  /** The first survey of the Survey dropdown. */
  survey: Row;
  /** Zap A: New NPS Response for detractors. */
  alerts: Row;
  alertsInput: Row;
  alertsUrl: string;
  /** Zap B: Contact Segment Changed. */
  changes: Row;
  changesUrl: string;
}

export const connect = async ({ app, run }: Walk) => {
  step(
    1,
    'Connect the account',
    'Zapier checks the API key with GET /me and labels the connection.',
  );
  const me = await run<Row>(app.authentication?.test, {});
  const label = await run<string>(app.authentication?.connectionLabel, { inputData: me });
  show('Connected as', `"${label}"`);
};

export const turnOnZaps = async ({ keys, operation, receiver, run }: Walk): Promise<Zaps> => {
  step(
    2,
    'Turn on two zaps with instant triggers',
    'Each subscribes a webhook; the platform keeps one per Zapier hook URL and signs every delivery.',
  );
  const surveys = await run<Row[]>(operation('triggers', keys.triggers.survey).perform, {
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
  const alerts = await run<Row>(operation('triggers', keys.triggers.newResponse).performSubscribe, {
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
    operation('triggers', keys.triggers.segmentChanged).performSubscribe,
    { targetUrl: changesUrl, inputData: {} },
  );
  show('Zap B', `"Contact Segment Changed" → webhook ${String(changes.id)}`);
  return { survey, alerts, alertsInput, alertsUrl, changes, changesUrl };
};

export const turnOffZaps = async ({ keys, operation, run }: Walk, { alerts, changes }: Zaps) => {
  step(
    8,
    'Turn the zaps off',
    'Zapier unsubscribes the webhooks; unsubscribing one that is already gone also succeeds.',
  );
  const unsubscribe = operation('triggers', keys.triggers.newResponse).performUnsubscribe;
  for (const [name, hook] of [
    ['Zap A', alerts],
    ['Zap B', changes],
  ] as const) {
    await run(unsubscribe, { subscribeData: hook as Bundle['subscribeData'] });
    show(name, `webhook ${String(hook.id)} removed`);
  }
  const gone = await run<Row>(unsubscribe, { subscribeData: alerts as Bundle['subscribeData'] });
  show('Zap A again', `already gone: ${JSON.stringify(gone)}`);
};
