/**
 * Requests per operation, counted from the sandbox's request log: each operation runs through
 * appTester against a fresh sandbox and the log entries it added are counted (with what they
 * were, e.g. "GET /contacts, POST /contacts/{id}/unsubscribe"). Expected counts are issue 7's;
 * issue 12 adds the dynamic fields (GET /contact-properties, 1 per field load) and checks that no
 * trigger's hook perform makes a request, CRM theme mapping included; issue 16 adds a typed write
 * without the fields' meta (one GET /contact-properties, then cached). The hook performs, which
 * must make no request at all, are counted in ./requests-hooks.ts.
 */
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import addNote from '../creates/add_note.js';
import cancelInvitation from '../creates/cancel_invitation.js';
import recordResponse from '../creates/record_response.js';
import sendSurvey from '../creates/send_survey.js';
import unsubscribeContact from '../creates/unsubscribe_contact.js';
import updateResponse from '../creates/update_response.js';
import upsertContact from '../creates/upsert_contact.js';
import findContact from '../searches/find_contact.js';
import findResponse from '../searches/find_response.js';
import npsReport from '../searches/nps_report.js';
import newResponse from '../triggers/new_response.js';
import { contactOutputFieldsWithProperties } from '../records/contact.js';
import survey from '../triggers/survey.js';
import theme from '../triggers/theme.js';
import authentication from '../authentication.js';
import { ops, installSeams, liveAuth, runWith } from './harness.js';
import { countHookPerforms, type Count, type HookResponse } from './requests-hooks.js';

export interface RequestCount {
  operation: string;
  expected: string;
  /** Allowed counts; measured must be one of them. */
  allowed: number[];
  measured: number;
  requests: string;
  ok: boolean;
}

interface Contact {
  id: string;
  email: string | null;
  crm_ids: { salesforce_contact_id?: string | null };
}

