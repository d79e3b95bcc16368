/** GET /surveys and GET /surveys/{survey_id}. */
import { formatTime } from '../metrics.js';
import type { JsonObject, SurveyRec } from '../store.js';
import { findSurvey, type Routes } from './common.js';
import { byCreation, pageNewestFirst } from './paging.js';

/** A survey as the contract's Survey schema shows it. */
const surveyJson = (s: SurveyRec): JsonObject => ({
  id: s.id,
  name: s.name,
  status: s.status,
  question: s.question,
  channels: [...s.channels],
  created_at: formatTime(s.createdAt),
});

export const surveyRoutes: Routes = {
  listSurveys: (ctx) => {
    const status = ctx.query.status;
    const items = [...ctx.state.store.surveys.values()].filter(
      (s) => status === undefined || s.status === status,
    );
    return pageNewestFirst(ctx, 'surveys', items, byCreation, surveyJson);
  },

  getSurvey: (ctx) => ({
    status: 200,
    body: surveyJson(findSurvey(ctx.state, ctx.params.survey_id)),
  }),
};
