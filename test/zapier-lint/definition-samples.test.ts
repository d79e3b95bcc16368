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
    expect(
      idsAfter((app) => {
        delete create(app).operation.sample;
      }),
    ).toEqual(['D012']);
    expect(
      idsAfter((app) => {
        delete event(app).operation.sample;
      }),
    ).toEqual(['D012']);
    expect(
      idsAfter((app) => {
        delete item(app).operation.sample;
      }),
    ).toEqual([]);
  });

  it('D023: a sample date-time without a time zone', () => {
    expect(
      idsAfter((app) => {
        item(app).operation.sample!.created_at = '2026-11-20T09:14:03';
      }),
    ).toEqual(['D023']);
    expect(
      idsAfter((app) => {
        item(app).operation.sample!.created_at = '2026-11-20 09:14';
      }),
    ).toEqual(['D023']);
    expect(
      idsAfter((app) => {
        item(app).operation.sample!.created_at = '01 Aug 2023';
      }),
    ).toEqual(['D023']);
    expect(
      idsAfter((app) => {
        item(app).operation.sample!.created_at = '2023-08-01T06:50:30-0500';
      }),
    ).toEqual([]);
  });

  it('D024: a required output missing from the sample, or a value that does not fit its type', () => {
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
    expect(
      idsAfter((app) => {
        event(app).operation.sample!.count = '3';
      }),
    ).toEqual(['D024']);
    expect(
      idsAfter((app) => {
        event(app).operation.sample!.ok = 1;
      }),
    ).toEqual(['D024']);
    expect(
      idsAfter((app) => {
        event(app).operation.sample!.tags = 'a';
      }),
    ).toEqual(['D024']);
    expect(
      idsAfter((app) => {
        event(app).operation.sample!.lines = [{ n: 'x' }];
      }),
    ).toEqual(['D024']);
    expect(
      idsAfter((app) => {
        event(app).operation.sample!.count = null;
      }),
    ).toEqual([]);
  });
});
