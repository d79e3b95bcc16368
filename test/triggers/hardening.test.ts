/**
 * Issue 10, items 3-7: paging asks for what it returns and survives an expired cursor, a list item
 * that breaks the contract is skipped (deliveries stay strict), loop protection follows the
 * connection's current key, paging respects a time budget, and new_response samples without
 * "Wait for AI Themes" look like the live trigger's output at creation.
 */
import nock from 'nock';
import { jest } from '@jest/globals';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { NpsResponse } from '../../client/schemas.js';
import { pagedList } from '../../lib/hooks.js';
import contactUnsubscribed from '../../triggers/contact_unsubscribed.js';
import newResponse from '../../triggers/new_response.js';
import responseUpdated from '../../triggers/response_updated.js';
import {
  SECRET,
  englishPromoter,
  eventsPage,
  meFixture,
  ownChange,
  responsesPage,
  spanishDetractor,
  tagsChanged,
  unsubscribedEvent,
  updatedEvent,
} from '../fixtures/triggers.js';
import { BASE_URL, appTester, authData, errorOf } from '../helpers/app.js';
import { MemoryCursor, zWithStores } from '../helpers/stores.js';
import {
  MemoryCache,
  deliverTo,
  listFrom,
  delivery,
  installCache,
  installCursor,
  operationOf,
  resetSeams,
} from './helpers.js';

type Item = Record<string, unknown> & { id: string };
afterEach(resetSeams);

const listWith = async (
  trigger: { operation: unknown },
  inputData: Record<string, unknown>,
  meta: Partial<Bundle['meta']> = {},
) => listFrom<Item>(operationOf(trigger), inputData, meta);

/** Everything written to the console (where z.console goes under appTester) during `fn`. */
const consoleDuring = async <T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> => {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((...parts: unknown[]) => {
      lines.push(parts.map(String).join(' '));
    }),
  );
  try {
    return { result: await fn(), lines };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
};

// ---------------------------------------------------------------- item 3

describe('event triggers page without skipping (item 3)', () => {
  const events = Array.from({ length: 5 }, (_, i) =>
    unsubscribedEvent(englishPromoter.contact, `evt_u${i + 1}`),
  );

  it('asks for 3 events when loading samples, so "load more" continues at the 4th', async () => {
    const cursor = installCursor();
    nock(BASE_URL)
      .get('/events')
      .query({ type: 'contact.unsubscribed', limit: '3' })
      .reply(200, eventsPage(events.slice(0, 3), 'cur_after_3'));
    const first = await listWith(contactUnsubscribed, {}, { isLoadingSample: true, page: 0 });
    expect(first.map((item) => item.id)).toEqual(['evt_u1', 'evt_u2', 'evt_u3']);
    expect(cursor.value).toBe('cur_after_3');

    nock(BASE_URL)
      .get('/events')
      .query({ type: 'contact.unsubscribed', limit: '3', cursor: 'cur_after_3' })
      .reply(200, eventsPage(events.slice(3), null));
    const more = await listWith(contactUnsubscribed, {}, { isLoadingSample: true, page: 1 });
    expect(more.map((item) => item.id)).toEqual(['evt_u4', 'evt_u5']);
  });

  it('restarts from the top when the saved cursor has expired (400 param: cursor)', async () => {
    const cursor = installCursor();
    cursor.value = 'cur_expired';
    nock(BASE_URL)
      .get('/events')
      .query({ type: 'contact.unsubscribed', limit: '100', cursor: 'cur_expired' })
      .reply(400, {
        error: { type: 'invalid_request', message: 'The cursor has expired.', param: 'cursor' },
      });
    nock(BASE_URL)
      .get('/events')
      .query({ type: 'contact.unsubscribed', limit: '100' })
      .reply(200, eventsPage(events.slice(0, 2), 'cur_fresh'));
    const items = await listWith(contactUnsubscribed, {}, { page: 1 });
    expect(items.map((item) => item.id)).toEqual(['evt_u1', 'evt_u2']);
    expect(cursor.value).toBe('cur_fresh');
  });

  it('still halts on another 400', async () => {
    const cursor = installCursor();
    cursor.value = 'cur_1';
    nock(BASE_URL)
      .get('/events')
      .query(true)
      .reply(400, { error: { type: 'invalid_request', message: 'Bad type.', param: 'type' } });
    const error = await errorOf(() => listWith(contactUnsubscribed, {}, { page: 1 }));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/Bad type/);
  });
});

// ---------------------------------------------------------------- item 4

describe('a list item that breaks the contract is skipped with a warning (item 4)', () => {
  const privateComment = 'My private complaint about the billing team and my manager';

  it('GET /events: the other events are output; the warning never carries the content', async () => {
    installCursor();
    const broken = {
      ...updatedEvent(
        { ...spanishDetractor, comment: privateComment, updated_at: '2026-11-22T13:00:00Z' },
        { tags: [] },
      ),
      id: 'evt_broken',
    };
    (broken.data.response as unknown as { score: number }).score = 11;
    nock(BASE_URL).get('/me').reply(200, meFixture);
    nock(BASE_URL)
      .get('/events')
      .query(true)
      .reply(200, eventsPage([tagsChanged, broken]));
    const { result, lines } = await consoleDuring(() => listWith(responseUpdated, {}));
    expect(result.map((item) => item.id)).toEqual(['rsp_2b9x:2026-11-22T11:00:00Z']);
    const warning = lines.find((line) => /evt_broken/.test(line)) ?? '';
    expect(warning).toMatch(/skipped/i);
    expect(lines.join('\n')).not.toContain(privateComment);
  });

  it('GET /responses: the other responses are output', async () => {
    installCursor();
    const broken = {
      ...englishPromoter,
      id: 'rsp_broken',
      comment: privateComment,
      segment: 'fan',
    } as unknown as NpsResponse;
    nock(BASE_URL)
      .get('/responses')
      .query(true)
      .reply(200, responsesPage([broken, spanishDetractor]));
    const { result, lines } = await consoleDuring(() => listWith(newResponse, {}));
    expect(result.map((item) => item.id)).toEqual([spanishDetractor.id]);
    expect(lines.some((line) => /rsp_broken/.test(line) && /skipped/i.test(line))).toBe(true);
    expect(lines.join('\n')).not.toContain(privateComment);
  });

  it('a delivery that breaks the contract still fails (deliveries stay strict)', async () => {
    installCache();
    const broken = updatedEvent({ ...spanishDetractor, updated_at: '2026-11-22T14:00:00Z' }, {});
    (broken.data.response as unknown as { score: number }).score = 11;
    const error = await errorOf(() => deliverTo(operationOf(responseUpdated), {}, broken));
    expect(error.message).toMatch(/does not match its API contract/);
  });
});

