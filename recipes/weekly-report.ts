import { slackChannelMessage } from './steps.js';
import type { Recipe } from './types.js';

const recipe: Recipe = {
  id: 'weekly-report',
  title: 'Weekly NPS report to Slack',
  goal: 'Every Monday morning, last week’s NPS in the team channel, compared with the week before.',
  audience: 'customer success',
  steps: [
    {
      app: 'schedule',
      event: 'Every Week',
      operation: 'schedule',
      inputs: { day_of_week: 'Monday', time: '9am' },
    },
    {
      app: 'nps',
      kind: 'search',
      key: 'nps_report',
      inputs: { period: 'last_7_days', group_by: 'day', compare_previous: true },
      notes: [
        'Last 7 days: the 7 complete days before today, Monday to Sunday. Tick “Should this step be considered a success when nothing is found?”: the step always returns a report, and this keeps the zap running on any edge case.',
      ],
    },
    slackChannelMessage(
      '#nps',
      '*Weekly NPS:* {{2.summary}}\n' +
        'Promoters {{2.promoter_percent}}% · Passives {{2.passive_percent}}% · Detractors {{2.detractor_percent}}%\n' +
        'Per day: {{2.periods[]label}} → {{2.periods[]nps}}',
      [
        'The Summary reads like “NPS 42 from 120 responses (up 5 from the previous 7 days)”; with no responses it says so, and NPS is empty.',
      ],
    ),
  ],
};

export default recipe;
