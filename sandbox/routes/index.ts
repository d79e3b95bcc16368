/** Every operation's handler, by the contract's operationId. */
import { contactPropertyRoutes } from './contact-properties.js';
import { contactRoutes } from './contacts.js';
import type { Routes } from './common.js';
import { eventRoutes } from './events.js';
import { invitationRoutes } from './invitations.js';
import { meRoutes } from './me.js';
import { metricRoutes } from './metrics.js';
import { responseRoutes } from './responses.js';
import { surveyRoutes } from './surveys.js';
import { themeRoutes } from './themes.js';
import { webhookRoutes } from './webhooks.js';

export const handlers: Routes = {
  ...meRoutes,
  ...surveyRoutes,
  ...invitationRoutes,
  ...themeRoutes,
  ...responseRoutes,
  ...contactRoutes,
  ...contactPropertyRoutes,
  ...metricRoutes,
  ...eventRoutes,
  ...webhookRoutes,
};
