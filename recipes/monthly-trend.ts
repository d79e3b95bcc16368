import { slackChannelMessage } from './steps.js';
import type { Recipe } from './types.js';

const recipe: Recipe = {
  id: 'monthly-trend',
  title: 'The monthly true-NPS trend',
  goal: 'On the first of each month, the team sees NPS month by month this year: % promoters minus % detractors, never an average score.',
  audience: 'customer success',
  steps: [
    {
      app: 'schedule',
      event: 'Every Month',
      operation: 'schedule',
      inputs: { day_of_month: '1', time: '9am' },
    },
    {
      app: 'nps',
      kind: 'search',
      key: 'nps_report',
      inputs: {
        period: 'this_year',
        group_by: 'month',
        compare_previous: true,
        timezone: 'Europe/Madrid',
      },
      notes: ['Months are cut at midnight in the Time Zone you pick (empty: the zap’s time zone).'],
    },
    slackChannelMessage(
      '#nps',
      '*NPS this year:* {{2.summary}}\n' +
        'Months: {{2.periods[]label}}\n' +
        'NPS: {{2.periods[]nps}}\n' +
        'Responses: {{2.periods[]responses}}',
    ),
  ],
  after: [
    'In a warehouse, the same trend is `warehouse/<your warehouse>/nps_trend.sql` with the grain `month`, over the rows of the warehouse recipe: it gives the same figures as Get NPS Score for the same months and time zone.',
  ],
};

export default recipe;
