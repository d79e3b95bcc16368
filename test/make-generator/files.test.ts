/**
 * Every file of the Make custom app is a file Make accepts.
 *
 * `make/` (written by `npm run make:build`) is checked file by file against the file types of
 * Make's documentation (schemas in ./schemas, written from the pages listed in docs/make.md):
 * makecomapp.json, base, connection, webhook attach/detach, communication, parameters,
 * interface, samples. The schemas themselves are exercised on a small fixture app
 * (./fixtures/app) and on files that Make would refuse (./file-types.test.ts).
 *
 * `make/` must exist once the repository declares the generator (`make:build` in package.json);
 * before that, only the fixture checks run (fixture mode, named as such below).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkApp } from './schemas/check-app.js';
import { stringsIn } from './schemas/iml.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

// ------------------------------------------------------------------------------ fixture app

const makeDir = join(repoRoot, 'make');
const pkg = readJson(join(repoRoot, 'package.json')) as { scripts?: Record<string, string> };
const generatorDeclared = pkg.scripts?.['make:build'] !== undefined;

if (!generatorDeclared && !existsSync(makeDir)) {
  describe('make/ (fixture mode)', () => {
    it('no generator is declared yet, and no make/ directory exists: only the fixtures are checked', () => {
      expect(pkg.scripts?.['make:build']).toBeUndefined();
      expect(existsSync(makeDir)).toBe(false);
    });
  });
} else {
  describe('make/ (the generated Make app)', () => {
    it('exists, with makecomapp.json at its root', () => {
      expect(existsSync(join(makeDir, 'makecomapp.json'))).toBe(true);
    });

    const checked = checkApp(makeDir);

    it('every file is a file Make accepts, and makecomapp.json references exactly the files on disk', () => {
      expect(checked.problems).toEqual([]);
    });

    // Component ids fixed by shared/app-surface.md ("Make custom app"; searchResponses: "History
    // and warehouse loads"; watchFailedInvitations, cancelInvitation: "Invitation lifecycle");
    // listThemeNames and listResponses feed the theme-name and Response ID dropdowns added since.
    it('has the component ids of the app surface', () => {
      const components = checked.manifest?.components;
      const ids = (type: 'connection' | 'module' | 'rpc') =>
        Object.keys(components?.[type] ?? {}).sort();
      expect(ids('connection')).toEqual(['nps']);
      expect(ids('rpc')).toEqual([
        'listContactPropertyFields',
        'listResponses',
        'listSurveys',
        'listThemeNames',
        'listThemes',
      ]);
      expect(ids('module')).toEqual(
        [
          'watchNewResponses',
          'watchSegmentChanges',
          'watchUpdatedResponses',
          'watchUnsubscribes',
          'findContact',
          'findResponse',
          'searchResponses',
          'getNpsScore',
          'upsertContact',
          'sendSurvey',
          'recordResponse',
          'updateResponse',
          'addNote',
          'unsubscribeContact',
          'watchFailedInvitations',
          'cancelInvitation',
          'makeApiCall',
        ].sort(),
      );
    });

    it('gives each instant trigger its own attached webhook, and Make an API Call is universal', () => {
      const modules = checked.manifest?.components.module ?? {};
      const triggers = Object.entries(modules).filter(
        ([, meta]) => meta?.moduleType === 'instant_trigger',
      );
      expect(triggers.map(([id]) => id).sort()).toEqual([
        'watchFailedInvitations',
        'watchNewResponses',
        'watchSegmentChanges',
        'watchUnsubscribes',
        'watchUpdatedResponses',
      ]);
      const webhooks = triggers.map(([, meta]) => meta?.webhook);
      expect(new Set(webhooks).size).toBe(triggers.length);
      expect(modules.watchFailedInvitations?.webhook).toBe('invitationFailed');
      const hooks = checked.manifest?.components.webhook ?? {};
      for (const id of webhooks) {
        const hook = hooks[id ?? ''];
        expect(hook?.webhookType).toBe('web');
        expect(hook?.connection).toBe('nps');
        expect(typeof hook?.codeFiles.attach).toBe('string');
        expect(typeof hook?.codeFiles.detach).toBe('string');
      }
      expect(modules.makeApiCall?.moduleType).toBe('universal');
      expect(modules.makeApiCall?.label).toMatch(/^Make an API call$/i);
    });

    it('calls exactly the IML functions docs/make.md lists (built-ins only)', () => {
      const called = new Set<string>();
      for (const value of checked.files.values()) {
        for (const [text] of stringsIn(value)) {
          for (const expression of text.match(/\{\{[\s\S]*?\}\}/g) ?? []) {
            // Function names, not the contents of string literals inside the expression.
            const code = expression.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
            for (const [, name] of code.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g))
              called.add(name!);
          }
        }
      }
      const doc = readFileSync(join(repoRoot, 'docs/make.md'), 'utf8');
      const section = /<!-- iml-functions[^>]*-->([\s\S]*?)<!-- \/iml-functions -->/.exec(doc)?.[1];
      const listed = new Set(
        [...(section ?? '').matchAll(/`([A-Za-z][A-Za-z0-9]*)`/g)].map(([, name]) => name!),
      );
      expect([...called].sort()).toEqual([...listed].sort());
    });
  });
}

describe('formatting: the generator and its tests are checked, the generated app is not', () => {
  // `make/` in .prettierignore once matched every folder named make (the generator and the Make
  // tests then lived in scripts/make and test/make), so they went unchecked. Only the generated
  // app at the root is left out (its JSON is written by the generator, 4-space indented as the
  // Apps Editor writes it).
  it.each([
    ['make-generator/generate.ts', false],
    ['iml-runtime/runner.ts', false],
    ['test/make-generator/modules-webhooks.test.ts', false],
    ['test/iml-runtime/runner.test.ts', false],
    ['make/makecomapp.json', true],
    ['make/modules/groups.json', true],
  ])('%s ignored by prettier: %s', async (file, ignored) => {
    const prettier = await import('prettier');
    const info = await prettier.getFileInfo(join(repoRoot, file), {
      ignorePath: join(repoRoot, '.prettierignore'),
    });
    expect(info.ignored).toBe(ignored);
  });
});
