/**
 * Runs a search or a create (or a trigger's function) the way Zapier runs a step (issue 16, item
 * 2), so a test can only hand `perform` what Zapier would:
 *
 * 1. the operation's input fields are resolved through appTester, static fields and dynamic-field
 *    functions alike (core runs the operation's `inputFields`, as the CLI's `invoke` asks it), with
 *    the inputs given so far: their requests go to nock or to the sandbox like any other;
 * 2. the inputs are what a zap stores: text for a field, a list of texts for a list field, an
 *    object of texts for a dict field (anything else fails the test, not the app);
 * 3. empty inputs are removed (`flags.cleanInputData`, on by default: empty strings, null and
 *    empty lists and objects, recursively);
 * 4. the CLI's copy of production's parsing is applied to the remaining inputs by field type
 *    (`zapier-platform-cli/src/oclif/commands/invoke/input-types.js`, loaded as it ships):
 *    defaults filled in, integer/number/boolean/datetime fields parsed ("ten" → 0);
 * 5. each field's `meta` is handed back as `bundle.meta.inputFields[key]`;
 * 6. the operation's `perform` runs.
 */
import { createRequire } from 'node:module';
import { app, appTester, authData as defaultAuthData } from './app.js';

const require = createRequire(import.meta.url);

/**
 * appTester given the app's own inputFields array or perform function: core finds it on the app
 * and runs it by its method path, as for a Zapier request (its type only lists functions).
 */
const run = appTester as unknown as (
  method: unknown,
  bundle: unknown,
  clearZcacheBeforeUse?: boolean,
) => Promise<unknown>;

/** The CLI's `resolveInputDataTypes(inputData, inputFields, timezone)` (mutates inputData). */
const resolveInputDataTypes =
  require('zapier-platform-cli/src/oclif/commands/invoke/input-types.js') as (
    inputData: Record<string, unknown>,
    inputFields: readonly LoadedField[],
    timezone: string,
  ) => Record<string, unknown>;

/** A field as Zapier has it once the form is loaded. */
export interface LoadedField {
  key: string;
  label?: string;
  type?: string;
  list?: boolean;
  dict?: boolean;
  required?: boolean;
  default?: string;
  helpText?: string;
  choices?: unknown;
  meta?: Record<string, string | number | boolean>;
}

/** What a zap stores for one field: text, a list of texts, or key → text. */
export type ZapierValue = string | readonly string[] | Readonly<Record<string, string>>;
export type ZapierInput = Readonly<Record<string, ZapierValue>>;

export interface ZapierRunOptions {
  authData?: Record<string, string>;
  /** `bundle.meta` besides `inputFields`: the zap id, its time zone (parsing uses it, else UTC). */
  meta?: { zap?: { id: string | number }; timezone?: string | null } & Record<string, unknown>;
  /**
   * Without `meta` for the fields: `zapier-platform invoke` sets none, nor does a zap saved before
   * a field carried it. The fields still decide how Zapier parses the inputs.
   */
  withoutFieldMeta?: boolean;
  /** Empties appTester's z.cache before perform (a fresh run of a fresh zap). */
  clearCache?: boolean;
  /** A trigger's function to run instead of `perform` (its inputs are parsed the same way). */
  method?: 'perform' | 'performList' | 'performSubscribe';
  /** More of the bundle, for a trigger: `targetUrl`, `subscribeData`, a delivery's request. */
  bundle?: Record<string, unknown>;
}

export interface ZapierStep {
  /** The resolved input fields, in form order. */
  fields: LoadedField[];
  /** What perform receives. */
  bundle: {
    authData: Record<string, string>;
    inputData: Record<string, unknown>;
    meta: Record<string, unknown>;
  };
  perform<T = Record<string, unknown>>(): Promise<T>;
}

/** A search, create or trigger of the app (the imported definition itself). */
export interface Operation {
  key: string;
  operation: unknown;
}

interface Resolved {
  inputFields?: readonly unknown[];
  perform?: unknown;
  performList?: unknown;
  performSubscribe?: unknown;
}

/** The definition as the app holds it, so core finds its methods on the app. */
const inApp = (definition: Operation): Resolved => {
  for (const kind of ['creates', 'searches', 'triggers'] as const) {
    const found = (app[kind] as Record<string, Operation | undefined> | undefined)?.[
      definition.key
    ];
    if (found === definition) return found.operation as Resolved;
  }
  throw new Error(`${definition.key} is not an operation of the app`);
};

/** Empty strings, null, undefined and empty lists/objects removed, recursively. */
export const cleanInputData = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    const items = value.map(cleanInputData).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, cleanInputData(item)] as const)
      .filter(([, item]) => item !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value === '' || value === null || value === undefined ? undefined : value;
};

/** Fails the test when an input is not what a zap could store for its field. */
const checkDeliverable = (fields: readonly LoadedField[], input: ZapierInput): void => {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  for (const [key, value] of Object.entries(input)) {
    const field = byKey.get(key);
    const where = `input ${key}`;
    if (field?.list) {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
        throw new Error(`${where}: Zapier delivers a list field as a list of texts`);
      }
    } else if (field?.dict) {
      if (
        typeof value !== 'object' ||
        Array.isArray(value) ||
        Object.values(value).some((item) => typeof item !== 'string')
      ) {
        throw new Error(`${where}: Zapier delivers a dict field as key → text`);
      }
    } else if (typeof value !== 'string') {
      throw new Error(`${where}: Zapier delivers ${field ? 'a field' : 'a stored input'} as text`);
    }
  }
};

/** Resolves the fields and prepares the bundle; `perform()` then runs the step. */
export const zapierStep = async (
  definition: Operation,
  input: ZapierInput,
  options: ZapierRunOptions = {},
): Promise<ZapierStep> => {
  const operation = inApp(definition);
  const authData = options.authData ?? defaultAuthData;
  const zapMeta = { timezone: null, ...options.meta };
  const fields = (await run(operation.inputFields ?? [], {
    authData,
    inputData: { ...input },
    meta: zapMeta,
  })) as LoadedField[];
  checkDeliverable(fields, input);

  const cleaned = (cleanInputData(structuredClone(input)) ?? {}) as Record<string, unknown>;
  const zone = typeof zapMeta.timezone === 'string' && zapMeta.timezone ? zapMeta.timezone : 'UTC';
  const inputData = resolveInputDataTypes(cleaned, fields, zone);
  const meta: Record<string, unknown> = { ...zapMeta };
  if (!options.withoutFieldMeta) {
    meta.inputFields = Object.fromEntries(
      fields.filter((field) => field.meta).map((field) => [field.key, { ...field.meta }]),
    );
  }
  const bundle = { ...options.bundle, authData, inputData, meta };
  return {
    fields,
    bundle,
    perform: async <T>() =>
      (await run(
        operation[options.method ?? 'perform'],
        structuredClone(bundle),
        options.clearCache ?? false,
      )) as T,
  };
};

/** Resolves the fields, then runs perform: one step as Zapier runs it. */
export const runAsZapier = async <T = Record<string, unknown>>(
  definition: Operation,
  input: ZapierInput,
  options: ZapierRunOptions = {},
): Promise<T> => (await zapierStep(definition, input, options)).perform<T>();
