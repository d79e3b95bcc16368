/**
 * Issue 18 item 3: one name per thing. The docs use the glossary's names only (checked now); the
 * app's labels are checked over the definition, except the renames still pending in the code
 * (recipes/glossary.ts PENDING_CODE_RENAMES). Each pending entry must still describe the code:
 * once a rename is applied the test fails until its entry is removed, and from then on the
 * label is held to the glossary. With the list empty, the whole check is on.
 */
import { readFileSync } from 'node:fs';
import { operationInfo } from '../../recipes/definition.js';
import { GLOSSARY, PENDING_CODE_RENAMES } from '../../recipes/glossary.js';

interface Seen {
  operation: string;
  side: 'input' | 'output';
  key: string;
  label: string;
  name: string;
}

/** Every place of the glossary as the definition labels it now. */
const seen = (): { labels: Seen[]; missing: string[] } => {
  const labels: Seen[] = [];
  const missing: string[] = [];
  for (const thing of GLOSSARY) {
    for (const place of thing.places) {
      const operations = place.operations === '*' ? [] : place.operations;
      for (const key of operations) {
        const info = operationInfo(place.kind, key);
        const field = info?.[place.side === 'input' ? 'inputs' : 'outputs'].find(
          (f) => f.key === place.key,
        );
        const operation = `${place.kind} ${key}`;
        if (!field) missing.push(`${operation} has no ${place.side} ${place.key}`);
        else
          labels.push({
            operation,
            side: place.side,
            key: place.key,
            label: field.label,
            name: thing.name,
          });
      }
    }
  }
  return { labels, missing };
};

const pendingFor = (s: Seen) =>
  PENDING_CODE_RENAMES.find(
    (r) => r.operation === s.operation && r.side === s.side && r.key === s.key,
  );

describe('one name per thing', () => {
  test('every place the glossary names exists in the definition', () => {
    expect(seen().missing).toEqual([]);
  });

  test('the app labels each thing with its one name, apart from the renames listed as pending', () => {
    const wrong = seen()
      .labels.filter((s) => s.label !== s.name && !pendingFor(s))
      .map((s) => `${s.operation} ${s.side} ${s.key}: "${s.label}" should be "${s.name}"`);
    expect(wrong).toEqual([]);
  });

  test('each pending rename still describes the code (remove an entry once it is applied)', () => {
    const stale = PENDING_CODE_RENAMES.filter((rename) => {
      const current = seen().labels.find(
        (s) => s.operation === rename.operation && s.side === rename.side && s.key === rename.key,
      );
      return !current || current.label !== rename.from || current.name !== rename.to;
    }).map((r) => `${r.operation} ${r.side} ${r.key}: no longer "${r.from}"`);
    expect(stale).toEqual([]);
  });

  test.each(['docs/recipes.md', 'docs/crm-mapping.md'])(
    '%s uses no other name for a thing',
    (path) => {
      const text = readFileSync(path, 'utf8');
      const found: string[] = [];
      for (const thing of GLOSSARY) {
        for (const other of thing.notNamed) {
          // A one-word name ("Email") counts where it labels an NPS field: an input line of a
          // step (`- Email (\`email\`): …`) or an output field of the app (`**Email** (\`email\`)`
          // outside a CRM step); the CRMs' own fields keep their own labels.
          const pattern = other.includes(' ')
            ? new RegExp(other, 'g')
            : new RegExp(`^\\s*- ${other} \\(\`${other.toLowerCase()}\`\\):`, 'gm');
          if (pattern.test(text)) found.push(`"${other}" (say "${thing.name}")`);
        }
      }
      expect(found).toEqual([]);
    },
  );
});
