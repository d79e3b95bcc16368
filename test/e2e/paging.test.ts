/**
 * Pagination over real HTTP: new_response's performList pages with Zapier's cursor store through
 * every response of the demo workspace, and the dropdown triggers page the same way.
 */
import { KEYS } from '../../fields/keys.js';
import { conformanceProblems, installCursor, op, sandboxResponses, startE2E } from './helpers.js';
import type { E2E, Rec } from './helpers.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await e2e.close();
});

/** Calls a paged trigger as Zapier's "load more" does, page after page, until it is empty. */
const everyPage = async (key: string, inputData: Rec = {}) => {
  const operation = op('triggers', key);
  // A hook trigger lists with performList; a polling one (the dropdowns) with perform.
  const list = key === KEYS.triggers.newResponse ? operation.performList : operation.perform;
  const cursor = installCursor();
  const pages: Rec[][] = [];
  for (let page = 0; page < 50; page++) {
    const items = await e2e.run<Rec[]>(list, {
      inputData,
      meta: { page, isLoadingSample: false },
    });
    if (!items.length) break;
    pages.push(items);
  }
  return { pages, items: pages.flat(), cursor };
};

describe('paging against the sandbox', () => {
  test('new_response performList pages through every response, without duplicates', async () => {
    const held = await sandboxResponses(e2e.sandbox);
    expect(held.length).toBeGreaterThan(150);
    const { pages, items, cursor } = await everyPage(KEYS.triggers.newResponse, {
      wait_for_themes: false,
    });
    expect(pages.length).toBe(Math.ceil(held.length / 100));
    expect(items).toHaveLength(held.length);
    expect(new Set(items.map((r) => r.id)).size).toBe(held.length);
    expect(items.map((r) => r.id)).toEqual(held.map((r) => r.id));
    expect(cursor.value).toBe('');
  });

  test('with filters, the pages hold exactly the matching responses', async () => {
    const held = (await sandboxResponses(e2e.sandbox)).filter((r) => r.segment === 'detractor');
    const { items } = await everyPage(KEYS.triggers.newResponse, {
      segments: ['detractor'],
      wait_for_themes: false,
    });
    expect(items.map((r) => r.id)).toEqual(held.map((r) => r.id));
    expect(items.every((r) => r.is_detractor === true)).toBe(true);
  });

  test('the survey and theme dropdowns page through everything', async () => {
    const headers = { authorization: `Bearer ${e2e.sandbox.keys.live}` };
    const list = async (path: string) =>
      (
        (await (await fetch(`${e2e.sandbox.baseUrl}${path}`, { headers })).json()) as {
          data: Array<{ id: string }>;
        }
      ).data;

    const surveys = await everyPage(KEYS.triggers.survey);
    expect(surveys.items.map((s) => s.id)).toEqual(
      (await list('/surveys?limit=100')).map((s) => s.id),
    );
    expect(surveys.items.every((s) => typeof s.name === 'string' && s.name !== '')).toBe(true);

    const themes = await everyPage(KEYS.triggers.theme);
    const heldThemes = await list('/themes?limit=100');
    expect(heldThemes.length).toBeGreaterThan(5);
    expect(themes.items.map((t) => t.id).sort()).toEqual(heldThemes.map((t) => t.id).sort());
  });

  test('every answer of this suite matches the contract', () => {
    expect(conformanceProblems(e2e.sandbox)).toEqual([]);
  });
});
