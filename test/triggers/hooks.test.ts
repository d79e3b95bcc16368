/**
 * What every instant trigger shares: signature verification that fails closed, parsing the
 * verified body, dropping a repeat delivery per subscription, unsubscribe. Run for all four.
 */
import { jest } from '@jest/globals';
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import { KEYS } from '../../fields/keys.js';
import { DEDUPE_TTL_SECONDS, type DedupeCache } from '../../lib/dedupe.js';
import { DELIVERY_MAX_AGE_SECONDS } from '../../lib/signature.js';
import { triggers } from '../../triggers/index.js';
import {
  OTHER_SECRET,
  SECRET,
  TARGET_URL,
  followUpClosed,
  notFoundFixture,
  responseEvent,
  segmentChangedEvent,
  spanishDetractor,
  unsubscribedEvent,
} from '../fixtures/triggers.js';
import { BASE_URL, appTester, authData, errorOf } from '../helpers/app.js';
import {
  MemoryCache,
  delivery,
  installCache,
  operationOf,
  resetSeams,
  secondsFromNow,
} from './helpers.js';
import type { DeliveryOptions } from './helpers.js';

const operationFor = (key: string) =>
  operationOf((triggers as Record<string, { operation: unknown }>)[key] as { operation: unknown });

const cases = [
  {
    key: KEYS.triggers.newResponse,
    event: responseEvent('response.analyzed', spanishDetractor),
    itemId: spanishDetractor.id,
  },
  {
    key: KEYS.triggers.segmentChanged,
    event: segmentChangedEvent('passive', spanishDetractor),
    itemId: 'evt_seg_rsp_2b9x',
  },
  {
    key: KEYS.triggers.responseUpdated,
    event: followUpClosed,
    itemId: `${spanishDetractor.id}:2026-11-22T10:00:00Z`,
  },
  {
    key: KEYS.triggers.contactUnsubscribed,
    event: unsubscribedEvent(),
    itemId: 'evt_unsub_con_7Hq1',
  },
];

/** An event of a type none of these triggers subscribes to with the others' events. */
const foreignEvent = (key: string) =>
  key === KEYS.triggers.contactUnsubscribed
    ? responseEvent('response.analyzed', spanishDetractor)
    : unsubscribedEvent();

afterEach(resetSeams);

