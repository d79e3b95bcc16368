/**
 * Issue 10, item 15: one exported name per concept. Two modules exporting the same name (two
 * `ResponseFilters` with different shapes) invite importing the wrong one; type names are not
 * visible at run time, so the check reads the sources.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIRS = ['.', 'client', 'lib', 'fields', 'records', 'triggers', 'searches', 'creates'];

const productionFiles = (): string[] =>
  DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .map((name) => join(dir, name)),
  );

test('no two production modules export the same name', () => {
  const owners = new Map<string, string[]>();
  for (const file of productionFiles()) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    for (const match of source.matchAll(
      /^export (?:declare )?(?:interface|type|const|let|function|async function|class|enum) ([A-Za-z0-9_$]+)/gm,
    )) {
      const name = match[1] as string;
      owners.set(name, [...(owners.get(name) ?? []), file]);
    }
  }
  const duplicates = [...owners].filter(([, files]) => files.length > 1);
  expect(duplicates).toEqual([]);
});
