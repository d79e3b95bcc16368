/** Wires the app together; nothing else lives here. */
import zapier, { defineApp } from 'zapier-platform-core';
import authentication from './authentication.js';
import { addApiDefaults, mapApiErrors } from './client/http.js';
import { APP_VERSION } from './client/version.js';
import { triggers } from './triggers/index.js';
import { searches } from './searches/index.js';
import { creates } from './creates/index.js';
import { KEYS } from './fields/keys.js';

export default defineApp({
  version: APP_VERSION,
  platformVersion: zapier.version,
  // Set on purpose (Zapier's check D028 suggests false; docs/publishing.md): an optional input
  // left empty must never reach the API, where "" or [] would clear a stored value. With true,
  // Zapier drops empty values (also blank list items and dict values) before every perform; the
  // readers in lib/validate.ts treat blanks as empty too. D028's concern, line items that depend
  // on array positions, does not arise: no input of this app has `children`.
  flags: { cleanInputData: true },
  authentication,
  beforeRequest: [addApiDefaults],
  afterResponse: [mapApiErrors],
  triggers,
  searches,
  creates,
  searchOrCreates: {
    [KEYS.searches.findContact]: {
      key: KEYS.searches.findContact,
      display: {
        label: 'Find or Create Contact',
        description:
          'Finds a contact by email, customer ID, account number or CRM ID, and creates it when none exists.',
      },
      search: KEYS.searches.findContact,
      create: KEYS.creates.upsertContact,
    },
  },
});
