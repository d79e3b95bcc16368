/**
 * segment_changed, response_updated, contact_unsubscribed: subscribe bodies per input
 * combination, filters on delivery, and performList over GET /events giving the hook's record.
 */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import type { WebhookFilters } from '../../client/schemas.js';
import contactUnsubscribed from '../../triggers/contact_unsubscribed.js';
import responseUpdated from '../../triggers/response_updated.js';
import segmentChanged from '../../triggers/segment_changed.js';
import {
  TARGET_URL,
  englishPromoter,
  eventsPage,
  followUpClosed,
  meFixture,
  ownChange,
  passiveNoEmail,
  segmentChangedEvent,
  spanishDetractor,
  tagsChanged,
  unsubscribedEvent,
  webhookFixture,
} from '../fixtures/triggers.js';
import { BASE_URL, appTester, authData, errorOf } from '../helpers/app.js';
import { deliverTo, listFrom, operationOf, useSeams } from './helpers.js';
import type { TestOperation } from './helpers.js';

type Input = Record<string, unknown>;
type Item = Record<string, unknown> & { id: string };

const subscribeBody = async (operation: TestOperation, inputData: Input) => {
  let body: Record<string, unknown> = {};
  const scope = nock(BASE_URL)
    .post('/webhooks', (b: Record<string, unknown>) => {
      body = b;
      return true;
    })
    .reply(201, webhookFixture(['x'], {}));
  await appTester(operation.performSubscribe, {
    authData,
    inputData,
    targetUrl: TARGET_URL,
  } as Partial<Bundle>);
  scope.done();
  return body;
};

const expectSameKeysAsOutputFields = (operation: TestOperation, item: Item | undefined) => {
  // The dynamic output fields (a function: the workspace's property labels) are loaded from the API.
  const declared = new Set(
    (operation.outputFields ?? [])
      .filter((f) => typeof f !== 'function')
      .map((f) => f.key.split('[]')[0]),
  );
  expect(Object.keys(item ?? {}).sort()).toEqual([...declared].sort());
  expect(Object.keys(operation.sample ?? {}).sort()).toEqual([...declared].sort());
};

const seams = useSeams();

// ---------------------------------------------------------------- segment_changed

describe('segment_changed', () => {
  const operation = operationOf(segmentChanged);
  const declined = segmentChangedEvent('passive', spanishDetractor);
  const improved = segmentChangedEvent('detractor', passiveNoEmail);

  it.each([
    [{}, undefined],
    [{ survey_id: 'srv_q3nps' }, { survey_id: 'srv_q3nps' }],
    [{ to_segments: ['detractor'], from_segments: ['promoter'] }, { segments: ['detractor'] }],
  ])('inputs %j subscribe with filters %j', async (inputData, filters) => {
    expect(await subscribeBody(operation, inputData)).toEqual({
      url: TARGET_URL,
      events: ['contact.segment_changed'],
      description: 'Zapier: Contact Segment Changed',
      ...(filters ? { filters } : {}),
    });
  });

  it('outputs the response record with id = event id and the change', async () => {
    const [item] = await deliverTo(operation, { label_language: 'de' }, declined);
    expect(item).toMatchObject({
      id: declined.id,
      response_id: spanishDetractor.id,
      segment: 'detractor',
      segment_label: 'Kritiker',
      previous_segment: 'passive',
      previous_segment_label: 'Passiver',
      segment_change: 'passive → detractor',
      direction: 'declined',
    });
    const [up] = await deliverTo(operation, {}, improved);
    expect(up).toMatchObject({ segment_change: 'detractor → passive', direction: 'improved' });
    expectSameKeysAsOutputFields(operation, item);
  });

  it.each([
    [{ to_segments: ['promoter'] }],
    [{ from_segments: ['detractor', 'promoter'] }],
    [{ survey_id: 'srv_onb' }],
  ])('drops an event outside %j', async (inputData) => {
    expect(await deliverTo(operation, inputData, declined)).toEqual([]);
  });

  it('keeps an event inside the filters', async () => {
    const input = {
      to_segments: ['detractor'],
      from_segments: ['passive'],
      survey_id: 'srv_q3nps',
    };
    expect(await deliverTo(operation, input, declined)).toHaveLength(1);
  });

  it('performList reads GET /events?type=contact.segment_changed, filters, pages', async () => {
    nock(BASE_URL)
      .get('/events')
      .query({ type: 'contact.segment_changed', limit: '100' })
      .reply(200, eventsPage([improved, declined], 'cur_e2'));
    const items = await listFrom(operation, { to_segments: ['detractor'] });
    expect(items).toEqual(await deliverTo(operation, { to_segments: ['detractor'] }, declined));
    expect(seams.cursor.value).toBe('cur_e2');

    nock(BASE_URL)
      .get('/events')
      .query({ type: 'contact.segment_changed', limit: '100', cursor: 'cur_e2' })
      .reply(200, eventsPage([improved]));
    expect((await listFrom(operation, {}, { page: 1 })).map((i) => i.id)).toEqual([improved.id]);
    expect(seams.cursor.value).toBe('');
  });

  it('performList fetches further pages while the filters leave nothing to show', async () => {
    nock(BASE_URL)
      .get('/events')
      .query({ type: 'contact.segment_changed', limit: '100' })
      .reply(200, eventsPage([improved], 'cur_e2'));
    nock(BASE_URL)
      .get('/events')
      .query({ type: 'contact.segment_changed', limit: '100', cursor: 'cur_e2' })
      .reply(200, eventsPage([declined], 'cur_e3'));
    const items = await listFrom(operation, { to_segments: ['detractor'] });
    expect(items.map((i) => i.id)).toEqual([declined.id]);
    expect(seams.cursor.value).toBe('cur_e3');
  });

  it('refuses an unknown segment, naming the field', async () => {
    const error = await errorOf(() => listFrom(operation, { from_segments: ['churned'] }));
    expect(error.message).toMatch(/Previous Segment \(from_segments\)/);
  });
});

