-- AI themes per month: responses carrying each theme, and how many are detractors'. `themes` is
-- 'A;B' (a ';' never occurs in a name); SPLIT_PART over the positions 1-20 works on Postgres and
-- Redshift alike. Edit params.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH params AS (
  SELECT 'UTC'::VARCHAR AS timezone,
         '2026-01-01 00:00:00+00'::TIMESTAMPTZ AS since,
         '2027-01-01 00:00:00+00'::TIMESTAMPTZ AS until
),
positions AS (
  SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
  UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10
  UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15
  UNION ALL SELECT 16 UNION ALL SELECT 17 UNION ALL SELECT 18 UNION ALL SELECT 19 UNION ALL SELECT 20
),
mentions AS (
  SELECT
    TO_CHAR(r.submitted_at AT TIME ZONE p.timezone, 'YYYY-MM') AS month,
    SPLIT_PART(r.themes, ';', positions.n) AS theme,
    r.segment
  FROM nps_responses_live r CROSS JOIN params p CROSS JOIN positions
  WHERE r.submitted_at >= p.since AND r.submitted_at < p.until
)
SELECT
  month,
  theme,
  COUNT(*) AS responses,
  SUM(CASE WHEN segment = 'detractor' THEN 1 ELSE 0 END) AS detractors
FROM mentions
WHERE theme <> ''
GROUP BY 1, 2
ORDER BY month, responses DESC, theme;