// ---------------------------------------------------------------- item 5

describe('response_updated loop protection follows the current key (item 5)', () => {
  const deliver = (
    event: typeof ownChange,
    inputData: Record<string, unknown> = {},
    clearCache = false,
  ) =>
    appTester(
      operationOf(responseUpdated).perform,
      {
        authData,
        inputData,
        subscribeData: { id: 'wh_3kQ', secret: SECRET },
        ...delivery(event),
      } as Partial<Bundle>,
      clearCache,
    ) as Promise<Item[]>;

  it('drops a delivered change made with the current key; GET /me is asked once (z.cache)', async () => {
    // The subscription was made with an older key: the platform's exclude_own_changes does not
    // know the new one, so the delivery arrives and perform must drop it.
    const me = nock(BASE_URL).get('/me').once().reply(200, meFixture);
    expect(await deliver(ownChange, {}, true)).toEqual([]);
    const again = { ...ownChange, id: 'evt_own_2' };
    expect(await deliver(again)).toEqual([]);
    expect(me.isDone()).toBe(true);
    // Changes by someone else are output, without asking GET /me.
    expect(await deliver(tagsChanged)).toHaveLength(1);
  });

  it('after a reconnect with a new key, the cached id of the old key is not used', async () => {
    // The connection ran with an older key (warm cache, 1 h TTL), then was reconnected with the
    // key that made this change: same connection, new authData. Its change must be dropped.
    const oldKey = { ...meFixture, key: { ...meFixture.key, id: 'key_old' } };
    const runWith = (key: string, event: typeof ownChange, clearCache = false) =>
      appTester(
        operationOf(responseUpdated).perform,
        {
          authData: { ...authData, api_key: key },
          inputData: {},
          subscribeData: { id: 'wh_3kQ', secret: SECRET },
          ...delivery(event),
        } as Partial<Bundle>,
        clearCache,
      ) as Promise<Item[]>;
    nock(BASE_URL).get('/me').once().reply(200, oldKey);
    expect(await runWith('nps_live_old_key', ownChange, true)).toHaveLength(1);
    nock(BASE_URL).get('/me').once().reply(200, meFixture);
    expect(await runWith('nps_live_new_key', { ...ownChange, id: 'evt_own_3' })).toEqual([]);
  });

  it('outputs the change when Ignore Changes Made by Zapier is No', async () => {
    installCache();
    expect(await deliver(ownChange, { ignore_own_changes: false })).toHaveLength(1);
  });

  it('falls back to GET /me when z.cache fails', async () => {
    installCache({
      get: async () => {
        throw new Error('cache down');
      },
      set: async () => {
        throw new Error('cache down');
      },
    } as unknown as MemoryCache);
    nock(BASE_URL).get('/me').reply(200, meFixture);
    const { result } = await consoleDuring(() => deliver(ownChange));
    expect(result).toEqual([]);
  });
});

// ---------------------------------------------------------------- item 6

describe('paging passes the time left in the budget as each request timeout (item 6)', () => {
  const z = (cursor: MemoryCursor) => zWithStores({} as ZObject, { cursor });
  const bundle = { meta: { page: 0 } } as unknown as Bundle;

  it('gives each page what is left of the budget and stops before it runs out', async () => {
    let clock = 1_000_000;
    const timeouts: number[] = [];
    const cursor = new MemoryCursor();
    const items = await pagedList(
      z(cursor),
      bundle,
      async (page, request) => {
        timeouts.push(request.timeoutMs);
        clock += 7_000; // each page takes 7 s
        return { data: [page ?? 'first'], next_cursor: `after_${timeouts.length}` };
      },
      () => [], // filters leave nothing: keep paging
      100,
      { budgetMs: 20_000, now: () => clock },
    );
    expect(items).toEqual([]);
    // 20 s, then 13 s, then 6 s left; then less than the minimum for a request: stop.
    expect(timeouts).toEqual([20_000, 13_000, 6_000]);
    expect(cursor.value).toBe('after_3');
  });
});

// ---------------------------------------------------------------- item 7

describe('new_response samples without Wait for AI Themes (item 7)', () => {
  it('show no themes, analysis pending and no analyzed_at, as the live trigger outputs', async () => {
    installCursor();
    expect(spanishDetractor.themes.length).toBeGreaterThan(0);
    nock(BASE_URL)
      .get('/responses')
      .query(true)
      .reply(200, responsesPage([spanishDetractor]));
    const [item] = await listWith(newResponse, { wait_for_themes: false });
    expect(item).toMatchObject({
      id: spanishDetractor.id,
      themes: [],
      themes_text: '',
      positive_themes: [],
      negative_themes: [],
      analysis_status: 'pending',
      analyzed_at: null,
    });
  });
});
