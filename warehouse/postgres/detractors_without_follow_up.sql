-- Detractors with Follow-up Status `none`, newest first; edit params.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH params AS (
  SELECT 'UTC'::VARCHAR AS timezone,
         '2026-01-01 00:00:00+00'::TIMESTAMPTZ AS since,
         '2027-01-01 00:00:00+00'::TIMESTAMPTZ AS until
)
SELECT
  r.response_id,
  r.submitted_at,
  r.score,
  r.survey_name,
  r.identity_key,
  r.identity_value,
  r.themes,
  r.comment
FROM nps_responses_live r CROSS JOIN params p
WHERE r.submitted_at >= p.since AND r.submitted_at < p.until
  AND r.segment = 'detractor'
  AND COALESCE(r.follow_up_status, 'none') = 'none'
ORDER BY r.submitted_at DESC, r.response_id;
