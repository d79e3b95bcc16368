-- Weekly true NPS by ISO week (Monday to Sunday, label 2026-W09), cut in $timezone.
-- Parameters: $timezone, $since, $until. Equals GET /metrics/nps with group_by=week.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH weeks AS (
  SELECT
    strftime(timezone($timezone, submitted_at), '%G-W%V') AS week,
    count(*) AS responses,
    count(*) FILTER (WHERE segment = 'promoter') AS promoters,
    count(*) FILTER (WHERE segment = 'passive') AS passives,
    count(*) FILTER (WHERE segment = 'detractor') AS detractors
  FROM nps_responses_latest
  WHERE submitted_at >= CAST($since AS TIMESTAMPTZ)
    AND submitted_at < CAST($until AS TIMESTAMPTZ)
    AND NOT coalesce(test, false)
  GROUP BY week
)
SELECT
  week,
  responses,
  promoters,
  passives,
  detractors,
  sign(promoters - detractors)
    * floor((2000 * abs(promoters - detractors) + responses) / (2 * responses)) / 10.0 AS nps
FROM weeks
ORDER BY week;
