/**
 * The app itself passes every offline integration check (the same run as `npm run lint:zapier`,
 * on the sources instead of dist/), so a label or description that breaks a rule fails here first.
 */
import { readFile } from 'node:fs/promises';
import App from '../../index.js';
import type { AppDefinition } from '../../scripts/lint-zapier/definition.js';
import { pngInfo } from '../../scripts/lint-zapier/png.js';
import { resolveInputs } from '../../scripts/lint-zapier/resolve.js';
import { formatFinding, lint, type Listing } from '../../scripts/lint-zapier/rules.js';
import type { Surface } from '../../scripts/lint-zapier/surface.js';

const read = (name: string) => readFile(new URL(`../../${name}`, import.meta.url));

describe('lint:zapier on the app', () => {
  it('finds nothing', async () => {
    const app = App as unknown as AppDefinition;
    const { inputs, unresolved } = await resolveInputs(app);
    const findings = lint({
      app,
      inputs,
      listing: JSON.parse(String(await read('listing/app.json'))) as Listing,
      logo: pngInfo(await read('listing/logo.png')),
      snapshot: JSON.parse(String(await read('definition.snapshot.json'))) as Surface,
    });
    expect(findings.map(formatFinding)).toEqual([]);
    // Get NPS Score's From/To are checked too: its dynamic fields resolve offline.
    expect(inputs.get('search nps_report')?.map((field) => field.key)).toEqual(
      expect.arrayContaining(['since', 'until']),
    );
    expect(unresolved.filter((place) => place.startsWith('search nps_report'))).toEqual([]);
  });
});
