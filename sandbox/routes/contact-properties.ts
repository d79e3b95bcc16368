/** GET /contact-properties (contract 1.2): the listed (not archived) definitions, in order. */
import { contactPropertyJson } from '../properties.js';
import type { Routes } from './common.js';

export const contactPropertyRoutes: Routes = {
  listContactProperties: (ctx) => ({
    status: 200,
    body: {
      data: ctx.state.store.contactProperties.filter((p) => !p.archived).map(contactPropertyJson),
    },
  }),
};