// ---------------------------------------------------------------- response_updated

describe('response_updated', () => {
  const operation = operationOf(responseUpdated);

  it.each([
    [{}, { exclude_own_changes: true }],
    [{ ignore_own_changes: false }, { exclude_own_changes: false }],
    [
      { survey_id: 'srv_q3nps', follow_up_statuses: ['closed'] },
      { survey_id: 'srv_q3nps', exclude_own_changes: true },
    ],
  ])('inputs %j subscribe with filters %j', async (inputData, filters) => {
    expect(await subscribeBody(operation, inputData)).toEqual({
      url: TARGET_URL,
      events: ['response.updated'],
      description: 'Zapier: Updated Response',
      filters: filters as WebhookFilters,
    });
  });

  it('outputs the record with id <response id>:<updated_at>, changed and previous status', async () => {
    const [item] = await deliverTo(operation, {}, followUpClosed);
    expect(item).toMatchObject({
      id: 'rsp_2b9x:2026-11-22T10:00:00Z',
      response_id: 'rsp_2b9x',
      follow_up_status: 'closed',
      previous_follow_up_status: 'open',
      changed: ['follow_up'],
    });
    const [tags] = await deliverTo(operation, {}, tagsChanged);
    expect(tags).toMatchObject({
      id: 'rsp_2b9x:2026-11-22T11:00:00Z',
      changed: ['tags'],
      previous_follow_up_status: 'open',
    });
    expectSameKeysAsOutputFields(operation, item);
  });

  it('with follow-up statuses, fires only when the status changed to one of them', async () => {
    expect(
      await deliverTo(operation, { follow_up_statuses: ['closed'] }, followUpClosed),
    ).toHaveLength(1);
    expect(await deliverTo(operation, { follow_up_statuses: ['open'] }, followUpClosed)).toEqual(
      [],
    );
    // Tags changed, the status did not.
    expect(await deliverTo(operation, { follow_up_statuses: ['open'] }, tagsChanged)).toEqual([]);
  });

  it('drops another survey', async () => {
    expect(await deliverTo(operation, { survey_id: 'srv_onb' }, followUpClosed)).toEqual([]);
  });

  it('performList drops changes made with this key (ignore_own_changes)', async () => {
    nock(BASE_URL).get('/me').reply(200, meFixture);
    nock(BASE_URL)
      .get('/events')
      .query({ type: 'response.updated', limit: '100' })
      .reply(200, eventsPage([ownChange, tagsChanged, followUpClosed]));
    const items = await listFrom(operation, {});
    expect(items.map((i) => i.id)).toEqual([
      'rsp_2b9x:2026-11-22T11:00:00Z',
      'rsp_2b9x:2026-11-22T10:00:00Z',
    ]);
    expect(items[1]).toEqual((await deliverTo(operation, {}, followUpClosed))[0]);

    nock(BASE_URL)
      .get('/events')
      .query({ type: 'response.updated', limit: '100' })
      .reply(200, eventsPage([ownChange]));
    expect(await listFrom(operation, { ignore_own_changes: false })).toHaveLength(1);
  });

  it('performList gives 3 items when loading samples', async () => {
    nock(BASE_URL).get('/me').reply(200, meFixture);
    nock(BASE_URL)
      .get('/events')
      .query(true)
      .reply(200, eventsPage([tagsChanged, followUpClosed, tagsChanged, followUpClosed]));
    expect(await listFrom(operation, {}, { isLoadingSample: true })).toHaveLength(3);
  });

  it('refuses an unknown follow-up status, naming the field', async () => {
    const error = await errorOf(() => listFrom(operation, { follow_up_statuses: ['done'] }));
    expect(error.message).toMatch(/follow_up_statuses/);
  });
});

// ---------------------------------------------------------------- contact_unsubscribed

describe('contact_unsubscribed', () => {
  const operation = operationOf(contactUnsubscribed);

  it('subscribes to contact.unsubscribed with no filters', async () => {
    expect(await subscribeBody(operation, {})).toEqual({
      url: TARGET_URL,
      events: ['contact.unsubscribed'],
      description: 'Zapier: Contact Unsubscribed',
    });
  });

  it('outputs the contact record, id = event id so each opt-out is its own item', async () => {
    const event = unsubscribedEvent();
    const [item] = await deliverTo(operation, {}, event);
    expect(item).toMatchObject({
      id: event.id,
      contact_id: 'con_7Hq1',
      email: 'maria.garcia@acme.com',
      unsubscribed: true,
      unsubscribed_at: event.created_at,
    });
    expectSameKeysAsOutputFields(operation, item);
  });

  it('performList pages through GET /events?type=contact.unsubscribed', async () => {
    const first = unsubscribedEvent(englishPromoter.contact, 'evt_u2');
    const again = unsubscribedEvent(englishPromoter.contact, 'evt_u1');
    nock(BASE_URL)
      .get('/events')
      .query({ type: 'contact.unsubscribed', limit: '100' })
      .reply(200, eventsPage([first, again], 'cur_u'));
    const items = await listFrom(operation, {});
    expect(items.map((i) => i.id)).toEqual(['evt_u2', 'evt_u1']);
    expect(items.map((i) => i.contact_id)).toEqual(['con_9Lm2', 'con_9Lm2']);
    expect(items[0]).toEqual((await deliverTo(operation, {}, first))[0]);
    expect(seams.cursor.value).toBe('cur_u');
  });
});
