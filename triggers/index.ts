/** The triggers of the app, by key (one operation per file; keys from fields/keys.ts). */
export const triggers = {};
