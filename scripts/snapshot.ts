/**
 * `npm run snapshot`: records the public surface of the built app (operation keys and hidden
 * flags, input keys with required/type, output keys, sample keys) in definition.snapshot.json.
 * Run it at release time, after `npm run build`: `npm run lint:zapier` compares the next version
 * with it (checks C001-C003).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadBuiltApp, ROOT } from './lint-zapier/load.js';
import { resolveInputs } from './lint-zapier/resolve.js';
import { surfaceOf } from './lint-zapier/surface.js';

export const SNAPSHOT_FILE = path.join(ROOT, 'definition.snapshot.json');

const app = await loadBuiltApp();
const surface = surfaceOf(app, (await resolveInputs(app)).inputs);
await writeFile(SNAPSHOT_FILE, `${JSON.stringify(surface, null, 2)}\n`);
console.log(`definition.snapshot.json: the public surface of version ${surface.version}.`);
