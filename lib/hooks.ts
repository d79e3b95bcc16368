/**
 * The REST-hook plumbing every instant trigger shares, written once:
 *
 * - `subscribe` / `unsubscribe`: POST /webhooks (the returned webhook, with its secret, becomes
 *   `bundle.subscribeData`) and DELETE /webhooks/{id} (404 = already gone).
 * - `receive`: verify the signature (fail closed), parse the verified raw body with the contract's
 *   zod schema, turn the event into items, drop a repeat delivery for this subscription.
 * - `pagedList`: "load more" paging with Zapier's cursor store (`z.cursor`), shared with the
 *   dropdown triggers.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { isExpiredCursorError } from '../client/http.js';
import { createWebhook, deleteWebhook, listEvents, parseEvent } from '../client/api.js';
import type { EventType, WebhookCreateRequest } from '../client/api.js';
import { SEGMENTS } from '../client/enums.js';
import type {
  NpsEvent,
  Page,
  Segment,
  WebhookFilters,
  WebhookWithSecret,
} from '../client/schemas.js';
import { isFirstDelivery } from './dedupe.js';
import { verifyDelivery } from './signature.js';
import { choiceList, haltedError, type FieldRef } from './validate.js';

// ---------------------------------------------------------------- subscribe / unsubscribe

/** Removes empty filters: the contract refuses an empty `segments` list. */
const cleanFilters = (filters: WebhookFilters): WebhookFilters | undefined => {
  const out: WebhookFilters = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    (out as Record<string, unknown>)[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
};

export const subscribe = async (
  z: ZObject,
  bundle: Bundle,
  events: EventType[],
  filters: WebhookFilters,
  description: string,
): Promise<WebhookWithSecret> => {
  const url = bundle.targetUrl;
  if (!url) {
    throw new z.errors.Error('Zapier gave no webhook URL to subscribe (targetUrl is missing).');
  }
  const body: WebhookCreateRequest = { url, events, description: description.slice(0, 256) };
  const cleaned = cleanFilters(filters);
  if (cleaned) body.filters = cleaned;
  return createWebhook(z, body);
};

export const unsubscribe = async (z: ZObject, bundle: Bundle): Promise<{ deleted: boolean }> => {
  const id = bundle.subscribeData?.id;
  if (!id) return { deleted: false };
  return deleteWebhook(z, id);
};

/**
 * The operation of an instant trigger: Zapier subscribes, receives and unsubscribes a REST hook,
 * and `performList` (GET /events, paged) gives the samples and "load more".
 */
export const hookOperation = <const T extends object>(parts: T) => ({
  type: 'hook' as const,
  ...parts,
  performUnsubscribe: unsubscribe,
  canPaginate: true as const,
});

// ---------------------------------------------------------------- receive

/**
 * Verifies and parses one delivery, maps it with `toItems` (which reads the trigger's inputs,
 * applies its filters and returns [] to drop the event) and drops a repeat of a delivery this
 * subscription already output. Events of other types than `types` output nothing.
 */
export const receive = async <T>(
  z: ZObject,
  bundle: Bundle,
  types: readonly EventType[],
  toItems: (event: NpsEvent) => T[] | Promise<T[]>,
): Promise<T[]> => {
  const { webhookId, body } = await verifyDelivery(z, bundle);
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw haltedError(
      z,
      'A verified webhook delivery from the NPS platform is not valid JSON; it was skipped.',
    );
  }
  const event = await parseEvent(z, 'webhook delivery', raw);
  if (!event || !(types as readonly string[]).includes(event.type)) return [];
  // Input errors thrown here are already withoutContext: core never appends the bundle (secret, body).
  const items = await toItems(event);
  if (!items.length) return [];
  const subscriptionId = bundle.subscribeData?.id ?? '';
  return (await isFirstDelivery(z, subscriptionId, webhookId)) ? items : [];
};

// ---------------------------------------------------------------- paging with z.cursor

/** The part of `z.cursor` paging needs. */
export interface CursorStore {
  get(): Promise<string | null | undefined>;
  set(cursor: string): Promise<unknown>;
}

/** Items Zapier takes from one poll; 3 when it loads samples in the editor. */
export const MAX_ITEMS = 100;
export const SAMPLE_ITEMS = 3;
/** Pages fetched in one call while local filters leave nothing to show. */
const MAX_PAGES_PER_CALL = 5;
/**
 * The time paging may take: Zapier gives a whole run 30 s, and the rest of the run (GET /me,
 * the cursor, Zapier's own work) needs some of it. Each request's timeout is what is left.
 */
export const PAGING_BUDGET_MS = 20_000;
/** No further page is started with less than this left of the budget. */
export const MIN_REQUEST_MS = 5_000;

/** What one page request may ask for: as many items as are returned, within the time left. */
export interface PageRequest {
  limit: number;
  timeoutMs: number;
}

export interface PagingOptions {
  /** Default PAGING_BUDGET_MS. */
  budgetMs?: number;
  /** The clock, in ms (tests drive it). Default Date.now. */
  now?: () => number;
}

export const isLoadingSample = (bundle: Bundle): boolean => Boolean(bundle.meta?.isLoadingSample);

