-- nps_responses for Snowflake: one row per version of an NPS response, the columns the
-- warehouse recipe maps (docs/recipes.md), in this order.
--
-- How rows get here: Zapier's **Snowflake → Insert Row** step of the warehouse recipe, on New
-- NPS Response (and on Updated Response, to keep rows in sync); history with **Zapier Transfer**
-- on that zap. Rows are appended (a step can run twice), so queries read the view
-- nps_responses_latest. The queries read session variables:
--   SET (nps_timezone, nps_since, nps_until) = ('Europe/Madrid', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
--   SET nps_grain = 'month'; -- nps_trend.sql only: 'month' or 'week' (ISO weeks)
--
-- test is the record's Test Record: true only for a response recorded with a test-mode API key
-- (nps_test_…), which only a zap built on a test-mode connection receives (live connections
-- never see test records). Every query leaves such rows out, as the platform leaves them out of
-- its NPS; delete them once you switch the zap to the live key:
--   DELETE FROM nps_responses WHERE test;
-- A table made from an earlier version of this file: ALTER TABLE nps_responses ADD COLUMN test BOOLEAN;
CREATE TABLE IF NOT EXISTS nps_responses (
  response_id      VARCHAR       NOT NULL,
  survey_id        VARCHAR       NOT NULL,
  survey_name      VARCHAR,
  submitted_at     TIMESTAMP_TZ  NOT NULL,
  submitted_date   DATE          NOT NULL, -- UTC day
  score            NUMBER(2, 0)  NOT NULL, -- 0-10
  segment          VARCHAR(16)   NOT NULL, -- promoter | passive | detractor
  themes           VARCHAR,                -- Themes (Picklist Format): 'Billing;Pricing'
  comment          VARCHAR,
  language         VARCHAR(16),
  channel          VARCHAR(32),
  analysis_status  VARCHAR(16),
  follow_up_status VARCHAR(16),
  contact_id       VARCHAR,
  identity_key     VARCHAR(32),            -- email | customer_id | account_number
  identity_value   VARCHAR,
  plan             VARCHAR,                -- custom dimension: Response Properties → plan
  updated_at       TIMESTAMP_TZ  NOT NULL,
  test             BOOLEAN                 -- Test Record: true = left out of every query
);

CREATE OR REPLACE VIEW nps_responses_latest AS
SELECT *
FROM nps_responses
QUALIFY ROW_NUMBER() OVER (PARTITION BY response_id ORDER BY updated_at DESC) = 1;

-- What every query counts: the latest version of each live response (test records left out, as
-- the platform leaves them out of its NPS), its segment as three flags to count.
CREATE OR REPLACE VIEW nps_responses_live AS
SELECT
  *,
  segment = 'promoter' AS promoter,
  segment = 'passive' AS passive,
  segment = 'detractor' AS detractor
FROM nps_responses_latest
WHERE NOT COALESCE(test, FALSE);
