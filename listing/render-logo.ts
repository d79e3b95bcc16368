/**
 * `npm run listing:logo`: renders listing/logo.svg into listing/logo.png (512×512, RGBA, the
 * transparent corners kept) with resvg, for the integration's listing (Zapier's check M004:
 * square PNG, at least 256×256). test/listing.test.ts fails when the PNG is not current.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

export const LISTING_DIR = import.meta.dirname;
export const LOGO_SIZE = 512;

/** The PNG rendered from the SVG: deterministic for the same SVG and resvg version. */
export const renderLogo = async (svgFile = path.join(LISTING_DIR, 'logo.svg')): Promise<Buffer> => {
  const svg = await readFile(svgFile, 'utf8');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: LOGO_SIZE },
    background: 'rgba(0, 0, 0, 0)',
    font: { loadSystemFonts: false },
  });
  return Buffer.from(resvg.render().asPng());
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const png = await renderLogo();
  await writeFile(path.join(LISTING_DIR, 'logo.png'), png);
  console.log(`listing/logo.png: ${LOGO_SIZE}×${LOGO_SIZE}, ${png.length} bytes.`);
}
