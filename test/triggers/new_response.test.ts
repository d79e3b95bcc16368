/** new_response: subscribe per input combination, filters on delivery, performList. */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import type { NpsResponse, WebhookFilters } from '../../client/schemas.js';
import newResponse from '../../triggers/new_response.js';
import {
  SECRET,
  TARGET_URL,
  edge,
  englishPromoter,
  passiveNoEmail,
  responseEvent,
  responsesPage,
  spanishDetractor,
  webhookFixture,
} from '../fixtures/triggers.js';
import { BASE_URL, appTester, authData, errorOf } from '../helpers/app.js';
import { zapierStep } from '../helpers/zapier-run.js';
import { failsBeforeAnyRequest } from '../creates/run.js';
import {
  deliverTo,
  installCache,
  installCursor,
  listFrom,
  operationOf,
  resetSeams,
} from './helpers.js';

const operation = operationOf(newResponse);
type Input = Record<string, unknown>;
type Item = Record<string, unknown> & { id: string };

const subscribeWith = (inputData: Input) =>
  appTester(operation.performSubscribe, {
    authData,
    inputData,
    targetUrl: TARGET_URL,
  } as Partial<Bundle>);

const deliver = async (inputData: Input, response: NpsResponse, type = 'response.analyzed') =>
  deliverTo(operation, inputData, responseEvent(type as 'response.analyzed', response));

const list = async (inputData: Input, meta: Partial<Bundle['meta']> = {}) =>
  listFrom<Item>(operation, inputData, meta);

beforeEach(() => {
  installCache();
});
afterEach(resetSeams);

describe('new_response performSubscribe', () => {
  it.each([
    [{}, ['response.analyzed'], undefined],
    [{ wait_for_themes: false }, ['response.created'], undefined],
    [{ wait_for_themes: 'false' }, ['response.created'], undefined],
    [
      { wait_for_themes: true, survey_id: 'srv_q3nps' },
      ['response.analyzed'],
      { survey_id: 'srv_q3nps' },
    ],
    [
      { segments: ['detractor', 'passive'] },
      ['response.analyzed'],
      { segments: ['detractor', 'passive'] },
    ],
    [{ min_score: '0', max_score: '6' }, ['response.analyzed'], { min_score: 0, max_score: 6 }],
    [
      // Themes and comment cannot be expressed by the API: they are applied on delivery.
      {
        survey_id: 'srv_onb',
        segments: ['promoter'],
        min_score: 9,
        themes: ['thm_pricing'],
        require_comment: true,
      },
      ['response.analyzed'],
      { survey_id: 'srv_onb', segments: ['promoter'], min_score: 9 },
    ],
  ])('inputs %j subscribe to %j with filters %j', async (inputData, events, filters) => {
    let body: Record<string, unknown> = {};
    const webhook = webhookFixture(events, (filters ?? {}) as WebhookFilters);
    const scope = nock(BASE_URL)
      .post('/webhooks', (b: Record<string, unknown>) => {
        body = b;
        return true;
      })
      .reply(201, webhook);
    const result = await subscribeWith(inputData);
    scope.done();
    expect(body).toEqual({
      url: TARGET_URL,
      events,
      description: 'Zapier: New NPS Response',
      ...(filters ? { filters } : {}),
    });
    // The webhook, with its secret, becomes bundle.subscribeData.
    expect(result).toMatchObject({ id: 'wh_3kQ', secret: SECRET });
  });

  it.each([
    [{ min_score: 11 }, /Minimum Score \(min_score\) must be a whole number from 0 to 10/],
    [{ max_score: -1 }, /Maximum Score \(max_score\) must be a whole number from 0 to 10/],
    [{ min_score: 'ten' }, /Minimum Score \(min_score\)/],
    [
      { min_score: 8, max_score: 6 },
      /Maximum Score \(max_score\) must be at least the Minimum Score/,
    ],
    [{ segments: ['fans'] }, /Segments \(segments\) must be promoter, passive or detractor/],
  ])('refuses %j before any request', async (inputData, message) => {
    const error = await errorOf(() => subscribeWith(inputData));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
    expect(nock.pendingMocks()).toEqual([]);
  });

  // Issue 16, item 1: the score filters reach the trigger as the text mapped into them; Zapier's
  // own parsing would have made "six" a 0 and let every score through.
  it.each([
    ['six', 'max_score', /Maximum Score \(max_score\) must be a whole number from 0 to 10\./],
    ['6.5', 'max_score', /Maximum Score \(max_score\) must be a whole number from 0 to 10\./],
    ['nine', 'min_score', /Minimum Score \(min_score\) must be a whole number from 0 to 10\./],
  ])(
    'refuses a mapped "%s" in %s at subscribe, as Zapier delivers it, naming the field',
    async (value, key, message) => {
      const step = await zapierStep(
        newResponse,
        { [key]: value },
        { method: 'performSubscribe', bundle: { targetUrl: TARGET_URL } },
      );
      expect(step.fields.find((field) => field.key === key)).toMatchObject({ type: 'string' });
      const error = await failsBeforeAnyRequest(() => step.perform());
      expect(error.name).toBe('HaltedError');
      expect(error.message).toMatch(message);
    },
  );

  it('subscribes with the score filters a zap stores as text', async () => {
    let body: { filters?: unknown } = {};
    nock(BASE_URL)
      .post('/webhooks', (b: { filters?: unknown }) => {
        body = b;
        return true;
      })
      .reply(201, webhookFixture(['response.analyzed'], { min_score: 0, max_score: 6 }));
    const step = await zapierStep(
      newResponse,
      { min_score: ' 0 ', max_score: '6' },
      { method: 'performSubscribe', bundle: { targetUrl: TARGET_URL } },
    );
    await step.perform();
    expect(body.filters).toEqual({ min_score: 0, max_score: 6 });
  });

  it('accepts min_score equal to max_score', async () => {
    nock(BASE_URL)
      .post(
        '/webhooks',
        (b: { filters?: unknown }) =>
          JSON.stringify(b.filters) === JSON.stringify({ min_score: 0, max_score: 0 }),
      )
      .reply(201, webhookFixture(['response.analyzed'], { min_score: 0, max_score: 0 }));
    await expect(subscribeWith({ min_score: 0, max_score: 0 })).resolves.toBeDefined();
  });
});

