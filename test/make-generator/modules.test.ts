/**
 * The generated Make app (make/) run by the local IML interpreter and runner
 * (iml-runtime/) against the sandbox over real HTTP: connection verify, attach/detach,
 * each search and action with its exact request, the RPCs, "Make an API Call", each instant
 * trigger from a real signed sandbox delivery, and a static check that every IML function the
 * files call is one the interpreter implements (from Make's built-in list).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import type { NpsResponse } from '../../client/schemas.js';
import { toResponseRecord } from '../../records/response.js';
import { responseLabel } from '../../triggers/response.js';
import {
  parseExpression,
  splitTemplate,
  unimplementedFunctionsIn,
  type Node,
} from '../../iml-runtime/iml.js';
import {
  checkInterface,
  attachWebhook,
  detachWebhook,
  ERASE,
  loadMakeApp,
  MAKE_DATE_TIME,
  runInstantTrigger,
  runModule,
  runRpc,
  verifyConnection,
  type App,
  type Rec,
  type RunResult,
  type SentRequest,
} from '../../iml-runtime/runner.js';
import { readDay, readYesNo } from '../../lib/typed.js';
import { DATE_PATTERN } from '../../make-generator/iml.js';
import { startSandbox, type Sandbox, type SubmitResponseInput } from '../../sandbox/server.js';
import { startReceiver, type Receiver } from '../../sandbox/zapier-side.js';

const MAKE_DIR = fileURLToPath(new URL('../../make', import.meta.url));
const EMAIL = 'make.modules@example.com';
const CRM = {
  salesforce_contact_id: '003MAKE000001',
  hubspot_contact_id: '7007',
  pipedrive_person_id: 5150,
};

let sandbox: Sandbox;
let receiver: Receiver;
let app: App;
let connection: Rec;
let surveyId = '';
/** What listContactPropertyFields answers: the typed fields Make shows and validates. */
let typedFields: unknown[] = [];

/** The Make app as deployed, with the base URL override (common data) pointed at the sandbox. */
const loadApp = async (baseUrl: string): Promise<App> => {
  const loaded = await loadMakeApp(MAKE_DIR);
  loaded.common = { ...loaded.common, api_base_url: baseUrl };
  for (const conn of Object.values(loaded.connections)) {
    conn.common = { ...(conn.common as Rec | undefined), api_base_url: baseUrl };
  }
  return loaded;
};

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sandbox = await startSandbox({ analysisDelayMs: 30, retryScale: 0.0002 });
  receiver = await startReceiver();
  app = await loadApp(sandbox.baseUrl);
  connection = { api_key: sandbox.keys.live, region: 'us' };
  const surveys = await runRpc(app, 'listSurveys', { parameters: {}, connection });
  surveyId = String((surveys.outputs[0] as Rec).value);
  typedFields = (await runRpc(app, 'listContactPropertyFields', { parameters: {}, connection }))
    .outputs;
});

afterAll(async () => {
  await receiver.close();
  await sandbox.close();
});

const submit = (score: number, comment: string, extra: Partial<SubmitResponseInput> = {}) =>
  sandbox.submitResponse({
    survey_id: surveyId,
    score,
    comment,
    contact: { email: EMAIL, name: 'Make Tester', customer_id: 'cus_make_1', crm_ids: CRM },
    ...extra,
  });

/** The request as the API saw it: method, path without the base, query, JSON body, key. */
const seen = (request: SentRequest | undefined) => {
  if (!request) throw new Error('no request was sent');
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname.replace(new URL(sandbox.baseUrl).pathname, ''),
    query: Object.fromEntries(url.searchParams),
    body: request.json,
    idempotencyKey: request.headers['Idempotency-Key'] ?? request.headers['idempotency-key'],
    authorization: request.headers.Authorization ?? request.headers.authorization,
  };
};

/** A GET on the API with the live key, as JSON. */
const api = async <T>(path: string): Promise<T> =>
  (await (
    await fetch(`${sandbox.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${sandbox.keys.live}` },
    })
  ).json()) as T;

/** Every item of a list, following next_cursor (at most `max`). */
const apiAll = async <T>(path: string, max = Infinity): Promise<T[]> => {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { data: T[]; next_cursor: string | null } = await api(
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor && out.length < max);
  return out.slice(0, max);
};

/** Every output bundle holds only what the module's interface declares, with the declared types. */
const expectInterface = (id: string, outputs: unknown[]) => {
  for (const output of outputs) {
    expect(checkInterface(output, app.modules[id]?.interface)).toEqual([]);
  }
};

/** A module run as Make runs it: its parameters validated (typed fields as the RPC gives them). */
const run = async (id: string, parameters: Rec): Promise<RunResult> => {
  const result = await runModule(app, id, {
    parameters,
    connection,
    rpcFields: { 'rpc://listContactPropertyFields': typedFields },
  });
  expectInterface(id, result.outputs);
  return result;
};

const errorOf = async (promise: Promise<unknown>): Promise<Error & { type?: string }> => {
  try {
    await promise;
  } catch (error) {
    return error as Error & { type?: string };
  }
  throw new Error('expected the module to fail');
};

// ---------------------------------------------------------------- static check

const jsonFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return path.endsWith('.json') ? [path] : [];
  });

describe('IML functions', () => {
  it('every function the generated files call is implemented by the interpreter', () => {
    const files = jsonFiles(MAKE_DIR);
    expect(files.length).toBeGreaterThan(50);
    const missing = files.flatMap((file) =>
      unimplementedFunctionsIn(JSON.parse(readFileSync(file, 'utf8'))).map(
        (name) => `${file}: ${name}()`,
      ),
    );
    expect(missing).toEqual([]);
  });

  it('a file calling a function the interpreter lacks is reported', () => {
    expect(unimplementedFunctionsIn({ output: '{{toSlug(body.name)}}' })).toEqual(['toSlug']);
  });
});

// ---------------------------------------------------------------- connection, base, RPCs

describe('connection nps', () => {
  it('is verified with GET /me and labelled with the workspace name and key mode', async () => {
    const result = await verifyConnection(app, 'nps', { parameters: connection });
    expect(seen(result.requests[0])).toMatchObject({
      method: 'GET',
      path: '/me',
      authorization: `Bearer ${sandbox.keys.live}`,
    });
    expect(result.metadata).toEqual({ type: 'text', value: `${sandbox.workspace.name} (live)` });
    expect(JSON.stringify(result.log)).not.toContain(sandbox.keys.live);
  });

  it('a key of the other region is refused with what to do', async () => {
    const error = await errorOf(
      verifyConnection(app, 'nps', {
        parameters: { api_key: sandbox.keys.otherRegion, region: 'us' },
      }),
    );
    expect(error.message).toMatch(/belongs to the EU region.*pick the EU region/);
    expect(error.message).not.toContain(sandbox.keys.otherRegion);
  });

  it('a wrong key says to reconnect with a valid key', async () => {
    const error = await errorOf(
      verifyConnection(app, 'nps', { parameters: { api_key: 'nps_live_wrong', region: 'us' } }),
    );
    expect(error.type).toBe('InvalidAccessTokenError');
    expect(error.message).toMatch(/did not accept the API key.*Reconnect/);
  });

  it('a key without the scope names the scope to add', async () => {
    const readOnly = { api_key: sandbox.createKey(['responses:read']), region: 'us' };
    const error = await errorOf(
      runModule(app, 'addNote', {
        parameters: { response_id: 'rsp_x', body: 'Called back.' },
        connection: readOnly,
      }),
    );
    expect(error.message).toMatch(/lacks the scope responses:write needed for this module/);
  });

  it('the base logs the Authorization header sanitized', async () => {
    const result = await run('findContact', { identity_key: 'email', identity_value: EMAIL });
    expect(result.log.length).toBeGreaterThan(0);
    for (const entry of result.log) {
      expect(JSON.stringify(entry.request.headers)).not.toContain(sandbox.keys.live);
    }
  });
});

