-- nps_responses for BigQuery: one row per version of an NPS response, the columns the
-- warehouse recipe maps (docs/recipes.md), in this order.
--
-- How rows get here: Zapier's **BigQuery → Insert Row(s)** step of the warehouse recipe, on New
-- NPS Response (and on Updated Response, to keep rows in sync); history with **Zapier Transfer**
-- on that zap. Rows are appended (a step can run twice), so queries read the view
-- nps_responses_latest, which keeps the latest version of each response.
-- Create the dataset first (`bq mk nps`); the queries take @timezone, @since and @until as
-- query parameters (`bq query --parameter=timezone::Europe/Madrid ...`); nps_trend.sql also
-- @grain, 'month' or 'week' (ISO weeks).
--
-- test is the record's Test Record: true only for a response recorded with a test-mode API key
-- (nps_test_…), which only a zap built on a test-mode connection receives (live connections
-- never see test records). Every query leaves such rows out, as the platform leaves them out of
-- its NPS; delete them once you switch the zap to the live key:
--   DELETE FROM nps.nps_responses WHERE test;
-- A table made from an earlier version of this file: ALTER TABLE nps.nps_responses ADD COLUMN test BOOL;
CREATE TABLE IF NOT EXISTS nps.nps_responses (
  response_id      STRING    NOT NULL,
  survey_id        STRING    NOT NULL,
  survey_name      STRING,
  submitted_at     TIMESTAMP NOT NULL,
  submitted_date   DATE      NOT NULL, -- UTC day: the partition
  score            INT64     NOT NULL, -- 0-10
  segment          STRING    NOT NULL, -- promoter | passive | detractor
  themes           STRING,             -- Themes (Picklist Format): 'Billing;Pricing'
  comment          STRING,
  language         STRING,
  channel          STRING,
  analysis_status  STRING,
  follow_up_status STRING,
  contact_id       STRING,
  identity_key     STRING,             -- email | customer_id | account_number
  identity_value   STRING,
  plan             STRING,             -- custom dimension: Response Properties → plan
  updated_at       TIMESTAMP NOT NULL,
  test             BOOL                -- Test Record: true = left out of every query
)
PARTITION BY submitted_date;

CREATE OR REPLACE VIEW nps.nps_responses_latest AS
SELECT * EXCEPT (version)
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY response_id ORDER BY updated_at DESC) AS version
  FROM nps.nps_responses
)
WHERE version = 1;

-- What every query counts: the latest version of each live response (test records left out, as
-- the platform leaves them out of its NPS), its segment as three flags to count.
CREATE OR REPLACE VIEW nps.nps_responses_live AS
SELECT
  *,
  segment = 'promoter' AS promoter,
  segment = 'passive' AS passive,
  segment = 'detractor' AS detractor
FROM nps.nps_responses_latest
WHERE NOT COALESCE(test, FALSE);
