/**
 * lint:zapier, D: REST hook triggers: each rule of zapier-lint/checks/definition/hooks.ts
 * on a definition that breaks it (the whole lint then finds that rule only) and on one that passes
 * it.
 */
import type { AppDefinition } from '../../zapier-lint/definition.js';
import { event, findingsAfter, idsAfter } from './fixture.js';

describe('lint:zapier D: REST hook triggers', () => {
  it('D006: a hook trigger without performList', () => {
    expect(
      idsAfter((app) => {
        delete event(app).operation.performList;
      }),
    ).toEqual(['D006']);
  });

  it('D016: an integration that is only one static webhook', () => {
    const onlyStaticHook = (app: AppDefinition) => {
      delete event(app).operation.performUnsubscribe;
      delete app.searches;
      delete app.creates;
      delete app.searchOrCreates;
    };
    expect(idsAfter(onlyStaticHook)).toEqual(['D016', 'D017']);
    // One static hook among other operations is D017 only.
    expect(
      idsAfter((app) => {
        delete event(app).operation.performUnsubscribe;
      }),
    ).toEqual(['D017']);
  });

  it('D017: a hook trigger without performSubscribe or performUnsubscribe', () => {
    expect(
      idsAfter((app) => {
        delete event(app).operation.performSubscribe;
      }),
    ).toEqual(['D017']);
    expect(
      findingsAfter((app) => {
        delete event(app).operation.performSubscribe;
        delete event(app).operation.performUnsubscribe;
      }),
    ).toEqual([
      expect.stringContaining(
        'without performSubscribe and performUnsubscribe is a static webhook',
      ),
    ]);
  });
});
