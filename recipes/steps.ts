/** Steps of other apps that several recipes set up the same way. */
import type { AppStep } from './types.js';

/** Salesforce → Updated Field on Record on an opportunity's Stage: it fires on any change of it. */
export const opportunityStageChanged = (notes?: string[]): AppStep => ({
  app: 'salesforce',
  event: 'Updated Field on Record',
  operation: 'updated_field',
  object: 'Opportunity',
  inputs: { field: 'StageName' },
  ...(notes ? { notes } : {}),
});

/** Slack → Send Channel Message: `text` (a template) to `channel`. */
export const slackChannelMessage = (channel: string, text: string, notes?: string[]): AppStep => ({
  app: 'slack',
  event: 'Send Channel Message',
  operation: 'send_channel_message',
  inputs: { channel, text },
  ...(notes ? { notes } : {}),
});