describe('RPCs', () => {
  it('listSurveys and listThemes give the dropdown options of the workspace', async () => {
    const surveys = await runRpc(app, 'listSurveys', { parameters: {}, connection });
    expect(seen(surveys.requests[0])).toMatchObject({
      method: 'GET',
      path: '/surveys',
      query: { limit: '100' },
    });
    expect(surveys.outputs.length).toBeGreaterThan(0);
    for (const option of surveys.outputs) {
      expect(option).toEqual({ label: expect.any(String), value: expect.stringMatching(/^srv_/) });
    }
    const themes = await runRpc(app, 'listThemes', { parameters: {}, connection });
    expect(seen(themes.requests[0])).toMatchObject({ method: 'GET', path: '/themes' });
    expect(themes.outputs.length).toBeGreaterThan(0);
  });

  it('listThemeNames gives theme names as values; listResponses labels recent responses as the Zapier dropdown does', async () => {
    const themes = await apiAll<{ id: string; name: string }>('/themes');
    const names = await runRpc(app, 'listThemeNames', { parameters: {}, connection });
    expect(names.outputs).toEqual(themes.map((t) => ({ label: t.name, value: t.name })));

    // The newest 300 (Make's RPC guidance: 300-500 with pages of 100), page after page.
    const responses = await apiAll<NpsResponse>('/responses', 300);
    expect(responses.length).toBeGreaterThan(200);
    const recent = await runRpc(app, 'listResponses', { parameters: {}, connection });
    expect(seen(recent.requests[0])).toMatchObject({
      method: 'GET',
      path: '/responses',
      query: { limit: '100' },
    });
    expect(recent.requests.length).toBe(Math.ceil(responses.length / 100));
    expect(recent.outputs).toEqual(
      responses.map((r) => ({ label: responseLabel(r), value: r.id })),
    );
  });

  it('lists of more than one page: every theme and survey, following next_cursor, up to the RPC limit', async () => {
    // More than 100 themes: an update module adds them (an unknown theme name creates the theme).
    const [target] = (await apiAll<NpsResponse>('/responses', 1)) as [NpsResponse];
    const added = Array.from(
      { length: 120 },
      (_, i) => `Make paging theme ${String(i).padStart(3, '0')}`,
    );
    await run('updateResponse', { response_id: target.id, add_themes: added });
    const themes = await apiAll<{ id: string; name: string }>('/themes');
    expect(themes.length).toBeGreaterThan(120);
    for (const id of ['listThemes', 'listThemeNames'] as const) {
      const listed = await runRpc(app, id, { parameters: {}, connection });
      expect(listed.requests.map((r) => seen(r).query.cursor === undefined)).toEqual([
        true,
        ...Array.from({ length: Math.ceil(themes.length / 100) - 1 }, () => false),
      ]);
      expect(listed.outputs.map((o) => (o as Rec).label)).toEqual(themes.map((t) => t.name));
    }

    // 150 surveys, then 620: the contract's pages (limit, cursor, next_cursor) served for /surveys.
    const serveSurveys =
      (count: number): typeof fetch =>
      async (input, init) => {
        const url = new URL(String(input));
        if (!url.pathname.endsWith('/surveys')) return fetch(input, init);
        const limit = Number(url.searchParams.get('limit') ?? 25);
        const start = Number(url.searchParams.get('cursor') ?? 0);
        const data = Array.from(
          { length: Math.max(0, Math.min(limit, count - start)) },
          (_, i) => ({
            id: `srv_${start + i}`,
            name: `Survey ${start + i}`,
            status: 'active',
            question: 'How likely?',
            created_at: '2026-01-01T00:00:00Z',
          }),
        );
        const next = start + limit < count ? String(start + limit) : null;
        return new Response(JSON.stringify({ data, next_cursor: next }), {
          status: limit > 100 ? 400 : 200,
          headers: { 'content-type': 'application/json' },
        });
      };
    const surveys150 = await runRpc(app, 'listSurveys', {
      parameters: {},
      connection,
      fetch: serveSurveys(150),
    });
    expect(surveys150.outputs).toHaveLength(150);
    expect(surveys150.requests.map((r) => seen(r).query)).toEqual([
      { limit: '100' },
      { limit: '100', cursor: '100' },
    ]);
    const surveys620 = await runRpc(app, 'listSurveys', {
      parameters: {},
      connection,
      fetch: serveSurveys(620),
    });
    expect(surveys620.outputs).toHaveLength(500);
    expect(surveys620.requests).toHaveLength(5);
  });
});

/** Every IML expression node in a JSON value (all `{{…}}` of every string), depth first. */
const imlNodes = (value: unknown): Node[] => {
  const out: Node[] = [];
  const visitNode = (n: Node): void => {
    out.push(n);
    if (n.k === 'call') n.args.forEach(visitNode);
    else if (n.k === 'member') visitNode(n.obj);
    else if (n.k === 'index') [n.obj, n.index].forEach(visitNode);
    else if (n.k === 'unary') visitNode(n.arg);
    else if (n.k === 'binary') [n.left, n.right].forEach(visitNode);
  };
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.includes('{{'))
        for (const part of splitTemplate(v))
          if ('expr' in part) visitNode(parseExpression(part.expr));
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return out;
};

describe('IML forms: only the documented ones', () => {
  const nodes = jsonFiles(MAKE_DIR).flatMap((file) =>
    imlNodes(JSON.parse(readFileSync(file, 'utf8'))).map((node) => ({ file, node })),
  );
  const STRUCTURED = new Set(['tags', 'properties', 'typed_properties', 'add_tags', 'remove_tags']);

  it('an item is read with get(list; "1.id") or list[1].id, never a property of a call (get(list; 1).id)', () => {
    const found = nodes.filter(({ node }) => node.k === 'member' && node.obj.k === 'call');
    expect(found.map(({ file, node }) => `${file}: ${JSON.stringify(node)}`)).toEqual([]);
  });

  it('lists and collections become text with createJSON, never toString', () => {
    const found = nodes.filter(
      ({ node }) =>
        node.k === 'call' &&
        node.name === 'toString' &&
        node.args.some(
          (arg) =>
            (arg.k === 'member' && STRUCTURED.has(arg.prop)) ||
            (arg.k === 'call' && arg.args.some((a) => a.k === 'member' && STRUCTURED.has(a.prop))),
        ),
    );
    expect(found.map(({ file }) => file)).toEqual([]);
  });

  it('replace() searches with a regular expression (/…/g to replace every occurrence)', () => {
    const searches = nodes.flatMap(({ file, node }) =>
      node.k === 'call' && node.name === 'replace' && node.args[1]?.k === 'lit'
        ? [{ file, search: String(node.args[1].v) }]
        : [],
    );
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.filter(({ search }) => !/^\/.*\/[gimsuy]*$/.test(search))).toEqual([]);
    // The picklist replaces every `;` inside a theme name.
    expect(searches.map(({ search }) => search)).toContain('/;/g');
  });

  it('if() always has its three arguments, the only form Make documents', () => {
    const found = nodes.filter(
      ({ node }) => node.k === 'call' && node.name === 'if' && node.args.length !== 3,
    );
    expect(found.map(({ file, node }) => `${file}: ${JSON.stringify(node).slice(0, 120)}`)).toEqual(
      [],
    );
  });

  it('no string literal holds a backslash or an escape sequence (a newline is a real newline)', () => {
    // Every expression parsed above (the interpreter refuses a backslash in a string literal).
    expect(nodes.length).toBeGreaterThan(1000);
    const literals = nodes.flatMap(({ node }) =>
      node.k === 'lit' && typeof node.v === 'string' ? [node.v] : [],
    );
    expect(literals.filter((v) => v.includes('\\'))).toEqual([]);
    expect(literals.some((v) => v.includes('\n'))).toBe(true);
  });
});

/** The `parameters.<name>` an IML value reads, by name. */
const parametersRead = (value: unknown): string[] => [
  ...new Set(
    imlNodes(value).flatMap((node) =>
      node.k === 'member' && node.obj.k === 'var' && node.obj.name === 'parameters'
        ? [node.prop]
        : [],
    ),
  ),
];
/** Every parameter name a parameter list declares, nested ones included. */
const declaredNames = (params: unknown): string[] =>
  Array.isArray(params)
    ? params.flatMap((p: Rec) => [
        ...(typeof p.name === 'string' ? [p.name] : []),
        ...declaredNames(p.nested),
        ...(Array.isArray(p.options) ? p.options.flatMap((o: Rec) => declaredNames(o.nested)) : []),
      ])
    : [];

describe('every component reads only the parameters it declares', () => {
  it('webhooks: communication, attach and detach read the webhook’s own parameters', () => {
    for (const [id, hook] of Object.entries(app.webhooks)) {
      const declared = declaredNames(hook.params);
      for (const part of [hook.communication, hook.attach, hook.detach]) {
        expect([id, parametersRead(part).filter((name) => !declared.includes(name))]).toEqual([
          id,
          [],
        ]);
      }
    }
    // Contact Unsubscribed has no settings, and reads none.
    expect(app.webhooks.contactUnsubscribed?.params).toEqual([]);
    expect(parametersRead(app.webhooks.contactUnsubscribed?.communication)).toEqual([]);
  });

  it('modules read their own parameters; an instant trigger reads none (it has none)', () => {
    for (const [id, module] of Object.entries(app.modules)) {
      const declared = declaredNames([
        ...((module.staticParams as unknown[]) ?? []),
        ...((module.mappableParams as unknown[]) ?? []),
      ]);
      expect([
        id,
        parametersRead(module.communication).filter((name) => !declared.includes(name)),
      ]).toEqual([id, []]);
      if (module.moduleType === 'instant_trigger')
        expect(parametersRead(module.communication)).toEqual([]);
    }
  });

  it('a date-time output is parsed (parseDate), so Make shows it as a date', () => {
    for (const [id, module] of Object.entries(app.modules)) {
      const comm = module.communication;
      const last = (Array.isArray(comm) ? comm.at(-1) : comm) as Rec | undefined;
      const output = ((last?.response as Rec | undefined)?.output ?? {}) as Rec;
      const dates = ((module.interface as Rec[] | undefined) ?? []).filter(
        (f) => f.type === 'date',
      );
      for (const field of dates) {
        expect([id, field.name, String(output[String(field.name)])]).toEqual([
          id,
          field.name,
          expect.stringContaining('parseDate('),
        ]);
      }
    }
  });
});

