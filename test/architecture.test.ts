/**
 * Issue 19, item 3: the map of the house in docs/architecture.md matches the code. The table
 * between the house-map markers says, for each folder, what it may import; this test reads it
 * and checks every relative import of every source file against it (type imports too: a type
 * import still ties one part to another). So the app never imports the sandbox, the generator,
 * the IML runtime or the benchmarks; `client/` imports nothing of the app; the sandbox and the IML
 * runtime import nothing outside themselves. Each folder with code must be on the map, and each
 * folder on the map must exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { ROOT as root, repoFiles } from './helpers/repo-files.js';

const DOC = join(root, 'docs', 'architecture.md');
const SOURCE = /\.(ts|mjs|cjs|js)$/;
const NOT_OURS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);
/** Top-level folders that hold no code of ours: generated, or data only. */
const NO_CODE = new Set(['make', 'api', 'docs', '.ci', '.warehouse', '.tmp']);

interface Part {
  /** `folder/` or a root file name (`index.ts`). */
  names: string[];
  /** `folder/`, a root file name, or one file's path; `any` for test/. */
  mayImport: string[];
}

/** The rows of the house map: the first column's names, the last column's names. */
const readMap = (markdown: string): Part[] => {
  const start = markdown.indexOf('<!-- house-map:start -->');
  const end = markdown.indexOf('<!-- house-map:end -->');
  if (start < 0 || end < start) throw new Error('docs/architecture.md has no house map');
  const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map(([, name]) => name!);
  return markdown
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      const last = cells[cells.length - 2] ?? '';
      return { names: names(cells[1] ?? ''), mayImport: last === 'any' ? ['any'] : names(last) };
    });
};

/** The part a repository path belongs to: its top folder (`lib/`), or the root file itself. */
const partOf = (path: string): string =>
  path.includes('/') ? `${path.split('/')[0]}/` : path.replace(/\.js$/, '.ts');

/** Every relative module a source file imports (static, dynamic, re-exports), as repo paths. */
const importsOf = (file: string): string[] => {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm),
  ].map(([, specifier]) => specifier!);
  return specifiers.map((specifier) => {
    const path = normalize(join(dirname(file), specifier));
    const ts = path.replace(/\.js$/, '.ts');
    return existsSync(join(root, ts)) ? ts : path;
  });
};

const allowed = (part: Part, target: string): boolean =>
  part.mayImport.some(
    (entry) =>
      entry === 'any' ||
      (entry.endsWith('/') ? target.startsWith(entry) : target === entry.replace(/\.js$/, '.ts')),
  );

const map = readMap(readFileSync(DOC, 'utf8'));
const files = repoFiles({ source: SOURCE, skip: NOT_OURS, skipTop: NO_CODE });
const partFor = (file: string): Part | undefined =>
  map.find((part) => part.names.includes(partOf(file)));

describe('the map of the house (docs/architecture.md) matches the code', () => {
  it('has a row for every part, and each part on it exists', () => {
    expect(map.length).toBeGreaterThan(15);
    const mapped = map.flatMap((part) => part.names);
    // Root files without imports of ours (eslint.config.js, jest.config.js) need no row.
    const withCode = [...new Set(files.map(partOf))].filter(
      (part) => part.endsWith('/') || files.some((f) => f === part && importsOf(f).length > 0),
    );
    expect(withCode.filter((part) => !mapped.includes(part))).toEqual([]);
    expect(mapped.filter((name) => !existsSync(join(root, name)))).toEqual([]);
  });

  it('every import of every source file is one its folder may make', () => {
    const outside: string[] = [];
    for (const file of files) {
      const part = partFor(file);
      if (!part) continue;
      for (const target of importsOf(file)) {
        if (part.names.includes(partOf(target)) || allowed(part, target)) continue;
        outside.push(`${file} imports ${target}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('states the rules that keep the layers apart', () => {
    const rule = (name: string) => map.find((part) => part.names.includes(name))?.mayImport;
    // The Zapier app, top to bottom: each layer imports only the layers under it (no arrow back),
    // and nothing around the app (sandbox, generator, runtime, lint, benchmarks, tests...).
    const LAYERS = [
      ['index.ts', 'authentication.ts'],
      ['triggers/', 'searches/', 'creates/'],
      ['records/'],
      ['fields/'],
      ['lib/'],
      ['client/'],
    ];
    LAYERS.forEach((layer, i) => {
      const under = LAYERS.slice(i + 1).flat();
      for (const name of layer) {
        expect([name, rule(name)?.filter((entry) => !under.includes(entry))]).toEqual([name, []]);
      }
    });
    expect(rule('client/')).toEqual([]);
    // The sandbox, the IML runtime and the lint stand alone.
    expect(rule('sandbox/')).toEqual([]);
    expect(rule('iml-runtime/')).toEqual([]);
    expect(rule('zapier-lint/')).toEqual([]);
  });

  it('catches an import the map does not allow', () => {
    const client = map.find((part) => part.names.includes('client/'))!;
    expect(allowed(client, 'lib/version.ts')).toBe(false);
    const walkthrough = map.find((part) => part.names.includes('walkthrough/'))!;
    expect(allowed(walkthrough, 'test/helpers/stores.ts')).toBe(true);
    expect(allowed(walkthrough, 'test/helpers/app.ts')).toBe(false);
    expect(importsOf('client/http.ts')).toContain('client/version.ts');
  });
});
