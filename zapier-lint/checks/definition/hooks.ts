/**
 * D: Definition, REST hook triggers (D006 D016 D017): a hook trigger has a polling fallback and
 * subscribes and unsubscribes itself (one that does not is a "static webhook").
 */
import type { Rule } from '../../context.js';
import { operations, type Action } from '../../definition.js';
import { isHidden, isHook } from '../../places.js';

/** A hook trigger without performSubscribe or performUnsubscribe: a static webhook. */
const isStaticHook = (trigger: Action): boolean =>
  isHook(trigger) && (!trigger.operation.performSubscribe || !trigger.operation.performUnsubscribe);

export const HOOK_RULES: Rule[] = [
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D006
    // "When users are setting up a hook-based (aka instant) Trigger, it's important to have a
    // polling fallback": performList fetches a real recent item as the test result.
    id: 'D006',
    title: 'REST Hook Trigger Needs a Polling URL',
    check: ({ app }) =>
      Object.entries(app.triggers ?? {})
        .filter(([, trigger]) => isHook(trigger) && !trigger.operation.performList)
        .map(([key]) => ({
          id: 'D006',
          place: `trigger ${key}`,
          rule: 'a hook trigger needs performList, so users test it with a real recent item',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D016
    // "Zapier doesn't allow integrations that are a single static hook with the availability of
    // Webhooks by Zapier." The integration's only visible operation is one static webhook.
    id: 'D016',
    title: 'Consists Only a Static Webhook',
    check: ({ app }) => {
      const visible = operations(app).filter(({ action }) => !isHidden(action));
      const [only] = visible;
      if (visible.length !== 1 || !only || only.kind !== 'trigger' || !isStaticHook(only.action))
        return [];
      return [
        {
          id: 'D016',
          place: `trigger ${only.key}`,
          rule: 'a single static webhook is not an integration (Webhooks by Zapier does it): add more triggers, searches or actions',
        },
      ];
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D017
    // "we no longer support adding new static webhook triggers to a public integration. Please
    // set up Subscribe and Unsubscribe requests for this trigger, or use a Polling trigger type."
    id: 'D017',
    title: 'Static Hook Is Discouraged',
    check: ({ app }) =>
      Object.entries(app.triggers ?? {})
        .filter(([, trigger]) => isStaticHook(trigger))
        .map(([key, trigger]) => ({
          id: 'D017',
          place: `trigger ${key}`,
          rule: `a hook trigger without ${[
            trigger.operation.performSubscribe ? '' : 'performSubscribe',
            trigger.operation.performUnsubscribe ? '' : 'performUnsubscribe',
          ]
            .filter(Boolean)
            .join(' and ')} is a static webhook, which public integrations no longer accept`,
        })),
  },
];
