/**
 * The typed API client: one function per endpoint of api/openapi.yaml that the app uses, one file
 * per resource under api/. Every answer is parsed with the contract's schema (client/schemas.ts).
 */
export * from './api/contacts.js';
export * from './api/events.js';
export * from './api/invitations.js';
export { MAX_PAGE_SIZE, type PageQuery } from './api/paging.js';
export * from './api/responses.js';
export * from './api/workspace.js';
