-- Detractors with Follow-up Status `none`, newest first; parameters @since, @until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
SELECT
  response_id,
  submitted_at,
  score,
  survey_name,
  identity_key,
  identity_value,
  themes,
  comment
FROM nps.nps_responses_live
WHERE segment = 'detractor'
  AND COALESCE(follow_up_status, 'none') = 'none'
  AND submitted_at >= @since AND submitted_at < @until
ORDER BY submitted_at DESC, response_id;
