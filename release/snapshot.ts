/**
 * `npm run snapshot`: records the public surface of the built app (operation keys and hidden
 * flags, static input keys with required/type, output keys, sample keys) in
 * definition.snapshot.json, read from the definition as Zapier's servers see it (serialised:
 * dynamic-field functions are placeholders). Run it once the version is public:
 * `npm run lint:zapier` compares the next version with it (C001-C003, X005).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadBuiltApp, ROOT } from '../zapier-lint/load.js';
import { serializeDefinition } from '../zapier-lint/serialize.js';
import { surfaceOf } from '../zapier-lint/surface.js';

export const SNAPSHOT_FILE = path.join(ROOT, 'definition.snapshot.json');

const app = await loadBuiltApp();
const surface = surfaceOf(serializeDefinition(app));
await writeFile(SNAPSHOT_FILE, `${JSON.stringify(surface, null, 2)}\n`);
console.log(`definition.snapshot.json: the public surface of version ${surface.version}.`);
