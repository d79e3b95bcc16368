/**
 * The app itself passes every offline integration check (the same run as `npm run lint:zapier`,
 * on the sources instead of dist/), so a label or description that breaks a rule fails here first.
 */
import { readFile } from 'node:fs/promises';
import App from '../../index.js';
import { ACCEPTED, review } from '../../zapier-lint/accepted.js';
import type { AppDefinition } from '../../zapier-lint/definition.js';
import { installedPlatform } from '../../zapier-lint/load.js';
import { pngInfo } from '../../zapier-lint/png.js';
import { resolveInputs } from '../../zapier-lint/resolve.js';
import { formatFinding, lint, type Listing } from '../../zapier-lint/rules.js';
import { serializeDefinition } from '../../zapier-lint/serialize.js';
import type { Surface } from '../../zapier-lint/surface.js';

const read = (name: string) => readFile(new URL(`../../${name}`, import.meta.url));
const app = App as unknown as AppDefinition;

describe('lint:zapier on the app', () => {
  it('finds nothing that is not accepted, and every accepted entry still matches', async () => {
    const { inputs, unresolved } = await resolveInputs(app);
    const findings = lint({
      app,
      inputs,
      listing: JSON.parse(String(await read('listing/app.json'))) as Listing,
      logo: pngInfo(await read('listing/logo.png')),
      snapshot: JSON.parse(String(await read('definition.snapshot.json'))) as Surface,
      platform: await installedPlatform(),
    });
    const { failing, stale } = review(findings, ACCEPTED);
    expect(failing.map(formatFinding)).toEqual([]);
    expect(stale).toEqual([]);
    // Get NPS Score's From/To are checked too: its dynamic fields resolve offline.
    expect(inputs.get('search nps_report')?.map((field) => field.key)).toEqual(
      expect.arrayContaining(['since', 'until']),
    );
    expect(unresolved.filter((place) => place.startsWith('search nps_report'))).toEqual([]);
  });

  it('sets flags.cleanInputData on purpose, as Zapier receives the definition', () => {
    // Issue 16, item 9: set explicitly (index.ts says why), not left to the default.
    expect(Object.hasOwn((app.flags ?? {}) as object, 'cleanInputData')).toBe(true);
    const serialised = serializeDefinition(app) as { flags?: { cleanInputData?: unknown } };
    expect(serialised.flags).toEqual({ cleanInputData: true });
    // The choice against Zapier's advice (D028) is written down with its reason.
    expect(ACCEPTED).toContainEqual(
      expect.objectContaining({ id: 'D028', place: 'app flags.cleanInputData' }),
    );
  });
});
