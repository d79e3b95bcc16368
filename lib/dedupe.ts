/**
 * Drops a webhook delivery this subscription has already processed. Delivery is at least once and
 * retries keep the same `webhook-id` for about 18 hours, so the key (subscription id, webhook-id)
 * is remembered for 25 hours with `z.cache` set-if-absent (`nx`). The same event reaching two
 * zaps has two subscription ids, so it fires in both.
 *
 * If the cache is unavailable (it throws or answers null) the delivery is processed: a rare
 * duplicate is better than a lost response.
 */
import type { ZObject } from 'zapier-platform-core';

/**
 * 25 hours: longer than the platform's whole retry schedule and than the 24 hours a delivery's
 * timestamp may be old (lib/signature.ts), so a replay inside that window is always dropped.
 */
export const DEDUPE_TTL_SECONDS = 90_000;

/** The part of `z.cache` deduplication needs. */
export interface DedupeCache {
  set(
    key: string,
    value: unknown,
    ttl?: number,
    scope?: string[],
    nx?: boolean,
  ): Promise<boolean | null>;
}

export const dedupeKey = (subscriptionId: string, webhookId: string): string =>
  `nps:delivery:${subscriptionId}:${webhookId}`;

/**
 * True when this is the first time the subscription sees this delivery (or the cache cannot
 * tell); false for a repeat. Call it last, right before outputting, so a run that fails earlier
 * is not marked as processed.
 */
export const isFirstDelivery = async (
  z: ZObject,
  subscriptionId: string,
  webhookId: string,
  cache: DedupeCache = z.cache,
): Promise<boolean> => {
  try {
    const stored = await cache.set(
      dedupeKey(subscriptionId, webhookId),
      1,
      DEDUPE_TTL_SECONDS,
      ['auth'],
      true,
    );
    if (stored === false) return false;
    if (stored === null) {
      z.console.warn('Delivery deduplication is unavailable (z.cache answered null); processing.');
    }
    return true;
  } catch {
    z.console.warn('Delivery deduplication is unavailable (z.cache failed); processing.');
    return true;
  }
};
