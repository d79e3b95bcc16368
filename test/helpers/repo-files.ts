/**
 * The repository's files, for the tests that check the whole tree (test/architecture.test.ts,
 * test/file-size.test.ts): each says which files count and which folders it leaves out.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RepoWalk {
  /** The file names that count, by their ending. */
  source: RegExp;
  /** Folders never walked, wherever they are. */
  skip: ReadonlySet<string>;
  /** Top-level folders not walked. */
  skipTop: ReadonlySet<string>;
}

/** Every file below the root that `walk` counts, as repository paths (`lib/hooks.ts`). */
export const repoFiles = ({ source, skip, skipTop }: RepoWalk): string[] => {
  const filesIn = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (skip.has(entry.name) || (dir === ROOT && skipTop.has(entry.name))) return [];
        return filesIn(path);
      }
      return entry.isFile() && source.test(entry.name) ? [path] : [];
    });
  return filesIn(ROOT).map((file) => relative(ROOT, file));
};
