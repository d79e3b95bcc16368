-- The share of each segment per month in percent (one decimal, half away from zero); parameters @timezone, @since, @until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
SELECT
  FORMAT_TIMESTAMP('%Y-%m', submitted_at, @timezone) AS month,
  COUNT(*) AS responses,
  FLOOR((2000 * COUNTIF(promoter) + COUNT(*)) / (2 * COUNT(*))) / 10 AS promoter_percent,
  FLOOR((2000 * COUNTIF(passive) + COUNT(*)) / (2 * COUNT(*))) / 10 AS passive_percent,
  FLOOR((2000 * COUNTIF(detractor) + COUNT(*)) / (2 * COUNT(*))) / 10 AS detractor_percent
FROM nps.nps_responses_live
WHERE submitted_at >= @since AND submitted_at < @until
GROUP BY month
ORDER BY month;
