/**
 * Each rule of `npm run lint:zapier`, on a definition that passes it and on one that breaks it.
 * The rules are pure functions of the definition (scripts/lint-zapier/rules.ts).
 */
import type { AppDefinition, Field } from '../../scripts/lint-zapier/definition.js';
import {
  formatFinding,
  lint,
  RULES,
  titleCaseProblems,
  type LintContext,
} from '../../scripts/lint-zapier/rules.js';
import { passingApp, passingContext } from './fixture.js';

/** The ids found after `breakIt` changes a passing app (and context). */
const idsAfter = (
  breakIt: (app: AppDefinition, context: LintContext) => void,
  options: { compatibility?: boolean } = {},
): string[] => {
  const app = passingApp();
  const context = passingContext(app);
  // C001-C003 only where a test is about compatibility: other breakages also change the surface.
  if (!options.compatibility) context.snapshot = null;
  breakIt(app, context);
  return [...new Set(lint(context).map((finding) => finding.id))];
};

const input = (app: AppDefinition, op: 'create_item', key: string): Field => {
  const field = (app.creates?.[op]?.operation.inputFields ?? []).find(
    (f) => typeof f !== 'function' && f.key === key,
  );
  if (!field || typeof field === 'function') throw new Error(`no field ${key}`);
  return field;
};
const event = (app: AppDefinition) => app.triggers!.new_event!;
const item = (app: AppDefinition) => app.triggers!.item!;

