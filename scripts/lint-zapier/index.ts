/**
 * `npm run lint:zapier`: Zapier's integration checks that the definition decides, run offline on
 * the built app (dist/, run `npm run build` first), the listing and definition.snapshot.json.
 * Prints each finding as `ID place: rule` and exits 1 when there is any. See docs/publishing.md.
 */
import path from 'node:path';
import { loadBuiltApp, readJson, readOptional, ROOT } from './load.js';
import { pngInfo } from './png.js';
import { resolveInputs } from './resolve.js';
import { formatFinding, lint, type Listing } from './rules.js';
import type { Surface } from './surface.js';

const app = await loadBuiltApp();
const { inputs, unresolved } = await resolveInputs(app);
const logo = await readOptional(path.join(ROOT, 'listing', 'logo.png'));
const findings = lint({
  app,
  inputs,
  listing: (await readJson<Listing>(path.join(ROOT, 'listing', 'app.json'))) ?? null,
  logo: logo ? pngInfo(logo) : null,
  snapshot: (await readJson<Surface>(path.join(ROOT, 'definition.snapshot.json'))) ?? null,
});

for (const place of unresolved) {
  console.warn(`note ${place}: dynamic fields that need the API are not checked offline`);
}
for (const finding of findings) console.log(formatFinding(finding));
if (findings.length) {
  console.error(`lint:zapier: ${findings.length} finding(s).`);
  process.exit(1);
}
console.log(`lint:zapier: version ${app.version ?? '?'} passes the offline integration checks.`);
