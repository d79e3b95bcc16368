// Run by `npm version`: writes package.json's version into lib/version.ts.
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const file = new URL('../lib/version.ts', import.meta.url);
const source = readFileSync(file, 'utf8').replace(
  /APP_VERSION = '[^']*'/,
  `APP_VERSION = '${version}'`,
);
writeFileSync(file, source);
console.log(`lib/version.ts -> ${version}`);
