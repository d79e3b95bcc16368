-- Monthly true NPS: % promoters (9-10) minus % detractors (0-6), never the average score.
-- Parameters: $timezone (IANA name: months are cut at its local midnights), $since, $until
-- (submitted_at >= $since and < $until). Equals Get NPS Score / GET /metrics/nps with
-- group_by=month for the same period and time zone; months with no responses are not listed.
-- Rounded to one decimal, half away from zero, in integer arithmetic, as the platform rounds.
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
  promoters,
  passives,
  detractors,
  sign(promoters - detractors)
    * floor((2000 * abs(promoters - detractors) + responses) / (2 * responses)) / 10.0 AS nps
FROM months
ORDER BY month;
