-- Monthly true NPS per survey; parameters @timezone, @since, @until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH months AS (
  SELECT
    FORMAT_TIMESTAMP('%Y-%m', submitted_at, @timezone) AS month,
    survey_id,
    MAX(survey_name) AS survey_name,
    COUNT(*) AS responses,
    COUNTIF(promoter) AS promoters,
    COUNTIF(detractor) AS detractors
  FROM nps.nps_responses_live
  WHERE submitted_at >= @since AND submitted_at < @until
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
