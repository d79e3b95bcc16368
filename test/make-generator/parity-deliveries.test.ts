/**
 * Parity between the Zapier app and the Make app (make/) at run time: for the same sandbox event,
 * the Make instant trigger (run by the local IML runner) outputs what the Zapier trigger
 * (appTester, as test/e2e does) outputs, on every key both have. Each platform gets its own
 * subscription; the sandbox signs and delivers the same event to both, and the two records are
 * matched by event id. The invitation actions give the Zapier app's record of the same answer.
 * The definitions: ./parity.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { KEYS } from '../../fields/keys.js';
import type { Invitation } from '../../client/schemas.js';
import { toInvitationRecord } from '../../records/invitation.js';
import {
  attachWebhook,
  detachWebhook,
  loadMakeApp,
  runInstantTrigger,
  runModule,
} from '../../iml-runtime/runner.js';
import type { App } from '../../iml-runtime/runner.js';
import type { ReceivedDelivery } from '../../sandbox/zapier-side.js';
import { hookBundle, installNxCache, op, startE2E, type E2E, type Rec } from '../e2e/helpers.js';

const MAKE_DIR = fileURLToPath(new URL('../../make', import.meta.url));
const T = KEYS.triggers;
const C = KEYS.creates;
const EMAIL = 'parity@example.com';
const CRM = {
  salesforce_contact_id: '003PARITY0001',
  hubspot_contact_id: '3131',
  pipedrive_person_id: 777,
};

let e2e: E2E;
let app: App;
let connection: Rec;
let surveyId = '';

beforeAll(async () => {
  // AI analysis a little after the answer, so "at once" triggers run before the themes exist.
  e2e = await startE2E({ analysisDelayMs: 1500 });
  e2e.receiver.onDelivery(onDelivery);
  installNxCache();
  app = await loadMakeApp(MAKE_DIR);
  app.common = { ...app.common, api_base_url: e2e.sandbox.baseUrl };
  connection = { ...e2e.authData };
  const surveys = await e2e.run<Rec[]>(op('triggers', T.survey).perform);
  surveyId = String(surveys[0]?.id);
});

afterAll(async () => {
  await e2e.close();
});

interface Pair {
  zapierKey: string;
  makeModule: string;
  makeWebhook: string;
  inputs: Rec;
  zapier: { url: string; data: Rec };
  make: { url: string; data: Rec };
}

const subscribeBoth = async (
  name: string,
  zapierKey: string,
  makeModule: string,
  makeWebhook: string,
  inputs: Rec,
): Promise<Pair> => {
  const zapierUrl = e2e.receiver.url(`zapier-${name}`);
  const zapierData = await e2e.run<Rec>(op('triggers', zapierKey).performSubscribe, {
    targetUrl: zapierUrl,
    inputData: inputs,
  });
  const makeUrl = e2e.receiver.url(`make-${name}`);
  const attached = await attachWebhook(app, makeWebhook, {
    parameters: inputs,
    connection,
    webhookUrl: makeUrl,
  });
  const pair: Pair = {
    zapierKey,
    makeModule,
    makeWebhook,
    inputs,
    zapier: { url: zapierUrl, data: zapierData },
    make: { url: makeUrl, data: attached.data ?? {} },
  };
  zapierRecords.set(zapierUrl, new Map());
  makeRecords.set(makeUrl, new Map());
  pairsByPath.set(new URL(zapierUrl).pathname, { pair, platform: 'zapier' });
  pairsByPath.set(new URL(makeUrl).pathname, { pair, platform: 'make' });
  return pair;
};

const eventId = (content: string): string => (JSON.parse(content) as { id: string }).id;

/**
 * Each platform runs its trigger the moment its delivery arrives, as both do live: Zapier maps the
 * delivered event, Make reads the object back from the API (fetch-back, see make-generator), so
 * both see the platform as it was at the event.
 */
const zapierRecords = new Map<string, Map<string, Rec[]>>();
const makeRecords = new Map<string, Map<string, Rec[]>>();
const pending: Promise<unknown>[] = [];
const pairsByPath = new Map<string, { pair: Pair; platform: 'zapier' | 'make' }>();

