/**
 * lint:zapier, D: labels, help texts and descriptions: each rule of
 * zapier-lint/checks/definition/labels.ts on a definition that breaks it (the whole lint
 * then finds that rule only) and on one that passes it.
 */
import { titleCaseProblems } from '../../zapier-lint/rules.js';
import { event, idsAfter, input } from './fixture.js';

describe('lint:zapier D: labels, help texts and descriptions', () => {
  it('D011: help text that is the label again', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').helpText = 'name.';
      }),
    ).toEqual(['D011']);
  });

  it('D018: an operation label not in title case', () => {
    expect(
      idsAfter((app) => {
        event(app).display.label = 'New event';
      }),
    ).toEqual(['D018']);
    expect(
      idsAfter((app) => {
        app.searchOrCreates!.find_item!.display.label = 'Find or create item';
      }),
    ).toEqual(['D018']);
    expect(titleCaseProblems('From (Custom Period)')).toEqual([]);
    expect(titleCaseProblems('Ignore Changes Made by Zapier')).toEqual([]);
    expect(titleCaseProblems('Follow-up Owner Email')).toEqual([]);
    expect(titleCaseProblems('Themes for HubSpot and NPS (0-10)')).toEqual([]);
    expect(titleCaseProblems('Break Down by')).toEqual(['by']);
    expect(titleCaseProblems('Identify contact by')).toEqual(['contact', 'by']);
  });

  it('D021: a trigger description not starting "Triggers when " or not ending with "."', () => {
    for (const description of [
      'Fires when something happens.',
      "Triggers whenever there's a new event.",
      'Triggers when something happens',
    ]) {
      expect(
        idsAfter((app) => {
          event(app).display.description = description;
        }),
      ).toEqual(['D021']);
    }
  });
});
