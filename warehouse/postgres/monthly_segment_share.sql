-- The share of each segment per month in percent (one decimal, half away from zero); edit params.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH params AS (
  SELECT 'UTC'::VARCHAR AS timezone,
         '2026-01-01 00:00:00+00'::TIMESTAMPTZ AS since,
         '2027-01-01 00:00:00+00'::TIMESTAMPTZ AS until
)
SELECT
  TO_CHAR(r.submitted_at AT TIME ZONE p.timezone, 'YYYY-MM') AS month,
  COUNT(*) AS responses,
  ((2000 * SUM(r.promoter) + COUNT(*)) / (2 * COUNT(*))) / 10.0 AS promoter_percent,
  ((2000 * SUM(r.passive) + COUNT(*)) / (2 * COUNT(*))) / 10.0 AS passive_percent,
  ((2000 * SUM(r.detractor) + COUNT(*)) / (2 * COUNT(*))) / 10.0 AS detractor_percent
FROM nps_responses_live r CROSS JOIN params p
WHERE r.submitted_at >= p.since AND r.submitted_at < p.until
GROUP BY 1
ORDER BY month;
