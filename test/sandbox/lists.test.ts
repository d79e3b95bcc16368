/** Cursor pagination through all responses, filters, and NPS metrics across a DST change. */
import nock from 'nock';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { call, expectNewestFirst } from './helpers.js';

// A fixed clock in spring 2026: the seeded six months span both Madrid DST changes.
const BASE = Date.parse('2026-04-15T12:00:00Z');
let offset = 0;
let sb: Sandbox;

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sb = await startSandbox({ now: () => new Date(BASE + offset), analysisDelayMs: 10 });
});

afterAll(async () => {
  await sb.close();
});

interface Resp {
  id: string;
  score: number;
  segment: string;
  submitted_at: string;
  comment: string | null;
  themes: Array<{ id: string; name: string }>;
  survey: { id: string };
}

async function all(query: string): Promise<Resp[]> {
  const out: Resp[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `/responses?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await call(sb, 'GET', q)).body as { data: Resp[]; next_cursor: string | null };
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

test('paginating through all responses yields each once, submitted_at desc then id desc', async () => {
  const items = await all('');
  expect(items.length).toBeGreaterThanOrEqual(300);
  expect(new Set(items.map((r) => r.id)).size).toBe(items.length);
  expectNewestFirst(items);
  const first = Date.parse(items[items.length - 1]?.submitted_at ?? '');
  expect(BASE - first).toBeLessThanOrEqual(181 * 86_400_000);
  const es = items.filter((r) => /(el|la|muy|es) /i.test(r.comment ?? ''));
  expect(es.length).toBeGreaterThan(20);
});

test('filters: comma lists, has_comment, themes, scores, dates', async () => {
  const everything = await all('');
  const det = await all('&segment=detractor,passive&has_comment=true&min_score=3');
  expect(det.length).toBe(
    everything.filter((r) => r.score >= 3 && r.score <= 8 && !!r.comment).length,
  );
  const themed = await all('&theme=thm_support,Pricing');
  expect(themed.length).toBeGreaterThan(0);
  expect(
    themed.every((r) => r.themes.some((t) => t.id === 'thm_support' || t.name === 'Pricing')),
  ).toBe(true);
  const since = '2026-03-01T00:00:00Z';
  const recent = await all(`&submitted_after=${since}&submitted_before=2026-04-01T00:00:00Z`);
  expect(recent.length).toBe(
    everything.filter((r) => r.submitted_at >= since && r.submitted_at < '2026-04-01T00:00:00Z')
      .length,
  );
  expect((await call(sb, 'GET', '/responses?segment=fans')).body).toMatchObject({
    error: { param: 'segment' },
  });
  expect((await call(sb, 'GET', '/responses?has_comment=maybe')).body).toMatchObject({
    error: { param: 'has_comment' },
  });
});

test('a cursor is only valid with its filters and for 24 hours', async () => {
  const page = (await call(sb, 'GET', '/responses?limit=5&segment=promoter')).body as {
    next_cursor: string;
  };
  const other = await call(
    sb,
    'GET',
    `/responses?limit=5&segment=detractor&cursor=${page.next_cursor}`,
  );
  expect(other).toMatchObject({ status: 400, body: { error: { param: 'cursor' } } });
  expect(
    (await call(sb, 'GET', `/responses?limit=7&segment=promoter&cursor=${page.next_cursor}`))
      .status,
  ).toBe(200);
  offset = 25 * 3600_000;
  try {
    const expired = await call(
      sb,
      'GET',
      `/responses?limit=5&segment=promoter&cursor=${page.next_cursor}`,
    );
    expect(expired).toMatchObject({ status: 400, body: { error: { param: 'cursor' } } });
  } finally {
    offset = 0;
  }
});

function madridDate(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Madrid',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

function nps(scores: number[]): number | null {
  if (!scores.length) return null;
  const p = scores.filter((s) => s >= 9).length;
  const d = scores.filter((s) => s <= 6).length;
  const v = ((p - d) / scores.length) * 100;
  return (Math.sign(v) * Math.round(Math.abs(v) * 10 + 1e-9)) / 10;
}

interface Metrics {
  nps: number | null;
  responses: number;
  periods: Array<{
    label: string;
    start: string;
    end: string;
    responses: number;
    nps: number | null;
    promoters: number;
  }>;
}

test('NPS by day, week and month in Europe/Madrid across the spring DST change', async () => {
  const survey =
    ((await call(sb, 'GET', '/surveys')).body as { data: Array<{ id: string }> }).data[0]?.id ?? '';
  // Just after local midnight on both sides of the change (CET +01:00 on 29 March, CEST +02:00 after).
  for (const [at, score] of [
    ['2026-03-28T23:30:00Z', 10],
    ['2026-03-29T22:30:00Z', 0],
    ['2026-03-29T21:59:59Z', 9],
  ] as const) {
    const r = await call(sb, 'POST', '/responses', {
      body: {
        survey_id: survey,
        score,
        submitted_at: at,
        contact: { email: `dst${score}@example.com` },
      },
    });
    expect(r.status).toBe(201);
  }
  const since = '2026-03-20T10:00:00Z';
  const until = '2026-04-05T12:00:00Z';
  const items = (await all('')).filter((r) => r.submitted_at >= since && r.submitted_at < until);
  const q = `since=${since}&until=${until}&timezone=Europe/Madrid`;

  const day = (await call(sb, 'GET', `/metrics/nps?${q}&group_by=day`)).body as Metrics;
  expect(day.responses).toBe(items.length);
  expect(day.nps).toBe(nps(items.map((r) => r.score)));
  expect(day.periods[0]).toMatchObject({
    label: '2026-03-20',
    start: since,
    end: '2026-03-20T23:00:00Z',
  });
  expect(day.periods.at(-1)).toMatchObject({
    label: '2026-04-05',
    start: '2026-04-04T22:00:00Z',
    end: until,
  });
  const dstDay = day.periods.find((p) => p.label === '2026-03-29');
  expect(dstDay).toMatchObject({ start: '2026-03-28T23:00:00Z', end: '2026-03-29T22:00:00Z' });
  expect(day.periods.find((p) => p.label === '2026-03-30')).toMatchObject({
    start: '2026-03-29T22:00:00Z',
  });
  expect(day.periods).toHaveLength(17);
  for (const p of day.periods) {
    const mine = items.filter((r) => madridDate(r.submitted_at) === p.label);
    expect({ label: p.label, n: p.responses, nps: p.nps }).toEqual({
      label: p.label,
      n: mine.length,
      nps: nps(mine.map((r) => r.score)),
    });
  }

  const week = (await call(sb, 'GET', `/metrics/nps?${q}&group_by=week`)).body as Metrics;
  expect(week.periods.map((p) => p.label)).toEqual(['2026-W12', '2026-W13', '2026-W14']);
  expect(week.periods[1]).toMatchObject({
    start: '2026-03-22T23:00:00Z',
    end: '2026-03-29T22:00:00Z',
  });
  expect(week.periods.reduce((n, p) => n + p.responses, 0)).toBe(items.length);

  const month = (
    await call(
      sb,
      'GET',
      `/metrics/nps?since=2025-10-01T00:00:00Z&until=2026-04-15T00:00:00Z&timezone=Europe/Madrid&group_by=month`,
    )
  ).body as Metrics;
  expect(month.periods.map((p) => p.label)).toEqual([
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
    '2026-03',
    '2026-04',
  ]);
  expect(month.periods[1]).toMatchObject({
    start: '2025-10-31T23:00:00Z',
    end: '2025-11-30T23:00:00Z',
  });
  expect(month.periods[5]).toMatchObject({
    start: '2026-02-28T23:00:00Z',
    end: '2026-03-31T22:00:00Z',
  });
  expect(month.periods[0]?.start).toBe('2025-10-01T00:00:00Z');

  const empty = (
    await call(
      sb,
      'GET',
      `/metrics/nps?since=2020-01-01T00:00:00Z&until=2020-01-03T00:00:00Z&group_by=day`,
    )
  ).body as Metrics;
  expect(empty).toMatchObject({ nps: null, responses: 0 });
  expect(empty.periods.map((p) => p.nps)).toEqual([null, null]);
});

test('ISO week labels across a year boundary', async () => {
  const w = (
    await call(
      sb,
      'GET',
      '/metrics/nps?since=2025-12-28T00:00:00Z&until=2026-01-06T00:00:00Z&group_by=week',
    )
  ).body as Metrics;
  expect(w.periods.map((p) => p.label)).toEqual(['2025-W52', '2026-W01', '2026-W02']);
});
