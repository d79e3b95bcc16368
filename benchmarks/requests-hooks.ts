/**
 * The hook performs of every instant trigger, each on one signed delivery: none may make a
 * request, with the CRM theme inputs set too (issue 12). Counted by ./requests.ts.
 */
import { Webhook } from 'standardwebhooks';
import { hookRequest } from '../sandbox/zapier-side.js';
import invitationFailed from '../triggers/invitation_failed.js';
import newResponse from '../triggers/new_response.js';
import responseUpdated from '../triggers/response_updated.js';
import segmentChanged from '../triggers/segment_changed.js';
import { ops, runWith } from './harness.js';

/** Runs `run` and records how many requests it made against what is allowed. */
export type Count = (
  operation: string,
  expected: string,
  allowed: number[],
  run: () => Promise<unknown>,
) => Promise<void>;

/** A response of the seeded workspace, as GET /responses/{id} answers it. */
export type HookResponse = { id: string; contact: { id: string } };

interface HookRun {
  count: Count;
  authData: object;
  surveyId: string;
  response: HookResponse;
}

const CRM_THEMES = {
  crm_theme_values: ['Customer Support', 'Pricing', 'Other'],
  theme_mapping: { 'Customer support': 'Customer Support' },
  other_theme_value: 'Other',
};

export const countHookPerforms = async ({ count, authData, surveyId, response }: HookRun) => {
  // Subscribe (not counted): the secret signs the deliveries below.
  const webhook = (await runWith(ops(newResponse).performSubscribe, {
    authData,
    inputData: { wait_for_themes: false },
    targetUrl: 'http://127.0.0.1:9/hooks/never-called',
  })) as { id: string; secret: string };
  const at = new Date();
  /** One delivery of `data` as event `type`, signed, through the trigger's hook perform. */
  const deliver = (trigger: { operation: unknown }, id: string, type: string, data: object) => {
    const body = JSON.stringify({ id, type, created_at: at.toISOString(), data });
    return (inputData: object) =>
      runWith(ops(trigger).perform, {
        authData,
        inputData,
        subscribeData: { id: webhook.id, secret: webhook.secret },
        ...hookRequest({
          headers: {
            'webhook-id': id,
            'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
            'webhook-signature': new Webhook(webhook.secret).sign(id, at, body),
          },
          content: body,
        }),
      }) as Promise<Array<{ themes_crm?: string }>>;
  };

  const created = deliver(newResponse, 'evt_bench_1', 'response.created', { response });
  await count('new_response perform (hook)', '0', [0], async () => {
    if ((await created({ wait_for_themes: false })).length !== 1)
      throw new Error('the hook delivery output nothing');
  });

  // Every instant trigger's hook perform, with the CRM theme inputs set: no request at all.
  const withThemes: Array<[string, ReturnType<typeof deliver>, object]> = [
    [
      'new_response',
      deliver(newResponse, 'evt_bench_crm_new_response', 'response.created', { response }),
      { wait_for_themes: false },
    ],
    [
      'segment_changed',
      deliver(segmentChanged, 'evt_bench_crm_segment_changed', 'contact.segment_changed', {
        contact: response.contact,
        previous_segment: 'promoter',
        segment: 'detractor',
        response: { ...response, score: 2, segment: 'detractor' },
      }),
      {},
    ],
    [
      'response_updated',
      deliver(responseUpdated, 'evt_bench_crm_response_updated', 'response.updated', {
        response,
        previous_attributes: { tags: [] },
        source: { type: 'app', key_id: null },
      }),
      { ignore_own_changes: false },
    ],
  ];
  for (const [name, delivery, input] of withThemes) {
    await count(`${name} perform (hook, CRM theme mapping)`, '0', [0], async () => {
      const items = await delivery({ ...input, ...CRM_THEMES });
      if (items.length !== 1 || items[0]?.themes_crm === undefined) {
        throw new Error(`the ${name} delivery output no mapped record`);
      }
    });
  }

  // Survey Not Delivered (1.3): its hook perform makes no request either.
  const failed = deliver(invitationFailed, 'evt_bench_failed', 'invitation.failed', {
    invitation: {
      id: 'inv_bench',
      survey_id: surveyId,
      contact_id: response.contact.id,
      channel: 'email',
      status: 'failed',
      skip_reason: null,
      send_at: at.toISOString(),
      created_at: at.toISOString(),
      failed_at: at.toISOString(),
      failure_reason: 'bounced',
      test: false,
    },
    contact: response.contact,
  });
  await count('invitation_failed perform (hook)', '0', [0], async () => {
    if ((await failed({})).length !== 1)
      throw new Error('the invitation.failed delivery output nothing');
  });
};
