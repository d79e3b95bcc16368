/**
 * Issue 18, item 4: history into the warehouse. new_response's performList loads 10,000 sandbox
 * responses the way Zapier Transfer pages (bundle.meta.page 0, 1, 2… with the API cursor kept in
 * z.cursor, until a call returns nothing): each exactly once, newest first, at most 100 per call,
 * and each call within Zapier's 30 s: one request per call, whose timeout is what the app's
 * paging budget allows (asserted on the requests the app makes, never on wall-clock time).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { KEYS } from '../../fields/keys.js';
import { MIN_REQUEST_MS, PAGING_BUDGET_MS } from '../../lib/hooks.js';
import type { SubmitResponseInput } from '../../sandbox/server.js';
import { conformanceProblems, installCursor, op, sandboxResponses, startE2E } from './helpers.js';
import type { E2E, Rec } from './helpers.js';

const TOTAL = 10_000;
const ZAPIER_LIMIT_MS = 30_000;
const DAY = 86_400_000;

let e2e: E2E;
let surveyIds: string[] = [];

beforeAll(async () => {
  e2e = await startE2E({ rateLimitPerMinute: 10_000_000 });
  const surveys = (await (
    await fetch(`${e2e.sandbox.baseUrl}/surveys?limit=10`, {
      headers: { authorization: `Bearer ${e2e.sandbox.keys.live}` },
    })
  ).json()) as { data: Array<{ id: string }> };
  surveyIds = surveys.data.map((s) => s.id);
  const seeded = (await sandboxResponses(e2e.sandbox)).length;
  // Two years of history, two answers per ten minutes (equal submitted_at: order by id).
  const now = Date.now();
  const inputs: SubmitResponseInput[] = Array.from({ length: TOTAL - seeded }, (_, i) => ({
    survey_id: surveyIds[i % surveyIds.length] as string,
    score: (i * 7) % 11,
    comment: i % 4 ? `Answer ${i}: the price is fair, the mobile app is slow.` : null,
    contact: { email: `history.${i % 200}@example.com` },
    submitted_at: new Date(now - DAY - Math.floor(i / 2) * 10 * 60_000).toISOString(),
  }));
  e2e.sandbox.importHistory(inputs);
}, 120_000);

afterAll(async () => {
  await e2e.close();
});

type Run = (z: ZObject, bundle: Bundle) => Promise<unknown>;

interface Call {
  page: number;
  items: Rec[];
  /** The timeout of each request the call made, as the app set it. */
  timeouts: number[];
}

/** Calls performList as Transfer does, page after page, until a call returns nothing. */
const transfer = async (inputData: Rec): Promise<Call[]> => {
  const performList = op('triggers', KEYS.triggers.newResponse).performList;
  installCursor();
  const calls: Call[] = [];
  for (let page = 0; page < 1000; page++) {
    const timeouts: number[] = [];
    // The app's own z, with its requests observed (a test seam, not app code).
    const observed: Run = (z, bundle) =>
      performList(
        {
          ...z,
          request: ((options: { timeout?: number }) => {
            timeouts.push(options.timeout ?? Number.NaN);
            return z.request(options as Parameters<ZObject['request']>[0]);
          }) as unknown as ZObject['request'],
        } as ZObject,
        bundle,
      );
    const items = await e2e.run<Rec[]>(observed, {
      inputData,
      meta: { page, isLoadingSample: false },
    });
    calls.push({ page, items, timeouts });
    if (!items.length) break;
  }
  return calls;
};

const key = (r: Rec | { submitted_at: unknown; id: unknown }) =>
  `${String(r.submitted_at)} ${String(r.id)}`;

const expectNewestFirstOnce = (items: Rec[]) => {
  expect(new Set(items.map((r) => r.id)).size).toBe(items.length);
  for (let i = 1; i < items.length; i++) {
    // strictly descending by (submitted_at, id): in order, and no response twice
    expect(key(items[i - 1] as Rec) > key(items[i] as Rec)).toBe(true);
  }
};

const expectWithinBudget = (calls: Call[]) => {
  for (const call of calls) {
    expect(call.items.length).toBeLessThanOrEqual(100);
    // Every filter travels in the query: one request per call, none after the end.
    expect(call.timeouts).toHaveLength(call.items.length ? 1 : 0);
    for (const timeout of call.timeouts) {
      expect(timeout).toBeGreaterThanOrEqual(MIN_REQUEST_MS);
      expect(timeout).toBeLessThanOrEqual(PAGING_BUDGET_MS);
    }
  }
  // What a call may take, by the budget the app enforces, leaves room in Zapier's 30 s.
  expect(PAGING_BUDGET_MS).toBeLessThan(ZAPIER_LIMIT_MS);
};

test('Transfer loads all 10,000 responses, each exactly once, newest first', async () => {
  const held = await sandboxResponses(e2e.sandbox);
  expect(held).toHaveLength(TOTAL);
  const calls = await transfer({});
  const items = calls.flatMap((c) => c.items);
  expect(items).toHaveLength(TOTAL);
  expect(items.map((r) => r.id)).toEqual(held.map((r) => r.id));
  expectNewestFirstOnce(items);
  expect(calls).toHaveLength(TOTAL / 100 + 1);
  expectWithinBudget(calls);
}, 300_000);

test('with filters and Only Responses Submitted After: exactly the matching responses, once, in order', async () => {
  const after = new Date(Date.now() - 200 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const surveyId = surveyIds[0] as string;
  const held = await sandboxResponses(
    e2e.sandbox,
    new URLSearchParams({
      survey_id: surveyId,
      segment: 'detractor',
      submitted_after: after,
    }).toString(),
  );
  expect(held.length).toBeGreaterThan(500);
  expect(held.every((r) => r.segment === 'detractor' && r.submitted_at >= after)).toBe(true);
  const calls = await transfer({
    survey_id: surveyId,
    segments: ['detractor'],
    submitted_after: after,
  });
  const items = calls.flatMap((c) => c.items);
  expect(items.map((r) => r.id)).toEqual(held.map((r) => r.id));
  expectNewestFirstOnce(items);
  expectWithinBudget(calls);
}, 300_000);

test('every answer of this suite matches the contract', () => {
  expect(conformanceProblems(e2e.sandbox)).toEqual([]);
});
