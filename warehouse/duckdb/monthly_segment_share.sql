-- The share of each segment per month, in percent with one decimal (half away from zero), the
-- three parts of NPS: nps = promoter_percent - detractor_percent up to rounding.
-- Parameters: $timezone, $since, $until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
-- Counted and rounded by the macros nps_by_period and nps_percent of schema.sql.
SELECT
  period AS month,
  responses,
  nps_percent(promoters, responses) AS promoter_percent,
  nps_percent(passives, responses) AS passive_percent,
  nps_percent(detractors, responses) AS detractor_percent
FROM nps_by_period('month', $timezone, $since, $until)
ORDER BY month;