describe.each(cases)('$key hook', ({ key, event, itemId }) => {
  const operation = operationFor(key);
  const subscribeData = { id: 'wh_3kQ', secret: SECRET };

  const deliver = async (
    options: DeliveryOptions = {},
    subscription: { id: string; secret?: string } = subscribeData,
    payload: { id: string } = event,
  ) =>
    (await appTester(operation.perform, {
      authData,
      inputData: {},
      targetUrl: TARGET_URL,
      subscribeData: subscription,
      ...delivery(payload, options),
    } as Partial<Bundle>)) as Array<{ id: string }>;

  const rejection = async (options: DeliveryOptions, subscription = subscribeData) => {
    const error = await errorOf(() => deliver(options, subscription));
    expect(error.name).toBe('HaltedError');
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(spanishDetractor.comment ?? '-');
    expect(error.message).not.toContain(spanishDetractor.contact.email ?? '-');
    return error.message;
  };

  beforeEach(() => {
    installCache();
  });

  it('outputs the record of a delivery signed with the subscription secret', async () => {
    const items = await deliver();
    expect(items).toHaveLength(1);
    expect(items[0]?.id).toBe(itemId);
  });

  it('reads the headers in any case (Zapier gives Http-Webhook-Signature)', async () => {
    expect(await deliver({ headerStyle: 'plain' })).toHaveLength(1);
  });

  it('accepts a late delivery up to 24 hours old, and one up to 5 minutes ahead', async () => {
    // Zapier may run perform long after it answered the platform, which then never retries:
    // refusing a late delivery would lose it (issue 10, item 1).
    expect(await deliver({ at: secondsFromNow(-240) })).toHaveLength(1);
    expect(await deliver({ at: secondsFromNow(240), msgId: `${event.id}-b` })).toHaveLength(1);
    expect(await deliver({ at: secondsFromNow(-2 * 3600), msgId: `${event.id}-c` })).toHaveLength(
      1,
    );
    expect(
      await deliver({ at: secondsFromNow(-(24 * 3600 - 600)), msgId: `${event.id}-d` }),
    ).toHaveLength(1);
  });

  it('keeps repeats out for longer than the delivery window', () => {
    expect(DEDUPE_TTL_SECONDS).toBeGreaterThan(DELIVERY_MAX_AGE_SECONDS);
    expect(DELIVERY_MAX_AGE_SECONDS).toBe(24 * 3600);
  });

  it('rejects a tampered body', async () => {
    const tampered = JSON.stringify(event).replace('"evt_', '"evt_x');
    expect(await rejection({ deliveredBody: tampered })).toMatch(
      /signature does not match .* body was altered/,
    );
  });

  it('rejects a delivery signed with another secret', async () => {
    expect(await rejection({ secret: OTHER_SECRET })).toMatch(/signature does not match/);
  });

  it('rejects a timestamp older than 24 hours (replay) and one more than 5 minutes ahead', async () => {
    expect(await rejection({ at: secondsFromNow(-(24 * 3600 + 600)) })).toMatch(
      /more than 24 hours old/,
    );
    expect(await rejection({ at: secondsFromNow(-30 * 86_400) })).toMatch(/more than 24 hours old/);
    expect(await rejection({ at: secondsFromNow(600) })).toMatch(/5 minutes in the future/);
  });

  it.each(['id', 'timestamp', 'signature'] as const)(
    'rejects a delivery without the webhook-%s header',
    async (header) => {
      expect(await rejection({ omit: [header] })).toMatch(
        new RegExp(`webhook-${header} header is missing`),
      );
    },
  );

  it('fails closed when the subscription has no secret', async () => {
    expect(await rejection({}, { id: 'wh_3kQ' } as typeof subscribeData)).toMatch(
      /no signing secret/,
    );
  });

  it('drops a repeat of a delivery for the same subscription, keeps it for another', async () => {
    const cache = installCache(new MemoryCache()) as MemoryCache;
    expect(await deliver({ at: secondsFromNow(-200) })).toHaveLength(1);
    // The platform's retry: same webhook-id, re-signed with a fresh timestamp.
    expect(await deliver()).toEqual([]);
    // The same event reaching a second zap's subscription fires there too.
    expect(
      await deliver({ secret: OTHER_SECRET }, { id: 'wh_9zz', secret: OTHER_SECRET }),
    ).toHaveLength(1);
    expect(cache.calls[0]).toMatchObject({ nx: true });
    expect(cache.calls[0]?.ttl).toBeGreaterThanOrEqual(DEDUPE_TTL_SECONDS);
    expect(DEDUPE_TTL_SECONDS).toBeGreaterThanOrEqual(25 * 3600);
    expect(new Set(cache.calls.map((call) => call.key)).size).toBe(2);
  });

  it('processes the delivery when the cache is unavailable, and says so in the log', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing: DedupeCache = { set: async () => Promise.reject(new Error('rpc down')) };
    installCache(failing);
    expect(await deliver()).toHaveLength(1);
    installCache({ set: async () => null });
    expect(await deliver()).toHaveLength(1);
    expect(logged.mock.calls.flat().join(' ')).toMatch(/deduplication is unavailable/);
    logged.mockRestore();
  });

  it('halts on a verified body that is not JSON, without echoing it', async () => {
    const message = await rejection({ signedBody: 'not json: maria.garcia@acme.com' });
    expect(message).toMatch(/not valid JSON/);
    expect(message).not.toContain('maria.garcia@acme.com');
  });

  it('outputs nothing for an event of another type', async () => {
    const other = foreignEvent(key);
    expect(await deliver({}, subscribeData, other)).toEqual([]);
  });

  it('unsubscribes with DELETE /webhooks/{id}; 404 counts as already gone', async () => {
    const scope = nock(BASE_URL).delete('/webhooks/wh_3kQ').reply(204);
    await appTester(operation.performUnsubscribe, { authData, subscribeData } as Partial<Bundle>);
    nock(BASE_URL).delete('/webhooks/wh_3kQ').reply(404, notFoundFixture);
    await expect(
      appTester(operation.performUnsubscribe, { authData, subscribeData } as Partial<Bundle>),
    ).resolves.toEqual({ deleted: false });
    scope.done();
  });
});
