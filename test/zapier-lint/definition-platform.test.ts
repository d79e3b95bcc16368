/**
 * lint:zapier, D: platform version and flags: each rule of
 * zapier-lint/checks/definition/platform.ts on a definition that breaks it (the whole lint
 * then finds that rule only) and on one that passes it.
 */
import { create, findingsAfter, idsAfter } from './fixture.js';

describe('lint:zapier D: platform version and flags', () => {
  it('D027: platformVersion older than the platform installed with the app, or unset', () => {
    expect(
      idsAfter((app) => {
        app.platformVersion = '18.3.0';
      }),
    ).toEqual(['D027']);
    expect(
      idsAfter((app, context) => {
        context.platform = { core: '19.1.0', cli: '19.2.0' };
        app.platformVersion = '19.1.0';
      }),
    ).toEqual(['D027']);
    expect(
      idsAfter((app) => {
        delete app.platformVersion;
      }),
    ).toEqual(['D027']);
    expect(
      idsAfter((app, context) => {
        context.platform = { core: '19.10.0', cli: '19.10.0' };
        app.platformVersion = '19.10.0';
      }),
    ).toEqual([]);
  });

  it('D028: cleanInputData true or left unset (true), or true on an operation', () => {
    expect(
      idsAfter((app) => {
        app.flags = { cleanInputData: true };
      }),
    ).toEqual(['D028']);
    expect(
      findingsAfter((app) => {
        delete app.flags;
      }),
    ).toEqual([expect.stringMatching(/^D028 app flags\.cleanInputData: .*unset, so true/)]);
    expect(
      findingsAfter((app) => {
        create(app).operation.cleanInputData = true;
      }),
    ).toEqual([expect.stringMatching(/^D028 create create_item cleanInputData: /)]);
  });
});
