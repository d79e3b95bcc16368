/**
 * Out-of-order and repeated deliveries: with the sandbox shuffling its deliveries, several events
 * reach Zapier's side in another order than they happened; each fires exactly once, and a repeat
 * of any of them (same webhook-id) is dropped by the per-subscription dedupe.
 */
import { KEYS } from '../../fields/keys.js';
import { conformanceProblems, hookBundle, installNxCache, op, useE2E } from './helpers.js';
import type { E2E, Rec } from './helpers.js';

const EVENTS = 10;

let e2e: E2E;
let surveyId = '';

useE2E(
  (started, firstSurvey) => {
    e2e = started;
    surveyId = firstSurvey;
  },
  { shuffleDeliveries: true },
);

describe('shuffled deliveries', () => {
  test('several events arrive out of order and each fires once', async () => {
    installNxCache();
    const trigger = op('triggers', KEYS.triggers.newResponse);
    const url = e2e.receiver.url('shuffled');
    const inputData = { wait_for_themes: false };
    const subscribeData = await e2e.run<Rec>(trigger.performSubscribe, {
      targetUrl: url,
      inputData,
    });

    const submitted: string[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const response = e2e.sandbox.submitResponse({
        survey_id: surveyId,
        score: i % 11,
        contact: { email: `shuffled.${i}@example.com` },
      });
      submitted.push(String(response.id));
    }
    await e2e.sandbox.settle();
    const deliveries = await e2e.receiver.waitFor(EVENTS, { timeoutMs: 5000 });
    const arrived = deliveries.map(
      (d) => (JSON.parse(d.content) as { data: { response: { id: string } } }).data.response.id,
    );
    expect([...arrived].sort()).toEqual([...submitted].sort());
    expect(arrived).not.toEqual(submitted);

    const fired: string[] = [];
    for (const delivery of deliveries) {
      const items = await e2e.run<Rec[]>(
        trigger.perform,
        hookBundle(delivery, subscribeData, inputData),
      );
      fired.push(...items.map((item) => String(item.id)));
    }
    expect(fired).toEqual(arrived);

    // Every one delivered again (at least once), in yet another order: nothing fires twice.
    for (const delivery of [...deliveries].reverse()) {
      const items = await e2e.run<Rec[]>(
        trigger.perform,
        hookBundle(delivery, subscribeData, inputData),
      );
      expect(items).toEqual([]);
    }
    await e2e.run(trigger.performUnsubscribe, { subscribeData, inputData });
  });

  test('every answer and webhook body of this suite matches the contract', () => {
    expect(conformanceProblems(e2e.sandbox)).toEqual([]);
  });
});
