/**
 * Each rule of `npm run lint:zapier`, on a definition that breaks it and on one that passes it.
 * The rules are pure functions of the definition (scripts/lint-zapier/rules.ts); IDs, titles and
 * readings are those of Zapier's Integration Checks Reference.
 */
import { review, type Accepted } from '../../scripts/lint-zapier/accepted.js';
import type { AppDefinition, Field } from '../../scripts/lint-zapier/definition.js';
import {
  formatFinding,
  lint,
  referenceOf,
  RULES,
  titleCaseProblems,
  type LintContext,
} from '../../scripts/lint-zapier/rules.js';
import { serializeDefinition } from '../../scripts/lint-zapier/serialize.js';
import { surfaceOf } from '../../scripts/lint-zapier/surface.js';
import { passingApp, passingContext } from './fixture.js';

/** The ids found after `breakIt` changes a passing app (and context). */
const idsAfter = (
  breakIt: (app: AppDefinition, context: LintContext) => void,
  options: { compatibility?: boolean } = {},
): string[] => {
  const app = passingApp();
  const context = passingContext(app);
  // C001-C003 and X005 only where a test is about compatibility: other breakages also change
  // the surface.
  if (!options.compatibility) context.snapshot = null;
  breakIt(app, context);
  return [...new Set(lint(context).map((finding) => finding.id))];
};

