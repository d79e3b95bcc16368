-- Weekly true NPS by ISO week (label 2026-W09), cut in $nps_timezone, for $nps_since <= submitted_at < $nps_until.
-- Rounded to one decimal, half away from zero, in integer arithmetic, as the platform rounds.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH weeks AS (
  SELECT
    YEAROFWEEKISO(CONVERT_TIMEZONE($nps_timezone, submitted_at)) || '-W' || LPAD(WEEKISO(CONVERT_TIMEZONE($nps_timezone, submitted_at)), 2, '0') AS week,
    COUNT(*) AS responses,
    COUNT_IF(promoter) AS promoters,
    COUNT_IF(passive) AS passives,
    COUNT_IF(detractor) AS detractors
  FROM nps_responses_live
  WHERE submitted_at >= TO_TIMESTAMP_TZ($nps_since) AND submitted_at < TO_TIMESTAMP_TZ($nps_until)
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
