import { slackChannelMessage } from './steps.js';
import type { Recipe } from './types.js';

const recipe: Recipe = {
  id: 'detractor-alert',
  title: 'Detractor alert to Slack, with the comment and themes',
  goal: 'Every unhappy customer is seen by the team within minutes, with what they said, and gets an owner.',
  audience: 'customer success',
  steps: [
    {
      app: 'nps',
      kind: 'trigger',
      key: 'new_response',
      inputs: { segments: ['detractor'], wait_for_themes: true },
      notes: [
        'Only detractors reach the zap: the segment is a filter of the trigger itself, so no Filter step is needed and no task is spent on other answers.',
      ],
    },
    slackChannelMessage(
      '#customer-alerts',
      ':rotating_light: {{1.contact_name}} ({{1.company}}) scored {{1.score}} on {{1.survey_name}}\n' +
        '*Themes:* {{1.themes_text}}\n' +
        '> {{1.comment}}\n' +
        'Previous score: {{1.previous_score}} · Response {{1.response_id}}',
    ),
    {
      app: 'nps',
      kind: 'create',
      key: 'update_response',
      inputs: {
        response_id: '{{1.response_id}}',
        follow_up_status: 'open',
        follow_up_owner_email: 'success.lead@acme.example',
        add_tags: ['slack-alert'],
      },
      notes: [
        'Marks the response as being followed up, so the platform’s reports (and the warehouse query “detractors without follow-up”) show who owns it.',
      ],
    },
  ],
};

export default recipe;
