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
      },
      notes: [
        'Snowflake: **Snowflake → Insert Row** with the same map; Postgres: **PostgreSQL → New Row**.',
        'A step can run twice (Zapier replays, webhooks arrive at least once), so rows are appended and every query reads the view `nps_responses_latest`, which keeps the latest version of each response (by `updated_at`).',
      ],
    },
  ],
  after: [
    'History: turn the zap on, then use **Zapier Transfer** on it (Transfer existing data) to send every past response through the same map; Transfer pages through New NPS Response the same way `npm start` loads the demo workspace into DuckDB.',
    'Keeping rows in sync: a second zap, **NPS → Updated Response** → the same **Insert Row(s)** map, appends the new version of a response when its tags, themes or follow-up change; `nps_responses_latest` shows the newest.',
    'Cost: one task per response (one action step), for the Transfer as for new responses; the Updated Response zap costs one task per change.',
    'The queries (monthly and weekly true NPS, by survey, segment shares, themes per month, detractors without follow-up) are in `warehouse/<your warehouse>/`. NPS is % promoters minus % detractors; never `AVG(score)`.',
  ],
};

export default recipe;
