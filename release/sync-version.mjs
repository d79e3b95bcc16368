// Run by `npm version <level>` in the package root (package.json "preversion" and "version"):
//
//   node release/sync-version.mjs --check   before the bump: refuses a release when CHANGELOG.md's
//                                           [Unreleased] section has no entry (promote would stop
//                                           on an empty changelog for the version)
//   node release/sync-version.mjs           after the bump: writes package.json's version into
//                                           client/version.ts, and moves the Unreleased entries under
//                                           `## [<version>] - <YYYY-MM-DD>` (today, local time),
//                                           leaving an empty [Unreleased] on top
//
// The "version" script then git-adds both files, so npm's release commit and tag hold them.
// Plain Node, no dependencies: it runs before anything is built.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const fail = (message) => {
  console.error(`sync-version: ${message}`);
  process.exit(1);
};

const UNRELEASED = /^## \[Unreleased\][ \t]*$/im;
const HEADING = /^## /m;

/** The [Unreleased] section: where its body starts and ends, and the body itself. */
const unreleasedSection = (markdown) => {
  const heading = UNRELEASED.exec(markdown);
  if (!heading) fail('CHANGELOG.md has no "## [Unreleased]" heading.');
  const start = heading.index + heading[0].length;
  const next = HEADING.exec(markdown.slice(start));
  const end = next ? start + next.index : markdown.length;
  return { headingStart: heading.index, start, end, body: markdown.slice(start, end).trim() };
};

/** Whether a section body holds at least one entry (a list item). */
const hasEntries = (body) => /^\s*[-*] \S/m.test(body);

const localDate = (date = new Date()) =>
  [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');

const changelogFile = join(root, 'CHANGELOG.md');
const changelog = readFileSync(changelogFile, 'utf8');
const section = unreleasedSection(changelog);

if (process.argv.includes('--check')) {
  if (!hasEntries(section.body))
    fail(
      'CHANGELOG.md has no entries under [Unreleased]: write what this release changes first (zapier-platform promote stops on an empty changelog).',
    );
  process.exit(0);
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// client/version.ts
const versionFile = join(root, 'client', 'version.ts');
const source = readFileSync(versionFile, 'utf8');
if (!/APP_VERSION = '[^']*'/.test(source)) fail('client/version.ts has no APP_VERSION.');
writeFileSync(versionFile, source.replace(/APP_VERSION = '[^']*'/, `APP_VERSION = '${version}'`));

// CHANGELOG.md
const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
if (new RegExp(`^## \\[${escaped}\\]`, 'm').test(changelog))
  fail(`CHANGELOG.md already has a section for ${version}.`);
if (!hasEntries(section.body))
  fail(`CHANGELOG.md has no entries under [Unreleased] for ${version}.`);
const rest = changelog.slice(section.end).replace(/^\n+/, '');
const released =
  changelog.slice(0, section.headingStart) +
  `## [Unreleased]\n\n## [${version}] - ${localDate()}\n\n${section.body}\n` +
  (rest ? `\n${rest}` : '');
writeFileSync(changelogFile, released);

console.log(
  `client/version.ts -> ${version}; CHANGELOG.md: Unreleased entries moved under [${version}].`,
);