describe('new_response perform filters', () => {
  it('outputs the response record with the segment label in the chosen language', async () => {
    const [item] = await deliver({ label_language: 'es' }, spanishDetractor);
    expect(item).toMatchObject({
      id: 'rsp_2b9x',
      response_id: 'rsp_2b9x',
      score: 4,
      segment: 'detractor',
      segment_label: 'Detractor',
      themes_picklist: 'Customer support;Billing',
    });
    const [french] = await deliver({ label_language: 'fr' }, englishPromoter);
    expect(french?.segment_label).toBe('Promoteur');
  });

  it.each([
    ['themes by id', { themes: ['thm_pricing'] }, passiveNoEmail, spanishDetractor],
    ['require_comment', { require_comment: true }, spanishDetractor, edge('noThemes')],
    ['segments', { segments: ['promoter'] }, englishPromoter, spanishDetractor],
    ['min_score', { min_score: 7 }, passiveNoEmail, spanishDetractor],
    ['max_score', { max_score: 6 }, spanishDetractor, englishPromoter],
    ['survey', { survey_id: 'srv_onb' }, passiveNoEmail, spanishDetractor],
  ])('%s: keeps a match, drops the rest', async (_name, inputData, kept, dropped) => {
    expect(await deliver(inputData, kept)).toHaveLength(1);
    expect(await deliver(inputData, dropped)).toEqual([]);
  });

  it('an input error on delivery names the field and never shows the secret or the body', async () => {
    const error = await errorOf(() => deliver({ min_score: 12 }, spanishDetractor));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/Minimum Score \(min_score\)/);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(spanishDetractor.comment ?? '-');
  });

  it('a theme *name* does not match the themes filter (ids only)', async () => {
    expect(await deliver({ themes: ['Pricing'] }, passiveNoEmail)).toEqual([]);
  });

  it('ignores the event type it did not subscribe to', async () => {
    expect(
      await deliver({ wait_for_themes: false }, spanishDetractor, 'response.analyzed'),
    ).toEqual([]);
    expect(
      await deliver({ wait_for_themes: false }, spanishDetractor, 'response.created'),
    ).toHaveLength(1);
  });
});

