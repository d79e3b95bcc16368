/**
 * `makecomapp.json`, the root of an app laid out for the Make Apps Editor's local development
 * ("Local development for Apps" in Make's developer docs; shape from the extension's
 * `syntaxes/local-development/schemas/makecomapp.schema.json`). Every object refuses unknown keys,
 * as that schema does.
 */
import { z } from 'zod';

export const COMPONENT_TYPES = [
  'connection',
  'webhook',
  'module',
  'rpc',
  'function',
  'endpoint',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

export const MODULE_TYPES = [
  'action',
  'instant_trigger',
  'responder',
  'search',
  'trigger',
  'universal',
] as const;
export type ModuleType = (typeof MODULE_TYPES)[number];

/** The code files of an OAuth connection (a basic one has the first three). */
export const CONNECTION_CODE_TYPES = [
  'communication',
  'params',
  'common',
  'scopeList',
  'defaultScope',
  'installSpec',
  'installDirectives',
] as const;

export const CODE_TYPES = [
  ...CONNECTION_CODE_TYPES,
  'attach',
  'detach',
  'update',
  'requiredScope',
  'epoch',
  'staticParams',
  'mappableParams',
  'interface',
  'samples',
  'scope',
  'code',
  'test',
  'inputParameters',
  'outputParameters',
  'context',
] as const;
export type CodeType = (typeof CODE_TYPES)[number];

/** A code file path, relative to makecomapp.json; `null` = not managed locally. */
const codePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').includes('..'), {
    message: 'a relative POSIX path inside the app',
  })
  .nullable();

const codeFiles = z.partialRecord(z.enum(CODE_TYPES), codePath);

export const componentMetadata = z.strictObject({
  label: z.string().optional(),
  description: z.string().optional(),
  connectionType: z.enum(['basic', 'oauth']).optional(),
  webhookType: z.enum(['web', 'web-shared']).optional(),
  moduleType: z.enum(MODULE_TYPES).optional(),
  actionCrud: z.enum(['create', 'read', 'update', 'delete']).nullable().optional(),
  connection: z.string().nullable().optional(),
  altConnection: z.string().nullable().optional(),
  webhook: z.string().nullable().optional(),
  attachedAccounts: z.array(z.string()).optional(),
  annotations: z
    .strictObject({
      readOnlyHint: z.boolean().optional(),
      destructiveHint: z.boolean().optional(),
      idempotentHint: z.boolean().optional(),
      openWorldHint: z.boolean().optional(),
    })
    .optional(),
  codeFiles,
});
export type ComponentMetadata = z.infer<typeof componentMetadata>;

const components = z.record(z.string(), componentMetadata.nullable());

const idMappingItem = z.strictObject({
  local: z.string().nullable(),
  remote: z.string().nullable(),
  localDeleted: z.boolean().optional(),
  nonOwnedByApp: z.boolean().optional(),
});

const origin = z.strictObject({
  label: z
    .string()
    .refine((s) => !s.startsWith('-FILL-ME-'), { message: 'fill in the origin label' })
    .optional(),
  baseUrl: z.url().regex(/^https:\/\/(.*)\/api$/, 'e.g. https://eu1.make.com/api'),
  appId: z.string().regex(/^[a-z][0-9a-z-]+[0-9a-z]$/),
  idMapping: z
    .strictObject({
      connection: z.array(idMappingItem),
      webhook: z.array(idMappingItem),
      module: z.array(idMappingItem),
      rpc: z.array(idMappingItem),
      function: z.array(idMappingItem),
      endpoint: z.array(idMappingItem),
    })
    .optional(),
  appVersion: z.number(),
  apikeyFile: z
    .string()
    .refine((s) => !s.includes(' - OR FILL'), { message: 'fill in apikeyFile' }),
});

export const makecomapp = z.strictObject({
  fileVersion: z.number(),
  generalCodeFiles: z.strictObject({
    base: codePath,
    common: codePath,
    readme: codePath,
    groups: codePath,
  }),
  components: z.strictObject({
    connection: components,
    webhook: components,
    module: components,
    rpc: components,
    function: components,
    endpoint: components,
  }),
  origins: z.array(origin),
});
export type Makecomapp = z.infer<typeof makecomapp>;
