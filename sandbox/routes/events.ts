/**
 * GET /events: the last 30 days of events, with the scope checked per event type. A live key
 * never sees events about test records; a test-mode key sees both (1.3), as webhooks do.
 */
import { ApiError } from '../errors.js';
import { commaList, DAY, type Routes } from './common.js';
import { byCreation, pageNewestFirst } from './paging.js';

/** Event types by the scope that reads them. */
const FAMILIES = [
  {
    scope: 'responses:read',
    what: 'Response',
    types: ['response.created', 'response.analyzed', 'response.updated'],
  },
  {
    scope: 'contacts:read',
    what: 'Contact',
    types: ['contact.segment_changed', 'contact.unsubscribed'],
  },
  { scope: 'surveys:read', what: 'Invitation', types: ['invitation.failed'] },
];

const denied = (message: string, scope: string) =>
  new ApiError(403, 'permission_denied', message, undefined, scope);

export const eventRoutes: Routes = {
  listEvents: (ctx) => {
    const requested = commaList(ctx.query.type);
    const may = (scope: string) => ctx.key.scopes.includes(scope);
    let types: string[] | null = requested ?? null;
    if (requested) {
      for (const family of FAMILIES)
        if (requested.some((t) => family.types.includes(t)) && !may(family.scope))
          throw denied(`${family.what} events need the ${family.scope} scope.`, family.scope);
    } else {
      const readable = FAMILIES.filter((family) => may(family.scope));
      if (!readable.length) throw denied('Events need the responses:read scope.', 'responses:read');
      if (readable.length < FAMILIES.length) types = readable.flatMap((family) => family.types);
    }
    const since = ctx.state.nowMs() - 30 * DAY;
    const seesTest = ctx.key.mode === 'test';
    const items = ctx.state.store.events.filter(
      (e) =>
        e.createdAt >= since &&
        (seesTest || !e.meta.test) &&
        (types === null || types.includes(e.type)),
    );
    return pageNewestFirst(ctx, 'events', items, byCreation, (e) => e.payload);
  },
};
