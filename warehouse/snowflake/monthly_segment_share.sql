-- The share of each segment per month in percent (one decimal, half away from zero); parameters $nps_timezone, $nps_since, $nps_until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH months AS (
  SELECT
    TO_CHAR(CONVERT_TIMEZONE($nps_timezone, submitted_at), 'YYYY-MM') AS month,
    COUNT(*) AS responses,
    COUNT_IF(segment = 'promoter') AS promoters,
    COUNT_IF(segment = 'passive') AS passives,
    COUNT_IF(segment = 'detractor') AS detractors
  FROM nps_responses_latest
  WHERE submitted_at >= TO_TIMESTAMP_TZ($nps_since) AND submitted_at < TO_TIMESTAMP_TZ($nps_until) AND NOT COALESCE(test, FALSE)
  GROUP BY month
)
SELECT
  month,
  responses,
  FLOOR((2000 * promoters + responses) / (2 * responses)) / 10 AS promoter_percent,
  FLOOR((2000 * passives + responses) / (2 * responses)) / 10 AS passive_percent,
  FLOOR((2000 * detractors + responses) / (2 * responses)) / 10 AS detractor_percent
FROM months
ORDER BY month;
