/**
 * lint:zapier, M: marketing, the listing and the logo: each rule of
 * zapier-lint/checks/marketing.ts on a definition that breaks it (the whole lint then
 * finds that rule only) and on one that passes it.
 */
import { idsAfter, idsWithListing } from './fixture.js';

describe('lint:zapier M: marketing, the listing and the logo', () => {
  it('M001: no category, or a display name instead of the slug register --category takes', () => {
    const category = (value: unknown) => idsWithListing({ category: value });
    expect(category('')).toEqual(['M001']);
    expect(category(undefined)).toEqual(['M001']);
    expect(category('Forms & Surveys')).toEqual(['M001']);
    expect(category('marketing-automation')).toEqual([]);
  });

  it('M002: a description out of 40-140 characters, with "Zapier" or "sync", or not "<name> is a"', () => {
    const describe = (description: string) => idsWithListing({ description });
    expect(describe('Acme Feedback is a tool.')).toEqual(['M002']);
    expect(describe(`Acme Feedback is a ${'very '.repeat(30)}good tool.`)).toEqual(['M002']);
    expect(
      describe('Acme Feedback is a survey tool that sends your NPS answers to Zapier.'),
    ).toEqual(['M002']);
    expect(describe('Acme Feedback is a survey tool that syncs NPS answers to your CRM.')).toEqual([
      'M002',
    ]);
    expect(
      describe('A survey tool that measures customer loyalty with NPS and AI themes.'),
    ).toEqual(['M002']);
    expect(describe('Acme Feedback is a survey tool. It asks. It scores. It tells.')).toEqual([
      'M002',
    ]);
    expect(
      idsAfter((_app, context) => {
        context.listing = null;
      }),
    ).toEqual(['M002']);
  });

  it('M003: a role other than employee or contractor', () => {
    const role = (value: unknown) => idsWithListing({ role: value });
    expect(role('user')).toEqual(['M003']);
    expect(role(undefined)).toEqual(['M003']);
    expect(role('contractor')).toEqual([]);
  });

  it('M004: a logo that is not square, too small, without alpha or missing', () => {
    const logo = (width: number, height: number, colorType = 6) =>
      idsAfter((_app, context) => {
        context.logo = { width, height, colorType, bitDepth: 8 };
      });
    expect(logo(256, 200)).toEqual(['M004']);
    expect(logo(128, 128)).toEqual(['M004']);
    expect(logo(512, 512, 2)).toEqual(['M004']);
    expect(
      idsAfter((_app, context) => {
        context.logo = null;
      }),
    ).toEqual(['M004']);
  });

  it('M006: no homepage URL', () => {
    expect(idsWithListing({ homepage: '' })).toEqual(['M006']);
  });
});