describe('new_response performList', () => {
  let cursor: ReturnType<typeof installCursor>;
  beforeEach(() => {
    cursor = installCursor();
  });

  it('sends every filter as query, newest first, and the same record as the hook', async () => {
    const scope = nock(BASE_URL)
      .get('/responses')
      .query({
        survey_id: 'srv_q3nps',
        segment: 'detractor,passive',
        min_score: '0',
        max_score: '8',
        theme: 'thm_support,thm_billing',
        has_comment: 'true',
        limit: '100',
      })
      .reply(200, responsesPage([spanishDetractor], 'cur_2'));
    const inputData = {
      survey_id: 'srv_q3nps',
      segments: ['detractor', 'passive'],
      min_score: 0,
      max_score: 8,
      themes: ['thm_support', 'thm_billing'],
      require_comment: true,
      label_language: 'es',
    };
    const items = await list(inputData);
    scope.done();
    const hooked = await deliver(inputData, spanishDetractor);
    expect(items).toEqual(hooked);
    expect(cursor.value).toBe('cur_2');
  });

  it('leaves out what is not set; no analysis filter without waiting for themes', async () => {
    const scope = nock(BASE_URL)
      .get('/responses')
      .query({ limit: '100' })
      .reply(200, responsesPage([]));
    expect(await list({ wait_for_themes: false })).toEqual([]);
    scope.done();
    expect(cursor.value).toBe('');
  });

  it('shows what the live trigger outputs: failed analyses yes, still-pending ones no', async () => {
    const failed: NpsResponse = {
      ...englishPromoter,
      id: 'rsp_failed',
      analysis_status: 'failed',
      themes: [],
    };
    const pending: NpsResponse = {
      ...passiveNoEmail,
      id: 'rsp_pending',
      analysis_status: 'pending',
      themes: [],
    };
    nock(BASE_URL)
      .get('/responses')
      .query({ limit: '100' })
      .reply(200, responsesPage([pending, failed, spanishDetractor]));
    const items = await list({});
    expect(items.map((item) => item.id)).toEqual(['rsp_failed', spanishDetractor.id]);
    expect(await deliver({}, failed)).toHaveLength(1);
  });

  it('refuses a Themes filter without Wait for AI Themes, naming the fields, before any request', async () => {
    const error = await errorOf(() =>
      subscribeWith({ themes: ['thm_support'], wait_for_themes: false }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/Themes \(themes\) needs Wait for AI Themes \(wait_for_themes\)/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('asks for 3 items when loading samples', async () => {
    const scope = nock(BASE_URL)
      .get('/responses')
      .query({ limit: '3' })
      .reply(200, responsesPage(sampleTrio(), 'cur_s'));
    const items = await list({}, { isLoadingSample: true, page: 0 });
    scope.done();
    expect(items.map((item) => item.id)).toEqual(['rsp_2b9x', 'rsp_3c4d', 'rsp_5e6f']);
  });

  it('"load more" continues from the cursor in z.cursor, and stops at the end', async () => {
    nock(BASE_URL)
      .get('/responses')
      .query({ limit: '100' })
      .reply(200, responsesPage([spanishDetractor], 'cur_2'));
    nock(BASE_URL)
      .get('/responses')
      .query({ limit: '100', cursor: 'cur_2' })
      .reply(200, responsesPage([englishPromoter], null));
    expect((await list({}, { page: 0 })).map((i) => i.id)).toEqual(['rsp_2b9x']);
    expect((await list({}, { page: 1 })).map((i) => i.id)).toEqual(['rsp_3c4d']);
    // The list has ended: no request, no items.
    expect(await list({}, { page: 2 })).toEqual([]);
    expect(cursor.sets).toEqual(['cur_2', '']);
  });

  it('drops what the hook would drop even if the API returned it', async () => {
    nock(BASE_URL)
      .get('/responses')
      .query(true)
      .reply(200, responsesPage([spanishDetractor, passiveNoEmail]));
    const items = await list({ themes: ['thm_pricing'] });
    expect(items.map((i) => i.id)).toEqual(['rsp_5e6f']);
  });

  it('performList and perform give records with identical keys for the same response', async () => {
    for (const response of [
      spanishDetractor,
      englishPromoter,
      passiveNoEmail,
      edge('noPrevious'),
    ]) {
      nock(BASE_URL)
        .get('/responses')
        .query(true)
        .reply(200, responsesPage([response]));
      const [listed] = await list({});
      const [hooked] = await deliver({}, response);
      expect(Object.keys(listed ?? {}).sort()).toEqual(Object.keys(hooked ?? {}).sort());
      expect(listed).toEqual(hooked);
    }
  });

  it('sample keys are exactly the keys of a real record', async () => {
    const [hooked] = await deliver({}, englishPromoter);
    expect(Object.keys(operation.sample ?? {}).sort()).toEqual(Object.keys(hooked ?? {}).sort());
  });
});

const sampleTrio = () => [spanishDetractor, englishPromoter, passiveNoEmail];
