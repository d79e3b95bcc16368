/**
 * CHANGELOG.md as `zapier-platform promote` reads it, and the release path that writes it
 * (issue 16, item 8). promote (zapier-platform-cli src/oclif/commands/promote.js) calls the CLI's
 * getVersionChangelog(version) and stops ("Changelog not found") when the changelog it returns
 * is empty; it sends the entries' metadata (src/utils/metadata.js: `Update trigger/new_response`,
 * `Fix create/record_response`, `#123` issues) with the promotion. These tests run that code
 * itself on this changelog, and `npm version` itself on a copy of the repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import App from '../../index.js';
import type { AppDefinition } from '../../zapier-lint/definition.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

interface AppMetadata {
  app_change_type: 'FEATURE_UPDATE' | 'BUGFIX';
  action_key: string;
  action_type: 'read' | 'write' | 'search';
}
interface IssueMetadata {
  app_change_type: string;
  issue_id: number;
}
const { getVersionChangelog } = require('zapier-platform-cli/src/utils/changelog') as {
  getVersionChangelog: (
    version: string,
    appDir?: string,
  ) => Promise<{ changelog: string; appMetadata?: AppMetadata[]; issueMetadata?: unknown[] }>;
};
const { getMetadata } = require('zapier-platform-cli/src/utils/metadata') as {
  getMetadata: (line: string) => Array<AppMetadata | IssueMetadata>;
};

const app = App as unknown as AppDefinition;
/** The CLI's action types (metadata.js) and the definition's names. */
const KIND = { read: 'trigger', write: 'create', search: 'search' } as const;
const GROUP_OF = { trigger: 'triggers', create: 'creates', search: 'searches' } as const;
const KIND_OF = { triggers: 'trigger', creates: 'create', searches: 'search' } as const;
/** How the CLI finds an operation in a token (metadata.js, extractMetadata). */
const OPERATION_TOKEN = /(trigger|create|search)\/(\w+)/;

