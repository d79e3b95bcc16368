/**
 * The shape of a built Zapier app definition as the lint reads it: plain data, loosely typed
 * (the lint must also read broken definitions, so nothing here is trusted).
 */

export interface Field {
  key: string;
  label?: string;
  helpText?: string;
  type?: string;
  required?: boolean;
  list?: boolean;
  dict?: boolean;
  dynamic?: string;
  search?: string;
  choices?: unknown;
  children?: Field[];
  altersDynamicFields?: boolean;
  primary?: boolean;
  computed?: boolean;
}

/** An input field as declared: a field object, or a function that returns fields at run time. */
export type InputField = Field | ((...args: never[]) => unknown);

export interface Operation {
  type?: string;
  inputFields?: InputField[];
  outputFields?: Array<Field | ((...args: never[]) => unknown)>;
  sample?: Record<string, unknown>;
  perform?: unknown;
  performList?: unknown;
  performSubscribe?: unknown;
  performUnsubscribe?: unknown;
  canPaginate?: boolean;
  [key: string]: unknown;
}

export interface Action {
  key: string;
  noun?: string;
  display: { label?: string; description?: string; hidden?: boolean; important?: boolean };
  operation: Operation;
}

export interface SearchOrCreate {
  key: string;
  display: { label?: string; description?: string };
  search: string;
  create: string;
}

export interface Authentication {
  type?: string;
  fields?: Field[];
  test?: unknown;
  connectionLabel?: unknown;
}

export interface AppDefinition {
  version?: string;
  platformVersion?: string;
  authentication?: Authentication;
  triggers?: Record<string, Action>;
  searches?: Record<string, Action>;
  creates?: Record<string, Action>;
  searchOrCreates?: Record<string, SearchOrCreate>;
  [key: string]: unknown;
}

export type Kind = 'trigger' | 'search' | 'create';
export const KINDS: ReadonlyArray<readonly [Kind, 'triggers' | 'searches' | 'creates']> = [
  ['trigger', 'triggers'],
  ['search', 'searches'],
  ['create', 'creates'],
];

/** Every operation with its kind, in a stable order. */
export const operations = (
  app: AppDefinition,
): Array<{ kind: Kind; key: string; action: Action }> =>
  KINDS.flatMap(([kind, group]) =>
    Object.entries(app[group] ?? {}).map(([key, action]) => ({ kind, key, action })),
  );

export const isField = (field: unknown): field is Field =>
  typeof field === 'object' && field !== null && typeof (field as Field).key === 'string';

/** The static input fields (functions are resolved by the caller, see load.ts). */
export const staticFields = (fields: readonly unknown[] = []): Field[] => fields.filter(isField);
