/**
 * The public surface of a definition: what users' zaps store and what a new version must keep
 * (definition.snapshot.json, checks C001-C003). Pure function of the definition; callers pass the
 * serialised definition (serialize.ts), so only static input fields count, as on Zapier's servers.
 */
import { operations, staticFields, type AppDefinition, type Kind } from './definition.js';

export interface SurfaceInput {
  required: boolean;
  type: string;
  list?: true;
  dict?: true;
}

export interface SurfaceOperation {
  hidden: boolean;
  inputs: Record<string, SurfaceInput>;
  outputs: string[];
  sample: string[];
}

export interface Surface {
  version: string;
  triggers: Record<string, SurfaceOperation>;
  searches: Record<string, SurfaceOperation>;
  creates: Record<string, SurfaceOperation>;
}

const GROUP: Record<Kind, 'triggers' | 'searches' | 'creates'> = {
  trigger: 'triggers',
  search: 'searches',
  create: 'creates',
};

const sortedObject = <T>(entries: Array<[string, T]>): Record<string, T> =>
  Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));

/**
 * Keys of a sample: its top-level keys, and `list[]key` for the keys of a list of objects (as
 * Zapier names line items). The contents of dict values (properties) are data, not surface.
 */
export const sampleKeys = (sample: unknown): string[] => {
  if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) return [];
  return Object.entries(sample as Record<string, unknown>).flatMap(([key, value]) => {
    const items = Array.isArray(value)
      ? value.filter((item): item is Record<string, unknown> => isPlainObject(item))
      : [];
    return items.length
      ? [key, ...new Set(items.flatMap((item) => Object.keys(item).map((sub) => `${key}[]${sub}`)))]
      : [key];
  });
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The surface of a definition: its static input fields only. Pass the serialised definition
 * (serializeDefinition): an input that moved into a dynamic-field function is then gone, which is
 * how Zapier's servers compare versions.
 */
export const surfaceOf = (app: AppDefinition): Surface => {
  const surface: Surface = {
    version: app.version ?? '0.0.0',
    triggers: {},
    searches: {},
    creates: {},
  };
  for (const group of ['triggers', 'searches', 'creates'] as const) {
    surface[group] = sortedObject(
      operations(app)
        .filter(({ kind }) => GROUP[kind] === group)
        .map(({ key, action }) => {
          const op = action.operation ?? {};
          const inputs = sortedObject(
            staticFields(op.inputFields).map((field) => {
              const input: SurfaceInput = {
                required: Boolean(field.required),
                type: field.dict ? 'dict' : (field.type ?? 'string'),
              };
              if (field.list) input.list = true;
              return [field.key, input] as [string, SurfaceInput];
            }),
          );
          return [
            key,
            {
              hidden: Boolean(action.display?.hidden),
              inputs,
              outputs: staticFields(op.outputFields as unknown[])
                .map((field) => field.key)
                .sort(),
              sample: sampleKeys(op.sample ?? {}).sort(),
            },
          ] as [string, SurfaceOperation];
        }),
    );
  }
  return surface;
};
