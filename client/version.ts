/**
 * The app's version, sent in the User-Agent and declared to Zapier.
 * Kept in step with package.json by `npm version` (see release/sync-version.mjs) and checked by a test;
 * the app does not import package.json so that tsc never copies it into dist/.
 */
export const APP_VERSION = '1.0.0';
