-- Monthly true NPS (% promoters - % detractors), months cut in $nps_timezone, for $nps_since <= submitted_at < $nps_until.
-- Rounded to one decimal, half away from zero, in integer arithmetic, as the platform rounds.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH months AS (
  SELECT
    TO_CHAR(CONVERT_TIMEZONE($nps_timezone, submitted_at), 'YYYY-MM') AS month,
    COUNT(*) AS responses,
    COUNT_IF(promoter) AS promoters,
    COUNT_IF(passive) AS passives,
    COUNT_IF(detractor) AS detractors
  FROM nps_responses_live
  WHERE submitted_at >= TO_TIMESTAMP_TZ($nps_since) AND submitted_at < TO_TIMESTAMP_TZ($nps_until)
  GROUP BY month
)
SELECT
  month,
  responses,
  promoters,
  passives,
  detractors,
  SIGN(promoters - detractors)
    * FLOOR((2000 * ABS(promoters - detractors) + responses) / (2 * responses)) / 10 AS nps
FROM months
ORDER BY month;
