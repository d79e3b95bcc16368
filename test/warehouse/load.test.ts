/**
 * Issue 20 item 2: the integration's rows land in the warehouse. The warehouse recipe's field map
 * is exactly the table's columns; the sandbox's responses are loaded into DuckDB through New NPS
 * Response's performList, paged as Zapier Transfer pages it; loading twice adds nothing; an
 * updated response updates its row; a response recorded with a test-mode key lands flagged (test)
 * and stays out of the NPS; and the monthly (and weekly) true NPS computed in SQL equals
 * GET /metrics/nps for the same period and time zone, period by period.
 */
import type { Output } from '../../recipes/mapping.js';
import { tableColumns, Warehouse } from '../../warehouse/duckdb.js';
import { loadResponses, warehouseFieldMap } from '../../warehouse/load.js';
import { installCursor, op, sandboxResponses, startE2E } from '../e2e/helpers.js';
import type { E2E, Rec } from '../e2e/helpers.js';

let e2e: E2E;
let warehouse: Warehouse;

/**
 * new_response's performList for Zapier's page `page`, with the warehouse recipe's trigger inputs,
 * on a connection made with `authData` (the live key unless given).
 */
const listPageAs =
  (authData?: { api_key: string; region: string }) =>
  (page: number): Promise<Output[]> =>
    e2e.run<Output[]>(op('triggers', 'new_response').performList, {
      inputData: { wait_for_themes: true },
      meta: { page, isLoadingSample: false },
      ...(authData ? { authData } : {}),
    });
const listPage = listPageAs();

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.sandbox.settle();
  warehouse = await Warehouse.open();
  installCursor();
});

afterAll(async () => {
  warehouse.close();
  await e2e.close();
});

