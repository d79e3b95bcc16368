-- nps_responses for DuckDB: one row per NPS response, exactly the columns the warehouse
-- recipe maps (docs/recipes.md, "Every response into a warehouse row").
--
-- How rows get here: `npm start` and warehouse/load.ts load them through the integration's
-- own paging path (New NPS Response, as Zapier Transfer pages it) and upsert them by
-- response_id, so loading again adds nothing and a changed response updates its row.
-- Timestamps are UTC; the queries cut days, weeks and months in the time zone you give them.
--
-- test is the record's Test Record: true only for a response recorded with a test-mode API key
-- (nps_test_…), which only a zap built on a test-mode connection receives (live connections
-- never see test records). Every query leaves such rows out, as the platform leaves them out of
-- its NPS; delete them once you switch the zap to the live key:
--   DELETE FROM nps_responses WHERE test;
-- A table made from an earlier version of this file: ALTER TABLE nps_responses ADD COLUMN test BOOLEAN;
CREATE TABLE IF NOT EXISTS nps_responses (
  response_id      VARCHAR     NOT NULL PRIMARY KEY, -- Response ID
  survey_id        VARCHAR     NOT NULL,             -- Survey ID
  survey_name      VARCHAR,                          -- Survey Name
  submitted_at     TIMESTAMPTZ NOT NULL,             -- Submitted At
  submitted_date   DATE        NOT NULL,             -- Submitted Date (UTC)
  score            INTEGER     NOT NULL CHECK (score BETWEEN 0 AND 10),
  segment          VARCHAR     NOT NULL CHECK (segment IN ('promoter', 'passive', 'detractor')),
  themes           VARCHAR,                          -- Themes (Picklist Format): 'Billing;Pricing'
  comment          VARCHAR,                          -- the respondent's own words
  language         VARCHAR,                          -- Response Language
  channel          VARCHAR,
  analysis_status  VARCHAR,                          -- AI Analysis Status
  follow_up_status VARCHAR,                          -- none | open | in_progress | closed
  contact_id       VARCHAR,
  identity_key     VARCHAR,                          -- email | customer_id | account_number
  identity_value   VARCHAR,                          -- join key to your CRM tables
  plan             VARCHAR,                          -- custom dimension: Response Properties → plan
  updated_at       TIMESTAMPTZ NOT NULL,             -- Updated At: the latest version wins
  test             BOOLEAN                           -- Test Record: true = left out of every query
);

-- The latest version of each response. With an upsert there is one row per response already;
-- the view is what every query reads, as in the other dialects, where rows are appended.
CREATE OR REPLACE VIEW nps_responses_latest AS
SELECT *
FROM nps_responses
QUALIFY row_number() OVER (PARTITION BY response_id ORDER BY updated_at DESC) = 1;

-- What every query counts: the latest version of each live response (test records left out, as
-- the platform leaves them out of its NPS), its segment as three flags to count.
CREATE OR REPLACE VIEW nps_responses_live AS
SELECT
  *,
  segment = 'promoter' AS promoter,
  segment = 'passive' AS passive,
  segment = 'detractor' AS detractor
FROM nps_responses_latest
WHERE NOT coalesce(test, false);

-- part / total in percent, one decimal, rounded half away from zero in integer arithmetic, as
-- the platform rounds: true NPS is nps_percent(promoters - detractors, responses).
CREATE OR REPLACE MACRO nps_percent(part, total) AS
  sign(part) * floor((2000 * abs(part) + total) / (2 * total)) / 10.0;

-- True NPS per period: grain 'month' (label 2026-03) or 'week' (ISO week, Monday to Sunday,
-- label 2026-W09; any other grain is an error) of submitted_at in the IANA time zone tz, for
-- since <= submitted_at < until; periods with no responses are not listed. nps_trend.sql and
-- monthly_segment_share.sql read it.
CREATE OR REPLACE MACRO nps_by_period(grain, tz, since, until) AS TABLE
SELECT
  CASE grain
    WHEN 'month' THEN strftime(timezone(tz, submitted_at), '%Y-%m')
    WHEN 'week' THEN strftime(timezone(tz, submitted_at), '%G-W%V')
    ELSE error('grain must be ''month'' or ''week'', not ' || grain)
  END AS period,
  count(*) AS responses,
  count(*) FILTER (WHERE promoter) AS promoters,
  count(*) FILTER (WHERE passive) AS passives,
  count(*) FILTER (WHERE detractor) AS detractors,
  nps_percent(count(*) FILTER (WHERE promoter) - count(*) FILTER (WHERE detractor), count(*)) AS nps
FROM nps_responses_live
WHERE submitted_at >= CAST(since AS TIMESTAMPTZ) AND submitted_at < CAST(until AS TIMESTAMPTZ)
GROUP BY period;
