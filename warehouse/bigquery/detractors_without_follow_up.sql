-- Detractors with Follow-up Status `none`, newest first; parameters @since, @until.
SELECT
  response_id,
  submitted_at,
  score,
  survey_name,
  identity_key,
  identity_value,
  themes,
  comment
FROM nps.nps_responses_latest
WHERE segment = 'detractor'
  AND COALESCE(follow_up_status, 'none') = 'none'
  AND submitted_at >= @since AND submitted_at < @until
ORDER BY submitted_at DESC, response_id;
