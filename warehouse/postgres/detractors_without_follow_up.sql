-- Detractors with Follow-up Status `none`, newest first; edit params.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH params AS (
  SELECT 'UTC'::VARCHAR AS timezone,
         '2026-01-01 00:00:00+00'::TIMESTAMPTZ AS since,
         '2027-01-01 00:00:00+00'::TIMESTAMPTZ AS until
),
recent AS (
  SELECT r.*
  FROM nps_responses_latest r CROSS JOIN params p
  WHERE r.submitted_at >= p.since AND r.submitted_at < p.until AND NOT COALESCE(r.test, FALSE)
)
SELECT
  response_id,
  submitted_at,
  score,
  survey_name,
  identity_key,
  identity_value,
  themes,
  comment
FROM recent
WHERE segment = 'detractor'
  AND COALESCE(follow_up_status, 'none') = 'none'
ORDER BY submitted_at DESC, response_id;
