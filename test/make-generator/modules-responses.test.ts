/**
 * The response modules (Record, Find, Update, Add a Note, Search Responses), run by the local
 * IML runtime against the sandbox over real HTTP: the exact request and the record.
 */
import type { NpsResponse } from '../../client/schemas.js';
import { toResponseRecord } from '../../records/response.js';
import { ERASE, type Rec } from '../../iml-runtime/runner.js';
import {
  api,
  apiAll,
  CRM,
  EMAIL,
  errorOf,
  run,
  seen,
  submit,
  surveyId,
  useMakeApp,
} from './make-app.js';

useMakeApp();

describe('response modules: the exact request and the record', () => {
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
});
