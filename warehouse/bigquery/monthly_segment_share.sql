-- The share of each segment per month in percent (one decimal, half away from zero); parameters @timezone, @since, @until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH months AS (
  SELECT
    FORMAT_TIMESTAMP('%Y-%m', submitted_at, @timezone) AS month,
    COUNT(*) AS responses,
    COUNTIF(segment = 'promoter') AS promoters,
    COUNTIF(segment = 'passive') AS passives,
    COUNTIF(segment = 'detractor') AS detractors
  FROM nps.nps_responses_latest
  WHERE submitted_at >= @since AND submitted_at < @until AND NOT COALESCE(test, FALSE)
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