const readChangelog = (dir = ROOT) => readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8');
const packageVersion = (dir = ROOT) =>
  (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;

/** The lines promote can read: everything from the first version heading on. */
const sectionLines = (markdown: string): string[] => {
  const lines = markdown.split('\n');
  return lines.slice(lines.findIndex((line) => line.startsWith('## ')));
};

/** Entries (list items with their continuation lines), each with its lines. */
const entries = (markdown: string): string[][] => {
  const found: string[][] = [];
  for (const line of sectionLines(markdown)) {
    if (/^[-*] /.test(line)) found.push([line]);
    else if (/^\s+\S/.test(line) && found.length) found[found.length - 1]!.push(line);
  }
  return found;
};

const isAppMetadata = (m: AppMetadata | IssueMetadata): m is AppMetadata => 'action_key' in m;

describe('CHANGELOG.md as zapier-platform promote reads it', () => {
  it("has a non-empty changelog for package.json's version, under that version's own heading", async () => {
    const version = packageVersion();
    const { changelog } = await getVersionChangelog(version, ROOT);
    // promote.js: `if (!changelog) this.error('… Changelog not found …')`.
    expect(changelog).not.toBe('');
    // The CLI takes the first heading that contains the version anywhere: it must be this one.
    const escaped = version.split('.').join('\\.');
    const heading = readChangelog()
      .split('\n')
      .find((line) => new RegExp(`^#{1,4} .*${escaped}`).test(line));
    expect(heading).toMatch(new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}$`));
    // …and holds entries, not only headings.
    expect(changelog).toMatch(/^[-*] \S/m);
  });

  it('names only operations that exist, with the type the CLI gives them', () => {
    const named = sectionLines(readChangelog())
      .flatMap(getMetadata)
      .filter(isAppMetadata)
      .map((m) => `${KIND[m.action_type]}/${m.action_key}`);
    expect(named.length).toBeGreaterThan(10);
    const missing = named.filter((ref) => {
      const [kind, key] = ref.split('/') as [keyof typeof GROUP_OF, string];
      return !app[GROUP_OF[kind]]?.[key];
    });
    expect(missing).toEqual([]);
  });

  it('lets the CLI read every operation it names: an Update/Fix/New word before it, on its line', () => {
    const unread = sectionLines(readChangelog()).flatMap((line) => {
      const tokens = line.split(' ').filter((token) => OPERATION_TOKEN.test(token));
      const read = getMetadata(line).filter(isAppMetadata).length;
      return tokens.length === read ? [] : [line];
    });
    expect(unread).toEqual([]);
  });

  it('names the operation the CLI way in every entry that mentions one by its label', () => {
    const visible = (['triggers', 'searches', 'creates'] as const).flatMap((group) =>
      Object.entries(app[group] ?? {})
        .filter(([, action]) => !action.display.hidden)
        .map(([key, action]) => ({
          ref: `${KIND_OF[group]}/${key}`,
          label: action.display.label ?? key,
        })),
    );
    const problems = entries(readChangelog()).flatMap((lines) => {
      const text = lines.map((line) => line.trim()).join(' ');
      const named = new Set(
        lines
          .flatMap(getMetadata)
          .filter(isAppMetadata)
          .map((m) => `${KIND[m.action_type]}/${m.action_key}`),
      );
      return visible
        .filter(({ label }) => new RegExp(`(^|[^\\w])${label}($|[^\\w])`).test(text))
        .filter(({ ref }) => !named.has(ref))
        .map(({ ref, label }) => `"${label}" without ${ref}: ${lines[0]}`);
    });
    expect(problems).toEqual([]);
  });

  it('marks no developer-platform issue by accident (the CLI reads "#<n>" after Fix/Update)', () => {
    const issues = sectionLines(readChangelog())
      .flatMap(getMetadata)
      .filter((m) => !isAppMetadata(m));
    expect(issues).toEqual([]);
  });
});

describe('npm version <level> (package.json "preversion" and "version")', () => {
  let dir = '';

  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: cleanEnv() });
  const npmVersion = (level: string) =>
    spawnSync('npm', ['version', level], { cwd: dir, encoding: 'utf8', env: cleanEnv() });
  /** The environment of a developer's shell: none of the npm variables of this test run. */
  const cleanEnv = () =>
    Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)),
    ) as NodeJS.ProcessEnv;
  const localDate = (date: Date) =>
    [date.getFullYear(), date.getMonth() + 1, date.getDate()]
      .map((part) => String(part).padStart(2, '0'))
      .join('-');

  /** A git repository holding the files the release path touches, as in this repository. */
  const copyRepository = (changelog = readChangelog()) => {
    dir = mkdtempSync(path.join(tmpdir(), 'nps-release-'));
    mkdirSync(path.join(dir, 'client'));
    mkdirSync(path.join(dir, 'release'));
    for (const file of ['package.json', 'client/version.ts', 'release/sync-version.mjs'])
      copyFileSync(path.join(ROOT, file), path.join(dir, file));
    writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
    git('init', '-q');
    for (const [key, value] of [
      ['user.name', 'Release Test'],
      ['user.email', 'release-test@example.com'],
      ['commit.gpgsign', 'false'],
      ['tag.gpgSign', 'false'],
    ] as const)
      git('config', key, value);
    git('add', '-A');
    git('commit', '-q', '-m', 'state before the release');
  };

  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it('moves the Unreleased entries under the new version, syncs client/version.ts, commits and tags both', async () => {
    copyRepository();
    const before = readChangelog(dir);
    const unreleased = before.slice(
      before.indexOf('## [Unreleased]') + '## [Unreleased]'.length,
      before.indexOf('\n## [', before.indexOf('## [Unreleased]') + 1),
    );
    const previous = packageVersion(dir);
    const [major, minor] = previous.split('.').map(Number) as [number, number];
    const next = `${major}.${minor + 1}.0`;

    const dayBefore = localDate(new Date());
    const result = npmVersion('minor');
    const dayAfter = localDate(new Date());
    expect(result.stderr).not.toMatch(/ERR!/);
    expect(result.status).toBe(0);

    expect(packageVersion(dir)).toBe(next);
    expect(readFileSync(path.join(dir, 'client', 'version.ts'), 'utf8')).toContain(
      `APP_VERSION = '${next}'`,
    );
    const after = readChangelog(dir);
    const heading = after.match(
      new RegExp(`^## \\[${next.split('.').join('\\.')}\\] - (.+)$`, 'm'),
    );
    expect([dayBefore, dayAfter]).toContain(heading?.[1]);
    // An empty Unreleased on top, then the new version holding exactly the former entries.
    expect(after).toContain(
      `## [Unreleased]\n\n## [${next}] - ${heading?.[1]}\n\n${unreleased.trim()}\n\n## [${previous}]`,
    );
    // Nothing else changed.
    expect(after.replace(`\n\n## [${next}] - ${heading?.[1]}`, '')).toBe(before);

    // npm's release commit and tag hold the three files.
    expect(git('show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual([
      'CHANGELOG.md',
      'client/version.ts',
      'package.json',
    ]);
    expect(git('tag', '--points-at', 'HEAD').trim()).toBe(`v${next}`);
    expect(git('status', '--porcelain').trim()).toBe('');

    // promote would find the entries for the new version, and no longer any Unreleased ones.
    const { changelog, appMetadata } = await getVersionChangelog(next, dir);
    expect(changelog).toBe(unreleased.trim());
    expect(appMetadata?.length).toBeGreaterThan(0);
  });

  it('refuses a release with nothing under Unreleased, before touching the version', () => {
    const current = readChangelog();
    const empty = current.replace(
      /## \[Unreleased\][\s\S]*?(?=\n## \[)/,
      '## [Unreleased]\n\n### Added\n',
    );
    expect(empty).not.toBe(current);
    copyRepository(empty);
    const previous = packageVersion(dir);
    const result = npmVersion('patch');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('no entries under [Unreleased]');
    expect(packageVersion(dir)).toBe(previous);
    expect(git('tag').trim()).toBe('');
  });
});
