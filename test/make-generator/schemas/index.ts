/**
 * Which schema checks which file of a Make app in the Apps Editor's local-development layout, and
 * where each file lives.
 *
 * Layout (the extension's `component-code-def.ts` / `local-file-paths.ts`, see docs/make.md):
 * a component `watchNewResponses` of type module lives in `modules/watch-new-responses/`, its code
 * files are `watch-new-responses.<code file name>.iml.json`; the app's own files are
 * `general/base.iml.json`, `general/common.json`, `README.md` and `modules/groups.json`.
 */
import { z } from 'zod';
import {
  base,
  communication,
  connectionCommunication,
  epoch,
  instantTriggerCommunication,
  webhookAttach,
  webhookCommunication,
  webhookDetach,
} from './communication.js';
import type { CodeType, ComponentMetadata, ComponentType } from './makecomapp.js';
import { CONNECTION_CODE_TYPES } from './makecomapp.js';
import { moduleInterface, parameterList, parameters } from './parameters.js';

export * from './makecomapp.js';

/** Samples: one example output bundle. */
export const samples = z.record(z.string(), z.unknown());
/** Common data (app or connection): secrets and constants, `{{common.x}}`. */
export const commonData = z.record(z.string(), z.unknown());
/** Scopes a module or webhook requires (OAuth connections). */
export const scope = z.array(z.string().min(1).max(512));
/** `modules/groups.json`: how modules are grouped in the scenario editor. */
export const groups = z.array(z.strictObject({ label: z.string(), modules: z.array(z.string()) }));

/** The file name part of each code type, and whether it is IML-JSON (`.iml.json`) or JSON. */
const CODE_FILE_NAMES: Partial<Record<CodeType, { name: string; ext: string }>> = {
  communication: { name: 'communication', ext: 'iml.json' },
  params: { name: 'params', ext: 'iml.json' },
  common: { name: 'common', ext: 'json' },
  scopeList: { name: 'scope-list', ext: 'iml.json' },
  defaultScope: { name: 'default-scope', ext: 'iml.json' },
  installSpec: { name: 'install-spec', ext: 'iml.json' },
  installDirectives: { name: 'install-directives', ext: 'iml.json' },
  attach: { name: 'attach', ext: 'iml.json' },
  detach: { name: 'detach', ext: 'iml.json' },
  update: { name: 'update', ext: 'iml.json' },
  requiredScope: { name: 'required-scope', ext: 'iml.json' },
  epoch: { name: 'epoch', ext: 'iml.json' },
  staticParams: { name: 'static-params', ext: 'iml.json' },
  mappableParams: { name: 'mappable-params', ext: 'iml.json' },
  interface: { name: 'interface', ext: 'iml.json' },
  samples: { name: 'samples', ext: 'iml.json' },
  scope: { name: 'scope', ext: 'iml.json' },
};

export const GENERAL_FILES = {
  base: 'general/base.iml.json',
  common: 'general/common.json',
  readme: 'README.md',
  groups: 'modules/groups.json',
} as const;