// ---------------------------------------------------------------- searches and actions

describe('searches and actions: the exact request and the record', () => {
  let responseId = '';

  it('recordResponse: POST /responses with the contact and an Idempotency-Key from the inputs', async () => {
    const parameters = {
      survey_id: surveyId,
      score: 3,
      comment: 'Support took a week to answer.',
      email: EMAIL,
      salesforce_contact_id: CRM.salesforce_contact_id,
      tags: ['call'],
      properties: [{ key: 'source', value: 'phone' }],
      label_language: 'es',
    };
    const result = await run('recordResponse', parameters);
    const request = seen(result.requests[0]);
    expect(request).toMatchObject({
      method: 'POST',
      path: '/responses',
      body: {
        survey_id: surveyId,
        score: 3,
        comment: 'Support took a week to answer.',
        contact: { email: EMAIL, crm_ids: { salesforce_contact_id: CRM.salesforce_contact_id } },
        tags: ['call'],
        properties: { source: 'phone' },
      },
    });
    expect(request.body).not.toHaveProperty('submitted_at');
    expect(request.idempotencyKey).toMatch(/^make-record_response-[0-9a-f]{64}$/);
    const [record] = result.outputs as [Rec];
    responseId = String(record.response_id);
    expect(record).toMatchObject({
      id: responseId,
      score: 3,
      segment: 'detractor',
      segment_label: 'Detractor',
      is_detractor: true,
      is_promoter: false,
      email: EMAIL,
      identity_key: 'email',
      identity_value: EMAIL,
      salesforce_contact_id: CRM.salesforce_contact_id,
      submitted_date: String(record.submitted_at).slice(0, 10),
      submitted_month: String(record.submitted_at).slice(0, 7),
    });

    // A replay of the same step sends the same key; the platform answers the first result.
    const again = await run('recordResponse', parameters);
    expect(seen(again.requests[0]).idempotencyKey).toBe(request.idempotencyKey);
    expect((again.outputs[0] as Rec).response_id).toBe(responseId);
    const other = await run('recordResponse', { ...parameters, score: 4 });
    expect(seen(other.requests[0]).idempotencyKey).not.toBe(request.idempotencyKey);
    // submitted_at is not part of the key (creates/record_response.ts): the same answer mapped
    // with another time is the same step: the platform refuses the replay, nothing is recorded twice.
    const retimed = await errorOf(
      run('recordResponse', { ...parameters, submitted_at: '2026-01-02T03:04:05Z' }),
    );
    expect(retimed.message).toMatch(/already ran in the last 24 hours/);
  });

  it('a 422 names the field', async () => {
    const error = await errorOf(
      run('recordResponse', { survey_id: surveyId, score: 9, email: 'not an email' }),
    );
    expect(error.message).toMatch(
      /The NPS platform refused the request: .*\(field: contact\.email\)/,
    );
  });

  it('findResponse: by id (GET /responses/{id}), by email, and an unknown id is an error', async () => {
    const byId = await run('findResponse', { response_id: responseId });
    expect(seen(byId.requests[0])).toMatchObject({
      method: 'GET',
      path: `/responses/${responseId}`,
    });
    expect(byId.outputs).toHaveLength(1);
    expect(byId.outputs[0]).toMatchObject({ response_id: responseId, score: expect.any(Number) });

    const byEmail = await run('findResponse', {
      identity_key: 'email',
      identity_value: EMAIL,
      survey_id: surveyId,
    });
    expect(seen(byEmail.requests[0])).toMatchObject({
      method: 'GET',
      path: '/responses',
      query: { email: EMAIL, survey_id: surveyId, limit: '1' },
    });
    expect(byEmail.outputs).toHaveLength(1);

    const byCrm = await run('findResponse', {
      identity_key: 'salesforce_contact_id',
      identity_value: CRM.salesforce_contact_id,
    });
    expect(byCrm.requests.map((r) => seen(r).path)).toEqual(['/contacts', '/responses']);
    expect(seen(byCrm.requests[0]).query).toEqual({
      salesforce_contact_id: CRM.salesforce_contact_id,
      limit: '1',
    });
    expect(byCrm.outputs).toHaveLength(1);

    const neither = await errorOf(
      run('findResponse', { identity_key: 'email', identity_value: '' }),
    );
    expect(neither.message).toMatch(
      /Response ID \(response_id\) or Identity Value \(identity_value\) is needed/,
    );
    // A 404 is always an error in Make (`valid` cannot accept it; docs/make.md "Limits").
    const unknown = await errorOf(run('findResponse', { response_id: 'rsp_doesnotexist' }));
    expect(unknown.type).toBe('DataError');
    expect(unknown.message).toMatch(/^\[404\] The NPS platform refused the request: /);
  });

  it('findContact: GET /contacts?<identity key>=<value>&limit=1 and the contact record', async () => {
    const result = await run('findContact', {
      identity_key: 'salesforce_contact_id',
      identity_value: CRM.salesforce_contact_id,
    });
    expect(seen(result.requests[0])).toMatchObject({
      method: 'GET',
      path: '/contacts',
      query: { salesforce_contact_id: CRM.salesforce_contact_id, limit: '1' },
    });
    expect(result.outputs).toEqual([
      expect.objectContaining({
        email: EMAIL,
        salesforce_contact_id: CRM.salesforce_contact_id,
        unsubscribed: false,
      }),
    ]);
    const byEmail = await run('findContact', { identity_value: EMAIL });
    expect(seen(byEmail.requests[0]).query).toEqual({ email: EMAIL, limit: '1' });
    expect(byEmail.outputs).toHaveLength(1);
    // A value mapped from an empty field matches nobody: refused, never "the first contact".
    const empty = await errorOf(run('findContact', { identity_key: 'email', identity_value: '' }));
    expect(empty.message).toMatch(/Identity Value \(identity_value\) is empty/);
    const none = await run('findContact', {
      identity_key: 'email',
      identity_value: 'nobody@example.com',
    });
    expect(none.outputs).toEqual([]);
  });

  it('upsertContact: PUT /contacts?match_on=<key> with the identity value in its field', async () => {
    const result = await run('upsertContact', {
      identity_key: 'pipedrive_person_id',
      identity_value: '6161',
      email: 'new.contact@example.com',
      name: 'New Contact',
      // Mapped from an empty field of an earlier module: left out, never clears the company.
      company: '',
      properties: [{ key: 'plan', value: 'growth' }],
    });
    expect(seen(result.requests[0]).body).not.toHaveProperty('company');
    expect(seen(result.requests[0])).toMatchObject({
      method: 'PUT',
      path: '/contacts',
      query: { match_on: 'pipedrive_person_id' },
      body: {
        email: 'new.contact@example.com',
        name: 'New Contact',
        crm_ids: { pipedrive_person_id: 6161 },
        properties: { plan: 'growth' },
      },
    });
    expect(result.outputs[0]).toMatchObject({
      created: true,
      pipedrive_person_id: 6161,
      email: 'new.contact@example.com',
    });
  });

  it('listContactPropertyFields: one typed field per workspace property, as the Zapier app types them', async () => {
    const result = await runRpc(app, 'listContactPropertyFields', { parameters: {}, connection });
    expect(seen(result.requests[0])).toMatchObject({ method: 'GET', path: '/contact-properties' });
    const byName = Object.fromEntries(
      (result.outputs as Rec[]).map((field) => [String(field.name), field]),
    );
    expect(byName.plan).toMatchObject({
      label: 'Plan',
      type: 'select',
      options: expect.arrayContaining([{ value: 'enterprise', label: 'Enterprise' }]),
      help: expect.stringContaining('One of its options.'),
    });
    expect(byName.seats).toMatchObject({ label: 'Seats', type: 'number' });
    expect(byName.seats).not.toHaveProperty('options');
    // Yes / No, not Make's boolean (which reads any mapped text but "false" as yes), named apart
    // so the module reads a mapped text strictly.
    expect(byName.churn_risk__yesno).toMatchObject({
      label: 'Churn Risk',
      type: 'select',
      options: [
        { label: 'Yes', value: true },
        { label: 'No', value: false },
      ],
      help: expect.stringContaining('never read as yes'),
    });
    expect(byName.region).toMatchObject({ label: 'Region', type: 'text' });
    expect(byName.region).not.toHaveProperty('validate');
    // A date is a text field (the day as written) with the pattern Make checks before the module
    // runs, named apart so the module can cut it to the day.
    expect(byName.renewal_date__date).toMatchObject({
      label: 'Renewal Date',
      type: 'text',
      validate: { pattern: DATE_PATTERN },
      help: expect.stringContaining('2026-03-01'),
    });
    expect(byName).not.toHaveProperty('renewal_date');
    expect(byName).not.toHaveProperty('churn_risk');
  });

  it('upsertContact: typed properties merge over Properties, dates as YYYY-MM-DD, empty fields left out', async () => {
    const result = await run('upsertContact', {
      identity_key: 'email',
      identity_value: 'typed.props@example.com',
      properties: [
        { key: 'plan', value: 'free' },
        { key: 'nickname', value: 'tp' },
      ],
      typed_properties: {
        plan: 'enterprise',
        seats: 40,
        renewal_date__date: '2027-03-01T10:00:00Z',
        churn_risk__yesno: true,
        // Mapped from an empty field: kept as it is, never cleared.
        region: '',
      },
    });
    const sent = seen(result.requests[0]).body as Rec;
    expect(sent.properties).toEqual({
      plan: 'enterprise',
      nickname: 'tp',
      seats: 40,
      renewal_date: '2027-03-01',
      churn_risk: true,
    });
    expect(result.outputs[0]).toMatchObject({
      email: 'typed.props@example.com',
      properties: { plan: 'enterprise', seats: 40, renewal_date: '2027-03-01', churn_risk: true },
    });
  });

  it('sendSurvey: a date property leaves the Idempotency-Key, so a run again on another day is refused, never sent twice', async () => {
    const parameters = {
      survey_id: surveyId,
      email: 'dated.invitee@example.com',
      channel: 'email',
      typed_properties: { seats: 3, renewal_date__date: '2027-05-01' },
    };
    const first = await run('sendSurvey', parameters);
    const again = await errorOf(
      run('sendSurvey', {
        ...parameters,
        typed_properties: { seats: 3, renewal_date__date: '2027-05-02' },
      }),
    );
    // The same key (the date is not part of it): the platform keeps the first run.
    expect(again.message).toMatch(/nothing was sent twice/);
    const keys = sandbox
      .requestLog()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/invitations'))
      .slice(-2)
      .map((r) => r.idempotencyKey);
    expect(keys).toEqual([
      seen(first.requests[0]).idempotencyKey,
      seen(first.requests[0]).idempotencyKey,
    ]);
    // Another value of a property that is not a date is another call.
    const other = await run('sendSurvey', {
      ...parameters,
      typed_properties: { seats: 4, renewal_date__date: '2027-05-01' },
    });
    expect(seen(other.requests[0]).idempotencyKey).not.toBe(seen(first.requests[0]).idempotencyKey);
  });

  it("sendSurvey / recordResponse: typed properties are the contact's, not the step's", async () => {
    const sent = await run('sendSurvey', {
      survey_id: surveyId,
      email: 'typed.invitee@example.com',
      channel: 'email',
      properties: [{ key: 'campaign', value: 'q1' }],
      typed_properties: { seats: 12, renewal_date__date: '2027-01-31' },
    });
    expect(seen(sent.requests[0]).body).toMatchObject({
      contact: {
        email: 'typed.invitee@example.com',
        properties: { seats: 12, renewal_date: '2027-01-31' },
      },
      properties: { campaign: 'q1' },
    });
    const recorded = await run('recordResponse', {
      survey_id: surveyId,
      score: 9,
      email: 'typed.respondent@example.com',
      typed_properties: { plan: 'pro', region: '' },
    });
    const body = seen(recorded.requests[0]).body as { contact: Rec };
    expect(body.contact.properties).toEqual({ plan: 'pro' });
    expect(recorded.outputs[0]).toMatchObject({ contact_properties: { plan: 'pro' } });
    // Every field left empty: Make hands over an empty collection, which sets no property.
    const plain = await run('recordResponse', {
      survey_id: surveyId,
      score: 8,
      email: 'typed.respondent@example.com',
      typed_properties: { region: '' },
    });
    expect((seen(plain.requests[0]).body as { contact: Rec }).contact.properties).toEqual({});
  });

  it('sendSurvey: POST /surveys/{id}/invitations with an Idempotency-Key that ignores send_at', async () => {
    const parameters = {
      survey_id: surveyId,
      email: 'invitee@example.com',
      name: 'Invitee',
      channel: 'email',
    };
    const result = await run('sendSurvey', parameters);
    const request = seen(result.requests[0]);
    expect(request).toMatchObject({
      method: 'POST',
      path: `/surveys/${surveyId}/invitations`,
      body: { contact: { email: 'invitee@example.com', name: 'Invitee' }, channel: 'email' },
    });
    expect(request.idempotencyKey).toMatch(/^make-send_survey-[0-9a-f]{64}$/);
    expect(result.outputs[0]).toMatchObject({
      survey_id: surveyId,
      channel: 'email',
      id: expect.any(String),
    });
    const later = await errorOf(
      run('sendSurvey', {
        ...parameters,
        send_at: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    ).catch((e: Error) => e);
    // Same key with another send_at: the platform keeps the first run (idempotency_mismatch).
    expect(later.message).toMatch(/nothing was sent twice/);
  });

  it('updateResponse: PATCH /responses/{id} with only the changes given', async () => {
    const result = await run('updateResponse', {
      response_id: responseId,
      follow_up_status: 'open',
      add_tags: ['escalated'],
      label_language: 'fr',
    });
    const request = seen(result.requests[0]);
    expect(request).toMatchObject({ method: 'PATCH', path: `/responses/${responseId}` });
    expect(request.body).toMatchObject({
      follow_up: { status: 'open' },
      tags: { add: ['escalated'] },
    });
    expect(result.outputs[0]).toMatchObject({
      response_id: responseId,
      follow_up_status: 'open',
      segment_label: 'Détracteur',
      tags: expect.arrayContaining(['escalated', 'call']),
    });
  });

  it('a field left empty is not sent, so it never clears a value', async () => {
    const update = await run('updateResponse', {
      response_id: responseId,
      follow_up_status: null,
      follow_up_owner_email: '',
      add_tags: [],
      remove_tags: null,
      add_themes: null,
      remove_themes: [],
      label_language: null,
    });
    expect(seen(update.requests[0]).body).toEqual({ tags: {}, themes: {}, follow_up: {} });
    const recorded = await run('recordResponse', {
      survey_id: surveyId,
      score: 8,
      comment: null,
      email: 'make.nulls@example.com',
      customer_id: null,
      pipedrive_person_id: null,
      name: '',
      language: null,
      submitted_at: null,
      tags: [],
      properties: [],
    });
    expect(seen(recorded.requests[0]).body).toEqual({
      survey_id: surveyId,
      score: 8,
      contact: { email: 'make.nulls@example.com', crm_ids: {} },
    });
  });

  it("erase clears: a contact's fields, CRM id and typed property, and a response's follow-up owner", async () => {
    const email = 'make.erase@example.com';
    await run('upsertContact', {
      identity_key: 'email',
      identity_value: email,
      company: 'Acme',
      phone: '+34600111222',
      hubspot_contact_id: '8080',
      typed_properties: { plan: 'pro', seats: 12 },
    });
    const erased = await run('upsertContact', {
      identity_key: 'email',
      identity_value: email,
      company: ERASE,
      hubspot_contact_id: ERASE,
      typed_properties: { seats: ERASE },
      name: 'Still Here',
    });
    expect(seen(erased.requests[0]).body).toEqual({
      email,
      company: null,
      name: 'Still Here',
      crm_ids: { hubspot_contact_id: null },
      properties: { seats: null },
    });
    const [stored] = (await api<{ data: Rec[] }>(`/contacts?email=${encodeURIComponent(email)}`))
      .data as [Rec];
    expect(stored).toMatchObject({
      company: null,
      phone: '+34600111222',
      name: 'Still Here',
      crm_ids: { hubspot_contact_id: null },
      properties: { plan: 'pro' },
    });
    expect(stored.properties).not.toHaveProperty('seats');

    await run('updateResponse', {
      response_id: responseId,
      follow_up_owner_email: 'owner@acme.example',
    });
    const unassigned = await run('updateResponse', {
      response_id: responseId,
      follow_up_owner_email: ERASE,
    });
    expect(seen(unassigned.requests[0]).body).toEqual({
      tags: {},
      themes: {},
      follow_up: { owner_email: null },
    });
    expect(unassigned.outputs[0]).toMatchObject({ follow_up_owner_email: null });
    const response = await api<NpsResponse>(`/responses/${responseId}`);
    expect(response.follow_up.owner_email).toBeNull();
  });

  it('addNote: POST /responses/{id}/notes with an Idempotency-Key', async () => {
    const result = await run('addNote', {
      response_id: responseId,
      body: 'Called back, fixed.',
      author_email: 'cs@acme.example',
    });
    const request = seen(result.requests[0]);
    expect(request).toMatchObject({
      method: 'POST',
      path: `/responses/${responseId}/notes`,
      body: { body: 'Called back, fixed.', author_email: 'cs@acme.example' },
    });
    expect(request.idempotencyKey).toMatch(/^make-add_note-[0-9a-f]{64}$/);
    expect(result.outputs[0]).toMatchObject({
      response_id: responseId,
      body: 'Called back, fixed.',
    });
  });

  it('conversation_text writes every turn, as the Zapier record does', async () => {
    const conversation = Array.from({ length: 7 }, (_, i) => ({
      question: `Question ${i + 1}: why "${i % 2 ? 'slow' : 'great'}"?`,
      answer:
        i === 3
          ? 'A path C:\\temp, a quote ", and","answer":" typed\nover two lines — ü'
          : `Answer ${i + 1}`,
    }));
    const answered = submit(6, 'Long chat.', { conversation });
    const [record] = (await run('findResponse', { response_id: answered.id })).outputs as [Rec];
    const response = await api<NpsResponse>(`/responses/${String(answered.id)}`);
    expect(response.conversation).toHaveLength(7);
    expect(record.conversation_text).toBe(toResponseRecord(response).conversation_text);
    expect(String(record.conversation_text).match(/^Q: /gm)).toHaveLength(7);
    const none = submit(9, 'No follow-up.', { conversation: [] });
    expect(
      ((await run('findResponse', { response_id: none.id })).outputs[0] as Rec).conversation_text,
    ).toBe('');
  });

  it('searchResponses: the trigger’s filters and a submitted window, newest first, paged up to the Limit', async () => {
    const after = new Date(Date.now() - 60 * 60_000).toISOString();
    const parameters = {
      survey_id: surveyId,
      segments: ['detractor', 'passive'],
      min_score: 1,
      require_comment: true,
      submitted_after: after,
      label_language: 'es',
    };
    const result = await run('searchResponses', parameters);
    expect(seen(result.requests[0])).toMatchObject({
      method: 'GET',
      path: '/responses',
      query: {
        survey_id: surveyId,
        segment: 'detractor,passive',
        min_score: '1',
        has_comment: 'true',
        submitted_after: after,
        limit: '100',
      },
    });
    const expected = await apiAll<NpsResponse>(
      `/responses?survey_id=${surveyId}&segment=detractor,passive&min_score=1&has_comment=true&submitted_after=${encodeURIComponent(after)}`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(result.outputs.map((r) => (r as Rec).response_id)).toEqual(expected.map((r) => r.id));
    expect(result.outputs[0]).toMatchObject({
      segment_label: expect.stringMatching(/^(Detractor|Pasivo)$/),
    });

    // Paging: the whole history, 250 at most, three pages of 100; a small Limit asks for a small page.
    const paged = await run('searchResponses', { limit: 250 });
    expect(paged.outputs).toHaveLength(250);
    expect(paged.requests.map((r) => seen(r).query.limit)).toEqual(['100', '100', '100']);
    expect(paged.requests.slice(1).every((r) => seen(r).query.cursor)).toBe(true);
    const few = await run('searchResponses', { limit: 5, submitted_before: after });
    expect(few.requests.map((r) => seen(r).query)).toEqual([
      { submitted_before: after, limit: '5' },
    ]);
    expect(few.outputs).toHaveLength(5);
    for (const r of few.outputs as Rec[])
      expect(Date.parse(String(r.submitted_at))).toBeLessThan(Date.parse(after));
  });

  it('getNpsScore: the period before, then the period, cut in the time zone (GET /metrics/nps)', async () => {
    const DAY = 86_400_000;
    const result = await run('getNpsScore', {
      survey_id: surveyId,
      period: 'last_7_days',
      group_by: 'day',
    });
    const [previous, current] = result.requests.map(seen);
    const today = Date.parse(new Date().toISOString().slice(0, 10));
    expect(current).toMatchObject({ method: 'GET', path: '/metrics/nps' });
    expect(current?.query).toMatchObject({ survey_id: surveyId, group_by: 'day', timezone: 'UTC' });
    expect([
      Date.parse(String(current?.query.since)),
      Date.parse(String(current?.query.until)),
    ]).toEqual([today - 7 * DAY, today]);
    expect(previous?.query).not.toHaveProperty('group_by');
    expect([
      Date.parse(String(previous?.query.since)),
      Date.parse(String(previous?.query.until)),
    ]).toEqual([today - 14 * DAY, today - 7 * DAY]);
    const [report] = result.outputs as [Rec];
    expect(report).toMatchObject({ responses: expect.any(Number), periods: expect.any(Array) });
    expect(String(report.summary)).toMatch(/^NPS .* from \d+ responses/);
    if (typeof report.previous_nps === 'number' && typeof report.nps === 'number') {
      expect(report.nps_change).toBeCloseTo(report.nps - report.previous_nps, 5);
      expect(String(report.summary)).toContain(
        `(change ${String(report.nps_change)} from the period before)`,
      );
    }

    const lastMonth = await run('getNpsScore', {
      period: 'last_month',
      compare_previous: false,
      timezone: 'Europe/Madrid',
    });
    expect(lastMonth.requests).toHaveLength(1);
    const query = seen(lastMonth.requests[0]).query;
    const madridMonth = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Madrid',
      year: 'numeric',
      month: '2-digit',
    })
      .format(new Date())
      .slice(0, 7);
    const [y, m] = madridMonth.split('-').map(Number) as [number, number];
    const startOf = (year: number, month: number) =>
      new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 7);
    // Midnight in Madrid is 22:00 or 23:00 UTC the day before.
    expect(String(query.until)).toMatch(new RegExp(`T2[23]:00:00`));
    expect(
      new Date(Date.parse(String(query.until)) + 3 * 3_600_000).toISOString().slice(0, 7),
    ).toBe(startOf(y, m));
    expect(
      new Date(Date.parse(String(query.since)) + 3 * 3_600_000).toISOString().slice(0, 7),
    ).toBe(startOf(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1));
    expect(lastMonth.outputs[0]).toMatchObject({ timezone: 'Europe/Madrid' });
    // Without the comparison there is no previous value (null, as in the Zapier record).
    expect(lastMonth.outputs[0]).toMatchObject({ previous_nps: null, nps_change: null });
    // Dates are Make dates (parsed): the period's bounds and each breakdown's start and end.
    const [day] = (result.outputs[0] as { periods: Rec[] }).periods;
    expect([report.since, report.until, day?.start, day?.end]).toEqual(
      Array.from({ length: 4 }, () => expect.stringMatching(MAKE_DATE_TIME)),
    );
    expect(Date.parse(String(report.since))).toBe(Date.parse(String(current?.query.since)));
  });

  it('getNpsScore: From / To with another period stop the module naming the field; Custom counts from From to To', async () => {
    for (const [name, label] of [
      ['since', 'From'],
      ['until', 'To'],
    ] as const) {
      const error = await errorOf(
        run('getNpsScore', { period: 'last_30_days', [name]: '2026-03-01T00:00:00Z' }),
      );
      expect(error.message).toContain(`${label} (${name}) only applies when Period is Custom`);
    }
    // Also when Compare With Previous Period is off (one request).
    const single = await errorOf(
      run('getNpsScore', { period: 'this_month', compare_previous: false, until: '2026-03-01' }),
    );
    expect(single.message).toContain('To (until) only applies when Period is Custom');
    const custom = await run('getNpsScore', {
      period: 'custom',
      since: '2026-01-01T00:00:00Z',
      until: '2026-02-01',
    });
    // A custom period has no period before: one request, the dates as Make hands them over.
    expect(custom.requests.map((r) => seen(r).query)).toEqual([
      expect.objectContaining({
        since: '2026-01-01T00:00:00.000Z',
        until: '2026-02-01T00:00:00.000Z',
        timezone: 'UTC',
      }),
    ]);
    expect(custom.outputs[0]).toMatchObject({ since: '2026-01-01T00:00:00.000Z' });
    // Custom without From: the platform refuses it, naming `since`.
    const noFrom = await errorOf(run('getNpsScore', { period: 'custom' }));
    expect(noFrom.message).toMatch(/^\[400\].*since/);
  });

  it('Test Record and Include Test Responses: a test-mode key records test responses, counted only when asked for', async () => {
    const testConnection = { api_key: sandbox.keys.test, region: 'us' };
    const recorded = await runModule(app, 'recordResponse', {
      parameters: { survey_id: surveyId, score: 0, email: 'make.tester@example.com' },
      connection: testConnection,
    });
    expectInterface('recordResponse', recorded.outputs);
    expect(recorded.outputs[0]).toMatchObject({ score: 0, test: true });
    const live = await run('recordResponse', { survey_id: surveyId, score: 10, email: EMAIL });
    expect(live.outputs[0]).toMatchObject({ test: false });
    // A window of half an hour around both answers (minutes of margin, never seconds).
    const window = {
      survey_id: surveyId,
      period: 'custom',
      since: new Date(Date.now() - 30 * 60_000).toISOString(),
    };
    const without = (await run('getNpsScore', window)).outputs[0] as Rec;
    const withTest = await run('getNpsScore', { ...window, include_test: true });
    expect(seen(withTest.requests[0]).query).toMatchObject({ include_test: 'true' });
    expect(withTest.outputs[0]).toMatchObject({
      responses: Number(without.responses) + 1,
      detractors: Number(without.detractors) + 1,
    });
    expect(seen((await run('getNpsScore', window)).requests[0]).query).not.toHaveProperty(
      'include_test',
    );
  });

  it('cancelInvitation: a scheduled survey is canceled, twice the same record; sent, failed or unknown ones stop with their status', async () => {
    const scheduled = (
      await run('sendSurvey', {
        survey_id: surveyId,
        email: 'make.cancel@example.com',
        channel: 'email',
        send_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      })
    ).outputs[0] as Rec;
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduled: true, canceled_at: null });
    const canceled = await run('cancelInvitation', { invitation_id: scheduled.id });
    expect(seen(canceled.requests[0])).toMatchObject({
      method: 'POST',
      path: `/invitations/${String(scheduled.id)}/cancel`,
    });
    expect(canceled.outputs[0]).toMatchObject({
      id: scheduled.id,
      survey_id: surveyId,
      contact_id: scheduled.contact_id,
      status: 'canceled',
      scheduled: false,
      canceled_at: expect.stringMatching(MAKE_DATE_TIME),
      sent_at: null,
      test: false,
    });
    // Run again (a replayed scenario): a success with the same record.
    const again = await run('cancelInvitation', { invitation_id: scheduled.id });
    expect(again.outputs).toEqual(canceled.outputs);
    await sandbox.settle();
    expect(sandbox.outbox().map((m) => m.invitationId)).not.toContain(scheduled.id);

    // Sent, or could not be delivered: the module stops with the status, as a DataError.
    const sent = (
      await run('sendSurvey', {
        survey_id: surveyId,
        email: 'make.sent@example.com',
        channel: 'email',
      })
    ).outputs[0] as Rec;
    const failed = (
      await run('sendSurvey', {
        survey_id: surveyId,
        email: 'make.cancel@bounce.example',
        channel: 'email',
      })
    ).outputs[0] as Rec;
    await sandbox.settle();
    for (const [invitation, status] of [
      [sent, 'sent'],
      [failed, 'failed'],
    ] as const) {
      const error = await errorOf(run('cancelInvitation', { invitation_id: invitation.id }));
      expect(error.type).toBe('DataError');
      expect(error.message).toMatch(
        new RegExp(`^\\[409\\] The survey cannot be canceled: This invitation is ${status} `),
      );
    }
    const unknown = await errorOf(run('cancelInvitation', { invitation_id: 'inv_nope/../x' }));
    expect(unknown.message).toMatch(
      /^\[404\] Invitation ID \(invitation_id\) matches no invitation/,
    );
    // The id travels encoded in the path.
    expect(
      sandbox.requestLog().some((r) => r.path.includes('inv_nope') && !r.path.includes('/../')),
    ).toBe(true);
  });

  it('makeApiCall: an authorized call to any path, with query string and headers', async () => {
    const result = await run('makeApiCall', { url: '/me', method: 'GET' });
    expect(seen(result.requests[0])).toMatchObject({
      method: 'GET',
      path: '/me',
      authorization: `Bearer ${sandbox.keys.live}`,
    });
    expect(result.outputs[0]).toMatchObject({
      statusCode: 200,
      body: { workspace: { name: sandbox.workspace.name } },
    });
    const listed = await run('makeApiCall', {
      url: 'contacts',
      method: 'GET',
      qs: [
        { key: 'email', value: EMAIL },
        { key: 'limit', value: '1' },
      ],
      headers: [{ key: 'X-Request-Note', value: 'make' }],
    });
    const request = seen(listed.requests[0]);
    expect(request).toMatchObject({ path: '/contacts', query: { email: EMAIL, limit: '1' } });
    expect(listed.requests[0]?.headers['X-Request-Note']).toBe('make');
    expect((listed.outputs[0] as Rec).body).toMatchObject({
      data: [expect.objectContaining({ email: EMAIL })],
    });
  });

  it('makeApiCall: a POST with a JSON body sends the JSON as it is (not encoded again as a string)', async () => {
    const text = '{"body": "Logged through Make an API Call.", "author_email": "cs@acme.example"}';
    const result = await run('makeApiCall', {
      url: `/responses/${responseId}/notes`,
      method: 'POST',
      body: text,
    });
    const request = result.requests[0];
    expect(request?.body).toBe(text);
    expect(request?.headers['Content-Type']).toBe('application/json');
    expect(seen(request)).toMatchObject({
      method: 'POST',
      path: `/responses/${responseId}/notes`,
      body: { body: 'Logged through Make an API Call.', author_email: 'cs@acme.example' },
    });
    expect(result.outputs[0]).toMatchObject({
      statusCode: 201,
      body: { response_id: responseId, body: 'Logged through Make an API Call.' },
    });
    const manifest = JSON.parse(readFileSync(join(MAKE_DIR, 'makecomapp.json'), 'utf8')) as {
      components: { module: Record<string, { description?: string }> };
    };
    expect(manifest.components.module.makeApiCall?.description).toBe(
      'Performs an arbitrary authorized API call.',
    );
  });
});

