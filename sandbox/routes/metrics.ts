/** GET /metrics/nps: NPS over a time range, optionally per period in a time zone. */
import type { Json } from '../contract.js';
import { assertTimeZone, breakdown, countPeriods, formatTime, periods } from '../metrics.js';
import type { GroupBy } from '../metrics.js';
import { badRequest, parseTime, type Routes } from './common.js';

export const metricRoutes: Routes = {
  getNpsMetrics: (ctx) => {
    const q = ctx.query;
    const timezone = typeof q.timezone === 'string' ? q.timezone : 'UTC';
    try {
      assertTimeZone(timezone);
    } catch {
      throw badRequest(
        `Unknown time zone ${JSON.stringify(timezone)} (use an IANA name).`,
        'timezone',
      );
    }
    const since = parseTime(q.since) ?? 0;
    const until = parseTime(q.until) ?? ctx.state.nowMs();
    if (since >= until) throw badRequest('since must be before until.', 'until');
    const groupBy = q.group_by as GroupBy | undefined;
    if (groupBy && countPeriods(since, until, groupBy, timezone) > 1000)
      throw badRequest('Too many periods (at most 1000); use a coarser group_by.', 'group_by');
    // Test-mode responses (1.3) count only when asked for.
    const includeTest = q.include_test === true;
    const items = [...ctx.state.store.responses.values()]
      .filter(
        (r) =>
          (includeTest || !r.test) &&
          (q.survey_id === undefined || r.surveyId === q.survey_id) &&
          r.submittedAt >= since &&
          r.submittedAt < until,
      )
      .map((r) => ({ score: r.score, at: r.submittedAt }));
    return {
      status: 200,
      body: {
        ...breakdown(items.map((i) => i.score)),
        survey_id: typeof q.survey_id === 'string' ? q.survey_id : null,
        since: formatTime(since),
        until: formatTime(until),
        timezone,
        periods: groupBy
          ? (periods(items, since, until, groupBy, timezone) as unknown as Json[])
          : [],
      },
    };
  },
};
