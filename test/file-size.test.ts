/**
 * Issue 19, item 2: no source file over about 400 lines, so each file holds one concern a
 * newcomer can read at once (test files follow the code they test). Every folder of the
 * repository is checked: the Zapier app, its tests, the sandbox, the Make generator, the IML
 * runtime, the Zapier lint, the benchmarks, the walkthrough, the release scripts, the recipes and
 * the warehouse. Left out: what is generated (make/, written by `npm run make:build`; dist/,
 * build/), test fixtures (data written out as code), and what is not ours (node_modules/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT as root, repoFiles } from './helpers/repo-files.js';

const MAX_LINES = 400;
const SOURCE = /\.(ts|mjs|cjs|js|sh|sql)$/;
/** Folders never walked, wherever they are. */
const NOT_OURS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', 'fixtures']);
/** Top-level folders that are generated or local state. */
const GENERATED = new Set(['make', '.warehouse', '.tmp']);

const files = repoFiles({ source: SOURCE, skip: NOT_OURS, skipTop: GENERATED });

it('walks every part of the repository', () => {
  const parts = new Set(files.map((file) => (file.includes('/') ? file.split('/')[0] : '.')));
  for (const part of [
    '.',
    'triggers',
    'searches',
    'creates',
    'fields',
    'records',
    'lib',
    'client',
    'test',
    'sandbox',
    'make-generator',
    'iml-runtime',
    'zapier-lint',
    'benchmarks',
    'walkthrough',
    'release',
    'listing',
    'recipes',
    'warehouse',
  ]) {
    expect([part, parts.has(part)]).toEqual([part, true]);
  }
  expect(files.some((file) => file.startsWith('make/'))).toBe(false);
});

it(`no source file has more than ${MAX_LINES} lines`, () => {
  const tooLong = files
    .map((file) => ({ file, lines: readFileSync(join(root, file), 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ file, lines }) => `${file}: ${lines}`);
  expect(tooLong).toEqual([]);
});
