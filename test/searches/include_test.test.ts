/**
 * Issue 18, item 6: Get NPS Score's Include Test Responses (contract 1.3 `include_test`):
 * left out by default, so the platform counts real answers only; sent for both periods when Yes.
 */
import { stopClockAtNow } from './clock.js';
import nock from 'nock';
import npsReport from '../../searches/nps_report.js';
import { BASE_URL, inputFieldOf } from '../helpers/app.js';
import { metricsFixture, previousMetricsFixture } from '../fixtures/actions.js';
import { runAsZapier as run } from '../helpers/zapier-run.js';

/** The query of every GET /metrics/nps, in order. */
const captureQueries = (): Array<Record<string, string>> => {
  const queries: Array<Record<string, string>> = [];
  nock(BASE_URL)
    .get('/metrics/nps')
    .times(2)
    .query((query) => {
      queries.push(query as Record<string, string>);
      return true;
    })
    .reply(200, () => (queries.length === 1 ? metricsFixture : previousMetricsFixture));
  return queries;
};

describe('nps_report Include Test Responses', () => {
  stopClockAtNow();

  it('is an optional boolean, No by default', () => {
    expect(inputFieldOf(npsReport, 'include_test')).toMatchObject({
      label: 'Include Test Responses',
      type: 'boolean',
      required: false,
      default: 'false',
    });
  });

  it.each([[{}], [{ include_test: 'false' }], [{ include_test: 'no' }]])(
    '%j: include_test is not sent (the platform leaves test responses out)',
    async (input) => {
      const queries = captureQueries();
      await run(npsReport, { period: 'last_30_days', ...input });
      expect(queries).toHaveLength(2);
      for (const query of queries) expect(query).not.toHaveProperty('include_test');
    },
  );

  it.each([[{ include_test: 'true' }], [{ include_test: 'yes' }]])(
    '%j: include_test=true for the period and the previous one',
    async (input) => {
      const queries = captureQueries();
      await run(npsReport, { period: 'last_30_days', ...input });
      expect(queries.map((q) => q.include_test)).toEqual(['true', 'true']);
    },
  );
});
