import type { Recipe } from './types.js';

/** Every response into a warehouse row: the field map is the table's columns, exactly. */
const recipe: Recipe = {
  id: 'warehouse-row',
  title: 'Every response into a warehouse row (BigQuery, Snowflake, Postgres)',
  goal: 'All answers in one table for BI, one row per response, history included, kept in sync as responses change.',
  audience: 'data analyst',
  before: [
    "Create the table and the view with the schema file for your warehouse: `warehouse/bigquery/schema.sql`, `warehouse/snowflake/schema.sql` or `warehouse/postgres/schema.sql` (Postgres and Redshift). The columns below are exactly that table's.",
  ],
  steps: [
    {
      app: 'nps',
      kind: 'trigger',
      key: 'new_response',
      inputs: { wait_for_themes: true },
      notes: [
        'No filters: every response becomes a row. Wait for AI Themes stays on, so the themes are filled in.',
      ],
    },
    {
      app: 'bigquery',
      event: 'Insert Row(s)',
      operation: 'insert_row',
      object: 'nps_responses',
      inputs: {
        response_id: '{{1.response_id}}',
        survey_id: '{{1.survey_id}}',
        survey_name: '{{1.survey_name}}',
        submitted_at: '{{1.submitted_at}}',
        submitted_date: '{{1.submitted_date}}',
        score: '{{1.score}}',
        segment: '{{1.segment}}',
        themes: '{{1.themes_picklist}}',
        comment: '{{1.comment}}',
        language: '{{1.language}}',
        channel: '{{1.channel}}',
        analysis_status: '{{1.analysis_status}}',
        follow_up_status: '{{1.follow_up_status}}',
        contact_id: '{{1.contact_id}}',
        identity_key: '{{1.identity_key}}',
        identity_value: '{{1.identity_value}}',
        plan: '{{1.properties__plan}}',
        updated_at: '{{1.updated_at}}',
        test: '{{1.test}}',
      },
      notes: [
        'Snowflake: **Snowflake → Insert Row** with the same map; Postgres: **PostgreSQL → New Row**.',
        'A step can run twice (Zapier replays, webhooks arrive at least once), so rows are appended: the view `nps_responses_latest` keeps the latest version of each response (by `updated_at`), and every query reads the view `nps_responses_live`, those latest versions without the test rows.',
      ],
    },
  ],
  after: [
    '`test` is the record’s Test Record. It is true only for a response recorded with a test-mode API key, and only a zap on a test-mode connection receives those: a live connection never lists or delivers them, so a live zap only ever writes `false`. `true` rows come from trying the zap (see “Try it safely”); every query leaves them out, as Get NPS Score does.',
  ],
  guides: [
    {
      title: 'Load the history into BigQuery or Snowflake, then keep it in sync',
      intro:
        'Two zaps and one Transfer: this zap for every new response, its Transfer for the past ones, and a second zap for responses that change. New responses wait for their AI themes, so a row is written a few seconds after the answer.',
      steps: [
        '**Create the table and the view.** BigQuery: create the dataset (`bq mk nps`), then run `warehouse/bigquery/schema.sql` in the BigQuery console. Snowflake: run `warehouse/snowflake/schema.sql` in a worksheet, in the database and schema the zap will write to. The table’s columns are exactly the map of step 2 above.',
        '**Build this zap on a test-mode connection and try it.** Test the trigger and the Insert Row(s) step, or Transfer five responses (as “Try it safely” says). Rows from test responses carry `test` = true. Delete them once you are done (`DELETE FROM nps.nps_responses WHERE test` in BigQuery, `DELETE FROM nps_responses WHERE test` in Snowflake); BigQuery may refuse for rows inserted in the last minutes, and the queries leave them out meanwhile.',
        '**Switch to the live key and turn the zap on.** Turn the zap off if it is on, pick a connection made with your live key in step 1, turn it on again. From now on, every new response becomes a row.',
        '**Load the history with Zapier Transfer.** In the zap’s menu (⋯), choose **Transfer existing data**, select all the responses it lists, and send them. Transfer pages through the past responses of New NPS Response, newest first, with the trigger’s own filters (Survey, Segments, Minimum Score, Maximum Score, Themes, Only Responses With a Comment; leave them empty for every response) and **Only Responses Submitted After**: empty loads the whole history; a date loads only the responses submitted from then on, e.g. the day after the last one your table already holds from an export. The live zap ignores that date: new responses always trigger it. Turning the zap on before the Transfer leaves no gap: a response both send is appended twice, and the view keeps one.',
        '**Keep changed responses in sync.** Make a second zap: **NPS → Updated Response** on the live connection, then the same **Insert Row(s)** map. Set **Ignore Changes Made by Zapier** to No: this zap writes nothing back to NPS, so it cannot loop, and with Yes it would miss the follow-up changes your other zaps make with the same connection (the detractor alert above). Each change of tags, themes or follow-up appends the new version of the response; `nps_responses_latest` keeps the newest, by `updated_at`.',
        '**Check the figures.** Run `nps_trend.sql` of your warehouse with the grain `month` and your time zone: it gives the same NPS as **Get NPS Score** with Break Down By Month, month by month (recipe 11); with the grain `week`, the same as Break Down By Week, ISO week by ISO week.',
      ],
    },
    {
      title: 'What it costs',
      bullets: [
        '**Zapier:** one task per row per action step. This zap has one action step, so the Transfer costs one task per past response it sends (10,000 past responses: 10,000 tasks, once), each new response one task, and the Updated Response zap one task per change. Reading the history, 100 responses per page, costs no task: triggers are free. Trying the zap on five test responses costs five tasks.',
        '**Make:** the NPS Feedback app’s **Search Responses** module loads history. It takes the same filters plus Submitted After and Submitted Before, asks for 100 responses per request, newest first, and stops at its Limit (100 unless you change it, at most 10,000). A run of it counts one operation (one credit) however many responses it outputs, and the module that inserts the row one per response. Make ends a module’s paging after 50 requests or 3,200 records in one run, so load a window at a time that holds fewer than 3,200 responses, e.g. a month (Submitted After the 1st, Submitted Before the 1st of the next month): 10,000 responses over 12 months cost 12 + 10,000 operations. Afterwards **Watch New NPS Responses** and **Watch Updated Responses** cost two operations per response or change (the trigger and the insert).',
      ],
    },
    {
      title: 'The files for your warehouse',
      intro:
        'Each folder holds `schema.sql` (the table `nps_responses` and the views `nps_responses_latest` and `nps_responses_live`; on DuckDB also the macros `nps_percent` and `nps_by_period`; run it again over a table you already have: it creates the views and macros and changes no row) and the same queries: `nps_trend` (by month or ISO week), `monthly_nps_by_survey`, `monthly_segment_share`, `monthly_themes` and `detractors_without_follow_up` (`.sql`). NPS is % promoters minus % detractors, rounded as the platform rounds it, never `AVG(score)`; test rows are left out.',
      bullets: [
        '**BigQuery:** `warehouse/bigquery/`. The table is partitioned by `submitted_date`; the queries take the query parameters `@timezone`, `@since` and `@until` (`nps_trend` also `@grain`: `month` or `week`). Zapier step: **BigQuery → Insert Row(s)**.',
        '**Snowflake:** `warehouse/snowflake/`. The queries read the session variables `nps_timezone`, `nps_since` and `nps_until` (`nps_trend` also `nps_grain`: `month` or `week`; `SET` them first, as `schema.sql` shows). Zapier step: **Snowflake → Insert Row**.',
        '**Postgres and Redshift:** `warehouse/postgres/`. Each query starts with a `params` row (time zone, period; for `nps_trend` also the grain, `month` or `week`) to edit. Zapier step: **PostgreSQL → New Row**.',
        '**DuckDB:** `warehouse/duckdb/`, what `npm start` loads on your machine through the same paging as Transfer, and what the tests run on a real engine.',
      ],
    },
  ],
};

export default recipe;
