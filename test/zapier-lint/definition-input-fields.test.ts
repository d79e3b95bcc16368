/**
 * lint:zapier, D: input fields, dropdowns and search connectors: each rule of
 * zapier-lint/checks/definition/input-fields.ts on a definition that breaks it (the whole
 * lint then finds that rule only) and on one that passes it.
 */
import type { Field } from '../../zapier-lint/definition.js';
import { create, idsAfter, idsWithCreateInput, input } from './fixture.js';

describe('lint:zapier D: input fields, dropdowns and search connectors', () => {
  it('D004: an ID input without a dynamic dropdown (a search alone is none); CRM ids are exempt', () => {
    expect(
      idsAfter((app) => {
        delete input(app, 'create_item', 'parent_id').dynamic;
      }),
    ).toEqual(['D004']);
    expect(
      idsWithCreateInput({
        key: 'salesforce_contact_id',
        label: 'Salesforce Contact ID',
        helpText: 'The Contact record in Salesforce.',
      }),
    ).toEqual([]);
  });

  it('D005: a dynamic dropdown naming a trigger, or trigger output, that does not exist', () => {
    for (const dynamic of ['items.id.name', 'item.id.title']) {
      expect(
        idsAfter((app) => {
          input(app, 'create_item', 'parent_id').dynamic = dynamic;
        }),
      ).toEqual(['D005']);
    }
  });

  it('D009: a search without input fields', () => {
    expect(
      idsAfter((app) => {
        app.searches!.find_item!.operation.inputFields = [];
      }),
    ).toEqual(['D009']);
  });

  it('D013: a search connector naming a search, or search output, that does not exist', () => {
    for (const search of ['find_items.id', 'find_item.uuid']) {
      expect(
        idsAfter((app) => {
          input(app, 'create_item', 'parent_id').search = search;
        }),
      ).toEqual(['D013']);
    }
  });

  it('D014: a search connector on a list, dict, line items or another type; number is fine', () => {
    for (const change of [
      (field: Field) => (field.list = true),
      (field: Field) => (field.dict = true),
      (field: Field) => (field.children = [{ key: 'n', label: 'N' }]),
      (field: Field) => (field.type = 'boolean'),
    ]) {
      expect(
        idsAfter((app) => {
          change(input(app, 'create_item', 'parent_id'));
        }),
      ).toContain('D014');
    }
    for (const type of ['string', 'integer', 'number']) {
      expect(
        idsAfter((app) => {
          input(app, 'create_item', 'parent_id').type = type;
        }),
      ).toEqual([]);
    }
  });

  it('D015: a search-or-create naming a search or create that does not exist', () => {
    for (const [part, key] of [
      ['create', 'create_items'],
      ['search', 'find_items'],
    ] as const) {
      expect(
        idsAfter((app) => {
          app.searchOrCreates!.find_item![part] = key;
        }),
      ).toEqual(['D015']);
    }
  });

  it('D022: a create without static input fields (none, or only dynamic-field functions)', () => {
    expect(
      idsAfter((app) => {
        create(app).operation.inputFields = [];
        delete app.searchOrCreates;
      }),
    ).toEqual(['D022']);
    expect(
      idsAfter((app) => {
        create(app).operation.inputFields = [() => [{ key: 'name', label: 'Name' }]];
        delete app.searchOrCreates;
      }),
    ).toEqual(['D022']);
  });
});