const metrics = async (query: Record<string, string>) => {
  const response = await fetch(
    `${e2e.sandbox.baseUrl}/metrics/nps?${new URLSearchParams(query).toString()}`,
    {
      headers: { authorization: `Bearer ${e2e.sandbox.keys.live}` },
    },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as {
    periods: Array<Rec & { label: string; responses: number; nps: number | null }>;
  };
};

describe('the warehouse, loaded through the integration', () => {
  test('the warehouse recipe maps exactly the columns of CREATE TABLE nps_responses, in order', async () => {
    expect(Object.keys(warehouseFieldMap())).toEqual(
      await tableColumns(warehouse, 'nps_responses'),
    );
  });

  test('every response lands once; loading again adds nothing', async () => {
    const held = await sandboxResponses(e2e.sandbox);
    const first = await loadResponses(warehouse, listPage);
    expect(first.records).toBe(held.length);
    expect(first.calls).toBe(Math.ceil(held.length / 100) + 1);
    expect(first.rows).toBe(held.length);
    const ids = (
      await warehouse.query('SELECT response_id FROM nps_responses ORDER BY response_id')
    ).map((r) => r.response_id);
    expect(ids).toEqual(held.map((r) => r.id).sort());

    const again = await loadResponses(warehouse, listPage);
    expect(again).toMatchObject({ records: held.length, added: 0, changed: 0, rows: held.length });
  });

  test('a response updated in the platform updates its row on the next load', async () => {
    const [row] = await warehouse.query(
      "SELECT response_id, follow_up_status FROM nps_responses WHERE segment = 'detractor' AND follow_up_status = 'none' LIMIT 1",
    );
    expect(row).toBeDefined();
    await e2e.run(op('creates', 'update_response').perform, {
      inputData: {
        response_id: row?.response_id,
        follow_up_status: 'closed',
        add_tags: ['warehouse-test'],
      },
    });
    const result = await loadResponses(warehouse, listPage);
    expect(result).toMatchObject({ added: 0, changed: 1 });
    const [updated] = await warehouse.query(
      'SELECT follow_up_status FROM nps_responses WHERE response_id = $id',
      {
        id: String(row?.response_id),
      },
    );
    expect(updated?.follow_up_status).toBe('closed');
    const open = await warehouse.run('detractors_without_follow_up', {
      since: '2000-01-01T00:00:00Z',
      until: '2100-01-01T00:00:00Z',
    });
    expect(open.map((r) => r.response_id)).not.toContain(row?.response_id);
  });

  test('a response recorded with a test-mode key lands flagged, and stays out of the monthly NPS', async () => {
    const testKey = { api_key: e2e.sandbox.keys.test, region: 'us' };
    const [survey] = await e2e.run<Rec[]>(op('triggers', 'survey').perform);
    // Trying a zap as docs/recipes.md "Try it safely" says: a detractor recorded with the test key.
    const recorded = await e2e.run<Rec>(op('creates', 'record_response').perform, {
      authData: testKey,
      inputData: {
        survey_id: survey?.id,
        score: '0',
        comment: 'Trying the zap before it goes live.',
        email: `warehouse.try.${Date.now().toString(36)}@example.com`,
      },
    });
    expect(recorded.test).toBe(true);
    await e2e.sandbox.settle();

    // A live connection never lists it: the live zap's Transfer adds nothing.
    expect(await loadResponses(warehouse, listPage)).toMatchObject({ added: 0, changed: 0 });
    // The zap on the test-mode connection loads it (and sees the live responses, unchanged).
    expect(await loadResponses(warehouse, listPageAs(testKey))).toMatchObject({
      added: 1,
      changed: 0,
    });
    const flagged = await warehouse.query(
      'SELECT response_id, score, test FROM nps_responses WHERE test',
    );
    expect(flagged).toEqual([{ response_id: recorded.response_id, score: 0, test: true }]);
    expect(
      await warehouse.query('SELECT count(*) AS n FROM nps_responses WHERE test IS NOT FALSE'),
    ).toEqual([{ n: 1 }]);

    // Its month: SQL equals the platform's NPS, which leaves test responses out; the row is in
    // that month (the platform counts it with include_test), so only the test filter keeps it out.
    const since = new Date(Date.now() - 200 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const until = new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const window = { since, until, group_by: 'month', timezone: 'UTC' };
    const month = String(recorded.submitted_month);
    const live = (await metrics(window)).periods.find((p) => p.label === month);
    const all = (await metrics({ ...window, include_test: 'true' })).periods.find(
      (p) => p.label === month,
    );
    const sql = (
      await warehouse.run('nps_trend', { grain: 'month', timezone: 'UTC', since, until })
    ).find((r) => r.period === month);
    expect(sql && [sql.responses, sql.detractors, sql.nps]).toEqual(
      live && [live.responses, live.detractors, live.nps],
    );
    expect(all?.responses).toBe(Number(live?.responses) + 1);
    const [rows] = await warehouse.query(
      "SELECT count(*) AS n FROM nps_responses_latest WHERE strftime(timezone('UTC', submitted_at), '%Y-%m') = $month AND submitted_at < CAST($until AS TIMESTAMPTZ)",
      { month, until },
    );
    expect(rows?.n).toBe(all?.responses);
    // The other queries leave it out too.
    const open = await warehouse.run('detractors_without_follow_up', { since, until });
    expect(open.map((r) => r.response_id)).not.toContain(recorded.response_id);
  });

  test.each([
    ['month', 'Europe/Madrid'],
    ['month', 'America/Los_Angeles'],
    ['week', 'UTC'],
    ['week', 'America/Los_Angeles'],
  ])(
    'true NPS by %s in SQL (nps_trend) equals GET /metrics/nps in %s, period by period',
    async (grain, timezone) => {
      const since = new Date(Date.now() - 200 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const until = new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const api = await metrics({ since, until, group_by: grain, timezone });
      const sql = await warehouse.run('nps_trend', { grain, timezone, since, until });
      const nonEmpty = api.periods.filter((p) => p.responses > 0);
      expect(nonEmpty.length).toBeGreaterThan(grain === 'month' ? 5 : 20);
      expect(
        sql.map((r) => [r.period, r.responses, r.promoters, r.passives, r.detractors, r.nps]),
      ).toEqual(
        nonEmpty.map((p) => [p.label, p.responses, p.promoters, p.passives, p.detractors, p.nps]),
      );
    },
  );

  test('a grain other than month or week is refused, naming it', async () => {
    const window = {
      timezone: 'UTC',
      since: '2000-01-01T00:00:00Z',
      until: '2100-01-01T00:00:00Z',
    };
    await expect(warehouse.run('nps_trend', { ...window, grain: 'quarter' })).rejects.toThrow(
      /grain must be 'month' or 'week', not quarter/,
    );
  });

  test('NPS per survey agrees with the platform; segment shares add up; themes are split', async () => {
    const since = new Date(Date.now() - 200 * 86_400_000).toISOString();
    const until = new Date(Date.now() + 60_000).toISOString();
    const surveys = await e2e.run<Rec[]>(op('triggers', 'survey').perform);
    const bySurvey = await warehouse.run('monthly_nps_by_survey', {
      timezone: 'UTC',
      since,
      until,
    });
    for (const survey of surveys) {
      const api = await metrics({
        since,
        until,
        group_by: 'month',
        timezone: 'UTC',
        survey_id: String(survey.id),
      });
      expect(
        bySurvey.filter((r) => r.survey_id === survey.id).map((r) => [r.month, r.nps]),
      ).toEqual(api.periods.filter((p) => p.responses > 0).map((p) => [p.label, p.nps]));
    }
    const shares = await warehouse.run('monthly_segment_share', { timezone: 'UTC', since, until });
    for (const row of shares) {
      expect(
        Number(row.promoter_percent) + Number(row.passive_percent) + Number(row.detractor_percent),
      ).toBeCloseTo(100, 0);
    }
    const themes = await warehouse.run('monthly_themes', { timezone: 'UTC', since, until });
    expect(themes.length).toBeGreaterThan(0);
    expect(
      themes.every(
        (t) => !String(t.theme).includes(';') && Number(t.responses) >= Number(t.detractors),
      ),
    ).toBe(true);
  });
});
