-- True NPS (% promoters - % detractors) per month or per ISO week: @grain = 'month' (label
-- 2026-03) or 'week' (Monday to Sunday, label 2026-W09), periods cut in @timezone, for
-- @since <= submitted_at < @until; periods with no responses are not listed.
-- Rounded to one decimal, half away from zero, in integer arithmetic, as the platform rounds.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH periods AS (
  SELECT
    CASE @grain
      WHEN 'month' THEN FORMAT_TIMESTAMP('%Y-%m', submitted_at, @timezone)
      WHEN 'week' THEN FORMAT_TIMESTAMP('%G-W%V', submitted_at, @timezone)
      ELSE ERROR(CONCAT("@grain must be 'month' or 'week', not ", @grain))
    END AS period,
    COUNT(*) AS responses,
    COUNTIF(promoter) AS promoters,
    COUNTIF(passive) AS passives,
    COUNTIF(detractor) AS detractors
  FROM nps.nps_responses_live
  WHERE submitted_at >= @since AND submitted_at < @until
  GROUP BY period
)
SELECT
  period,
  responses,
  promoters,
  passives,
  detractors,
  SIGN(promoters - detractors)
    * FLOOR((2000 * ABS(promoters - detractors) + responses) / (2 * responses)) / 10 AS nps
FROM periods
ORDER BY period;
