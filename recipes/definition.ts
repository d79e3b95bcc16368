/**
 * What the app's definition says about an operation a recipe uses: its label, its static input
 * fields (label, choices) and its output keys (output fields and sample). Read from the app as
 * Zapier loads it (index.ts), so the docs show the labels the app shows and a recipe that names
 * a key the app does not have is caught.
 */
import App from '../index.js';

export interface FieldInfo {
  key: string;
  label: string;
  type?: string;
  list?: boolean;
  dict?: boolean;
  /** value → label, when the field offers choices. */
  choices?: Record<string, string>;
}

export interface OperationInfo {
  kind: 'trigger' | 'search' | 'create';
  key: string;
  label: string;
  inputs: FieldInfo[];
  outputs: FieldInfo[];
  sample: Record<string, unknown>;
}

type Raw = Record<string, unknown>;

const choicesOf = (raw: unknown): Record<string, string> | undefined => {
  if (!raw) return undefined;
  if (Array.isArray(raw)) {
    return Object.fromEntries(
      raw.map((choice) =>
        typeof choice === 'string'
          ? [choice, choice]
          : [String((choice as Raw).value), String((choice as Raw).label)],
      ),
    );
  }
  if (typeof raw === 'object') return raw as Record<string, string>;
  return undefined;
};

const fieldInfo = (raw: Raw): FieldInfo => ({
  key: String(raw.key),
  label: String(raw.label ?? raw.key),
  type: raw.type === undefined ? undefined : String(raw.type),
  list: raw.list === true,
  dict: raw.dict === true,
  choices: choicesOf(raw.choices),
});

const GROUP = { trigger: 'triggers', search: 'searches', create: 'creates' } as const;

/** The operation, or undefined when the app has none by that key. */
export const operationInfo = (
  kind: OperationInfo['kind'],
  key: string,
): OperationInfo | undefined => {
  const group = (App as unknown as Record<string, Record<string, Raw> | undefined>)[GROUP[kind]];
  const entry = group?.[key];
  if (!entry) return undefined;
  const display = entry.display as Raw;
  const operation = entry.operation as Raw;
  const statics = (list: unknown): FieldInfo[] =>
    (Array.isArray(list) ? list : [])
      .filter((f): f is Raw => typeof f === 'object' && f !== null && 'key' in f)
      .map(fieldInfo);
  return {
    kind,
    key,
    label: String(display.label),
    inputs: statics(operation.inputFields),
    outputs: statics(operation.outputFields),
    sample: (operation.sample as Record<string, unknown> | undefined) ?? {},
  };
};

/** Every label the built definition shows: operations, inputs, outputs, choices. */
export const definitionLabels = (): Array<{ where: string; label: string }> => {
  const out: Array<{ where: string; label: string }> = [];
  for (const kind of ['trigger', 'search', 'create'] as const) {
    const group = (App as unknown as Record<string, Record<string, Raw> | undefined>)[GROUP[kind]];
    for (const key of Object.keys(group ?? {})) {
      const info = operationInfo(kind, key);
      if (!info) continue;
      out.push({ where: `${kind} ${key}`, label: info.label });
      for (const field of info.inputs) {
        out.push({ where: `${kind} ${key} input ${field.key}`, label: field.label });
        for (const [value, label] of Object.entries(field.choices ?? {}))
          out.push({ where: `${kind} ${key} input ${field.key} choice ${value}`, label });
      }
      for (const field of info.outputs)
        out.push({ where: `${kind} ${key} output ${field.key}`, label: field.label });
    }
  }
  return out;
};
