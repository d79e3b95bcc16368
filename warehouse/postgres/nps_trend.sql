-- True NPS (% promoters - % detractors) per month or per ISO week: params.grain = 'month' (label
-- 2026-03) or 'week' (Monday to Sunday, label 2026-W09), periods cut in params.timezone, for
-- params.since <= submitted_at < params.until; periods with no responses are not listed (any
-- other grain gives one row with period NULL). Rounded to one decimal, half away from zero, in
-- integer arithmetic (integer division floors non-negative values), as the platform rounds.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH params AS (
  SELECT 'month'::VARCHAR AS grain,
         'UTC'::VARCHAR AS timezone,
         '2026-01-01 00:00:00+00'::TIMESTAMPTZ AS since,
         '2027-01-01 00:00:00+00'::TIMESTAMPTZ AS until
),
periods AS (
  SELECT
    CASE p.grain
      WHEN 'month' THEN TO_CHAR(r.submitted_at AT TIME ZONE p.timezone, 'YYYY-MM')
      WHEN 'week' THEN TO_CHAR(r.submitted_at AT TIME ZONE p.timezone, 'IYYY-"W"IW')
    END AS period,
    COUNT(*) AS responses,
    SUM(r.promoter) AS promoters,
    SUM(r.passive) AS passives,
    SUM(r.detractor) AS detractors
  FROM nps_responses_live r CROSS JOIN params p
  WHERE r.submitted_at >= p.since AND r.submitted_at < p.until
  GROUP BY 1
)
SELECT
  period,
  responses,
  promoters,
  passives,
  detractors,
  SIGN(promoters - detractors)
    * ((2000 * ABS(promoters - detractors) + responses) / (2 * responses)) / 10.0 AS nps
FROM periods
ORDER BY period;
