/** GET /events: the last 30 days of events, with the scope checked per event type. */
import { ApiError } from '../store.js';
import { commaList, DAY, type Routes } from './common.js';
import { byCreation, pageNewestFirst } from './paging.js';

const RESPONSE_EVENTS = ['response.created', 'response.analyzed', 'response.updated'];
const CONTACT_EVENTS = ['contact.segment_changed', 'contact.unsubscribed'];

const denied = (message: string, scope: string) =>
  new ApiError(403, 'permission_denied', message, undefined, scope);

export const eventRoutes: Routes = {
  listEvents: (ctx) => {
    const requested = commaList(ctx.query.type);
    const canResponses = ctx.key.scopes.includes('responses:read');
    const canContacts = ctx.key.scopes.includes('contacts:read');
    let types: string[] | null = requested ?? null;
    if (requested) {
      if (requested.some((t) => RESPONSE_EVENTS.includes(t)) && !canResponses)
        throw denied('Response events need the responses:read scope.', 'responses:read');
      if (requested.some((t) => CONTACT_EVENTS.includes(t)) && !canContacts)
        throw denied('Contact events need the contacts:read scope.', 'contacts:read');
    } else {
      if (!canResponses && !canContacts)
        throw denied('Events need the responses:read scope.', 'responses:read');
      if (!canResponses || !canContacts) types = canResponses ? RESPONSE_EVENTS : CONTACT_EVENTS;
    }
    const since = ctx.state.nowMs() - 30 * DAY;
    const items = ctx.state.store.events.filter(
      (e) => e.createdAt >= since && (types === null || types.includes(e.type)),
    );
    return pageNewestFirst(ctx, 'events', items, byCreation, (e) => e.payload);
  },
};
