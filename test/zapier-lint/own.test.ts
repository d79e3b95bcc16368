/**
 * lint:zapier, X: our own rules: each rule of zapier-lint/checks/own.ts on a definition
 * that breaks it (the whole lint then finds that rule only) and on one that passes it.
 */
import { create, event, idsAfter, idsWithListing, input } from './fixture.js';

describe('lint:zapier X: our own rules', () => {
  it('X001: an output label longer than 40 characters', () => {
    expect(
      idsAfter((app) => {
        event(app).operation.outputFields![1] = {
          key: 'count',
          label: 'Count of Things (Whole Number, Never Negative)',
          type: 'integer',
        };
      }),
    ).toEqual(['X001']);
  });

  it('X003: a listing without a title, an audience register takes, or a support contact', () => {
    expect(idsWithListing({ audience: 'public' })).toEqual(['X003']);
    expect(idsWithListing({ support: 'call us' })).toEqual(['X003']);
    expect(
      idsWithListing({
        name: 'A',
        description: 'A is a survey tool that measures customer loyalty with NPS.',
      }),
    ).toEqual(['X003']);
    expect(
      idsWithListing({ audience: 'private', support: 'https://acme.example.com/help' }),
    ).toEqual([]);
  });

  it('X004: a secret authentication field that is not a password field', () => {
    expect(
      idsAfter((app) => {
        app.authentication!.fields![0]!.type = 'string';
      }),
    ).toEqual(['X004']);
  });

  it('X005: an input optional in the published version made required', () => {
    expect(
      idsAfter(
        (app) => {
          input(app, 'create_item', 'parent_id').required = true;
        },
        { compatibility: true },
      ),
    ).toEqual(['X005']);
  });

  it('X006: help text that only repeats the label with filler words', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').helpText = 'Enter the name.';
      }),
    ).toEqual(['X006']);
  });

  it('X007: a field label not in title case', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').label = 'From (custom period)';
      }),
    ).toEqual(['X007']);
    expect(
      idsAfter((app) => {
        event(app).operation.outputFields![2] = { key: 'ok', label: 'Is ok', type: 'boolean' };
      }),
    ).toEqual(['X007']);
  });

  it('X008: a search or create description without a full stop', () => {
    expect(
      idsAfter((app) => {
        create(app).display.description = 'Creates an item';
      }),
    ).toEqual(['X008']);
  });
});
