/** The hidden survey, theme and response triggers that feed the dropdowns, paginated with z.cursor. */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import survey from '../../triggers/survey.js';
import theme from '../../triggers/theme.js';
import response from '../../triggers/response.js';
import App from '../../index.js';
import { RESPONSE_DROPDOWN, THEME_NAME_DROPDOWN } from '../../fields/keys.js';
import { sampleResponses } from '../../records/response.js';
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
  it('lists id, plain name and a label with the response count, for the survey in the form', async () => {
    expect(theme.display.hidden).toBe(true);
    nock(BASE_URL)
      .get('/themes')
      .query({ limit: '100', survey_id: 'srv_q3nps' })
      .reply(200, { data: themes, next_cursor: null });
    expect(await run(theme, { inputData: { survey_id: 'srv_q3nps' } })).toEqual([
      {
        id: 'thm_support',
        name: 'Customer support',
        label: 'Customer support (120)',
        response_count: 120,
      },
      { id: 'thm_billing', name: 'Billing', label: 'Billing (42)', response_count: 42 },
    ]);
  });

  it("feeds update_response's Add/Remove Themes by name (a name, not an id, is what the API writes)", () => {
    const fields = App.creates.update_response.operation.inputFields as Array<{
      key: string;
      dynamic?: string;
    }>;
    for (const key of ['add_themes', 'remove_themes']) {
      expect(fields.find((f) => f.key === key)?.dynamic).toBe(THEME_NAME_DROPDOWN);
    }
    expect(THEME_NAME_DROPDOWN).toBe('theme.name.label');
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

describe('response (hidden)', () => {
  it('lists recent responses as "<score> · <email or identity value> · <date>"', async () => {
    expect(response.display.hidden).toBe(true);
    nock(BASE_URL)
      .get('/responses')
      .query({ limit: '100' })
      .reply(200, { data: sampleResponses, next_cursor: 'cur_r2' });
    expect(await run(response, {})).toEqual([
      { id: 'rsp_2b9x', label: '4 · maria.garcia@acme.com · 2026-11-20' },
      { id: 'rsp_3c4d', label: '10 · james.oconnor@globex.com · 2026-11-19' },
      // No email: the identity value (here the account number) says who answered.
      { id: 'rsp_5e6f', label: '7 · AC-10077 · 2026-11-18' },
    ]);
    expect(cursor.value).toBe('cur_r2');
  });

  it('is the dropdown of the Response ID inputs, next to their search', () => {
    const responseId = (group: 'searches' | 'creates', key: string) =>
      (
        (App[group] as Record<string, { operation: { inputFields: unknown[] } }>)[key]?.operation
          .inputFields as Array<{ key: string; dynamic?: string; search?: string }>
      ).find((f) => f.key === 'response_id');
    expect(responseId('searches', 'find_response')?.dynamic).toBe(RESPONSE_DROPDOWN);
    for (const key of ['update_response', 'add_note']) {
      expect(responseId('creates', key)).toMatchObject({
        dynamic: RESPONSE_DROPDOWN,
        search: 'find_response.id',
      });
    }
  });
});
