/**
 * The contract's closed lists that the app also needs as values (choices, input checks) when no
 * payload is parsed. Kept apart from client/schemas.ts so that importing them does not load zod:
 * the schemas load on the first parse (`contract()` in client/request.ts).
 */
export const SEGMENTS = ['promoter', 'passive', 'detractor'] as const;

/** The follow-up statuses a client may set (ResponseUpdateRequest); responses may show more later. */
export const FOLLOW_UP_STATUSES = ['none', 'open', 'in_progress', 'closed'] as const;
