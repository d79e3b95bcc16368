-- Monthly true NPS per survey. Parameters: $timezone, $since, $until.
-- Equals GET /metrics/nps with group_by=month and survey_id, survey by survey.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH months AS (
  SELECT
    strftime(timezone($timezone, submitted_at), '%Y-%m') AS month,
    survey_id,
    max(survey_name) AS survey_name,
    count(*) AS responses,
    count(*) FILTER (WHERE segment = 'promoter') AS promoters,
    count(*) FILTER (WHERE segment = 'detractor') AS detractors
  FROM nps_responses_latest
  WHERE submitted_at >= CAST($since AS TIMESTAMPTZ)
    AND submitted_at < CAST($until AS TIMESTAMPTZ)
    AND NOT coalesce(test, false)
  GROUP BY month, survey_id
)
SELECT
  month,
  survey_id,
  survey_name,
  responses,
  sign(promoters - detractors)
    * floor((2000 * abs(promoters - detractors) + responses) / (2 * responses)) / 10.0 AS nps
FROM months
ORDER BY month, survey_name, survey_id;
