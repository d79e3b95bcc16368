/**
 * The file types of Make's documentation as this repository checks them (schemas in ./schemas,
 * written from the pages listed in docs/make.md), exercised on a small fixture app
 * (./fixtures/app) and on files that Make would refuse. ./files.test.ts applies them to make/.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { checkApp } from './schemas/check-app.js';
import {
  base,
  communication,
  connectionCommunication,
  instantTriggerCommunication,
  webhookAttach,
  webhookCommunication,
  webhookDetach,
} from './schemas/communication.js';
import { groups, makecomapp, samples, scope } from './schemas/index.js';
import { moduleInterface, parameters } from './schemas/parameters.js';

const fixtureApp = fileURLToPath(new URL('./fixtures/app/', import.meta.url));

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

// ------------------------------------------------------------------------------ fixture app

describe('Make file checks on the fixture app', () => {
  it('a complete app (connection, attached webhook, every module type, RPC) passes', () => {
    const { problems, files } = checkApp(fixtureApp);
    expect(problems).toEqual([]);
    expect(files.size).toBeGreaterThan(30);
  });

  /** Copies the fixture, lets `mutate` break it, and returns the problems found. */
  function problemsAfter(mutate: (dir: string, manifest: Record<string, unknown>) => void) {
    const dir = mkdtempSync(join(tmpdir(), 'make-app-'));
    try {
      cpSync(fixtureApp, dir, { recursive: true });
      const manifest = readJson(join(dir, 'makecomapp.json'));
      mutate(dir, manifest);
      writeFileSync(join(dir, 'makecomapp.json'), JSON.stringify(manifest, null, 2));
      return checkApp(dir).problems.join('\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  type Manifest = {
    components: Record<
      string,
      Record<string, Record<string, unknown> & { codeFiles: Record<string, string> }>
    >;
  } & Record<string, unknown>;
  const m = (manifest: Record<string, unknown>) => manifest as Manifest;
  const moduleOf = (manifest: Record<string, unknown>, id: string) => {
    const found = m(manifest).components.module?.[id];
    if (!found) throw new Error(`fixture has no module ${id}`);
    return found;
  };

  it.each<[string, (dir: string, manifest: Record<string, unknown>) => void, string]>([
    [
      'a referenced file that does not exist',
      (dir) => rmSync(join(dir, 'modules/find-item/find-item.samples.iml.json')),
      'find-item.samples.iml.json does not exist',
    ],
    [
      'a code file nobody references',
      (dir) => writeFileSync(join(dir, 'modules/find-item/find-item.extra.iml.json'), '{}'),
      'find-item.extra.iml.json is not referenced',
    ],
    [
      'a file that is JSON with comments',
      (dir) =>
        writeFileSync(join(dir, 'modules/find-item/find-item.samples.iml.json'), '{ // x\n}'),
      'not plain JSON',
    ],
    [
      'a file named differently from the Apps Editor',
      (dir, manifest) => {
        const from = 'modules/find-item/find-item.samples.iml.json';
        const to = 'modules/find-item/samples.json';
        cpSync(join(dir, from), join(dir, to));
        rmSync(join(dir, from));
        moduleOf(manifest, 'findItem').codeFiles.samples = to;
      },
      'the Apps Editor uses modules/find-item/find-item.samples.iml.json',
    ],
    [
      'an instant trigger without its webhook',
      (_dir, manifest) => delete moduleOf(manifest, 'watchItems').webhook,
      'an instant trigger needs its webhook',
    ],
    [
      'a reference to a connection that does not exist',
      (_dir, manifest) => (moduleOf(manifest, 'findItem').connection = 'nope'),
      'connection "nope" is no connection of this app',
    ],
    [
      'an epoch on a module that is no polling trigger',
      (dir, manifest) => {
        const path = 'modules/find-item/find-item.epoch.iml.json';
        cpSync(join(dir, 'modules/list-items/list-items.epoch.iml.json'), join(dir, path));
        moduleOf(manifest, 'findItem').codeFiles.epoch = path;
      },
      'no epoch file on this kind',
    ],
    [
      'a module without its interface',
      (dir, manifest) => {
        rmSync(join(dir, 'modules/find-item/find-item.interface.iml.json'));
        delete moduleOf(manifest, 'findItem').codeFiles.interface;
      },
      'interface file missing',
    ],
    [
      'a module id Make refuses',
      (_dir, manifest) => {
        const modules = m(manifest).components.module ?? {};
        modules['find-item'] = moduleOf(manifest, 'findItem');
        delete modules.findItem;
      },
      'id does not match',
    ],
    [
      'an unbalanced IML expression',
      (dir) =>
        writeFileSync(
          join(dir, 'rpcs/list-folders/list-folders.communication.iml.json'),
          JSON.stringify({ url: '/folders/{{parameters.id', method: 'GET' }),
        ),
      'unbalanced {{ }}',
    ],
    [
      'a group naming a module that does not exist',
      (dir) =>
        writeFileSync(
          join(dir, 'modules/groups.json'),
          JSON.stringify([{ label: 'Items', modules: ['watchItems', 'ghost'] }]),
        ),
      '"ghost" in "Items" is no module',
    ],
    [
      'an attach without detach',
      (dir, manifest) => {
        rmSync(join(dir, 'webhooks/new-item/new-item.detach.iml.json'));
        delete m(manifest).components.webhook?.newItem?.codeFiles.detach;
      },
      'attach and detach go together',
    ],
  ])('refuses %s', (_name, mutate, expected) => {
    expect(problemsAfter(mutate)).toContain(expected);
  });
});