/** `watchNewResponses` → `watch-new-responses` (the extension's camelToKebab). */
export function kebab(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Where the Apps Editor puts a component's code file. */
export function expectedCodePath(
  componentType: ComponentType,
  id: string,
  codeType: CodeType,
  meta: ComponentMetadata,
): string | undefined {
  const file = CODE_FILE_NAMES[codeType];
  if (!file) return undefined;
  const name =
    componentType === 'connection' &&
    codeType === 'communication' &&
    meta.connectionType === 'oauth'
      ? 'oauth-communication'
      : file.name;
  return `${componentType}s/${kebab(id)}/${kebab(id)}.${name}.${file.ext}`;
}

/** Component ids Make accepts (the extension's validate-id rules). */
export const COMPONENT_ID = {
  module: /^[a-zA-Z][0-9a-zA-Z]{2,63}$/,
  rpc: /^[a-zA-Z][0-9a-zA-Z]{2,63}$/,
  webhook: /^[a-zA-Z][0-9a-zA-Z-]{1,33}[0-9a-zA-Z]$/,
  connection: /^[a-zA-Z][0-9a-zA-Z-]{1,33}[0-9a-zA-Z]$/,
} as const;

/**
 * The code files a component may have, and those it must have. Modules: `epoch` only for polling
 * triggers, `scope` not for instant triggers and responders. Webhooks attach and detach go together.
 */
export function allowedCodeTypes(
  componentType: ComponentType,
  meta: ComponentMetadata,
): CodeType[] {
  switch (componentType) {
    case 'connection':
      return meta.connectionType === 'oauth'
        ? [...CONNECTION_CODE_TYPES]
        : ['communication', 'params', 'common'];
    case 'webhook':
      return ['communication', 'params', 'attach', 'detach', 'update', 'requiredScope'];
    case 'module': {
      const types: CodeType[] = [
        'communication',
        'staticParams',
        'mappableParams',
        'interface',
        'samples',
      ];
      if (meta.moduleType === 'trigger') types.push('epoch');
      if (['trigger', 'action', 'search', 'universal'].includes(meta.moduleType ?? ''))
        types.push('scope');
      return types;
    }
    case 'rpc':
      return ['communication', 'params'];
    case 'function':
      return ['code', 'test'];
    case 'endpoint':
      return ['communication', 'scope', 'inputParameters', 'outputParameters', 'context'];
  }
}
export const REQUIRED_CODE_TYPES: Partial<Record<ComponentType, CodeType[]>> = {
  connection: ['communication', 'params'],
  webhook: ['communication', 'params'],
  module: ['communication', 'staticParams', 'mappableParams', 'interface', 'samples'],
  rpc: ['communication', 'params'],
};

/** The schema a component's code file must satisfy. */
export function schemaFor(
  componentType: ComponentType,
  codeType: CodeType,
  meta: ComponentMetadata,
): z.ZodType<unknown> | undefined {
  if (codeType === 'common') return commonData;
  if (['scope', 'requiredScope', 'defaultScope'].includes(codeType)) return scope;
  switch (componentType) {
    case 'connection':
      if (codeType === 'communication') return connectionCommunication;
      if (codeType === 'params') return parameterList;
      return undefined;
    case 'webhook':
      if (codeType === 'communication') return webhookCommunication;
      if (codeType === 'params') return parameterList;
      if (codeType === 'attach') return webhookAttach;
      if (codeType === 'detach') return webhookDetach;
      if (codeType === 'update') return communication;
      return undefined;
    case 'module':
      if (codeType === 'communication')
        return meta.moduleType === 'instant_trigger' ? instantTriggerCommunication : communication;
      if (codeType === 'staticParams') return parameters;
      // "The Instant Trigger module can only have static parameters."
      if (codeType === 'mappableParams')
        return meta.moduleType === 'instant_trigger' ? z.array(z.never()) : parameters;
      if (codeType === 'interface') return moduleInterface;
      if (codeType === 'samples') return samples;
      if (codeType === 'epoch') return epoch;
      return undefined;
    case 'rpc':
      if (codeType === 'communication') return communication;
      if (codeType === 'params') return parameters;
      return undefined;
    default:
      return undefined;
  }
}

/** The schema of an app-level file. */
export const GENERAL_SCHEMAS = { base, common: commonData, groups } as const;

/**
 * What a file is, from its path alone (directory + suffix), as the Apps Editor associates its
 * JSON schemas with files. `undefined` for a path that is no code file of this layout.
 */
export function classifyPath(
  path: string,
):
  | { kind: 'general'; code: keyof typeof GENERAL_FILES }
  | { kind: 'component'; componentType: ComponentType; dir: string; codeType: CodeType }
  | undefined {
  for (const [code, file] of Object.entries(GENERAL_FILES)) {
    if (path === file) return { kind: 'general', code: code as keyof typeof GENERAL_FILES };
  }
  const match = /^(connection|webhook|module|rpc|function|endpoint)s\/([^/]+)\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  const [, type, dir, fileName] = match as unknown as [string, ComponentType, string, string];
  for (const [codeType, file] of Object.entries(CODE_FILE_NAMES)) {
    const names = [file.name, ...(codeType === 'communication' ? ['oauth-communication'] : [])];
    if (names.some((n) => fileName === `${dir}.${n}.${file.ext}`)) {
      return { kind: 'component', componentType: type, dir, codeType: codeType as CodeType };
    }
  }
  return undefined;
}
