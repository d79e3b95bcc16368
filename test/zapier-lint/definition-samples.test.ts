/**
 * lint:zapier, D: static samples: each rule of zapier-lint/checks/definition/samples.ts on
 * a definition that breaks it (the whole lint then finds that rule only) and on one that passes
 * it.
 */
import { create, event, idsAfter, item } from './fixture.js';

describe('lint:zapier D: static samples', () => {
  it('D010: a polling trigger sample without its primary key; hooks are exempt', () => {
    expect(
      idsAfter((app) => {
        delete item(app).operation.sample!.id;
      }),
    ).toEqual(['D010']);
    // Output fields marked primary replace `id`; each must be in the sample.
    expect(
      idsAfter((app) => {
        item(app).operation.outputFields!.push({ key: 'number', label: 'Number', primary: true });
        item(app).operation.outputFields![0] = { key: 'id', label: 'Item ID', primary: true };
      }),
    ).toEqual(['D010']);
    // A primary key is a string or a number.
    expect(
      idsAfter((app) => {
        item(app).operation.sample!.id = { nested: 1 };
      }),
    ).toContain('D010');
    // Hooks are not deduplicated: no primary key needed.
    expect(
      idsAfter((app) => {
        delete event(app).operation.sample!.id;
      }),
    ).toEqual([]);
  });

  it('D012: a visible operation without a sample; hidden ones are exempt', () => {
    for (const op of [create, event]) {
      expect(
        idsAfter((app) => {
          delete op(app).operation.sample;
        }),
      ).toEqual(['D012']);
    }
    expect(
      idsAfter((app) => {
        delete item(app).operation.sample;
      }),
    ).toEqual([]);
  });

  it('D023: a sample date-time without a time zone', () => {
    for (const [createdAt, ids] of [
      ['2026-11-20T09:14:03', ['D023']],
      ['2026-11-20 09:14', ['D023']],
      ['01 Aug 2023', ['D023']],
      ['2023-08-01T06:50:30-0500', []],
    ] as const) {
      expect(
        idsAfter((app) => {
          item(app).operation.sample!.created_at = createdAt;
        }),
      ).toEqual(ids);
    }
  });

  it('D024: a required output missing from the sample', () => {
    expect(
      idsAfter((app) => {
        event(app).operation.outputFields!.push({
          key: 'email',
          label: 'Email',
          type: 'string',
          required: true,
        });
      }),
    ).toEqual(['D024']);
  });

  it('D024: a sample value that does not fit its type', () => {
    for (const [key, value, ids] of [
      ['count', '3', ['D024']],
      ['ok', 1, ['D024']],
      ['tags', 'a', ['D024']],
      ['lines', [{ n: 'x' }], ['D024']],
      ['count', null, []],
    ] as const) {
      expect(
        idsAfter((app) => {
          event(app).operation.sample![key] = value;
        }),
      ).toEqual(ids);
    }
  });
});