// ----------------------------------------------------------------------- one schema at a time

describe('Make file types refuse what Make refuses', () => {
  /** A makecomapp.json with every component type, none of them used, and no origin. */
  const manifest = (change: Record<string, unknown> = {}) => ({
    fileVersion: 1,
    generalCodeFiles: { base: null, common: null, readme: null, groups: null },
    components: { connection: {}, webhook: {}, module: {}, rpc: {}, function: {}, endpoint: {} },
    origins: [],
    ...change,
  });
  const origin = { appId: 'nps-app', appVersion: 1, apikeyFile: 'k' };

  const cases: [string, z.ZodType<unknown>, unknown, unknown][] = [
    // [what, schema, a valid value, an invalid value]
    [
      'communication: POST needs a body',
      communication,
      { url: '/surveys', method: 'POST', body: {} },
      { url: '/surveys', method: 'POST' },
    ],
    [
      'communication: unknown directive',
      communication,
      { url: '/surveys', response: { output: '{{body}}' } },
      { url: '/surveys', reponse: { output: '{{body}}' } },
    ],
    [
      'communication: headers are flat',
      communication,
      { url: '/x', headers: { 'X-A': '{{parameters.a}}' } },
      { url: '/x', headers: { 'X-A': { nested: true } } },
    ],
    [
      'communication: a per-status error needs a message',
      communication,
      { url: '/x', response: { error: { message: 'm', '404': { message: 'Not found.' } } } },
      { url: '/x', response: { error: { message: 'm', '404': { type: 'DataError' } } } },
    ],
    [
      'communication: error types are Make’s',
      communication,
      { url: '/x', response: { error: { message: 'm', type: 'RateLimitError' } } },
      { url: '/x', response: { error: { message: 'm', type: 'Throttled' } } },
    ],
    [
      'communication: a date trigger names its date',
      communication,
      {
        url: '/x',
        response: {
          trigger: { type: 'date', order: 'desc', id: '{{item.id}}', date: '{{item.at}}' },
        },
      },
      { url: '/x', response: { trigger: { type: 'date', order: 'desc', id: '{{item.id}}' } } },
    ],
    [
      'connection: no output',
      connectionCommunication,
      { url: '/me', response: { metadata: { type: 'text', value: '{{body.name}}' } } },
      { url: '/me', response: { output: '{{body}}' } },
    ],
    ['connection: a single request', connectionCommunication, { url: '/me' }, [{ url: '/me' }]],
    [
      'instant trigger: no pagination',
      instantTriggerCommunication,
      {},
      { url: '/x', pagination: { condition: false } },
    ],
    [
      'webhook: only its own directives',
      webhookCommunication,
      { respond: { status: 200, body: { ok: true } }, output: '{{body.data}}' },
      { url: '/x', output: '{{body}}' },
    ],
    [
      'webhook: respond type',
      webhookCommunication,
      { respond: { type: 'text', body: 'ok' } },
      { respond: { type: 'xml', body: 'ok' } },
    ],
    [
      'attach: saves the remote id',
      webhookAttach,
      {
        url: '/webhooks',
        method: 'POST',
        body: { url: '{{webhook.url}}' },
        response: { data: { id: '{{body.id}}' } },
      },
      { url: '/webhooks', method: 'POST', body: { url: '{{webhook.url}}' } },
    ],
    [
      'detach: has a url',
      webhookDetach,
      { url: '/webhooks/{{webhook.id}}', method: 'DELETE' },
      { method: 'DELETE' },
    ],
    [
      'base: timeout at most 300 s',
      base,
      { baseUrl: 'https://api.example.com', timeout: 300000 },
      { baseUrl: 'https://api.example.com', timeout: 300001 },
    ],
    [
      'base: log has only sanitize',
      base,
      { log: { sanitize: ['request.headers.authorization'] } },
      { log: { sanitize: ['request.headers.authorization'], level: 'debug' } },
    ],
    [
      'parameters: Make has no "string" type',
      parameters,
      [{ name: 'a', type: 'text' }],
      [{ name: 'a', type: 'string' }],
    ],
    [
      'parameters: names are unique',
      parameters,
      [
        { name: 'a', type: 'text' },
        { name: 'b', type: 'text' },
      ],
      [
        { name: 'a', type: 'text' },
        { name: 'a', type: 'number' },
      ],
    ],
    [
      'parameters: a select has options with values',
      parameters,
      [{ name: 's', type: 'select', options: [{ label: 'A', value: 'a' }] }],
      [{ name: 's', type: 'select', options: [{ label: 'A' }] }],
    ],
    [
      'parameters: every field has a name',
      parameters,
      [{ type: 'banner', title: 'Note' }],
      [{ type: 'text', label: 'Nameless' }],
    ],
    [
      'parameters: array validation keys',
      parameters,
      [{ name: 'l', type: 'array', validate: { maxItems: 3 } }],
      [{ name: 'l', type: 'array', validate: { max: 3 } }],
    ],
    [
      'parameters: nested fields are checked too',
      parameters,
      [{ name: 'c', type: 'collection', spec: [{ name: 'x', type: 'integer' }] }],
      [{ name: 'c', type: 'collection', spec: [{ name: 'x', type: 'int' }] }],
    ],
    [
      'interface: a list, not an object',
      moduleInterface,
      [{ name: 'id', type: 'text', label: 'ID' }],
      { id: { type: 'text' } },
    ],
    ['samples: one bundle', samples, { id: 'r_1' }, [{ id: 'r_1' }]],
    ['scope: strings', scope, ['responses:read'], ['']],
    [
      'groups: label and modules only',
      groups,
      [{ label: 'Responses', modules: ['findResponse'] }],
      [{ label: 'Responses', modules: ['findResponse'], icon: 'x' }],
    ],
    [
      'makecomapp.json: origin baseUrl ends in /api',
      makecomapp,
      manifest({ origins: [{ ...origin, baseUrl: 'https://eu1.make.com/api' }] }),
      manifest({ origins: [{ ...origin, baseUrl: 'https://eu1.make.com' }] }),
    ],
    [
      'makecomapp.json: every component type is listed',
      makecomapp,
      manifest(),
      manifest({ components: { connection: {}, webhook: {}, module: {}, rpc: {} } }),
    ],
  ];

  it.each(cases)('%s', (_name, schema, good, bad) => {
    expect(schema.safeParse(good).error?.issues).toBeUndefined();
    expect(schema.safeParse(bad).success).toBe(false);
  });
});

// ------------------------------------------------------------------------ the generated app
