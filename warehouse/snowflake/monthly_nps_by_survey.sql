-- Monthly true NPS per survey; parameters $nps_timezone, $nps_since, $nps_until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH months AS (
  SELECT
    TO_CHAR(CONVERT_TIMEZONE($nps_timezone, submitted_at), 'YYYY-MM') AS month,
    survey_id,
    MAX(survey_name) AS survey_name,
    COUNT(*) AS responses,
    COUNT_IF(promoter) AS promoters,
    COUNT_IF(detractor) AS detractors
  FROM nps_responses_live
  WHERE submitted_at >= TO_TIMESTAMP_TZ($nps_since) AND submitted_at < TO_TIMESTAMP_TZ($nps_until)
  GROUP BY month, survey_id
)
SELECT
  month,
  survey_id,
  survey_name,
  responses,
  SIGN(promoters - detractors)
    * FLOOR((2000 * ABS(promoters - detractors) + responses) / (2 * responses)) / 10 AS nps
FROM months
ORDER BY month, survey_name, survey_id;