const onDelivery = (delivery: ReceivedDelivery) => {
  const target = pairsByPath.get(delivery.path);
  if (!target) return;
  const { pair, platform } = target;
  const id = eventId(delivery.content);
  pending.push(
    (async () => {
      if (platform === 'zapier') {
        const records = await e2e.run<Rec[]>(
          op('triggers', pair.zapierKey).perform,
          hookBundle(delivery, pair.zapier.data, pair.inputs),
        );
        zapierRecords.get(pair.zapier.url)?.set(id, records);
      } else {
        const result = await runInstantTrigger(app, pair.makeModule, {
          delivery: { body: JSON.parse(delivery.content), headers: delivery.headers },
          parameters: pair.inputs,
          connection,
          webhook: pair.make.data,
        });
        makeRecords.get(pair.make.url)?.set(id, result.outputs as Rec[]);
      }
    })(),
  );
};

/** Waits until every delivery so far is in and both platforms have run it. */
const settled = async () => {
  await e2e.sandbox.settle();
  await Promise.all(pending);
};

const recordsOf = (pair: Pair) => ({
  zapier: zapierRecords.get(pair.zapier.url) ?? new Map<string, Rec[]>(),
  make: makeRecords.get(pair.make.url) ?? new Map<string, Rec[]>(),
});

/**
 * Make leaves a key out where Zapier writes null: both mean "no value". A date-time is the same
 * instant: Make shows it parsed (`…:31.000Z`, its ISO form), Zapier passes the API's text (`…:31Z`).
 */
const normal = (value: unknown, type?: unknown): unknown =>
  value === undefined
    ? null
    : type === 'date' && typeof value === 'string'
      ? new Date(Date.parse(value)).toISOString()
      : value;

/** Every key of the Zapier record that the Make module's interface declares, compared. */
const expectParity = async (pair: Pair, expectedEvents: number) => {
  const { zapier, make } = recordsOf(pair);
  expect([...make.keys()].sort()).toEqual([...zapier.keys()].sort());
  expect(zapier.size).toBe(expectedEvents);
  const fields = (app.modules[pair.makeModule]?.interface ?? []) as {
    name: string;
    type: string;
  }[];
  const declared = new Set(fields.map((p) => p.name));
  const typeOf = (key: string) => fields.find((f) => f.name === key)?.type;
  let compared = 0;
  for (const [id, zapierRecords] of zapier) {
    const makeRecords = make.get(id) ?? [];
    expect(makeRecords).toHaveLength(zapierRecords.length);
    zapierRecords.forEach((zapierRecord, index) => {
      const makeRecord = makeRecords[index] ?? {};
      const shared = Object.keys(zapierRecord).filter((key) => declared.has(key));
      expect(shared.length).toBeGreaterThan(15);
      const left = Object.fromEntries(
        shared.map((key) => [key, normal(zapierRecord[key], typeOf(key))]),
      );
      const right = Object.fromEntries(
        shared.map((key) => [key, normal(makeRecord[key], typeOf(key))]),
      );
      expect({ event: id, record: right }).toEqual({ event: id, record: left });
      compared++;
    });
  }
  return compared;
};

const submit = (score: number, comment: string, contact: Rec = {}) =>
  e2e.sandbox.submitResponse({
    survey_id: surveyId,
    score,
    comment,
    contact: {
      email: EMAIL,
      name: 'Parity Tester',
      customer_id: 'cus_parity',
      crm_ids: CRM,
      ...contact,
    },
  });

