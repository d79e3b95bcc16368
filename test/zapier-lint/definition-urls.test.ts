/**
 * lint:zapier, D: URLs and links: each rule of zapier-lint/checks/definition/urls.ts on a
 * definition that breaks it (the whole lint then finds that rule only) and on one that passes it.
 */
import { idsAfter, idsWithListing, input, item } from './fixture.js';

describe('lint:zapier D: URLs and links', () => {
  it('D007: a static URL over http', () => {
    expect(
      idsAfter((app) => {
        app.authentication!.test = { url: 'http://api.example.com/me' };
      }),
    ).toEqual(['D007']);
    expect(idsWithListing({ homepage: 'http://acme.example.com' })).toEqual(['D007']);
  });

  it('D008: a bare URL or a broken markdown link; a URL in backticks is fine', () => {
    for (const [helpText, ids] of [
      ['Names are explained at https://docs.example.com/names.', ['D008']],
      ['See [Google(https://google.com).', ['D008']],
      ['Shown at `https://acme.example.com/items/<name>`, up to 80 characters.', []],
    ] as const) {
      expect(
        idsAfter((app) => {
          input(app, 'create_item', 'name').helpText = helpText;
        }),
      ).toEqual(ids);
    }
    expect(
      idsAfter((app) => {
        item(app).display.description = 'Triggers when an item is added (see www.example.com).';
      }),
    ).toEqual(['D008']);
  });

  it('D025: a URL with a scheme that can run code', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').helpText = 'See [this](javascript:alert(1)).';
      }),
    ).toEqual(['D025']);
  });
});
