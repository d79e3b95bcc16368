/**
 * `npm run docs:recipes`: writes docs/recipes.md from the recipes, formatted as the repository's
 * prettier formats Markdown (so `npm run lint` and the up-to-date test agree).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { renderRecipesDoc } from './render.js';

export const DOC_PATH = fileURLToPath(new URL('../docs/recipes.md', import.meta.url));

export const recipesDoc = async (): Promise<string> => {
  const options = (await prettier.resolveConfig(DOC_PATH)) ?? {};
  return prettier.format(renderRecipesDoc(), { ...options, parser: 'markdown' });
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DOC_PATH, await recipesDoc());
  console.log(`wrote ${DOC_PATH}`);
}
