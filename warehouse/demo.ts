/**
 * The warehouse part of `npm start`: loads the demo workspace into a local DuckDB file through
 * New NPS Response's performList (as Zapier Transfer pages it), then prints the monthly true NPS
 * from SQL beside the platform's own figures (GET /metrics/nps), and what the averaging query
 * of the old material (AVG of the score) would have reported instead.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Warehouse } from './duckdb.js';
import { loadResponses, type ListPage } from './load.js';

/** The query the product's old material used for "the monthly trend": not NPS. */
export const AVERAGING_QUERY = `
SELECT strftime(timezone($timezone, submitted_at), '%Y-%m') AS month, round(avg(score), 1) AS avg_score
FROM nps_responses_live
WHERE submitted_at >= CAST($since AS TIMESTAMPTZ) AND submitted_at < CAST($until AS TIMESTAMPTZ)
GROUP BY month ORDER BY month`;

export interface DemoOptions {
  dir: string;
  listPage: ListPage;
  /** GET /metrics/nps with these query parameters. */
  metrics: (
    query: Record<string, string>,
  ) => Promise<{ periods: Array<{ label: string; nps: number | null; responses: number }> }>;
  timezone: string;
  say: (text?: string) => void;
}

export const warehouseDemo = async ({ dir, listPage, metrics, timezone, say }: DemoOptions) => {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'nps.duckdb');
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
  const warehouse = await Warehouse.open(file);
  try {
    const first = await loadResponses(warehouse, listPage);
    const again = await loadResponses(warehouse, listPage);
    say(`   loaded ${first.records} responses in ${first.calls} performList calls into ${file}`);
    say(
      `   loaded again: ${again.added} rows added, ${again.changed} changed (upsert by response_id)`,
    );
    const since = new Date(Date.now() - 183 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const until = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const sql = await warehouse.run('nps_trend', { grain: 'month', timezone, since, until });
    const averages = await warehouse.query(AVERAGING_QUERY, { timezone, since, until });
    const api = await metrics({ since, until, group_by: 'month', timezone });
    say(`   month      responses  NPS (SQL)  NPS (platform)  AVG(score): not NPS   (${timezone})`);
    let agree = true;
    for (const row of sql) {
      const platform = api.periods.find((p) => p.label === row.period);
      const average = averages.find((a) => a.month === row.period)?.avg_score;
      if (platform?.nps !== row.nps) agree = false;
      say(
        `   ${String(row.period).padEnd(10)} ${String(row.responses).padStart(9)}  ${String(row.nps).padStart(9)}  ${String(platform?.nps ?? '—').padStart(14)}  ${(typeof average === 'number' ? average.toFixed(1) : '—').padStart(10)}`,
      );
    }
    say(
      agree
        ? '   The SQL trend equals the platform month by month. An average of 0-10 scores says nothing about promoters vs detractors.'
        : '   MISMATCH between the SQL trend and the platform (see above).',
    );
    return { agree, months: sql.length, loaded: first.records };
  } finally {
    warehouse.close();
  }
};
