-- AI themes per month: responses carrying each theme, and how many are detractors'. `themes` is
-- 'A;B' (a ';' never occurs in a name), so SPLIT gives the list back. Parameters @timezone, @since, @until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH mentions AS (
  SELECT
    FORMAT_TIMESTAMP('%Y-%m', r.submitted_at, @timezone) AS month,
    theme,
    r.segment
  FROM nps.nps_responses_live AS r, UNNEST(SPLIT(r.themes, ';')) AS theme
  WHERE r.submitted_at >= @since AND r.submitted_at < @until AND theme != ''
)
SELECT
  month,
  theme,
  COUNT(*) AS responses,
  COUNTIF(segment = 'detractor') AS detractors
FROM mentions
GROUP BY month, theme
ORDER BY month, responses DESC, theme;
