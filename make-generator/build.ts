/**
 * `npm run make:build`: wipes make/ and writes the Make custom app generated from the Zapier
 * app's definitions (make-generator/generate.ts). Deterministic: same definitions, same bytes.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMakeApp } from './generate.js';

export const MAKE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../make');

const { files } = generateMakeApp();
rmSync(MAKE_DIR, { recursive: true, force: true });
for (const [path, text] of Object.entries(files)) {
  const target = join(MAKE_DIR, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}
console.log(`make/: ${Object.keys(files).length} files written`);
