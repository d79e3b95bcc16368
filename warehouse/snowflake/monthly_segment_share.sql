-- The share of each segment per month in percent (one decimal, half away from zero); parameters $nps_timezone, $nps_since, $nps_until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
SELECT
  TO_CHAR(CONVERT_TIMEZONE($nps_timezone, submitted_at), 'YYYY-MM') AS month,
  COUNT(*) AS responses,
  FLOOR((2000 * COUNT_IF(promoter) + COUNT(*)) / (2 * COUNT(*))) / 10 AS promoter_percent,
  FLOOR((2000 * COUNT_IF(passive) + COUNT(*)) / (2 * COUNT(*))) / 10 AS passive_percent,
  FLOOR((2000 * COUNT_IF(detractor) + COUNT(*)) / (2 * COUNT(*))) / 10 AS detractor_percent
FROM nps_responses_live
WHERE submitted_at >= TO_TIMESTAMP_TZ($nps_since) AND submitted_at < TO_TIMESTAMP_TZ($nps_until)
GROUP BY month
ORDER BY month;
