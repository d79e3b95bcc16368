-- Monthly true NPS: % promoters (9-10) minus % detractors (0-6), never the average score.
-- Parameters: $timezone (IANA name: months are cut at its local midnights), $since, $until
-- (submitted_at >= $since and < $until). Equals Get NPS Score / GET /metrics/nps with
-- group_by=month for the same period and time zone; months with no responses are not listed.
-- Rounded to one decimal, half away from zero, in integer arithmetic, as the platform rounds.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
-- Counted and rounded by the macros nps_by_period and nps_percent of schema.sql.
SELECT period AS month, responses, promoters, passives, detractors, nps
FROM nps_by_period('%Y-%m', $timezone, $since, $until)
ORDER BY month;
