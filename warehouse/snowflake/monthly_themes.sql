-- AI themes per month: responses carrying each theme, and how many are detractors'. `themes` is
-- 'A;B' (a ';' never occurs in a name). Variables $nps_timezone, $nps_since, $nps_until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH mentions AS (
  SELECT
    TO_CHAR(CONVERT_TIMEZONE($nps_timezone, r.submitted_at), 'YYYY-MM') AS month,
    t.value::VARCHAR AS theme,
    r.segment
  FROM nps_responses_live AS r, LATERAL FLATTEN(input => SPLIT(r.themes, ';')) AS t
  WHERE r.submitted_at >= TO_TIMESTAMP_TZ($nps_since) AND r.submitted_at < TO_TIMESTAMP_TZ($nps_until)
    AND t.value::VARCHAR != ''
)
SELECT
  month,
  theme,
  COUNT(*) AS responses,
  COUNT_IF(segment = 'detractor') AS detractors
FROM mentions
GROUP BY month, theme
ORDER BY month, responses DESC, theme;
