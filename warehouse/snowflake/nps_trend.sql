-- True NPS (% promoters - % detractors) per month or per ISO week: $nps_grain = 'month' (label
-- 2026-03) or 'week' (Monday to Sunday, label 2026-W09), periods cut in $nps_timezone, for
-- $nps_since <= submitted_at < $nps_until; periods with no responses are not listed (any other
-- $nps_grain gives one row with period NULL).
-- Rounded to one decimal, half away from zero, in integer arithmetic, as the platform rounds.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH periods AS (
  SELECT
    CASE $nps_grain
      WHEN 'month' THEN TO_CHAR(CONVERT_TIMEZONE($nps_timezone, submitted_at), 'YYYY-MM')
      WHEN 'week' THEN YEAROFWEEKISO(CONVERT_TIMEZONE($nps_timezone, submitted_at)) || '-W'
        || LPAD(WEEKISO(CONVERT_TIMEZONE($nps_timezone, submitted_at)), 2, '0')
    END AS period,
    COUNT(*) AS responses,
    COUNT_IF(promoter) AS promoters,
    COUNT_IF(passive) AS passives,
    COUNT_IF(detractor) AS detractors
  FROM nps_responses_live
  WHERE submitted_at >= TO_TIMESTAMP_TZ($nps_since) AND submitted_at < TO_TIMESTAMP_TZ($nps_until)
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
