/**
 * Steps 4 and 5: the signed deliveries reach the local receiver and run through the triggers
 * (signature verified, filters applied, a repeated delivery dropped); then the values the next
 * steps of the zap (Salesforce, HubSpot, Pipedrive, a warehouse row) receive for the detractor.
 */
import type { Bundle } from 'zapier-platform-core';
import { hookRequest, type ReceivedDelivery } from '../sandbox/zapier-side.js';
import type { Row, Walk } from './context.js';
import { dim, show, step } from './output.js';
import type { Zaps } from './zaps.js';

/** What Zap A shows of the detractor's record, in this order, under Zapier's labels. */
const SHOWN = [
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
];

/** A trigger's perform on one delivery, as Zapier runs it for the subscribed zap. */
export const performDelivery = (
  { operation, run }: Walk,
  key: string,
  delivery: ReceivedDelivery,
  subscribeData: Row,
  inputData: Row,
) =>
  run<Row[]>(operation('triggers', key).perform, {
    ...hookRequest(delivery),
    subscribeData: subscribeData as Bundle['subscribeData'],
    inputData,
  });

/** Step 4; returns the detractor's record as Zap A got it. */
export const receiveDeliveries = async (walk: Walk, zaps: Zaps): Promise<Row> => {
  step(
    4,
    'Zapier receives the signed webhooks and runs the triggers',
    'Each delivery is verified (Standard Webhooks, 5-minute tolerance), parsed, filtered and deduplicated.',
  );
  const { keys, operation, receiver } = walk;
  const alertPath = new URL(zaps.alertsUrl).pathname;
  const changePath = new URL(zaps.changesUrl).pathname;
  const [alertDelivery] = await receiver.waitFor(1, { path: alertPath, timeoutMs: 15_000 });
  const [changeDelivery] = await receiver.waitFor(1, { path: changePath, timeoutMs: 15_000 });
  await new Promise((resolve) => setTimeout(resolve, 500)); // anything else in flight
  const alertsGot = receiver.deliveries.filter((d) => d.path === alertPath).length;
  show(
    'Zap A deliveries',
    `${alertsGot} (the platform sent only the detractor: the filter is in the subscription)`,
  );
  const alert = () =>
    performDelivery(
      walk,
      keys.triggers.newResponse,
      alertDelivery as ReceivedDelivery,
      zaps.alerts,
      zaps.alertsInput,
    );
  const [detractor] = await alert();
  if (!detractor) throw new Error('the detractor delivery produced no record');
  show(
    'Signature',
    `verified with the subscription's secret (webhook-id ${String(alertDelivery?.headers['webhook-id'])})`,
  );
  show('Zap A fires with', '(labels as Zapier shows them)');
  const fields = operation('triggers', keys.triggers.newResponse).outputFields as Array<{
    key: string;
    label: string;
  }>;
  const labels = new Map(fields.map((field) => [field.key, field.label]));
  for (const key of SHOWN) show(`  ${labels.get(key) ?? key}`, detractor[key]);
  const replay = await alert();
  show(
    'Same delivery again',
    replay.length ? 'fired twice (!)' : 'dropped: already processed for this zap',
  );

  const [change] = await performDelivery(
    walk,
    keys.triggers.segmentChanged,
    changeDelivery as ReceivedDelivery,
    zaps.changes,
    {},
  );
  if (change) {
    show(
      'Zap B fires with',
      `${String(change.email)}: ${String(change.segment_change)} (${String(change.direction)})`,
    );
  }
  return detractor;
};

/** Step 5. */
export const showCrmSteps = (detractor: Row) => {
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
};