describe('Make instant triggers output the Zapier trigger records for the same events', () => {
  const pairs: Record<string, Pair> = {};

  test('subscribe both platforms and produce events of every kind', async () => {
    pairs.analyzed = await subscribeBoth(
      'analyzed',
      T.newResponse,
      'watchNewResponses',
      'newResponse',
      {
        label_language: 'es',
      },
    );
    pairs.created = await subscribeBoth(
      'created',
      T.newResponse,
      'watchNewResponses',
      'newResponse',
      {
        wait_for_themes: false,
        label_language: 'pt',
      },
    );
    pairs.segment = await subscribeBoth(
      'segment',
      T.segmentChanged,
      'watchSegmentChanges',
      'segmentChanged',
      {
        label_language: 'fr',
      },
    );
    pairs.updated = await subscribeBoth(
      'updated',
      T.responseUpdated,
      'watchUpdatedResponses',
      'responseUpdated',
      { ignore_own_changes: false },
    );
    pairs.failed = await subscribeBoth(
      'failed',
      T.invitationFailed,
      'watchFailedInvitations',
      'invitationFailed',
      { survey_id: surveyId },
    );
    pairs.unsub = await subscribeBoth(
      'unsub',
      T.contactUnsubscribed,
      'watchUnsubscribes',
      'contactUnsubscribed',
      {},
    );

    // One at a time, as customers answer: each event is handled before the next changes the contact.
    submit(10, 'Reporting; dashboards save hours.');
    await settled();
    submit(8, 'Fine overall.');
    await settled();
    const detractor = submit(3, 'Support is slow and the price is too high.', {
      account_number: 'AC-1',
    });
    await settled();
    await runModule(app, 'updateResponse', {
      parameters: { response_id: detractor.id, follow_up_status: 'open', add_tags: ['escalated'] },
      connection,
    });
    // A survey sent to an address that bounces: invitation.failed.
    await runModule(app, 'sendSurvey', {
      parameters: {
        survey_id: surveyId,
        email: 'parity.bounce@bounce.example',
        customer_id: 'cus_parity_bounce',
        name: 'Parity Bounce',
        channel: 'email',
      },
      connection,
    });
    await runModule(app, 'unsubscribeContact', {
      parameters: { identity_key: 'email', identity_value: EMAIL },
      connection,
    });
    await settled();
  });

  test.each([
    ['New NPS Response (waiting for AI themes): same record', 'analyzed', 3],
    ['New NPS Response (at once, no themes): same record', 'created', 3],
    ['Contact Segment Changed: same record, labels and direction', 'segment', 2],
    ['Updated Response: same record, changed fields and previous status', 'updated', 1],
    ['Contact Unsubscribed: same record', 'unsub', 1],
    ['Survey Not Delivered: same record', 'failed', 1],
  ])('%s', async (_name, pair, events) => {
    expect(await expectParity(pairs[pair]!, events)).toBe(events);
  });

  test('Send an NPS Survey and Cancel a Scheduled Survey: the Zapier record of the same invitation', async () => {
    /** A record with its dates as instants, by the module's interface types. */
    const comparable = (module: string, record: unknown) => {
      const fields = (app.modules[module]?.interface ?? []) as { name: string; type: string }[];
      return Object.fromEntries(
        Object.entries(record as Rec).map(([key, value]) => [
          key,
          normal(value, fields.find((f) => f.name === key)?.type),
        ]),
      );
    };
    const sent = await runModule(app, 'sendSurvey', {
      parameters: {
        survey_id: surveyId,
        email: 'parity.later@example.com',
        channel: 'email',
        send_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
      connection,
    });
    // The Zapier app's record of the answer Make got.
    const answer = sent.log.at(-1)?.response?.body as Invitation;
    expect(comparable('sendSurvey', sent.outputs[0])).toEqual(
      comparable('sendSurvey', toInvitationRecord(answer)),
    );
    // Zapier cancels it; Make cancels it again (already canceled: the same record).
    const id = String(answer.id);
    const zapier = await e2e.step<Rec>('creates', C.cancelInvitation, { invitation_id: id });
    const make = await runModule(app, 'cancelInvitation', {
      parameters: { invitation_id: id },
      connection,
    });
    expect(zapier).toMatchObject({ id, status: 'canceled', scheduled: false });
    expect(Object.keys(make.outputs[0] as Rec).sort()).toEqual(Object.keys(zapier).sort());
    expect(comparable('cancelInvitation', make.outputs[0])).toEqual(
      comparable('cancelInvitation', zapier),
    );
  });

  test('detach and unsubscribe both', async () => {
    for (const pair of Object.values(pairs)) {
      await detachWebhook(app, pair.makeWebhook, {
        parameters: pair.inputs,
        connection,
        webhook: pair.make.data,
      });
      await e2e.run(op('triggers', pair.zapierKey).performUnsubscribe, {
        subscribeData: pair.zapier.data,
        inputData: pair.inputs,
      });
    }
  });
});