describe('lint:zapier rules', () => {
  it('finds nothing in a definition that follows every rule', () => {
    expect(lint(passingContext()).map(formatFinding)).toEqual([]);
  });

  it('prints a finding as "ID place: rule"', () => {
    const [finding] = lint({
      ...passingContext(),
      listing: { ...passingContext().listing, description: 'Too short.' },
    });
    expect(finding && formatFinding(finding)).toMatch(/^M002 listing\/app\.json description: /);
  });

  it('has a test below for every rule', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([
      'D001',
      'D002',
      'D003',
      'D004',
      'D005',
      'D006',
      'D007',
      'D008',
      'D009',
      'D010',
      'D011',
      'D014',
      'D018',
      'D021',
      'D023',
      'D024',
      'M002',
      'M004',
      'X002',
      'C001',
      'X001',
    ]);
  });

  it('D001: an operation input asking for a secret, or a secret auth field that is not a password', () => {
    expect(
      idsAfter((app) => {
        app.creates!.create_item!.operation.inputFields!.push({
          key: 'access_token',
          label: 'Access Token',
          helpText: 'A token from the other tool.',
        });
      }),
    ).toEqual(['D001']);
    expect(
      idsAfter((app) => {
        app.authentication!.fields![0]!.type = 'string';
      }),
    ).toEqual(['D001']);
  });

  it('D002: an auth field whose help has no markdown link (a bare or http link does not count)', () => {
    expect(
      idsAfter((app) => {
        app.authentication!.fields![0]!.helpText = 'Create one under Settings, API keys.';
      }),
    ).toEqual(['D002']);
    expect(
      idsAfter((app) => {
        app.authentication!.fields![0]!.helpText =
          'See [API keys](http://docs.example.com/api-keys).';
      }),
    ).toContain('D002');
  });

  it('D003: no connection label, or one that shows the API key', () => {
    expect(
      idsAfter((app) => {
        delete app.authentication!.connectionLabel;
      }),
    ).toEqual(['D003']);
    expect(
      idsAfter((app) => {
        app.authentication!.connectionLabel = '{{bundle.authData.api_key}}';
      }),
    ).toEqual(['D003']);
    expect(
      idsAfter((app) => {
        app.authentication!.connectionLabel = (
          _z: unknown,
          bundle: { authData: { api_key: string } },
        ) => `Key ${bundle.authData.api_key.slice(-4)}`;
      }),
    ).toEqual(['D003']);
  });

  it("D004: an id input of the platform's object without dropdown or search; CRM ids are exempt", () => {
    expect(
      idsAfter((app) => {
        const parent = input(app, 'create_item', 'parent_id');
        delete parent.dynamic;
        delete parent.search;
      }),
    ).toEqual(['D004']);
    expect(
      idsAfter((app) => {
        app.creates!.create_item!.operation.inputFields!.push({
          key: 'salesforce_contact_id',
          label: 'Salesforce Contact ID',
          helpText: 'The Contact record in Salesforce.',
        });
        // an object the API cannot list: mapped from the step that created it
        app.creates!.create_item!.operation.inputFields!.push({
          key: 'invitation_id',
          label: 'Invitation ID',
          helpText: 'The Invitation ID output of the step that sent the survey.',
        });
      }),
    ).toEqual([]);
  });

  it('D005/D013/D015: references to operations that do not exist', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'parent_id').dynamic = 'items.id.name';
      }),
    ).toEqual(['D005']);
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'parent_id').dynamic = 'item.id.title';
      }),
    ).toEqual(['D005']);
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'parent_id').search = 'find_items.id';
      }),
    ).toEqual(['D013']);
    expect(
      idsAfter((app) => {
        app.searchOrCreates!.find_item!.create = 'create_items';
      }),
    ).toEqual(['D015']);
  });

  it('D006/D016/D017: a REST hook without performList, performSubscribe or performUnsubscribe', () => {
    expect(
      idsAfter((app) => {
        delete event(app).operation.performList;
      }),
    ).toEqual(['D006']);
    expect(
      idsAfter((app) => {
        delete event(app).operation.performSubscribe;
      }),
    ).toEqual(['D016']);
    expect(
      idsAfter((app) => {
        delete event(app).operation.performUnsubscribe;
      }),
    ).toEqual(['D017']);
  });

  it('D007/D025: a static URL over http, or a dangerous scheme', () => {
    expect(
      idsAfter((app) => {
        app.authentication!.test = { url: 'http://api.example.com/me' };
      }),
    ).toEqual(['D007']);
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').helpText = 'See [this](javascript:alert(1)).';
      }),
    ).toEqual(['D025']);
  });

  it('D008: a bare URL in a description or help text', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').helpText =
          'Names are explained at https://docs.example.com/names.';
      }),
    ).toEqual(['D008']);
    expect(
      idsAfter((app) => {
        item(app).display.description = 'Triggers when an item is added (see www.example.com).';
      }),
    ).toEqual(['D008']);
  });

  it('D009: a search without input fields', () => {
    expect(
      idsAfter((app) => {
        app.searches!.find_item!.operation.inputFields = [];
      }),
    ).toEqual(['D009']);
  });

  it('D010/D012: no sample, or a trigger sample without its id', () => {
    expect(
      idsAfter((app) => {
        delete app.creates!.create_item!.operation.sample;
      }),
    ).toEqual(['D010']);
    expect(
      idsAfter((app) => {
        delete event(app).operation.sample!.id;
      }),
    ).toEqual(['D012']);
    // A search used as a search connector needs the id too.
    expect(
      idsAfter((app) => {
        delete app.searches!.find_item!.operation.sample!.id;
      }),
    ).toEqual(['D012']);
  });

  it('D011: help text that only repeats the label', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').helpText = 'Enter the name.';
      }),
    ).toEqual(['D011']);
  });

  it('D014: a search connector on a list field', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'parent_id').list = true;
      }),
    ).toEqual(['D014']);
  });

  it('D018: labels not in title case', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').label = 'From (custom period)';
      }),
    ).toEqual(['D018']);
    expect(
      idsAfter((app) => {
        event(app).display.label = 'New event';
      }),
    ).toEqual(['D018']);
    expect(titleCaseProblems('From (Custom Period)')).toEqual([]);
    expect(titleCaseProblems('Ignore Changes Made by Zapier')).toEqual([]);
    expect(titleCaseProblems('Follow-up Owner Email')).toEqual([]);
    expect(titleCaseProblems('Themes for HubSpot and NPS (0-10)')).toEqual([]);
    expect(titleCaseProblems('Break Down by')).toEqual(['by']);
    expect(titleCaseProblems('Identify contact by')).toEqual(['contact', 'by']);
  });

  it('D021: a trigger description not starting "Triggers when ", a description without a period', () => {
    expect(
      idsAfter((app) => {
        event(app).display.description = 'Fires when something happens.';
      }),
    ).toEqual(['D021']);
    expect(
      idsAfter((app) => {
        app.creates!.create_item!.display.description = 'Creates an item';
      }),
    ).toEqual(['D021']);
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
  });

  it('D024: a sample value that does not fit its output field type', () => {
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

  it('M002: a listing description out of 40-140 characters, mentioning Zapier or not starting "<name> is a"', () => {
    const describe = (description: string) =>
      idsAfter((_app, context) => {
        context.listing = { ...context.listing, description };
      });
    expect(describe('Acme Feedback is a tool.')).toEqual(['M002']);
    expect(describe(`Acme Feedback is a ${'very '.repeat(30)}good tool.`)).toEqual(['M002']);
    expect(
      describe('Acme Feedback is a survey tool that sends your NPS answers to Zapier.'),
    ).toEqual(['M002']);
    expect(
      describe('A survey tool that measures customer loyalty with NPS and AI themes.'),
    ).toEqual(['M002']);
    expect(
      idsAfter((_app, context) => {
        context.listing = null;
      }),
    ).toEqual(['M002']);
  });

  it('M004: a logo that is not square, too small, without alpha or missing', () => {
    const logo = (width: number, height: number, colorType = 6) =>
      idsAfter((_app, context) => {
        context.logo = { width, height, colorType, bitDepth: 8 };
      });
    expect(logo(256, 200)).toEqual(['M004']);
    expect(logo(128, 128)).toEqual(['M004']);
    expect(logo(512, 512, 2)).toEqual(['M004']);
    expect(
      idsAfter((_app, context) => {
        context.logo = null;
      }),
    ).toEqual(['M004']);
  });

  it('X002: a listing without category, https homepage, support or audience', () => {
    expect(
      idsAfter((_app, context) => {
        context.listing = { ...context.listing, homepage: 'http://acme.example.com' };
      }),
    ).toContain('X002');
    expect(
      idsAfter((_app, context) => {
        context.listing = { ...context.listing, category: '' };
      }),
    ).toEqual(['X002']);
    expect(
      idsAfter((_app, context) => {
        context.listing = { ...context.listing, support: 'call us' };
      }),
    ).toEqual(['X002']);
    expect(
      idsAfter((_app, context) => {
        context.listing = { ...context.listing, audience: 'everyone' };
      }),
    ).toEqual(['X002']);
  });

  it('C001-C003: breaking changes since the snapshot, allowed when the major version is raised', () => {
    expect(
      idsAfter(
        (app) => {
          delete app.searches!.find_item;
          delete app.searchOrCreates;
          delete input(app, 'create_item', 'parent_id').search;
        },
        { compatibility: true },
      ),
    ).toEqual(['C001']);
    expect(
      idsAfter(
        (app) => {
          event(app).display.hidden = true;
        },
        { compatibility: true },
      ),
    ).toEqual(['C001']);
    expect(
      idsAfter(
        (app) => {
          const fields = app.creates!.create_item!.operation.inputFields!;
          fields.splice(1, 1);
        },
        { compatibility: true },
      ),
    ).toEqual(['C002']);
    expect(
      idsAfter(
        (app) => {
          input(app, 'create_item', 'parent_id').required = true;
        },
        { compatibility: true },
      ),
    ).toEqual(['C002']);
    expect(
      idsAfter(
        (app) => {
          delete app.searches!.find_item!.operation.sample!.name;
        },
        { compatibility: true },
      ),
    ).toEqual(['C003']);
    // Adding an optional input or a sample key is not breaking.
    expect(
      idsAfter(
        (app) => {
          app.creates!.create_item!.operation.inputFields!.push({
            key: 'note',
            label: 'Note',
            helpText: 'Free text kept with the item.',
          });
          app.creates!.create_item!.operation.sample!.note = '';
        },
        { compatibility: true },
      ),
    ).toEqual([]);
    // A raised major version may break.
    expect(
      idsAfter(
        (app) => {
          app.version = '2.0.0';
          delete app.searches!.find_item;
          delete app.searchOrCreates;
          delete input(app, 'create_item', 'parent_id').search;
        },
        { compatibility: true },
      ),
    ).toEqual([]);
  });

  it('X001: an output label longer than 40 characters', () => {
    expect(
      idsAfter((app) => {
        event(app).operation.outputFields![1] = {
          key: 'count',
          label: 'Count of Things (Whole Number, Never Negative)',
          type: 'integer',
        };
      }),
    ).toEqual(['X001']);
  });
});
