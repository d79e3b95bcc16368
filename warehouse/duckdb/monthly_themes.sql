-- AI themes per month: how many responses carry each theme, and how many of those are
-- detractors'. `themes` holds Themes (Picklist Format), 'A;B': a ';' never occurs inside a
-- theme name, so splitting on ';' gives the list back exactly.
-- Parameters: $timezone, $since, $until.
-- Test records (test = true) are left out, as the platform leaves them out of its NPS: they
-- come only from a zap built on a test-mode connection (docs/recipes.md, "Try it safely").
WITH mentions AS (
  SELECT
    strftime(timezone($timezone, r.submitted_at), '%Y-%m') AS month,
    t.theme,
    r.segment
  FROM nps_responses_live AS r,
    unnest(string_split(r.themes, ';')) AS t(theme)
  WHERE r.submitted_at >= CAST($since AS TIMESTAMPTZ)
    AND r.submitted_at < CAST($until AS TIMESTAMPTZ)
    AND t.theme <> ''
)
SELECT
  month,
  theme,
  count(*) AS responses,
  count(*) FILTER (WHERE segment = 'detractor') AS detractors
FROM mentions
GROUP BY month, theme
ORDER BY month, responses DESC, theme;
