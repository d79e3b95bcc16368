/**
 * The listing Zapier shows in its app directory (listing/): the description and fields pass the
 * marketing checks, and the logo is a square RGBA PNG of at least 256×256, rendered from
 * listing/logo.svg by `npm run listing:logo` (the committed PNG must be the current rendering).
 */
import { readFile } from 'node:fs/promises';
import { pngInfo } from '../scripts/lint-zapier/png.js';
import { RULES, type Listing } from '../scripts/lint-zapier/rules.js';
import { renderLogo } from '../scripts/listing-logo.js';
import { passingApp } from './lint-zapier/fixture.js';

const file = (name: string) => new URL(`../listing/${name}`, import.meta.url);

const listingRules = RULES.filter((rule) => ['M002', 'M004', 'X002', 'D007'].includes(rule.id));

describe('listing', () => {
  it('describes the app in 40-140 characters, starting "<name> is a", without "Zapier"', async () => {
    const listing = JSON.parse(await readFile(file('app.json'), 'utf8')) as Listing;
    expect(listing).toMatchObject({ name: 'NPS Feedback', audience: 'public' });
    const findings = listingRules.flatMap((rule) =>
      rule.check({ app: passingApp(), listing, logo: undefined }),
    );
    expect(findings).toEqual([]);
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
