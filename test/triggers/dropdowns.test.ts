/** The hidden survey and theme triggers that feed the dropdowns, paginated with z.cursor. */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import survey from '../../triggers/survey.js';
import theme from '../../triggers/theme.js';
import { surveys, themes } from '../fixtures/triggers.js';
import { BASE_URL, appTester, authData } from '../helpers/app.js';
import { installCursor, operationOf, resetSeams } from './helpers.js';

const run = async (trigger: { operation: unknown }, bundle: Partial<Bundle>) =>
  (await appTester(operationOf(trigger).perform, { authData, ...bundle })) as Array<
    Record<string, unknown>
  >;

let cursor: ReturnType<typeof installCursor>;
beforeEach(() => {
  cursor = installCursor();
});
afterEach(resetSeams);

describe('survey (hidden)', () => {
  it('is hidden and lists id + name, marking surveys that are not active', async () => {
    expect(survey.display.hidden).toBe(true);
    nock(BASE_URL)
      .get('/surveys')
      .query({ limit: '100' })
      .reply(200, { data: surveys, next_cursor: 'cur_s2' });
    expect(await run(survey, {})).toEqual([
      { id: 'srv_q3nps', name: 'Quarterly NPS' },
      { id: 'srv_onb', name: 'Onboarding NPS (paused)' },
    ]);
    expect(cursor.value).toBe('cur_s2');
  });

  it('"load more" continues from the saved cursor', async () => {
    cursor.value = 'cur_s2';
    nock(BASE_URL)
      .get('/surveys')
      .query({ limit: '100', cursor: 'cur_s2' })
      .reply(200, { data: surveys.slice(0, 1), next_cursor: null });
    expect(await run(survey, { meta: { page: 1 } as Bundle['meta'] })).toHaveLength(1);
    expect(cursor.value).toBe('');
    expect(await run(survey, { meta: { page: 2 } as Bundle['meta'] })).toEqual([]);
  });
});

describe('theme (hidden)', () => {
  it('lists id + name with the response count (and the plain name for CRM Theme Values), for the survey chosen in the form', async () => {
    expect(theme.display.hidden).toBe(true);
    nock(BASE_URL)
      .get('/themes')
      .query({ limit: '100', survey_id: 'srv_q3nps' })
      .reply(200, { data: themes, next_cursor: null });
    expect(await run(theme, { inputData: { survey_id: 'srv_q3nps' } })).toEqual([
      {
        id: 'thm_support',
        name: 'Customer support (120)',
        theme_name: 'Customer support',
        response_count: 120,
      },
      { id: 'thm_billing', name: 'Billing (42)', theme_name: 'Billing', response_count: 42 },
    ]);
  });

  it('lists every survey’s themes without a survey', async () => {
    const scope = nock(BASE_URL)
      .get('/themes')
      .query({ limit: '100' })
      .reply(200, { data: themes, next_cursor: null });
    expect(await run(theme, {})).toHaveLength(2);
    scope.done();
  });
});
