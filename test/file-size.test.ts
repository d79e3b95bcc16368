/**
 * Issue 19, item 2: no source file over about 400 lines, so each file holds one concern a
 * newcomer can read at once (test files follow the code they test). Checked for the parts split
 * so far: the Zapier-checks lint and the sandbox, with their tests. A part joins SPLIT when it
 * is split; generated files and fixtures stay out.
 */
import { readdir, readFile } from 'node:fs/promises';

const MAX_LINES = 400;
const SPLIT = ['zapier-lint', 'sandbox', 'test/zapier-lint', 'test/sandbox'];

const root = new URL('../', import.meta.url);

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(new URL(folder, root), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => `${entry.parentPath}/${entry.name}`);
}

test(`no source file of the split parts has more than ${MAX_LINES} lines`, async () => {
  const tooLong: string[] = [];
  for (const folder of SPLIT) {
    const files = await sourceFiles(folder);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const lines = (await readFile(file, 'utf8')).split('\n').length - 1;
      if (lines > MAX_LINES) tooLong.push(`${file.slice(root.pathname.length)}: ${lines}`);
    }
  }
  expect(tooLong).toEqual([]);
});
