/**
 * Step 10: the whole demo workspace loaded into a local DuckDB file the way Zapier Transfer pages
 * New NPS Response, the monthly true NPS computed in SQL beside the platform's own figures.
 */
import type { Bundle } from 'zapier-platform-core';
import { getJson, type Row, type Walk } from './context.js';
import { say, step } from './output.js';

type Metrics = { periods: Array<{ label: string; nps: number | null; responses: number }> };

export const loadWarehouse = async (walk: Walk) => {
  step(
    10,
    'Every response in a warehouse: DuckDB, loaded as Zapier Transfer pages',
    "warehouse/: New NPS Response performList page after page, the warehouse recipe's field map, upserted by response_id into ./.warehouse/nps.duckdb; then the monthly true-NPS query.",
  );
  const { keys, operation, run } = walk;
  const { warehouseDemo } = await import('../warehouse/demo.js');
  const demo = await warehouseDemo({
    dir: new URL('../.warehouse', import.meta.url).pathname,
    listPage: (page) =>
      run<Row[]>(operation('triggers', keys.triggers.newResponse).performList, {
        inputData: { wait_for_themes: true },
        meta: { page, isLoadingSample: false } as Bundle['meta'],
      }),
    metrics: (query) =>
      getJson<Metrics>(walk, `/metrics/nps?${new URLSearchParams(query).toString()}`),
    timezone: 'Europe/Madrid',
    say,
  });
  if (!demo.agree) throw new Error('the warehouse trend differs from the platform');
};
