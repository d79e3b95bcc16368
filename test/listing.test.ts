/**
 * The listing Zapier shows in its app directory (listing/): what `zapier-platform register` sets
 * and `promote` needs, passing the marketing checks, and the logo, a square RGBA PNG of at least
 * 256×256 rendered from listing/logo.svg by `npm run listing:logo` (the committed PNG must be the
 * current rendering).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pngInfo } from '../zapier-lint/png.js';
import { RULES, type Listing } from '../zapier-lint/rules.js';
import { renderLogo } from '../listing/render-logo.js';
import { passingApp } from './zapier-lint/fixture.js';

const file = (name: string) => new URL(`../listing/${name}`, import.meta.url);
const readListing = async () => JSON.parse(await readFile(file('app.json'), 'utf8')) as Listing;

const listingRules = RULES.filter((rule) => /^(M00[1-6]|X003|D007)$/.test(rule.id));

describe('listing', () => {
  it('passes the marketing checks: category, description, role, homepage (M001-M006)', async () => {
    const listing = await readListing();
    expect(listingRules.map((rule) => rule.id)).toEqual([
      'D007',
      'M001',
      'M002',
      'M003',
      'M004',
      'M006',
      'X003',
    ]);
    const findings = listingRules.flatMap((rule) =>
      rule.check({ app: passingApp(), listing, logo: undefined }),
    );
    expect(findings).toEqual([]);
  });

  it('holds the values register takes: category slug, role and audience (docs/publishing.md)', async () => {
    const listing = await readListing();
    expect(listing).toMatchObject({
      name: 'NPS Feedback',
      // `register --category` takes the slug of "Forms & Surveys", not the display name.
      category: 'forms',
      // `register --role`: only employee or contractor may go public (M003).
      role: 'employee',
      // `register --audience`: global (public) or private.
      audience: 'global',
    });
  });

  it("has everything promote asks of the registered app (the CLI's own check-missing-app-info)", async () => {
    const listing = await readListing();
    const require = createRequire(import.meta.url);
    const checkMissingAppInfo = require('zapier-platform-cli/src/utils/check-missing-app-info') as (
      app: Record<string, unknown>,
    ) => boolean;
    // The fields `register` sends, named as the CLI names them in the API.
    const registered = {
      title: listing.name,
      description: listing.description,
      homepage_url: listing.homepage,
      intention: listing.audience,
      role: listing.role,
      app_category: listing.category,
    };
    expect(() => checkMissingAppInfo(registered)).not.toThrow();
    expect(() => checkMissingAppInfo({ ...registered, role: undefined })).toThrow(/role/);
  });

  it('has a square RGBA logo of at least 256×256 pixels', async () => {
    const info = pngInfo(await readFile(file('logo.png')));
    expect(info).not.toBeNull();
    expect(info?.width).toBe(info?.height);
    expect(info?.width).toBeGreaterThanOrEqual(256);
    expect(info?.colorType).toBe(6); // truecolour with alpha
    expect(info?.bitDepth).toBe(8);
  });

  it('keeps logo.png current with logo.svg (run npm run listing:logo after editing the SVG)', async () => {
    const committed = await readFile(file('logo.png'));
    const rendered = await renderLogo();
    expect(rendered.equals(committed)).toBe(true);
  });

  it('reads a PNG header, and refuses what is not a PNG', () => {
    const header = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header);
    header.writeUInt32BE(13, 8);
    header.write('IHDR', 12, 'ascii');
    header.writeUInt32BE(300, 16);
    header.writeUInt32BE(200, 20);
    header.writeUInt8(8, 24);
    header.writeUInt8(2, 25);
    expect(pngInfo(header)).toEqual({ width: 300, height: 200, bitDepth: 8, colorType: 2 });
    expect(pngInfo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'.padEnd(40)))).toBeNull();
  });
});
