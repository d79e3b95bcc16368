-- Monthly true NPS per survey; edit params.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH params AS (
  SELECT 'UTC'::VARCHAR AS timezone,
         '2026-01-01 00:00:00+00'::TIMESTAMPTZ AS since,
         '2027-01-01 00:00:00+00'::TIMESTAMPTZ AS until
),
months AS (
  SELECT
    TO_CHAR(r.submitted_at AT TIME ZONE p.timezone, 'YYYY-MM') AS month,
    r.survey_id,
    MAX(r.survey_name) AS survey_name,
    COUNT(*) AS responses,
    SUM(r.promoter) AS promoters,
    SUM(r.detractor) AS detractors
  FROM nps_responses_live r CROSS JOIN params p
  WHERE r.submitted_at >= p.since AND r.submitted_at < p.until
  GROUP BY 1, 2
)
SELECT
  month,
  survey_id,
  survey_name,
  responses,
  SIGN(promoters - detractors)
    * ((2000 * ABS(promoters - detractors) + responses) / (2 * responses)) / 10.0 AS nps
FROM months
ORDER BY month, survey_name, survey_id;
