/** GET /me: the workspace and the calling key. */
import type { Routes } from './common.js';

export const meRoutes: Routes = {
  getMe: (ctx) => ({
    status: 200,
    body: {
      workspace: { ...ctx.state.store.workspace, region: 'us' },
      key: {
        id: ctx.key.id,
        name: ctx.key.name,
        mode: ctx.key.mode,
        scopes: [...ctx.key.scopes],
      },
    },
  }),
};
