import type { Recipe } from './types.js';

const recipe: Recipe = {
  id: 'pipedrive-person',
  title: 'Pipedrive person fields, and the themes in a note',
  goal: 'Sales sees the score and segment on the person, and what the customer said in a note on the timeline.',
  audience: 'RevOps admin',
  before: [
    'Create the person custom fields **NPS Score** (Numerical), **NPS Segment** (Single option: Promoter, Passive, Detractor) and **NPS Last Response Date** (Date). Pipedrive stores a single-option value as the option’s id: note the three ids (Company settings → Data fields → the field, or GET /personFields) for the Lookup Table of step 3.',
  ],
  steps: [
    {
      app: 'nps',
      kind: 'trigger',
      key: 'new_response',
      inputs: { wait_for_themes: true },
    },
    {
      app: 'filter',
      conditions: [{ value: '{{1.pipedrive_person_id}}', operator: 'exists' }],
    },
    {
      app: 'formatter',
      transform: 'lookup_table',
      input: '{{1.segment}}',
      table: { promoter: '41', passive: '42', detractor: '43' },
      notes: [
        'Formatter by Zapier → Utilities → Lookup Table: the segment becomes the option id of your NPS Segment field (41, 42, 43 here; yours differ).',
      ],
    },
    {
      app: 'pipedrive',
      event: 'Update Person',
      operation: 'update_record',
      object: 'person',
      inputs: {
        id: '{{1.pipedrive_person_id}}',
        'NPS Score': '{{1.score}}',
        'NPS Segment': '{{3.output}}',
        'NPS Last Response Date': '{{1.submitted_date}}',
      },
    },
    {
      app: 'pipedrive',
      event: 'Create Note',
      operation: 'create_record',
      object: 'note',
      inputs: {
        person_id: '{{1.pipedrive_person_id}}',
        content:
          'NPS {{1.score}} ({{1.segment_label}}) on {{1.survey_name}}, {{1.submitted_date}}\n' +
          'Themes: {{1.themes_text}}\n' +
          'Comment: {{1.comment}}',
      },
      notes: [
        'Themes (Text) reads well in a note; a note needs content and the person it belongs to.',
      ],
    },
  ],
};

export default recipe;