/**
 * True when the connection's key is a test-mode key (`nps_test_…`, contract 1.3). A live
 * connection's webhooks never deliver test records, so its lists leave them out too.
 */
export const isTestModeKey = (bundle: Bundle): boolean =>
  /^nps_test_/.test(String(bundle.authData?.api_key ?? '').trim());

/**
 * One "page" of a trigger for Zapier: page 0 starts at the top, later pages continue from the
 * API cursor saved in `z.cursor` (an empty cursor means the list has ended). `fetchPage` gets
 * the limit to ask for (`max`: 3 for samples, else 100, so the saved cursor never moves past an
 * item that was not returned) and the time left in the budget as its timeout. `toItems` maps and
 * filters a page (at most one item per API item); while it leaves nothing, the next API page is
 * fetched (up to 5, while at least MIN_REQUEST_MS of the budget is left). A saved cursor the
 * platform no longer accepts (400 `param: cursor`) restarts the list from the top.
 */
export const pagedList = async <T, R>(
  z: ZObject,
  bundle: Bundle,
  fetchPage: (cursor: string | undefined, request: PageRequest) => Promise<Page<T>>,
  toItems: (page: T[]) => R[] | Promise<R[]>,
  max: number = isLoadingSample(bundle) ? SAMPLE_ITEMS : MAX_ITEMS,
  { budgetMs = PAGING_BUDGET_MS, now = Date.now }: PagingOptions = {},
): Promise<R[]> => {
  const store: CursorStore = z.cursor;
  const deadline = now() + budgetMs;
  let cursor: string | undefined;
  if ((bundle.meta?.page ?? 0) > 0) {
    cursor = (await store.get()) || undefined;
    if (!cursor) return [];
  }
  const items: R[] = [];
  for (let pages = 0; ;) {
    let page: Page<T>;
    try {
      page = await fetchPage(cursor, { limit: max, timeoutMs: Math.max(1, deadline - now()) });
    } catch (error) {
      if (!cursor || !isExpiredCursorError(error)) throw error;
      z.console.warn('The saved paging cursor has expired; listing again from the top.');
      cursor = undefined;
      continue;
    }
    items.push(...(await toItems(page.data)));
    cursor = page.next_cursor ?? undefined;
    pages += 1;
    if (items.length || !cursor || pages >= MAX_PAGES_PER_CALL) break;
    if (deadline - now() < MIN_REQUEST_MS) break;
  }
  await store.set(cursor ?? '');
  return items.slice(0, max);
};

/**
 * performList of an event trigger: GET /events?type=<type>, paged like any trigger, each event
 * mapped by the same `toItems` the hook's perform uses, so a sample is exactly the live record.
 */
export const eventList = <R>(
  z: ZObject,
  bundle: Bundle,
  type: EventType,
  toItems: (event: NpsEvent) => R[],
): Promise<R[]> =>
  pagedList(
    z,
    bundle,
    (cursor, { limit, timeoutMs }) => listEvents(z, { type, limit, cursor, timeoutMs }),
    (events) => events.flatMap(toItems),
  );

// ---------------------------------------------------------------- a trigger on one event type

/** What an instant trigger on one event type says about itself; `eventHook` does the rest. */
export interface EventHookSpec<F, R> {
  event: EventType;
  /** The webhook's description on the platform, e.g. 'Zapier: Survey Not Delivered'. */
  description: string;
  /** Reads and checks the inputs before any request; `onDelivery` is true in perform. */
  readFilters: (z: ZObject, input: Record<string, unknown>, onDelivery: boolean) => F;
  /** The filters the platform applies itself (POST /webhooks `filters`). */
  subscription: (filters: F) => WebhookFilters;
  /** The record of a matching event, or none. Shared by the hook and performList. */
  toItems: (filters: F, event: NpsEvent) => R[];
}

/**
 * performSubscribe, perform and performList of an instant trigger on one event type: the
 * subscription carries the filters the platform applies, and a delivery and GET /events apply
 * every filter again with the same `toItems`, so a sample is exactly the live record.
 */
export const eventHook = <F, R>({
  event,
  description,
  readFilters,
  subscription,
  toItems,
}: EventHookSpec<F, R>) => ({
  performSubscribe: async (z: ZObject, bundle: Bundle) =>
    subscribe(
      z,
      bundle,
      [event],
      subscription(readFilters(z, bundle.inputData, false)),
      description,
    ),
  perform: async (z: ZObject, bundle: Bundle) =>
    receive(z, bundle, [event], (delivered) =>
      toItems(readFilters(z, bundle.inputData, true), delivered),
    ),
  performList: async (z: ZObject, bundle: Bundle) => {
    const filters = readFilters(z, bundle.inputData, false);
    return eventList(z, bundle, event, (listed) => toItems(filters, listed));
  },
});

// ---------------------------------------------------------------- inputs shared by the triggers

/** A list of segments from a segments field; an unknown value is an error naming the field. */
export const segmentList = (z: ZObject, field: FieldRef, value: unknown): Segment[] =>
  choiceList(z, field, value, SEGMENTS);
