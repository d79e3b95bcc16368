/**
 * lint:zapier, C: compatibility: each rule of zapier-lint/checks/compatibility.ts on a
 * definition that breaks it (the whole lint then finds that rule only) and on one that passes it.
 */
import type { AppDefinition } from '../../zapier-lint/definition.js';
import { formatFinding, lint } from '../../zapier-lint/rules.js';
import { serializeDefinition } from '../../zapier-lint/serialize.js';
import { surfaceOf } from '../../zapier-lint/surface.js';
import {
  create,
  event,
  findingsAfter,
  idsAfter,
  input,
  item,
  passingApp,
  passingContext,
} from './fixture.js';

describe('lint:zapier C: compatibility', () => {
  it('C001: a public operation removed or hidden, whatever the major version says', () => {
    const removeFindItem = (app: AppDefinition) => {
      delete app.searches!.find_item;
      delete app.searchOrCreates;
      delete input(app, 'create_item', 'parent_id').search;
    };
    expect(idsAfter(removeFindItem, { compatibility: true })).toEqual(['C001']);
    expect(
      idsAfter(
        (app) => {
          event(app).display.hidden = true;
        },
        { compatibility: true },
      ),
    ).toEqual(['C001']);
    // A raised major version is no excuse: Zapier compares with the public version all the same.
    expect(
      idsAfter(
        (app) => {
          app.version = '2.0.0';
          removeFindItem(app);
        },
        { compatibility: true },
      ),
    ).toEqual(['C001']);
    // An operation hidden in the public version was never public: removing it is fine.
    const published = passingApp();
    published.triggers!.legacy = { ...item(published), key: 'legacy' };
    const context = passingContext();
    context.snapshot = surfaceOf(serializeDefinition(published));
    expect(lint(context).map(formatFinding)).toEqual([]);
  });

  it('C002: an input key removed, re-keyed or moved into a dynamic-field function; a retype is not one', () => {
    expect(
      idsAfter(
        (app) => {
          create(app).operation.inputFields!.splice(1, 1);
        },
        { compatibility: true },
      ),
    ).toEqual(['C002']);
    // Shown only by a dynamic-field function: on Zapier's servers (the serialised definition) the
    // function is a `$func$2$f$` placeholder, so the key is gone even if the form still shows it.
    expect(
      findingsAfter(
        (app) => {
          const fields = create(app).operation.inputFields!;
          const parent = fields.splice(1, 1)[0];
          fields.push(() => [parent]);
        },
        { compatibility: true },
      ),
    ).toEqual([
      expect.stringMatching(
        /^C002 create create_item input parent_id: Try To Avoid Removing Input Fields — not a static input field since 1\.2\.0/,
      ),
    ]);
    // A changed type keeps the key: not a C002 finding.
    expect(
      idsAfter(
        (app) => {
          input(app, 'create_item', 'name').type = 'text';
        },
        { compatibility: true },
      ),
    ).toEqual([]);
  });

  it('C003: a sample key removed; adding inputs and sample keys is fine', () => {
    expect(
      idsAfter(
        (app) => {
          delete app.searches!.find_item!.operation.sample!.name;
        },
        { compatibility: true },
      ),
    ).toEqual(['C003']);
    expect(
      idsAfter(
        (app) => {
          create(app).operation.inputFields!.push({
            key: 'note',
            label: 'Note',
            helpText: 'Free text kept with the item.',
          });
          create(app).operation.sample!.note = '';
        },
        { compatibility: true },
      ),
    ).toEqual([]);
  });
});