// ---------------------------------------------------------------- webhooks and instant triggers

interface Attached {
  module: string;
  webhook: string;
  url: string;
  parameters: Rec;
  data: Rec;
}

const attach = async (
  module: string,
  webhook: string,
  name: string,
  parameters: Rec = {},
): Promise<Attached> => {
  const url = receiver.url(name);
  const result = await attachWebhook(app, webhook, { parameters, connection, webhookUrl: url });
  return { module, webhook, url, parameters, data: result.data ?? {} };
};

/** Runs every real signed delivery the hook received through its webhook and instant trigger. */
const fire = async (hook: Attached): Promise<Rec[]> => {
  const path = new URL(hook.url).pathname;
  const out: Rec[] = [];
  for (const delivery of receiver.deliveries.filter((d) => d.path === path)) {
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,/);
    const result = await runInstantTrigger(app, hook.module, {
      delivery: { body: JSON.parse(delivery.content), headers: delivery.headers },
      parameters: hook.parameters,
      connection,
      webhook: hook.data,
    });
    expectInterface(hook.module, result.outputs);
    out.push(...(result.outputs as Rec[]));
  }
  return out;
};

describe('typed inputs as Make hands them over (issue 16: never a silent wrong value)', () => {
  /** The module fails with Make's validation error naming the parameter, before any request. */
  const refusedByMake = async (id: string, parameters: Rec, name: string) => {
    const before = sandbox.requestLog().length;
    const error = (await errorOf(run(id, parameters))) as Error & {
      type?: string;
      requests?: unknown[];
    };
    expect(error.type).toBe('BundleValidationError');
    expect(error.message).toContain(`'${name}'`);
    expect(error.requests).toEqual([]);
    expect(sandbox.requestLog().length).toBe(before);
  };

  it('Score of Record an NPS Response: "ten", "7.5", "9/10", 11 and -1 stop the module; "7" is recorded as 7', async () => {
    for (const score of ['ten', '7.5', '9/10', 11, -1, '100 units']) {
      await refusedByMake('recordResponse', { survey_id: surveyId, score, email: EMAIL }, 'score');
    }
    const recorded = await run('recordResponse', {
      survey_id: surveyId,
      score: ' 7 ',
      email: EMAIL,
    });
    expect((seen(recorded.requests[0]).body as Rec).score).toBe(7);
    expect(recorded.outputs[0]).toMatchObject({ score: 7, segment: 'passive' });
  });

  it('Minimum / Maximum Score of the Watch trigger and Search Responses: whole numbers 0-10', async () => {
    await expect(
      attachWebhook(app, 'newResponse', {
        parameters: { min_score: 'six' },
        connection,
        webhookUrl: receiver.url('make-typed-min'),
      }),
    ).rejects.toMatchObject({ type: 'BundleValidationError' });
    await refusedByMake('searchResponses', { max_score: 12 }, 'max_score');
    const found = await run('searchResponses', { min_score: '9', limit: 5 });
    expect(seen(found.requests[0]).query).toMatchObject({ min_score: '9' });
    expect((found.outputs as Rec[]).every((r) => Number(r.score) >= 9)).toBe(true);
  });

  it('Pipedrive Person ID: "54321a" stops the module; "54321" is sent as the number 54321', async () => {
    await refusedByMake(
      'sendSurvey',
      { survey_id: surveyId, pipedrive_person_id: '54321a', email: 'pd.typed@example.com' },
      'pipedrive_person_id',
    );
    const sent = await run('sendSurvey', {
      survey_id: surveyId,
      pipedrive_person_id: '54321',
      email: 'pd.typed@example.com',
    });
    expect((seen(sent.requests[0]).body as { contact: Rec }).contact).toMatchObject({
      crm_ids: { pipedrive_person_id: 54321 },
    });
  });

  it('a number property: "ten" stops the module; "40" is written as 40', async () => {
    const base = { identity_key: 'email', identity_value: 'typed.numbers@example.com' };
    await refusedByMake('upsertContact', { ...base, typed_properties: { seats: 'ten' } }, 'seats');
    const written = await run('upsertContact', { ...base, typed_properties: { seats: '40' } });
    expect((seen(written.requests[0]).body as Rec).properties).toEqual({ seats: 40 });
  });

  it('a yes/no property: picked Yes / No, or a mapped true/false/yes/no/1/0 in any case; "maybe" is refused, never written as yes', async () => {
    const base = { identity_key: 'email', identity_value: 'typed.flags@example.com' };
    const written = async (value: unknown) => {
      const result = await run('upsertContact', {
        ...base,
        typed_properties: { churn_risk__yesno: value },
      });
      return ((seen(result.requests[0]).body as Rec).properties as Rec).churn_risk;
    };
    // Make's own boolean would read every one of the "no" texts as yes (help.make.com "Type coercion").
    for (const [value, expected] of [
      [true, true],
      [false, false],
      ['no', false],
      ['No', false],
      [' NO ', false],
      ['0', false],
      ['false', false],
      ['off', false],
      ['yes', true],
      ['TRUE', true],
      ['1', true],
    ] as const) {
      expect([value, await written(value)]).toEqual([value, expected]);
      expect([value, readYesNo(String(value))]).toEqual([value, expected]);
    }
    const contact = (await run('findContact', base)).outputs[0] as Rec;
    expect(contact.properties).toMatchObject({ churn_risk: true });
    // Anything else reaches the platform as text, which refuses it naming the property: the
    // contact keeps its value.
    const error = await errorOf(
      run('upsertContact', { ...base, typed_properties: { churn_risk__yesno: 'maybe' } }),
    );
    expect(error.message).toMatch(
      /\[422\].*Churn Risk \(churn_risk\) is a boolean property.*\(field: properties\.churn_risk\)/,
    );
    expect(((await run('findContact', base)).outputs[0] as Rec).properties).toMatchObject({
      churn_risk: true,
    });
  });

  it('a date property: "next renewal" or a time without its zone stop the module; a date-time keeps the day as written', async () => {
    const base = { identity_key: 'email', identity_value: 'typed.dates@example.com' };
    for (const value of ['next renewal', '03/01/2027', '2027-03-01T09:00:00', 'tomorrow']) {
      await refusedByMake(
        'upsertContact',
        { ...base, typed_properties: { renewal_date__date: value } },
        'renewal_date__date',
      );
    }
    const written = await run('upsertContact', {
      ...base,
      typed_properties: { renewal_date__date: '2027-03-01T23:30:00-05:00' },
    });
    // The day as written (in UTC it is already 2 March): as the Zapier app stores it.
    expect((seen(written.requests[0]).body as Rec).properties).toEqual({
      renewal_date: '2027-03-01',
    });
  });

  it("the date pattern Make checks accepts what the Zapier app reads as a day and refuses the rest (an impossible day is the platform's to refuse)", () => {
    const pattern = new RegExp(DATE_PATTERN);
    for (const text of [
      '2026-03-01',
      ' 2026-03-01 ',
      '2026-03-01T09:00:00+01:00',
      '2026-03-01T08:00:00Z',
      '2026-03-01T08:00Z',
      '2026-03-01 08:00:00.250-0300',
      '2026-12-31t23:59:59z',
      '2026-03-01T09:00:00',
      '2026-03-01T25:00:00Z',
      '2026-13-01',
      '03/01/2026',
      'next renewal',
      '2026-3-1',
      '',
    ]) {
      expect([text, pattern.test(text)]).toEqual([text, readDay(text) !== null]);
    }
    expect(pattern.test('2026-02-30')).toBe(true);
    expect(readDay('2026-02-30')).toBeNull();
  });
});

