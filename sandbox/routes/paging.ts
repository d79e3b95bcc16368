/**
 * Cursor paging of list routes: opaque cursors bound to the route and its filters, valid for
 * 24 hours, either keyset (newest first by a sort key) or by offset.
 */
import { canonical, hash } from '../canonical.js';
import type { Json } from '../contract.js';
import { badRequest, DAY, type Ctx, type Result } from './common.js';

const CURSOR_TTL = DAY;

export type SortKey = [number, string];

function compareKeys(a: SortKey, b: SortKey): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

interface CursorData {
  v: 1;
  f: string;
  t: number;
  k?: SortKey;
  o?: number;
}

function cursorFingerprint(ctx: Ctx, route: string): string {
  const entries = Object.entries(ctx.rawQuery)
    .filter(([k]) => k !== 'cursor' && k !== 'limit')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return hash(`${route}?${canonical(entries)}`);
}

function decodeCursor(ctx: Ctx, route: string): CursorData | null {
  const raw = ctx.rawQuery.cursor;
  if (raw === undefined) return null;
  let data: CursorData;
  try {
    data = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as CursorData;
  } catch {
    throw badRequest('The cursor is not valid.', 'cursor');
  }
  if (!data || data.v !== 1 || typeof data.t !== 'number' || typeof data.f !== 'string')
    throw badRequest('The cursor is not valid.', 'cursor');
  if (data.f !== cursorFingerprint(ctx, route))
    throw badRequest('The cursor was issued for other filters; start again without it.', 'cursor');
  if (ctx.state.nowMs() - data.t > CURSOR_TTL)
    throw badRequest('The cursor has expired (24 hours); start again.', 'cursor');
  return data;
}

function encodeCursor(ctx: Ctx, route: string, extra: { k?: SortKey; o?: number }): string {
  const data: CursorData = {
    v: 1,
    f: cursorFingerprint(ctx, route),
    t: ctx.state.nowMs(),
    ...extra,
  };
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

function limitOf(ctx: Ctx): number {
  return typeof ctx.query.limit === 'number' ? ctx.query.limit : 25;
}

/** The sort key of records listed in creation order. */
export const byCreation = (r: { createdAt: number; id: string }): SortKey => [r.createdAt, r.id];

/** The index of the first item (newest first) that sorts before `k`: binary search. */
function firstBefore<T>(items: T[], sortKey: (t: T) => SortKey, k: SortKey): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sortKey(items[mid] as T), k) < 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A page of items, newest first by sortKey (sorted here, in place, unless `sorted` says they
 * already are); the cursor holds the last key shown, so items added meanwhile never shift a page.
 */
export function pageNewestFirst<T>(
  ctx: Ctx,
  route: string,
  items: T[],
  sortKey: (t: T) => SortKey,
  toJson: (t: T) => Json,
  { sorted = false }: { sorted?: boolean } = {},
): Result {
  if (!sorted) items.sort((a, b) => compareKeys(sortKey(b), sortKey(a)));
  const limit = limitOf(ctx);
  const cursor = decodeCursor(ctx, route);
  let start = 0;
  if (cursor) {
    const k = cursor.k;
    if (!Array.isArray(k) || typeof k[0] !== 'number' || typeof k[1] !== 'string')
      throw badRequest('The cursor is not valid.', 'cursor');
    start = firstBefore(items, sortKey, [k[0], k[1]]);
  }
  const page = items.slice(start, start + limit);
  const last = page[page.length - 1];
  const more = start + limit < items.length;
  return {
    status: 200,
    body: {
      data: page.map(toJson),
      next_cursor:
        more && last !== undefined ? encodeCursor(ctx, route, { k: sortKey(last) }) : null,
    },
  };
}

/** A page of items in a computed order; the cursor holds the offset. */
export function pageByOffset<T>(
  ctx: Ctx,
  route: string,
  items: T[],
  toJson: (t: T) => Json,
): Result {
  const limit = limitOf(ctx);
  const cursor = decodeCursor(ctx, route);
  const start = cursor ? cursor.o : 0;
  if (typeof start !== 'number' || start < 0)
    throw badRequest('The cursor is not valid.', 'cursor');
  const page = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return {
    status: 200,
    body: {
      data: page.map(toJson),
      next_cursor: more ? encodeCursor(ctx, route, { o: start + limit }) : null,
    },
  };
}
