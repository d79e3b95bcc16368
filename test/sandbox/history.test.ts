/**
 * History loads in the sandbox (issue 18, item 4): past answers imported in bulk are analysed at
 * once and fire no events; GET /responses pages them newest first, each once, with ties on
 * submitted_at ordered by id; `previous` and the contact's NPS follow submitted_at, not the order
 * the answers were loaded in.
 */
import nock from 'nock';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { call, control, expectNewestFirst } from './helpers.js';

let sb: Sandbox;
let surveyId: string;

interface Listed {
  id: string;
  score: number;
  submitted_at: string;
  analysis_status: string;
  channel: string;
  previous: { score: number } | null;
  contact: { email: string; nps: { latest_score: number; response_count: number } };
}

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  sb = await startSandbox({ analysisDelayMs: 20 });
  const surveys = (await call(sb, 'GET', '/surveys')).body as { data: Array<{ id: string }> };
  surveyId = surveys.data[0]?.id ?? '';
});

afterAll(async () => {
  await sb.close();
});

const listAll = async (query: string): Promise<Listed[]> => {
  const out: Listed[] = [];
  let cursor: string | null = null;
  do {
    const page = (
      await call(
        sb,
        'GET',
        `/responses?${query}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
    ).body as { data: Listed[]; next_cursor: string | null };
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
};

test('imported history: analysed, silent, paged newest first with ties by id', async () => {
  const eventsBefore = ((await call(sb, 'GET', '/events?limit=100')).body as { data: unknown[] })
    .data.length;
  const base = Date.parse('2025-03-01T12:00:00Z');
  // Loaded newest first, two answers per minute (ties), three people.
  const inputs = Array.from({ length: 30 }, (_, i) => ({
    survey_id: surveyId,
    score: i % 11,
    comment: i % 3 ? 'Support was slow to answer.' : null,
    contact: { email: `past.${i % 3}@history.example` },
    submitted_at: new Date(base - Math.floor(i / 2) * 60_000).toISOString(),
  }));
  expect(sb.importHistory(inputs)).toBe(30);
  const listed = await listAll('email=past.0@history.example');
  expect(listed).toHaveLength(10);
  const all = [
    ...listed,
    ...(await listAll('email=past.1@history.example')),
    ...(await listAll('email=past.2@history.example')),
  ];
  expect(new Set(all.map((r) => r.id)).size).toBe(30);
  expect(all.every((r) => r.analysis_status === 'complete' && r.channel === 'import')).toBe(true);
  // newest first; equal times by id, newest id first
  expectNewestFirst(listed);
  // `previous` is the answer before in time, though it was loaded after
  const [latest, second] = listed;
  expect(latest?.previous?.score).toBe(second?.score);
  expect(latest?.contact.nps).toMatchObject({ latest_score: latest?.score, response_count: 10 });
  // no events, no deliveries: history is not news
  const eventsAfter = ((await call(sb, 'GET', '/events?limit=100')).body as { data: unknown[] })
    .data.length;
  expect(eventsAfter).toBe(eventsBefore);
});

test('the history control over HTTP: 201 with the count; 400 without a list', async () => {
  const loaded = await control(sb, 'POST', '/_sandbox/history', {
    data: [
      {
        survey_id: surveyId,
        score: 8,
        contact: { customer_id: 'HTTP-HISTORY-1' },
        submitted_at: '2025-01-10T10:00:00Z',
      },
    ],
  });
  expect(loaded).toEqual({ status: 201, body: { imported: 1 } });
  expect(await listAll('customer_id=HTTP-HISTORY-1')).toHaveLength(1);
  const refused = await control(sb, 'POST', '/_sandbox/history', { data: 'nope' });
  expect(refused).toMatchObject({ status: 400, body: { error: { param: 'data' } } });
  const invalid = await control(sb, 'POST', '/_sandbox/history', {
    data: [{ survey_id: surveyId, score: 11, contact: { customer_id: 'X' } }],
  });
  expect(invalid).toMatchObject({ status: 422, body: { error: { param: 'score' } } });
});
