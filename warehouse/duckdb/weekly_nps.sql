-- Weekly true NPS by ISO week (Monday to Sunday, label 2026-W09), cut in $timezone.
-- Parameters: $timezone, $since, $until. Equals GET /metrics/nps with group_by=week.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
-- Counted and rounded by the macros nps_by_period and nps_percent of schema.sql.
SELECT period AS week, responses, promoters, passives, detractors, nps
FROM nps_by_period('%G-W%V', $timezone, $since, $until)
ORDER BY week;
