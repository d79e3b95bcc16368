-- Detractors nobody has followed up yet (Follow-up Status `none`), newest first: the list a
-- customer-success lead works through. Parameters: $since, $until.
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
FROM nps_responses_live
WHERE segment = 'detractor'
  AND coalesce(follow_up_status, 'none') = 'none'
  AND submitted_at >= CAST($since AS TIMESTAMPTZ)
  AND submitted_at < CAST($until AS TIMESTAMPTZ)
ORDER BY submitted_at DESC, response_id;