const api = async <T>(sandbox: Sandbox, path: string): Promise<T> => {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${sandbox.keys.live}` },
  });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
};

/** /v1/contacts/con_1/unsubscribe → /contacts/{id}/unsubscribe */
const template = (path: string): string =>
  path
    .replace(/^\/v1/, '')
    .split('/')
    .map((part, i) => (i > 1 && /_/.test(part) ? '{id}' : part))
    .join('/');

export const requestCounts = async (): Promise<RequestCount[]> => {
  const sandbox = await startSandbox({ rateLimitPerMinute: 1_000_000, analysisDelayMs: 0 });
  try {
    process.env.NPS_API_BASE_URL = sandbox.baseUrl;
    const { cursor } = installSeams();
    const authData = liveAuth(sandbox.keys.live);

    // Real ids from the seeded workspace (these look-ups are not counted).
    const surveys = await api<{ data: Array<{ id: string }> }>(sandbox, '/surveys?limit=5');
    const surveyId = surveys.data[0]?.id ?? '';
    const contacts = await api<{ data: Contact[] }>(sandbox, '/contacts?limit=100');
    const crmContact = contacts.data.find((c) => c.email && c.crm_ids.salesforce_contact_id);
    if (!surveyId || !crmContact?.email) throw new Error('the sandbox seed has no usable contact');
    const sfId = crmContact.crm_ids.salesforce_contact_id as string;
    const responses = await api<{ data: Array<{ id: string }> }>(sandbox, '/responses?limit=1');
    const responseId = responses.data[0]?.id ?? '';
    const fullResponse = await api<HookResponse>(sandbox, `/responses/${responseId}`);

    const rows: RequestCount[] = [];
    const count: Count = async (operation, expected, allowed, run) => {
      const before = sandbox.requestLog().length;
      await run();
      const added = sandbox.requestLog().slice(before);
      rows.push({
        operation,
        expected,
        allowed,
        measured: added.length,
        requests: added.map((entry) => `${entry.method} ${template(entry.path)}`).join(', '),
        ok: allowed.includes(added.length),
      });
    };
    const perform = (definition: { operation: { perform?: unknown } }, inputData: object) =>
      runWith(definition.operation.perform, { authData, inputData });

    await countHookPerforms({ count, authData, surveyId, response: fullResponse });
    for (const page of [0, 1, 2]) {
      await count(`new_response performList, page ${page + 1}`, '1 per page', [1], () =>
        runWith(ops(newResponse).performList, {
          authData,
          inputData: { wait_for_themes: false },
          meta: { page, isLoadingSample: false },
        }),
      );
    }
    cursor.value = null;
    await count('new_response subscribe', '1', [1], () =>
      runWith(ops(newResponse).performSubscribe, {
        authData,
        inputData: {},
        targetUrl: 'http://127.0.0.1:9/hooks/other',
      }),
    );
    await count('survey (dropdown)', '1', [1], () =>
      runWith(ops(survey).perform, { authData, inputData: {}, meta: { page: 0 } }),
    );
    await count('theme (dropdown)', '1', [1], () =>
      runWith(ops(theme).perform, { authData, inputData: {}, meta: { page: 0 } }),
    );
    // Dynamic fields: GET /contact-properties, once per load of a step's form or output fields.
    const lastInput = (definition: { operation: { inputFields?: unknown } }) =>
      (definition.operation.inputFields as unknown[]).at(-1);
    for (const [name, definition] of [
      ['upsert_contact', upsertContact],
      ['send_survey', sendSurvey],
      ['record_response', recordResponse],
    ] as const) {
      await count(`${name} typed property fields (load)`, '1 per load', [1], async () => {
        const fields = (await runWith(lastInput(definition), { authData, inputData: {} })) as [];
        if (!fields.length) throw new Error(`${name} loaded no typed property fields`);
      });
    }
    const dynamicOutput = (fields: unknown[]) => fields.find((f) => typeof f === 'function');
    await count('contact output fields (load)', '1 per load', [1], () =>
      runWith(dynamicOutput(contactOutputFieldsWithProperties()), { authData, inputData: {} }),
    );
    await count('response output fields (load)', '1 per load', [1], () =>
      runWith(dynamicOutput(newResponse.operation.outputFields as unknown[]), {
        authData,
        inputData: {},
      }),
    );
    await count('authentication test', '1', [1], () =>
      runWith(authentication.test, { authData, inputData: {} }),
    );
    await count('find_contact', '1', [1], () =>
      perform(findContact, { identity_key: 'email', identity_value: crmContact.email }),
    );
    await count('upsert_contact', '1', [1], () =>
      perform(upsertContact, {
        identity_key: 'email',
        identity_value: 'bench.upsert@example.com',
        name: 'Bench Upsert',
      }),
    );
    await count(
      'search-or-create (find_contact miss → upsert_contact)',
      '≤ 2',
      [1, 2],
      async () => {
        const found = (await perform(findContact, {
          identity_key: 'email',
          identity_value: 'bench.new@example.com',
        })) as unknown[];
        if (!found.length) {
          await perform(upsertContact, {
            identity_key: 'email',
            identity_value: 'bench.new@example.com',
            name: 'Bench New',
          });
        }
      },
    );
    await count('search-or-create (find_contact hit)', '≤ 2', [1, 2], () =>
      perform(findContact, { identity_key: 'email', identity_value: crmContact.email }),
    );
    // The typed fields' meta comes from a field load (not counted here: its own row above).
    const typedFields = (await runWith(lastInput(upsertContact), {
      authData,
      inputData: {},
    })) as Array<{ key: string; meta?: object }>;
    await count('upsert_contact with typed properties', '1', [1], () =>
      runWith(upsertContact.operation.perform, {
        authData,
        inputData: {
          identity_key: 'email',
          identity_value: 'bench.typed@example.com',
          property__seats: '12',
          property__plan: 'pro',
        },
        meta: { inputFields: Object.fromEntries(typedFields.map((f) => [f.key, f.meta ?? {}])) },
      }),
    );
    // Without the fields' meta (zapier-platform invoke, a zap saved before fields carried their
    // type) the types are looked up once per connection, then read from z.cache (issue 16).
    const noMeta = () =>
      runWith(upsertContact.operation.perform, {
        authData,
        inputData: {
          identity_key: 'email',
          identity_value: 'bench.typed.nometa@example.com',
          property__seats: '12',
          property__plan: 'pro',
        },
      });
    await count('upsert_contact with typed properties, without meta', '2 (look-up)', [2], noMeta);
    await count(
      'upsert_contact with typed properties, without meta, again',
      '1 (cached)',
      [1],
      noMeta,
    );
    await count('send_survey', '1', [1], () =>
      perform(sendSurvey, { survey_id: surveyId, email: 'bench.survey@example.com' }),
    );
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const scheduled = (await perform(sendSurvey, {
      survey_id: surveyId,
      email: 'bench.cancel@example.com',
      send_at: later,
    })) as { id: string };
    await count('cancel_invitation (scheduled)', '1', [1], () =>
      perform(cancelInvitation, { invitation_id: scheduled.id }),
    );
    const sentNow = (await perform(sendSurvey, {
      survey_id: surveyId,
      email: 'bench.sent@example.com',
    })) as { id: string };
    sandbox.sendDueInvitations();
    await count('cancel_invitation (already sent: halted, status read)', '2', [2], () =>
      perform(cancelInvitation, { invitation_id: sentNow.id }).catch((error: Error) => {
        if (error.name !== 'HaltedError') throw error;
      }),
    );
    await count('record_response', '1', [1], () =>
      perform(recordResponse, {
        survey_id: surveyId,
        score: '9',
        email: 'bench.record@example.com',
        comment: 'Recorded by the benchmark',
      }),
    );
    await count('update_response', '1', [1], () =>
      perform(updateResponse, { response_id: responseId, add_tags: ['bench'] }),
    );
    await count('add_note', '1', [1], () =>
      perform(addNote, { response_id: responseId, body: 'A note from the benchmark' }),
    );
    await count('unsubscribe_contact', '2', [2], () =>
      perform(unsubscribeContact, { identity_key: 'email', identity_value: crmContact.email }),
    );
    await count('find_response by response_id', '1', [1], () =>
      perform(findResponse, { response_id: responseId }),
    );
    await count('find_response by email', '1', [1], () =>
      perform(findResponse, { identity_key: 'email', identity_value: crmContact.email }),
    );
    await count('find_response by CRM id', '2', [2], () =>
      perform(findResponse, { identity_key: 'salesforce_contact_id', identity_value: sfId }),
    );
    await count('nps_report with comparison', '2', [2], () =>
      perform(npsReport, { period: 'last_30_days', compare_previous: true, timezone: 'UTC' }),
    );
    await count('nps_report without comparison', '1', [1], () =>
      perform(npsReport, { period: 'last_30_days', compare_previous: false, timezone: 'UTC' }),
    );
    await count('nps_report with comparison and daily breakdown', '2', [2], () =>
      perform(npsReport, {
        period: 'last_7_days',
        compare_previous: true,
        group_by: 'day',
        timezone: 'UTC',
      }),
    );
    return rows;
  } finally {
    await sandbox.close();
  }
};
