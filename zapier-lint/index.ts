/**
 * `npm run lint:zapier`: Zapier's integration checks that the definition and the listing decide,
 * run offline on the built app (dist/, run `npm run build` first), listing/ and
 * definition.snapshot.json. Prints each finding as `ID place: Title — detail` and exits 1 when one
 * is not accepted (accepted.ts) or an accepted entry matches nothing. See docs/publishing.md.
 */
import path from 'node:path';
import { review } from './accepted.js';
import { installedPlatform, loadBuiltApp, readJson, readOptional, ROOT } from './load.js';
import { pngInfo } from './png.js';
import { resolveInputs } from './resolve.js';
import { formatFinding, lint, referenceOf, type Listing } from './rules.js';
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
  platform: await installedPlatform(),
});
const { failing, accepted, stale } = review(findings);

for (const place of unresolved) {
  console.warn(`note ${place}: dynamic fields that need the API are not checked offline`);
}
for (const finding of accepted) {
  console.log(`accepted ${formatFinding(finding)} (why: ${finding.reason})`);
}
for (const finding of failing) {
  const link = referenceOf(finding.id);
  console.log(`${formatFinding(finding)}${link ? `\n    ${link}` : ''}`);
}
for (const entry of stale) {
  console.log(
    `stale accepted.ts entry ${entry.id} ${entry.place}: it matches no finding any more; remove it`,
  );
}
if (failing.length || stale.length) {
  console.error(
    `lint:zapier: ${failing.length} finding(s), ${stale.length} stale accepted entr${stale.length === 1 ? 'y' : 'ies'}.`,
  );
  process.exit(1);
}
console.log(
  `lint:zapier: version ${app.version ?? '?'} passes the offline integration checks (${accepted.length} accepted).`,
);
