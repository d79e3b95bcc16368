-- Weekly true NPS by ISO week (label 2026-W09), cut in @timezone, for @since <= submitted_at < @until.
-- Rounded to one decimal, half away from zero, in integer arithmetic, as the platform rounds.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH weeks AS (
  SELECT
    FORMAT_TIMESTAMP('%G-W%V', submitted_at, @timezone) AS week,
    COUNT(*) AS responses,
    COUNTIF(promoter) AS promoters,
    COUNTIF(passive) AS passives,
    COUNTIF(detractor) AS detractors
  FROM nps.nps_responses_live
  WHERE submitted_at >= @since AND submitted_at < @until
  GROUP BY week
)
SELECT
  week,
  responses,
  promoters,
  passives,
  detractors,
  SIGN(promoters - detractors)
    * FLOOR((2000 * ABS(promoters - detractors) + responses) / (2 * responses)) / 10 AS nps
FROM weeks
ORDER BY week;
