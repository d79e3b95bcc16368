/**
 * Loads responses into the DuckDB warehouse through the integration's own paging path: New NPS
 * Response's `performList`, called page after page the way Zapier Transfer calls it (bundle
 * `meta.page` 0, 1, 2… with the API cursor kept in `z.cursor`), each record mapped by the
 * warehouse recipe's field map (recipes/warehouse-row.ts), exactly what a BigQuery or Snowflake
 * step would receive, then upserted by response_id: loading again adds nothing, and a response
 * that changed since (follow-up, tags, themes) updates its row when its `updated_at` is newer.
 */
import { renderMap, type Output } from '../recipes/mapping.js';
import warehouseRecipe from '../recipes/warehouse-row.js';
import { isApp } from '../recipes/types.js';
import type { Warehouse } from './duckdb.js';

/** The field map of the recipe's Insert Row step: column → template. */
export const warehouseFieldMap = (): Record<string, string> => {
  const step = warehouseRecipe.steps.find(isApp);
  if (!step || step.operation !== 'insert_row') throw new Error('the warehouse recipe has no row');
  return step.inputs as Record<string, string>;
};

/** A trigger record as the row the recipe's step receives: column → text ('' = empty). */
export const toRow = (record: Output): Record<string, string> =>
  renderMap(warehouseFieldMap(), [undefined, record]) as Record<string, string>;

/** One call of new_response's performList for Zapier's page `page` (0 = the first). */
export type ListPage = (page: number) => Promise<Output[]>;

export interface LoadResult {
  /** performList calls, the last one empty. */
  calls: number;
  records: number;
  /** Rows after the load minus rows before. */
  added: number;
  /** Existing rows whose values changed. */
  changed: number;
  rows: number;
}

const count = async (warehouse: Warehouse, sql: string): Promise<number> =>
  Number((await warehouse.query(sql))[0]?.n ?? 0);

/** Upserts rows (column → text) into nps_responses: empty text is NULL, DuckDB casts the rest. */
export const upsertRows = async (
  warehouse: Warehouse,
  rows: Array<Record<string, string>>,
): Promise<void> => {
  if (!rows.length) return;
  const columns = Object.keys(warehouseFieldMap());
  const list = columns.join(', ');
  await warehouse.connection.run(
    `CREATE TEMP TABLE IF NOT EXISTS nps_staging (${columns.map((c) => `${c} VARCHAR`).join(', ')})`,
  );
  await warehouse.connection.run('DELETE FROM nps_staging');
  const appender = await warehouse.connection.createAppender('nps_staging');
  for (const row of rows) {
    for (const column of columns) {
      const value = row[column];
      if (value === undefined || value === '') appender.appendNull();
      else appender.appendVarchar(value);
    }
    appender.endRow();
  }
  appender.closeSync();
  const updates = columns
    .filter((c) => c !== 'response_id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  // A replayed or older version never overwrites a newer one.
  await warehouse.connection.run(
    `INSERT INTO nps_responses (${list})
     SELECT ${list} FROM nps_staging
     QUALIFY row_number() OVER (PARTITION BY response_id ORDER BY CAST(updated_at AS TIMESTAMPTZ) DESC) = 1
     ON CONFLICT (response_id) DO UPDATE SET ${updates}
     WHERE CAST(excluded.updated_at AS TIMESTAMPTZ) >= nps_responses.updated_at`,
  );
};

/** Pages through every response as Transfer does and upserts each page. */
export const loadResponses = async (
  warehouse: Warehouse,
  listPage: ListPage,
  { maxCalls = 100_000 }: { maxCalls?: number } = {},
): Promise<LoadResult> => {
  const before = await count(warehouse, 'SELECT count(*) AS n FROM nps_responses');
  const fingerprint = `SELECT count(*) AS n FROM nps_responses`;
  const snapshot = async () =>
    warehouse.query(
      `SELECT response_id, md5(CAST(nps_responses AS VARCHAR)) AS h FROM nps_responses`,
    );
  const hashes = new Map((await snapshot()).map((r) => [String(r.response_id), String(r.h)]));
  let calls = 0;
  let records = 0;
  for (let page = 0; page < maxCalls; page += 1) {
    const items = await listPage(page);
    calls += 1;
    if (!items.length) break;
    records += items.length;
    await upsertRows(warehouse, items.map(toRow));
  }
  const rows = await count(warehouse, fingerprint);
  let changed = 0;
  for (const row of await snapshot()) {
    const previous = hashes.get(String(row.response_id));
    if (previous !== undefined && previous !== row.h) changed += 1;
  }
  return { calls, records, added: rows - before, changed, rows };
};
