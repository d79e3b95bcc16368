-- Monthly true NPS per survey. Parameters: $timezone, $since, $until.
-- Equals GET /metrics/nps with group_by=month and survey_id, survey by survey.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
SELECT
  strftime(timezone($timezone, submitted_at), '%Y-%m') AS month,
  survey_id,
  max(survey_name) AS survey_name,
  count(*) AS responses,
  nps_percent(count(*) FILTER (WHERE promoter) - count(*) FILTER (WHERE detractor), count(*)) AS nps
FROM nps_responses_live
WHERE submitted_at >= CAST($since AS TIMESTAMPTZ) AND submitted_at < CAST($until AS TIMESTAMPTZ)
GROUP BY month, survey_id
ORDER BY month, survey_name, survey_id;
