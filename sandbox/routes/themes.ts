/** GET /themes: the themes the AI has found, most frequent first. */
import type { Routes } from './common.js';
import { pageByOffset } from './paging.js';

export const themeRoutes: Routes = {
  listThemes: (ctx) => {
    const { store } = ctx.state;
    const surveyId = ctx.query.survey_id;
    const counts = new Map<string, number>();
    for (const r of store.responses.values()) {
      if (surveyId !== undefined && r.surveyId !== surveyId) continue;
      for (const t of r.themes) counts.set(t.id, (counts.get(t.id) ?? 0) + 1);
    }
    const items = [...store.themeRegistry.values()]
      .filter((t) => surveyId === undefined || counts.has(t.id))
      .map((t) => ({ id: t.id, name: t.name, response_count: counts.get(t.id) ?? 0 }))
      .sort((a, b) => b.response_count - a.response_count || (a.name < b.name ? -1 : 1));
    return pageByOffset(ctx, 'themes', items, (t) => t);
  },
};
