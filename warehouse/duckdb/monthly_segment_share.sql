-- The share of each segment per month, in percent with one decimal (half away from zero), the
-- three parts of NPS: nps = promoter_percent - detractor_percent up to rounding.
-- Parameters: $timezone, $since, $until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH months AS (
  SELECT
    strftime(timezone($timezone, submitted_at), '%Y-%m') AS month,
    count(*) AS responses,
    count(*) FILTER (WHERE segment = 'promoter') AS promoters,
    count(*) FILTER (WHERE segment = 'passive') AS passives,
    count(*) FILTER (WHERE segment = 'detractor') AS detractors
  FROM nps_responses_latest
  WHERE submitted_at >= CAST($since AS TIMESTAMPTZ)
    AND submitted_at < CAST($until AS TIMESTAMPTZ)
    AND NOT coalesce(test, false)
  GROUP BY month
)
SELECT
  month,
  responses,
  floor((2000 * promoters + responses) / (2 * responses)) / 10.0 AS promoter_percent,
  floor((2000 * passives + responses) / (2 * responses)) / 10.0 AS passive_percent,
  floor((2000 * detractors + responses) / (2 * responses)) / 10.0 AS detractor_percent
FROM months
ORDER BY month;
