/** The creates of the app, by key (one operation per file; keys from fields/keys.ts). */
export const creates = {};
