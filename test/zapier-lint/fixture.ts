/**
 * A small definition that passes every rule; each test breaks one thing in a copy of it and
 * reads what the whole lint finds then (idsAfter, findingsAfter).
 */
import type { AppDefinition, Field } from '../../zapier-lint/definition.js';
import { formatFinding, lint, type LintContext } from '../../zapier-lint/rules.js';
import { serializeDefinition } from '../../zapier-lint/serialize.js';
import { surfaceOf } from '../../zapier-lint/surface.js';

export const passingApp = (): AppDefinition => ({
  version: '1.2.0',
  platformVersion: '19.1.0',
  flags: { cleanInputData: false },
  authentication: {
    type: 'custom',
    fields: [
      {
        key: 'api_key',
        label: 'API Key',
        type: 'password',
        required: true,
        helpText: 'Create one under Settings. See [API keys](https://docs.example.com/api-keys).',
      },
    ],
    test: { url: 'https://api.example.com/me' },
    connectionLabel: '{{bundle.inputData.workspace_name}}',
  },
  triggers: {
    item: {
      key: 'item',
      noun: 'Item',
      display: { label: 'Items', description: 'Triggers when an item is added.', hidden: true },
      operation: {
        type: 'polling',
        perform: () => [],
        sample: { id: 'itm_1', name: 'First', created_at: '2026-11-20T09:14:03Z' },
        outputFields: [
          { key: 'id', label: 'Item ID', type: 'string' },
          { key: 'name', label: 'Item Name', type: 'string' },
          { key: 'created_at', label: 'Created At', type: 'datetime' },
        ],
      },
    },
    new_event: {
      key: 'new_event',
      noun: 'Event',
      display: { label: 'New Event', description: 'Triggers when something happens to an item.' },
      operation: {
        type: 'hook',
        perform: () => [],
        performList: () => [],
        performSubscribe: () => ({}),
        performUnsubscribe: () => ({}),
        inputFields: [
          {
            key: 'item_id',
            label: 'Item',
            dynamic: 'item.id.name',
            helpText: 'Only events of this item. Leave empty for all.',
          },
        ],
        sample: { id: 'evt_1', count: 3, ok: true, tags: ['a'], lines: [{ n: 1.5 }] },
        outputFields: [
          { key: 'id', label: 'Event ID', type: 'string' },
          { key: 'count', label: 'Count', type: 'integer' },
          { key: 'ok', label: 'Is OK', type: 'boolean' },
          { key: 'tags', label: 'Tags', type: 'string', list: true },
          { key: 'lines[]n', label: 'Line Amount', type: 'number' },
        ],
      },
    },
  },
  searches: {
    find_item: {
      key: 'find_item',
      noun: 'Item',
      display: { label: 'Find Item', description: 'Finds an item by name.' },
      operation: {
        perform: () => [],
        inputFields: [
          { key: 'name', label: 'Name', required: true, helpText: 'The exact name, e.g. First.' },
        ],
        sample: { id: 'itm_1', name: 'First' },
        outputFields: [{ key: 'id', label: 'Item ID', type: 'string' }],
      },
    },
  },
  creates: {
    create_item: {
      key: 'create_item',
      noun: 'Item',
      display: { label: 'Create Item', description: 'Creates an item.' },
      operation: {
        perform: () => ({}),
        inputFields: [
          {
            key: 'name',
            label: 'Name',
            required: true,
            helpText: 'Shown in lists, up to 80 characters.',
          },
          {
            key: 'parent_id',
            label: 'Parent Item',
            dynamic: 'item.id.name',
            search: 'find_item.id',
            helpText: 'The item this one belongs to.',
          },
        ],
        sample: { id: 'itm_2', name: 'Second' },
        outputFields: [{ key: 'id', label: 'Item ID', type: 'string' }],
      },
    },
  },
  searchOrCreates: {
    find_item: {
      key: 'find_item',
      display: { label: 'Find or Create Item', description: 'Finds an item, or creates it.' },
      search: 'find_item',
      create: 'create_item',
    },
  },
});

export const passingContext = (app: AppDefinition = passingApp()): LintContext => ({
  app,
  listing: {
    name: 'Acme Feedback',
    description: 'Acme Feedback is a survey tool that measures customer loyalty with NPS.',
    category: 'forms',
    homepage: 'https://acme.example.com',
    support: 'support@acme.example.com',
    audience: 'global',
    role: 'employee',
  },
  logo: { width: 256, height: 256, colorType: 6, bitDepth: 8 },
  snapshot: surfaceOf(serializeDefinition(passingApp())),
  platform: { core: '19.1.0', cli: '19.1.0' },
});

/** The ids found after `breakIt` changes a passing app (and context). */
export const idsAfter = (
  breakIt: (app: AppDefinition, context: LintContext) => void,
  options: { compatibility?: boolean } = {},
): string[] => [...new Set(lintAfter(breakIt, options).map((finding) => finding.id))];

/** The ids found after `change` is merged into the passing listing (listing/app.json). */
export const idsWithListing = (change: Record<string, unknown>): string[] =>
  idsAfter((_app, context) => {
    context.listing = { ...context.listing, ...change };
  });

/** The ids found after `field` is added to the inputs of the fixture's create. */
export const idsWithCreateInput = (field: Field): string[] =>
  idsAfter((app) => {
    create(app).operation.inputFields!.push(field);
  });

/** The printed findings after `breakIt`. */
export const findingsAfter = (
  breakIt: (app: AppDefinition, context: LintContext) => void,
  options: { compatibility?: boolean } = {},
): string[] => lintAfter(breakIt, options).map(formatFinding);

const lintAfter = (
  breakIt: (app: AppDefinition, context: LintContext) => void,
  options: { compatibility?: boolean },
) => {
  const app = passingApp();
  const context = passingContext(app);
  // C001-C003 and X005 only where a test is about compatibility: other breakages also change
  // the surface.
  if (!options.compatibility) context.snapshot = null;
  breakIt(app, context);
  return lint(context);
};

/** A static input field of the fixture's create. */
export const input = (app: AppDefinition, op: 'create_item', key: string): Field => {
  const field = (app.creates?.[op]?.operation.inputFields ?? []).find(
    (f) => typeof f !== 'function' && f.key === key,
  );
  if (!field || typeof field === 'function') throw new Error(`no field ${key}`);
  return field;
};
export const event = (app: AppDefinition) => app.triggers!.new_event!;
export const item = (app: AppDefinition) => app.triggers!.item!;
export const create = (app: AppDefinition) => app.creates!.create_item!;
