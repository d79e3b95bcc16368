-- True NPS per month or per ISO week: % promoters (9-10) minus % detractors (0-6), never the
-- average score. Parameters: $grain ('month': label 2026-03; 'week': Monday to Sunday, label
-- 2026-W09), $timezone (IANA name: periods are cut at its local midnights), $since, $until
-- (submitted_at >= $since and < $until). Equals Get NPS Score / GET /metrics/nps with
-- group_by=month or week for the same period and time zone; periods with no responses are not
-- listed. Rounded to one decimal, half away from zero, in integer arithmetic, as the platform rounds.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
-- Counted and rounded by the macros nps_by_period and nps_percent of schema.sql.
SELECT period, responses, promoters, passives, detractors, nps
FROM nps_by_period($grain, $timezone, $since, $until)
ORDER BY period;