describe('attached webhooks and instant triggers, from real signed sandbox deliveries', () => {
  const hooks: Record<string, Attached> = {};

  it('attach: POST /webhooks with the filters the parameters express; the id and secret are kept', async () => {
    const result = await attachWebhook(app, 'newResponse', {
      parameters: {
        segments: ['detractor'],
        min_score: 0,
        max_score: 6,
        themes: [],
        label_language: 'de',
      },
      connection,
      webhookUrl: receiver.url('make-detractors'),
    });
    expect(seen(result.requests[0])).toMatchObject({
      method: 'POST',
      path: '/webhooks',
      body: {
        url: receiver.url('make-detractors'),
        events: ['response.analyzed'],
        filters: { segments: ['detractor'], min_score: 0, max_score: 6 },
        description: 'Make: New NPS Response',
      },
    });
    // The remote id as Make's attach example names it; the signing secret (unused) is not kept.
    expect(result.data).toEqual({ externalHookId: expect.stringMatching(/^wh/) });
    const secret = String((result.log[0]?.response?.body as Rec | undefined)?.secret);
    expect(secret).toBe('[sanitized]');
    hooks.detractors = {
      module: 'watchNewResponses',
      webhook: 'newResponse',
      url: receiver.url('make-detractors'),
      parameters: { segments: ['detractor'], min_score: 0, max_score: 6, label_language: 'de' },
      data: result.data ?? {},
    };
    hooks.created = await attach('watchNewResponses', 'newResponse', 'make-created', {
      wait_for_themes: false,
    });
    hooks.segment = await attach('watchSegmentChanges', 'segmentChanged', 'make-segment', {
      from_segments: ['passive'],
    });
    hooks.updated = await attach('watchUpdatedResponses', 'responseUpdated', 'make-updated', {
      ignore_own_changes: false,
      follow_up_statuses: ['closed'],
    });
    hooks.unsub = await attach('watchUnsubscribes', 'contactUnsubscribed', 'make-unsub');
    hooks.failed = await attach('watchFailedInvitations', 'invitationFailed', 'make-failed', {
      survey_id: surveyId,
    });
    const created = sandbox
      .requestLog()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/webhooks'));
    expect(created.length).toBeGreaterThanOrEqual(5);
  });

  it('attach: empty filters (null, [], "") are left out, never sent as null or []', async () => {
    const attached = await attachWebhook(app, 'newResponse', {
      parameters: { survey_id: '', segments: [], min_score: null, max_score: null, themes: null },
      connection,
      webhookUrl: receiver.url('make-empty-filters'),
    });
    expect(seen(attached.requests[0]).body).toMatchObject({ filters: {} });
    const segment = await attachWebhook(app, 'segmentChanged', {
      parameters: { survey_id: null, to_segments: null, from_segments: [] },
      connection,
      webhookUrl: receiver.url('make-empty-segment'),
    });
    expect(seen(segment.requests[0]).body).toMatchObject({ filters: {} });
    for (const [webhook, result] of [
      ['newResponse', attached],
      ['segmentChanged', segment],
    ] as const) {
      await detachWebhook(app, webhook, { parameters: {}, connection, webhook: result.data ?? {} });
    }
  });

  it('watchNewResponses: the response record, segment label in the chosen language', async () => {
    const email = 'make.hooks@example.com';
    submit(9, 'Love the reporting.', { contact: { email } });
    submit(7, 'Fine; pricing could be better.', { contact: { email } });
    const detractor = submit(2, 'Support never answers and pricing is too high.', {
      contact: { email },
    });
    await sandbox.settle();
    const records = await fire(hooks.detractors!);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: detractor.id,
      response_id: detractor.id,
      score: 2,
      segment: 'detractor',
      segment_label: 'Kritiker',
      is_detractor: true,
      analysis_status: 'complete',
      email,
      identity_key: 'email',
      identity_value: email,
      previous_score: 7,
      previous_segment: 'passive',
      score_change: -5,
    });
    const picklist = String(records[0]?.themes_picklist);
    expect(picklist.length).toBeGreaterThan(0);
    expect(records[0]?.themes_text).toBe(picklist.split(';').join(', '));

    const created = await fire(hooks.created!);
    expect(created.map((r) => [r.score, r.segment_label])).toEqual([
      [9, 'Promoter'],
      [7, 'Passive'],
      [2, 'Detractor'],
    ]);
  });

  it('watchSegmentChanges: only changes from the chosen previous segment, with the direction', async () => {
    const records = await fire(hooks.segment!);
    expect(records.map((r) => [r.segment_change, r.direction, r.previous_segment_label])).toEqual([
      ['passive → detractor', 'declined', 'Passive'],
    ]);
    expect(String(records[0]?.id)).toMatch(/^evt/);
  });

  it('watchUpdatedResponses: fires when the follow-up status changes to Closed', async () => {
    const [target] = (
      await run('findResponse', { identity_key: 'email', identity_value: 'make.hooks@example.com' })
    ).outputs as [Rec];
    await run('updateResponse', { response_id: target.response_id, follow_up_status: 'open' });
    await run('updateResponse', { response_id: target.response_id, follow_up_status: 'closed' });
    await sandbox.settle();
    const records = await fire(hooks.updated!);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      response_id: target.response_id,
      follow_up_status: 'closed',
      previous_follow_up_status: 'open',
      changed: ['follow_up'],
    });
    expect(String(records[0]?.id)).toMatch(new RegExp(`^${String(target.response_id)}:`));
  });

  it('watchUnsubscribes: the unsubscribeContact action fires it', async () => {
    // An empty Identity Value unsubscribes nobody.
    const empty = await errorOf(
      run('unsubscribeContact', { identity_key: 'email', identity_value: '' }),
    );
    expect(empty.message).toMatch(/Identity Value \(identity_value\) is empty/);
    expect(sandbox.requestLog().filter((r) => r.path.endsWith('/unsubscribe'))).toHaveLength(0);
    const result = await run('unsubscribeContact', {
      identity_key: 'email',
      identity_value: EMAIL,
    });
    expect(result.requests.map((r) => [seen(r).method, seen(r).path])).toEqual([
      ['GET', '/contacts'],
      ['POST', `/contacts/${String((result.outputs[0] as Rec).id)}/unsubscribe`],
    ]);
    expect(result.outputs[0]).toMatchObject({ email: EMAIL, unsubscribed: true });
    await sandbox.settle();
    const records = await fire(hooks.unsub!);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: expect.stringMatching(/^evt/),
      contact_id: (result.outputs[0] as Rec).id,
      email: EMAIL,
      unsubscribed: true,
    });
  });

  /** The first real delivery a hook received, as parsed JSON (to alter like a forger would). */
  const delivered = (hook: Attached, pick: (event: Rec) => boolean = () => true): Rec => {
    const path = new URL(hook.url).pathname;
    const events = receiver.deliveries
      .filter((d) => d.path === path)
      .map((d) => JSON.parse(d.content) as Rec)
      .filter(pick);
    if (!events[0]) throw new Error(`no delivery for ${path}`);
    return events[0];
  };
  const trigger = (hook: Attached, body: Rec) =>
    runInstantTrigger(app, hook.module, {
      delivery: { body },
      parameters: hook.parameters,
      connection,
      webhook: hook.data,
    });

  it('watchFailedInvitations: a bounced survey fires it once, with the contact to fix in the CRM; a delivered one never does', async () => {
    const bounced = (
      await run('sendSurvey', {
        survey_id: surveyId,
        email: 'make.bounce@bounce.example',
        name: 'Rebote',
        customer_id: 'cus_make_bounce',
        salesforce_contact_id: '003MAKEBOUNCE1',
        channel: 'email',
      })
    ).outputs[0] as Rec;
    expect(bounced).toMatchObject({ status: 'scheduled', scheduled: true, test: false });
    const delivered = (
      await run('sendSurvey', {
        survey_id: surveyId,
        email: 'make.fine@example.com',
        channel: 'email',
      })
    ).outputs[0] as Rec;
    await sandbox.settle();
    const records = await fire(hooks.failed!);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: bounced.id,
      invitation_id: bounced.id,
      survey_id: surveyId,
      channel: 'email',
      status: 'failed',
      failure_reason: 'bounced',
      failure_reason_label: 'Email bounced',
      failed_at: expect.stringMatching(MAKE_DATE_TIME),
      test: false,
      contact_id: bounced.contact_id,
      email: 'make.bounce@bounce.example',
      contact_name: 'Rebote',
      customer_id: 'cus_make_bounce',
      salesforce_contact_id: '003MAKEBOUNCE1',
      identity_key: 'email',
      identity_value: 'make.bounce@bounce.example',
    });
    // The survey that reached its contact: sent, and no delivery to the hook.
    const status = await api<Rec>(`/invitations/${String(delivered.id)}`);
    expect(status).toMatchObject({ status: 'sent', sent_at: expect.any(String) });
    // Attach subscribed to invitation.failed with the survey filter the platform applies.
    const subscription = (await apiAll<Rec>('/webhooks')).find(
      (w) => w.id === hooks.failed!.data.externalHookId,
    );
    expect(subscription).toMatchObject({
      events: ['invitation.failed'],
      filters: { survey_id: surveyId },
    });
  });

  it("a delivery that does not match the trigger's settings outputs nothing, and the run does not fail", async () => {
    // A promoter's delivery (from the hook without filters) reaching the detractors' hook.
    const promoter = delivered(
      hooks.created!,
      (e) => ((e.data as Rec).response as Rec).score === 9,
    );
    const before = sandbox.requestLog().length;
    const result = await trigger(hooks.detractors!, { ...promoter, type: 'response.analyzed' });
    expect(result.outputs).toEqual([]);
    // Decided by the webhook on the delivery: no request was made.
    expect(result.requests).toEqual([]);
    expect(sandbox.requestLog().length).toBe(before);
    // Another event type for the same hook: nothing either.
    expect((await trigger(hooks.updated!, promoter)).outputs).toEqual([]);
    // An undelivered survey of another survey than the one watched: nothing, no request.
    const failed = delivered(hooks.failed!);
    const failedData = failed.data as Rec;
    const elsewhere = await trigger(hooks.failed!, {
      ...failed,
      data: {
        ...failedData,
        invitation: { ...(failedData.invitation as Rec), survey_id: 'srv_other' },
      },
    });
    expect(elsewhere).toMatchObject({ outputs: [], requests: [] });
  });

  it('a record that changed since its delivery never fails the run: it is output as it is now', async () => {
    // The follow-up status went to Closed (the delivery), then back to Open before the run.
    const closed = delivered(
      hooks.updated!,
      (e) => (((e.data as Rec).response as Rec).follow_up as Rec).status === 'closed',
    );
    const responseId = String(((closed.data as Rec).response as Rec).id);
    await run('updateResponse', { response_id: responseId, follow_up_status: 'open' });
    const result = await trigger(hooks.updated!, closed);
    expect(result.outputs).toHaveLength(1);
    expect(result.outputs[0]).toMatchObject({
      response_id: responseId,
      follow_up_status: 'open',
      previous_follow_up_status: 'open',
    });
    expectInterface('watchUpdatedResponses', result.outputs);

    // A delivery naming another response than the one it describes (someone who has the hook's
    // address): the record is read from the platform, never taken from the request.
    const promoter = submit(10, 'Great.', { contact: { email: 'make.forged@example.com' } });
    const detractor = submit(1, 'Bad.', { contact: { email: 'make.forged@example.com' } });
    await sandbox.settle();
    const event = delivered(hooks.detractors!);
    const data = event.data as Rec;
    const forged = {
      ...event,
      data: { ...data, response: { ...(data.response as Rec), id: promoter.id } },
    };
    const [output] = (await trigger(hooks.detractors!, forged)).outputs as [Rec];
    expect(output).toMatchObject({ response_id: promoter.id, score: 10, segment: 'promoter' });

    // Segment changed: segment_change and direction come from the re-read response's segment.
    const change = delivered(hooks.segment!, (e) => (e.data as Rec).previous_segment === 'passive');
    const changeData = change.data as Rec;
    const claimed = await trigger(hooks.segment!, {
      ...change,
      data: { ...changeData, response: { ...(changeData.response as Rec), id: detractor.id } },
    });
    expect(claimed.outputs[0]).toMatchObject({
      response_id: detractor.id,
      segment_change: 'passive → detractor',
      direction: 'declined',
    });

    // Unsubscribes: a delivery naming a contact that is not unsubscribed outputs it as it is.
    const unsub = delivered(hooks.unsub!);
    const [subscribed] = (
      await run('findContact', { identity_key: 'email', identity_value: 'make.forged@example.com' })
    ).outputs as [Rec];
    const notUnsubscribed = await trigger(hooks.unsub!, {
      ...unsub,
      data: { ...(unsub.data as Rec), contact: { id: subscribed.id } },
    });
    expect(notUnsubscribed.outputs).toEqual([
      expect.objectContaining({ contact_id: subscribed.id, unsubscribed: false }),
    ]);

    // Undelivered surveys: a delivery naming an invitation that is still scheduled outputs the
    // invitation as the platform has it (not failed), and the run succeeds.
    const scheduled = (
      await run('sendSurvey', {
        survey_id: surveyId,
        email: 'make.later@example.com',
        channel: 'email',
        send_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      })
    ).outputs[0] as Rec;
    const failed = delivered(hooks.failed!);
    const failedData = failed.data as Rec;
    const stillScheduled = await trigger(hooks.failed!, {
      ...failed,
      data: { ...failedData, invitation: { ...(failedData.invitation as Rec), id: scheduled.id } },
    });
    expect(stillScheduled.outputs).toEqual([
      expect.objectContaining({
        invitation_id: scheduled.id,
        status: 'scheduled',
        failure_reason: null,
        contact_id: scheduled.contact_id,
      }),
    ]);
    expectInterface('watchFailedInvitations', stillScheduled.outputs);
  });

  it('detach: GET /webhooks, then DELETE /webhooks/{id}; nothing more arrives; detaching again sends no DELETE', async () => {
    for (const hook of Object.values(hooks)) {
      const result = await detachWebhook(app, hook.webhook, {
        parameters: hook.parameters,
        connection,
        webhook: hook.data,
      });
      expect(result.requests.map((r) => [seen(r).method, seen(r).path])).toEqual([
        ['GET', '/webhooks'],
        ['DELETE', `/webhooks/${String(hook.data.externalHookId)}`],
      ]);
    }
    const again = await detachWebhook(app, 'newResponse', {
      parameters: {},
      connection,
      webhook: hooks.detractors!.data,
    });
    // Already gone: not on the (complete) list, so no DELETE and no 404.
    expect(again.requests.map((r) => seen(r).method)).toEqual(['GET']);
    const before = receiver.deliveries.length;
    submit(1, 'After detach.', { contact: { email: 'after.detach@example.com' } });
    await sandbox.settle();
    expect(receiver.deliveries.length).toBe(before);
  });
});