/** The printed findings after `breakIt`. */
const findingsAfter = (
  breakIt: (app: AppDefinition, context: LintContext) => void,
  options: { compatibility?: boolean } = {},
): string[] => {
  const app = passingApp();
  const context = passingContext(app);
  if (!options.compatibility) context.snapshot = null;
  breakIt(app, context);
  return lint(context).map(formatFinding);
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
const create = (app: AppDefinition) => app.creates!.create_item!;

describe('lint:zapier rules', () => {
  it('finds nothing in a definition that follows every rule', () => {
    expect(lint(passingContext()).map(formatFinding)).toEqual([]);
  });

  it('prints a finding as "ID place: Title — detail", with the title as Zapier words it', () => {
    const [finding] = lint({
      ...passingContext(),
      listing: { ...passingContext().listing, description: 'Too short.' },
    });
    expect(finding && formatFinding(finding)).toMatch(
      /^M002 listing\/app\.json description: Description Is Invalid — must be 40-140 characters/,
    );
    expect(referenceOf('D010')).toBe(
      'https://docs.zapier.com/platform/publish/integration-checks-reference#D010',
    );
    expect(referenceOf('X001')).toBeUndefined();
  });

  it("has a test below for every rule, one rule per ID, Zapier's titles for Zapier's IDs", () => {
    expect(RULES.map((rule) => rule.id)).toEqual([
      'C001',
      'C002',
      'C003',
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
      'D012',
      'D013',
      'D014',
      'D015',
      'D016',
      'D017',
      'D018',
      'D021',
      'D022',
      'D023',
      'D024',
      'D025',
      'D026',
      'D027',
      'D028',
      'M001',
      'M002',
      'M003',
      'M004',
      'M006',
      'X001',
      'X003',
      'X004',
      'X005',
      'X006',
      'X007',
      'X008',
    ]);
    const title = (id: string) => RULES.find((rule) => rule.id === id)?.title;
    expect(title('D010')).toBe('Missing Primary Key Fields in Static Sample Data');
    expect(title('D012')).toBe('Static Sample Is Required');
    expect(title('D016')).toBe('Consists Only a Static Webhook');
    expect(title('D017')).toBe('Static Hook Is Discouraged');
    expect(title('D022')).toBe('Creates Should Try to Have Static Input Fields');
    expect(title('D027')).toBe('Not Using Latest Platform Version');
    expect(title('D028')).toBe('Clean Input Data Enabled');
    expect(title('M001')).toBe('App Category Is Required');
    expect(title('M003')).toBe('Role Must Be Employee or Contractor');
    expect(title('M006')).toBe('Homepage URL Must Be Present');
  });

  // ---------------------------------------------------------------------------- Compatibility

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

  // ------------------------------------------------------------------------------- Definition

  it('D001: an operation input that collects a credential', () => {
    for (const key of ['api_key', 'api_token', 'user_password']) {
      expect(
        idsAfter((app) => {
          create(app).operation.inputFields!.push({
            key,
            label: 'Other Credential',
            helpText: 'A credential of the other tool.',
          });
        }),
      ).toEqual(['D001']);
    }
    expect(
      idsAfter((app) => {
        create(app).operation.inputFields!.push({
          key: 'tag_name',
          label: 'Tag Name',
          helpText: 'A tag for the item.',
        });
      }),
    ).toEqual([]);
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

  it('D003: no connection label, a constant one, or one that shows a credential', () => {
    const label = (connectionLabel: unknown) =>
      idsAfter((app) => {
        app.authentication!.connectionLabel = connectionLabel;
      });
    expect(label(undefined)).toEqual(['D003']);
    expect(label('Acme')).toEqual(['D003']);
    expect(label('{{bundle.authData.api_key}}')).toEqual(['D003']);
    expect(label('{{token}}')).toEqual(['D003']);
    expect(
      label(
        (_z: unknown, bundle: { authData: { api_key: string } }) =>
          `Key ${bundle.authData.api_key.slice(-4)}`,
      ),
    ).toEqual(['D003']);
    expect(label('{{user}} @ {{team}}')).toEqual([]);
  });

  it('D004: an ID input without a dynamic dropdown (a search alone is none); CRM ids are exempt', () => {
    expect(
      idsAfter((app) => {
        delete input(app, 'create_item', 'parent_id').dynamic;
      }),
    ).toEqual(['D004']);
    expect(
      idsAfter((app) => {
        create(app).operation.inputFields!.push({
          key: 'salesforce_contact_id',
          label: 'Salesforce Contact ID',
          helpText: 'The Contact record in Salesforce.',
        });
      }),
    ).toEqual([]);
  });

  it('D005: a dynamic dropdown naming a trigger, or trigger output, that does not exist', () => {
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
  });

  it('D006: a hook trigger without performList', () => {
    expect(
      idsAfter((app) => {
        delete event(app).operation.performList;
      }),
    ).toEqual(['D006']);
  });

  it('D007: a static URL over http', () => {
    expect(
      idsAfter((app) => {
        app.authentication!.test = { url: 'http://api.example.com/me' };
      }),
    ).toEqual(['D007']);
    expect(
      idsAfter((_app, context) => {
        context.listing = { ...context.listing, homepage: 'http://acme.example.com' };
      }),
    ).toEqual(['D007']);
  });

  it('D008: a bare URL or a broken markdown link; a URL in backticks is fine', () => {
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
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').helpText = 'See [Google(https://google.com).';
      }),
    ).toEqual(['D008']);
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').helpText =
          'Shown at `https://acme.example.com/items/<name>`, up to 80 characters.';
      }),
    ).toEqual([]);
  });

  it('D009: a search without input fields', () => {
    expect(
      idsAfter((app) => {
        app.searches!.find_item!.operation.inputFields = [];
      }),
    ).toEqual(['D009']);
  });

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

  it('D011: help text that is the label again', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').helpText = 'name.';
      }),
    ).toEqual(['D011']);
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

  it('D013: a search connector naming a search, or search output, that does not exist', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'parent_id').search = 'find_items.id';
      }),
    ).toEqual(['D013']);
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'parent_id').search = 'find_item.uuid';
      }),
    ).toEqual(['D013']);
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
    expect(
      idsAfter((app) => {
        app.searchOrCreates!.find_item!.create = 'create_items';
      }),
    ).toEqual(['D015']);
    expect(
      idsAfter((app) => {
        app.searchOrCreates!.find_item!.search = 'find_items';
      }),
    ).toEqual(['D015']);
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

  it('D018: an operation label not in title case', () => {
    expect(
      idsAfter((app) => {
        event(app).display.label = 'New event';
      }),
    ).toEqual(['D018']);
    expect(
      idsAfter((app) => {
        app.searchOrCreates!.find_item!.display.label = 'Find or create item';
      }),
    ).toEqual(['D018']);
    expect(titleCaseProblems('From (Custom Period)')).toEqual([]);
    expect(titleCaseProblems('Ignore Changes Made by Zapier')).toEqual([]);
    expect(titleCaseProblems('Follow-up Owner Email')).toEqual([]);
    expect(titleCaseProblems('Themes for HubSpot and NPS (0-10)')).toEqual([]);
    expect(titleCaseProblems('Break Down by')).toEqual(['by']);
    expect(titleCaseProblems('Identify contact by')).toEqual(['contact', 'by']);
  });

  it('D021: a trigger description not starting "Triggers when " or not ending with "."', () => {
    expect(
      idsAfter((app) => {
        event(app).display.description = 'Fires when something happens.';
      }),
    ).toEqual(['D021']);
    expect(
      idsAfter((app) => {
        event(app).display.description = "Triggers whenever there's a new event.";
      }),
    ).toEqual(['D021']);
    expect(
      idsAfter((app) => {
        event(app).display.description = 'Triggers when something happens';
      }),
    ).toEqual(['D021']);
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

  it('D025: a URL with a scheme that can run code', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').helpText = 'See [this](javascript:alert(1)).';
      }),
    ).toEqual(['D025']);
  });

  it('D026: an authentication field asking for a domain, or using inputFormat', () => {
    expect(
      idsAfter((app) => {
        app.authentication!.fields!.push({
          key: 'subdomain',
          label: 'Subdomain',
          helpText:
            'The part before .acme.example.com, see [Workspaces](https://acme.example.com/w).',
        });
      }),
    ).toEqual(['D026']);
    expect(
      idsAfter((app) => {
        app.authentication!.fields!.push({
          key: 'workspace',
          label: 'Workspace',
          inputFormat: 'https://{{input}}.acme.example.com',
          helpText: 'Your workspace, see [Workspaces](https://acme.example.com/w).',
        } as Field);
      }),
    ).toEqual(['D026']);
  });

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

  // -------------------------------------------------------------------------------- Marketing

  it('M001: no category, or a display name instead of the slug register --category takes', () => {
    const category = (value: unknown) =>
      idsAfter((_app, context) => {
        context.listing = { ...context.listing, category: value };
      });
    expect(category('')).toEqual(['M001']);
    expect(category(undefined)).toEqual(['M001']);
    expect(category('Forms & Surveys')).toEqual(['M001']);
    expect(category('marketing-automation')).toEqual([]);
  });

  it('M002: a description out of 40-140 characters, with "Zapier" or "sync", or not "<name> is a"', () => {
    const describe = (description: string) =>
      idsAfter((_app, context) => {
        context.listing = { ...context.listing, description };
      });
    expect(describe('Acme Feedback is a tool.')).toEqual(['M002']);
    expect(describe(`Acme Feedback is a ${'very '.repeat(30)}good tool.`)).toEqual(['M002']);
    expect(
      describe('Acme Feedback is a survey tool that sends your NPS answers to Zapier.'),
    ).toEqual(['M002']);
    expect(describe('Acme Feedback is a survey tool that syncs NPS answers to your CRM.')).toEqual([
      'M002',
    ]);
    expect(
      describe('A survey tool that measures customer loyalty with NPS and AI themes.'),
    ).toEqual(['M002']);
    expect(describe('Acme Feedback is a survey tool. It asks. It scores. It tells.')).toEqual([
      'M002',
    ]);
    expect(
      idsAfter((_app, context) => {
        context.listing = null;
      }),
    ).toEqual(['M002']);
  });

  it('M003: a role other than employee or contractor', () => {
    const role = (value: unknown) =>
      idsAfter((_app, context) => {
        context.listing = { ...context.listing, role: value };
      });
    expect(role('user')).toEqual(['M003']);
    expect(role(undefined)).toEqual(['M003']);
    expect(role('contractor')).toEqual([]);
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

  it('M006: no homepage URL', () => {
    expect(
      idsAfter((_app, context) => {
        context.listing = { ...context.listing, homepage: '' };
      }),
    ).toEqual(['M006']);
  });

  // -------------------------------------------------------------------------------- Own rules

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

  it('X003: a listing without a title, an audience register takes, or a support contact', () => {
    const listing = (change: Record<string, unknown>) =>
      idsAfter((_app, context) => {
        context.listing = { ...context.listing, ...change };
      });
    expect(listing({ audience: 'public' })).toEqual(['X003']);
    expect(listing({ support: 'call us' })).toEqual(['X003']);
    expect(
      listing({
        name: 'A',
        description: 'A is a survey tool that measures customer loyalty with NPS.',
      }),
    ).toEqual(['X003']);
    expect(listing({ audience: 'private', support: 'https://acme.example.com/help' })).toEqual([]);
  });

  it('X004: a secret authentication field that is not a password field', () => {
    expect(
      idsAfter((app) => {
        app.authentication!.fields![0]!.type = 'string';
      }),
    ).toEqual(['X004']);
  });

  it('X005: an input optional in the published version made required', () => {
    expect(
      idsAfter(
        (app) => {
          input(app, 'create_item', 'parent_id').required = true;
        },
        { compatibility: true },
      ),
    ).toEqual(['X005']);
  });

  it('X006: help text that only repeats the label with filler words', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').helpText = 'Enter the name.';
      }),
    ).toEqual(['X006']);
  });

  it('X007: a field label not in title case', () => {
    expect(
      idsAfter((app) => {
        input(app, 'create_item', 'name').label = 'From (custom period)';
      }),
    ).toEqual(['X007']);
    expect(
      idsAfter((app) => {
        event(app).operation.outputFields![2] = { key: 'ok', label: 'Is ok', type: 'boolean' };
      }),
    ).toEqual(['X007']);
  });

  it('X008: a search or create description without a full stop', () => {
    expect(
      idsAfter((app) => {
        create(app).display.description = 'Creates an item';
      }),
    ).toEqual(['X008']);
  });
});

describe('accepted findings', () => {
  const accepted: Accepted[] = [
    { id: 'D028', place: 'app flags.cleanInputData', reason: 'kept on purpose' },
  ];

  it('keeps an accepted finding out of the failing ones, with its reason', () => {
    const app = passingApp();
    app.flags = { cleanInputData: true };
    const findings = lint({ ...passingContext(app), snapshot: null });
    expect(review(findings, accepted)).toEqual({
      failing: [],
      accepted: [expect.objectContaining({ id: 'D028', reason: 'kept on purpose' })],
      stale: [],
    });
  });

  it('fails other findings, and names an accepted entry that matches no finding any more', () => {
    const app = passingApp();
    delete event(app).operation.performList;
    const findings = lint({ ...passingContext(app), snapshot: null });
    const result = review(findings, accepted);
    expect(result.failing.map((finding) => finding.id)).toEqual(['D006']);
    expect(result.stale).toEqual(accepted);
  });
});
