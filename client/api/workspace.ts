/** The account and the workspace's own lists: GET /me, /surveys, /themes, /metrics/nps. */
import type { ZObject } from 'zapier-platform-core';
import type { Me, NpsMetrics, Page, Survey, ThemeSummary } from '../schemas.js';
import { callApi } from '../request.js';
import { pageParams, type PageQuery } from './paging.js';

export const getMe = async (z: ZObject, options: { timeoutMs?: number } = {}): Promise<Me> =>
  (
    await callApi(
      z,
      { method: 'GET', path: '/me', timeoutMs: options.timeoutMs },
      (s) => s.meSchema,
    )
  ).data;

export const listSurveys = async (z: ZObject, page?: PageQuery): Promise<Page<Survey>> =>
  (
    await callApi(
      z,
      { method: 'GET', path: '/surveys', query: pageParams(page), timeoutMs: page?.timeoutMs },
      (s) => s.listOf(s.surveySchema),
    )
  ).data;

export const listThemes = async (
  z: ZObject,
  page?: PageQuery & { survey_id?: string },
): Promise<Page<ThemeSummary>> =>
  (
    await callApi(
      z,
      {
        method: 'GET',
        path: '/themes',
        query: { ...pageParams(page), survey_id: page?.survey_id },
        timeoutMs: page?.timeoutMs,
      },
      (s) => s.listOf(s.themeSummarySchema),
    )
  ).data;

export interface NpsMetricsQuery {
  survey_id?: string;
  since: string;
  until?: string;
  group_by?: 'day' | 'week' | 'month';
  timezone?: string;
  /** 1.3: count responses recorded with test-mode keys too (default false). */
  include_test?: boolean;
}

export const getNpsMetrics = async (z: ZObject, query: NpsMetricsQuery): Promise<NpsMetrics> =>
  (
    await callApi(
      z,
      { method: 'GET', path: '/metrics/nps', query: { ...query } },
      (s) => s.npsMetricsSchema,
    )
  ).data;
