/**
 * Row 7 of BENCHMARKS.md, steps per recipe: the count read from docs/recipes.md is the zap's
 * steps as the recipe data holds them, also for a recipe whose guides number steps of their own
 * (recipe 10's "Load the history…" procedure made `npm run bench` flag it as changed).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recipeSteps } from '../../benchmarks/recipes.js';
import { RECIPES } from '../../recipes/index.js';

describe('steps per recipe (benchmarks/recipes.ts)', () => {
  it('counts each recipe of docs/recipes.md as its data has steps, none flagged for review', () => {
    const rows = recipeSteps('docs/recipes.md');
    expect(rows.map((r) => [r.number, r.docSteps])).toEqual(
      RECIPES.map((recipe, i) => [i + 1, recipe.steps.length]),
    );
    expect(rows.filter((r) => r.stale).map((r) => r.title)).toEqual([]);
    // The warehouse recipe holds a guide with numbered steps of its own.
    expect(RECIPES.some((r) => r.guides?.some((g) => (g.steps?.length ?? 0) > 0))).toBe(true);
  });

  it('leaves out the numbered lines of a sub-section', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recipe-steps-'));
    const doc = join(dir, 'recipes.md');
    writeFileSync(
      doc,
      [
        '# Recipes',
        '## 1. A recipe',
        '1. **Trigger**',
        '2. **Action**',
        '3. (Optional) **Action**',
        '### A procedure',
        '1. Do this.',
        '2. Then that.',
        '',
      ].join('\n'),
    );
    const [row] = recipeSteps(doc);
    expect(row).toMatchObject({ number: 1, docSteps: 3, optionalSteps: 1 });
  });
});
