-- nps_responses for PostgreSQL and Amazon Redshift: one row per version of an NPS response,
-- the columns the warehouse recipe maps (docs/recipes.md), in this order.
--
-- How rows get here: Zapier's **PostgreSQL → New Row** step of the warehouse recipe (Redshift:
-- load the same rows with COPY from the files a zap writes, or through a Postgres-compatible
-- endpoint), on New NPS Response and Updated Response; history with **Zapier Transfer** on that
-- zap. Rows are appended, so queries read the view nps_responses_latest. Each query starts with
-- a `params` row (time zone, period; nps_trend.sql also the grain, 'month' or 'week'): edit it
-- there.
--
-- test is the record's Test Record: true only for a response recorded with a test-mode API key
-- (nps_test_…), which only a zap built on a test-mode connection receives (live connections
-- never see test records). Every query leaves such rows out, as the platform leaves them out of
-- its NPS; delete them once you switch the zap to the live key:
--   DELETE FROM nps_responses WHERE test;
-- A table made from an earlier version of this file: ALTER TABLE nps_responses ADD COLUMN test BOOLEAN;
CREATE TABLE IF NOT EXISTS nps_responses (
  response_id      VARCHAR(64)  NOT NULL,
  survey_id        VARCHAR(64)  NOT NULL,
  survey_name      VARCHAR(256),
  submitted_at     TIMESTAMPTZ  NOT NULL,
  submitted_date   DATE         NOT NULL, -- UTC day
  score            SMALLINT     NOT NULL, -- 0-10
  segment          VARCHAR(16)  NOT NULL, -- promoter | passive | detractor
  themes           VARCHAR(4096),         -- Themes (Picklist Format): 'Billing;Pricing'
  comment          VARCHAR(65535),
  language         VARCHAR(16),
  channel          VARCHAR(32),
  analysis_status  VARCHAR(16),
  follow_up_status VARCHAR(16),
  contact_id       VARCHAR(64),
  identity_key     VARCHAR(32),           -- email | customer_id | account_number
  identity_value   VARCHAR(320),
  plan             VARCHAR(256),          -- custom dimension: Response Properties → plan
  updated_at       TIMESTAMPTZ  NOT NULL,
  test             BOOLEAN                -- Test Record: true = left out of every query
);

CREATE OR REPLACE VIEW nps_responses_latest AS
SELECT *
FROM (
  SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.response_id ORDER BY r.updated_at DESC) AS version
  FROM nps_responses r
) v
WHERE version = 1;

-- What every query counts: the latest version of each live response (test records left out, as
-- the platform leaves them out of its NPS), its segment as three 0/1 counters to sum.
CREATE OR REPLACE VIEW nps_responses_live AS
SELECT
  *,
  CASE WHEN segment = 'promoter' THEN 1 ELSE 0 END AS promoter,
  CASE WHEN segment = 'passive' THEN 1 ELSE 0 END AS passive,
  CASE WHEN segment = 'detractor' THEN 1 ELSE 0 END AS detractor
FROM nps_responses_latest
WHERE NOT COALESCE(test, FALSE);
