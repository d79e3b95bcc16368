/**
 * Parameters: connection and webhook parameters, module static parameters (`*.static-params`),
 * mappable parameters (`*.mappable-params`, Make's "expect"), RPC parameters, and the module
 * interface (`*.interface`, output fields, same syntax).
 *
 * From Make's "Parameters" pages (block-elements/parameters/*) and the Apps Editor's
 * `parameters.json`. Make has no `string` type: text is `text`. On top of the published schema we
 * require what makes a field usable: a `name` in every list (except for banners), unique names per level, and
 * `options` on a `select`.
 */
import { z } from 'zod';
import { imlString } from './iml.js';

export const PARAMETER_TYPES = [
  'any',
  'array',
  'boolean',
  'buffer',
  'cert',
  'collection',
  'color',
  'date',
  'email',
  'filename',
  'folder',
  'file',
  'filter',
  'hidden',
  'json',
  'integer',
  'uinteger',
  'number',
  'password',
  'path',
  'pkey',
  'port',
  'select',
  'text',
  'time',
  'timestamp',
  'timezone',
  'url',
  'uuid',
  'banner',
  'udt',
] as const;

const label = z.string().min(1).max(256);

const option = z
  .strictObject({
    label: label.optional(),
    value: z.unknown().optional(),
    description: z.string().optional(),
    nested: z.lazy(() => nested).optional(),
    default: z.boolean().optional(),
    short: z.string().optional(),
  })
  .refine((o) => 'value' in o && o.value !== undefined, { message: 'an option needs a value' });
const options = z.array(option);
const optionGroups = z.array(z.strictObject({ label, options }));

/** `nested`: parameters shown under a choice, or an RPC url, or `{store, domain}`. */
const nested: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string(),
    parameterList,
    z.strictObject({
      store: z.union([z.string(), parameterList]),
      domain: z.string().optional(),
    }),
  ]),
);

const selectOptions = z.union([
  options,
  optionGroups,
  z.string(),
  z.strictObject({
    store: z.union([z.string(), options, optionGroups]).optional(),
    label: z.string().optional(),
    value: z.string().optional(),
    default: z.string().optional(),
    learning: z.boolean().optional(),
    placeholder: z
      .union([
        z.string(),
        z.strictObject({ label: z.string().optional(), nested: nested.optional() }),
      ])
      .optional(),
    nested: nested.optional(),
    operators: optionGroups.optional(),
    logic: z.string().optional(),
    scope: z.union([z.array(z.string()), z.record(z.string(), z.array(z.string()))]).optional(),
    ids: z.boolean().optional(),
    showRoot: z.boolean().optional(),
    singleLevel: z.boolean().optional(),
  }),
]);

const arrayValidate = z.union([
  z.boolean(),
  z.strictObject({
    minItems: z.number().int().optional(),
    maxItems: z.number().int().optional(),
    enum: z.array(z.unknown()).optional(),
  }),
]);
const scalarValidate = z.union([
  z.boolean(),
  z.strictObject({
    max: z.number().optional(),
    min: z.number().optional(),
    minItems: z.number().int().optional(),
    maxItems: z.number().int().optional(),
    pattern: z.string().optional(),
  }),
]);

const parameterObject = z
  .strictObject({
    name: z.string().min(1).max(128).optional(),
    label: label.optional(),
    help: z.string().min(1).optional(),
    type: z.union([z.enum(PARAMETER_TYPES), imlString]),
    semantic: z.string().min(1).optional(),
    default: z.unknown().optional(),
    advanced: z.boolean().optional(),
    required: z.boolean().optional(),
    grouped: z.boolean().optional(),
    dynamic: z.boolean().optional(),
    multiline: z.boolean().optional(),
    sort: z.string().optional(),
    sequence: z.boolean().optional(),
    schema: z.unknown().optional(),
    tags: z.union([z.enum(['strip', 'stripall', 'escape']), imlString]).optional(),
    coder: z.boolean().optional(),
    multiple: z.boolean().optional(),
    visible: z.string().optional(),
    convert: z
      .strictObject({
        type: z.string(),
        format: z.string().optional(),
        timezone: z.string().optional(),
        name: z.string().optional(),
        label: z.string().optional(),
        names: z
          .union([
            z.string(),
            z.array(z.strictObject({ name: z.string(), label: z.string().optional() })),
          ])
          .optional(),
      })
      .optional(),
    editable: z
      .union([
        z.boolean(),
        z.strictObject({ enabled: z.boolean(), help: z.string().min(1).optional() }),
      ])
      .optional(),
    mappable: z.union([z.boolean(), z.strictObject({ help: z.string().min(1) })]).optional(),
    time: z.boolean().optional(),
    rpc: z
      .strictObject({
        url: z.string(),
        label: z.string(),
        parameters: z.lazy(() => parameterList).optional(),
      })
      .optional(),
    mode: z.union([z.enum(['edit', 'choose']), imlString]).optional(),
    labels: z.record(z.string(), z.unknown()).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    spec: z.lazy(() => z.union([parameter, parameterList])).optional(),
    codepage: z.string().optional(),
    pattern: z.string().optional(),
    nested: nested.optional(),
    options: selectOptions.optional(),
    extension: z.union([z.string(), z.array(z.string())]).optional(),
    validate: z.unknown().optional(),
    title: z.string().optional(),
    text: z.string().optional(),
    closable: z.boolean().optional(),
    theme: z.string().optional(),
    badge: z.string().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.validate !== undefined) {
      const result = (p.type === 'array' ? arrayValidate : scalarValidate).safeParse(p.validate);
      if (!result.success) {
        ctx.addIssue({ code: 'custom', path: ['validate'], message: 'invalid validate for type' });
      }
    }
    if (p.type === 'select' && p.options === undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a select needs options' });
    }
  });

/** One parameter: an object, or a string (an RPC reference such as `rpc://listSurveys`). */
export const parameter: z.ZodType<unknown> = z.union([z.string(), parameterObject]);

/**
 * A list of parameters (fields of a form, of a collection's `spec`, of an interface): each object
 * has a name, except banners, and names are unique. (An array's item `spec` is a single parameter
 * and needs no name.)
 */
export const parameterList: z.ZodType<unknown[]> = z.array(parameter).superRefine((list, ctx) => {
  const seen = new Set<string>();
  for (const [i, p] of list.entries()) {
    if (typeof p !== 'object' || p === null) continue;
    const name = 'name' in p ? p.name : undefined;
    const type = 'type' in p ? p.type : undefined;
    if (typeof name !== 'string') {
      if (type !== 'banner')
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'a parameter needs a name' });
      continue;
    }
    if (seen.has(name))
      ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate name "${name}"` });
    seen.add(name);
  }
});

/** A parameters file: a list, or one string (parameters loaded from an RPC). */
export const parameters = z.union([parameterList, z.string().min(1)]);

/** Interface (output fields): always a list. */
export const moduleInterface = parameterList;
