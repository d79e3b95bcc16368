/**
 * Checks a Make app directory laid out for the Apps Editor's local development: `makecomapp.json`
 * against its schema, every file it references against the schema of its code type (chosen by
 * the file's path, as the editor does), the references between components, and that no code file
 * lies around unreferenced. Returns the problems found, one readable line each.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { z } from 'zod';
import { stringsIn, unbalancedIml } from './iml.js';
import {
  allowedCodeTypes,
  classifyPath,
  CODE_TYPES,
  COMPONENT_ID,
  COMPONENT_TYPES,
  expectedCodePath,
  GENERAL_FILES,
  GENERAL_SCHEMAS,
  groups as groupsSchema,
  makecomapp as makecomappSchema,
  REQUIRED_CODE_TYPES,
  schemaFor,
} from './index.js';
import type { CodeType, ComponentMetadata, ComponentType, Makecomapp } from './index.js';

type Issue = z.core.$ZodIssue;

/** Readable issues; for a union, those of the alternative that came closest. */
function flatten(list: readonly Issue[], prefix: PropertyKey[] = []): string[] {
  return list.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // An alternative of another type altogether (object vs array) is not the one meant.
      const wrongType = (b: readonly Issue[]) =>
        b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0;
      const ranked = [...issue.errors].sort(
        (a, b) => Number(wrongType(a)) - Number(wrongType(b)) || a.length - b.length,
      );
      const closest = ranked[0] ?? [];
      if (closest.length > 0) return flatten(closest, path);
    }
    return [`${path.map(String).join('.') || '(root)'}: ${issue.message}`];
  });
}

function issues(error: z.ZodError): string {
  return flatten(error.issues).slice(0, 5).join('; ');
}

function listFiles(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const rel = posix.join(dir, name);
    return statSync(join(root, rel)).isDirectory() ? listFiles(root, rel) : [rel];
  });
}

export interface CheckedApp {
  problems: string[];
  manifest?: Makecomapp;
  /** Parsed content of every JSON code file, by path. */
  files: Map<string, unknown>;
}

export function checkApp(root: string): CheckedApp {
  const problems: string[] = [];
  const files = new Map<string, unknown>();
  const manifestPath = join(root, 'makecomapp.json');
  if (!existsSync(manifestPath)) return { problems: ['makecomapp.json is missing'], files };

  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    return { problems: [`makecomapp.json is not JSON: ${(e as Error).message}`], files };
  }
  const parsed = makecomappSchema.safeParse(raw);
  if (!parsed.success) {
    return { problems: [`makecomapp.json: ${issues(parsed.error)}`], files };
  }
  const manifest = parsed.data;
  const referenced = new Set<string>();

  /** Reads and checks one referenced file; returns its parsed JSON (undefined for markdown). */
  const checkFile = (path: string, schema: z.ZodType<unknown> | undefined, what: string) => {
    referenced.add(path);
    const abs = join(root, path);
    if (!existsSync(abs)) {
      problems.push(`${what}: ${path} does not exist`);
      return;
    }
    const text = readFileSync(abs, 'utf8');
    if (!path.endsWith('.json')) {
      if (text.trim() === '') problems.push(`${what}: ${path} is empty`);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      problems.push(`${path}: not plain JSON (${(e as Error).message})`);
      return;
    }
    files.set(path, value);
    if (!schema) {
      problems.push(`${path}: no schema for ${what}`);
      return;
    }
    const result = schema.safeParse(value);
    if (!result.success) problems.push(`${path}: ${issues(result.error)}`);
    for (const [s, at] of stringsIn(value)) {
      if (unbalancedIml(s)) problems.push(`${path}: unbalanced {{ }} at ${at.join('.')}`);
    }
  };

  // The app's own files.
  for (const code of Object.keys(GENERAL_FILES) as (keyof typeof GENERAL_FILES)[]) {
    const path = manifest.generalCodeFiles[code];
    if (path === null) continue;
    if (path !== GENERAL_FILES[code]) {
      problems.push(
        `generalCodeFiles.${code} is ${path}, the Apps Editor uses ${GENERAL_FILES[code]}`,
      );
    }
    const schema = code === 'readme' ? undefined : GENERAL_SCHEMAS[code];
    checkFile(path, schema, `generalCodeFiles.${code}`);
  }

  // Components.
  const ids = (type: ComponentType) =>
    new Set(
      Object.entries(manifest.components[type])
        .filter(([, meta]) => meta !== null)
        .map(([id]) => id),
    );
  for (const type of COMPONENT_TYPES) {
    for (const [id, meta] of Object.entries(manifest.components[type])) {
      if (meta === null) {
        problems.push(`${type} ${id} is reserved (null) but not implemented`);
        continue;
      }
      checkComponent(type, id, meta);
    }
  }

  function checkComponent(type: ComponentType, id: string, meta: ComponentMetadata): void {
    const where = `${type} ${id}`;
    const idRule = (COMPONENT_ID as Partial<Record<ComponentType, RegExp>>)[type];
    if (idRule && !idRule.test(id)) problems.push(`${where}: id does not match ${idRule}`);

    // Metadata that belongs to another component type.
    const foreign: [keyof ComponentMetadata, ComponentType[]][] = [
      ['connectionType', ['connection']],
      ['webhookType', ['webhook']],
      ['moduleType', ['module']],
      ['actionCrud', ['module']],
      ['description', ['module', 'endpoint']],
      ['connection', ['module', 'webhook', 'rpc']],
      ['altConnection', ['module', 'webhook', 'rpc']],
      ['webhook', ['module']],
    ];
    for (const [key, types] of foreign) {
      if (meta[key] !== undefined && !types.includes(type))
        problems.push(`${where}: ${key} is not used on a ${type}`);
    }
    if (type === 'module' && meta.moduleType === undefined)
      problems.push(`${where}: moduleType missing`);
    if (type === 'webhook' && meta.webhookType === undefined)
      problems.push(`${where}: webhookType missing`);
    if (type === 'connection' && meta.connectionType === undefined)
      problems.push(`${where}: connectionType missing`);

    // References.
    for (const key of ['connection', 'altConnection'] as const) {
      const ref = meta[key];
      if (typeof ref === 'string' && !ids('connection').has(ref))
        problems.push(`${where}: ${key} "${ref}" is no connection of this app`);
    }
    if (typeof meta.webhook === 'string' && !ids('webhook').has(meta.webhook))
      problems.push(`${where}: webhook "${meta.webhook}" is no webhook of this app`);
    if (type === 'module' && meta.moduleType === 'instant_trigger' && !meta.webhook)
      problems.push(`${where}: an instant trigger needs its webhook`);
    if (type === 'module' && meta.moduleType !== 'instant_trigger' && meta.webhook)
      problems.push(`${where}: only instant triggers reference a webhook`);

    // Code files: allowed, required, named as the Apps Editor names them, valid.
    const allowed = allowedCodeTypes(type, meta);
    const present = Object.entries(meta.codeFiles).filter(
      (entry): entry is [CodeType, string] => typeof entry[1] === 'string',
    );
    for (const [codeType] of present) {
      if (!allowed.includes(codeType)) problems.push(`${where}: no ${codeType} file on this kind`);
    }
    for (const codeType of REQUIRED_CODE_TYPES[type] ?? []) {
      if (typeof meta.codeFiles[codeType] !== 'string')
        problems.push(`${where}: ${codeType} file missing`);
    }
    if (type === 'webhook') {
      const attach = typeof meta.codeFiles.attach === 'string';
      const detach = typeof meta.codeFiles.detach === 'string';
      if (attach !== detach) problems.push(`${where}: attach and detach go together`);
      if (attach && !meta.connection)
        problems.push(`${where}: an attached webhook needs a connection`);
    }
    for (const [codeType, path] of present) {
      if (!CODE_TYPES.includes(codeType)) continue;
      const expected = expectedCodePath(type, id, codeType, meta);
      if (expected && path !== expected)
        problems.push(`${where}: ${codeType} is ${path}, the Apps Editor uses ${expected}`);
      const byPath = classifyPath(path);
      if (
        byPath &&
        (byPath.kind !== 'component' ||
          byPath.componentType !== type ||
          byPath.codeType !== codeType)
      )
        problems.push(`${where}: ${path} is named like another code type`);
      checkFile(path, schemaFor(type, codeType, meta), `${where} ${codeType}`);
    }
  }

  // Module groups name real modules.
  const groupsPath = manifest.generalCodeFiles.groups;
  const groupsValue = groupsPath ? files.get(groupsPath) : undefined;
  const groupList = groupsSchema.safeParse(groupsValue);
  if (groupList.success) {
    for (const group of groupList.data) {
      for (const module of group.modules) {
        if (!ids('module').has(module))
          problems.push(`groups: "${module}" in "${group.label}" is no module`);
      }
    }
  }

  // Nothing unreferenced in the component and general directories.
  for (const dir of ['general', ...COMPONENT_TYPES.map((t) => `${t}s`)]) {
    for (const path of listFiles(root, dir)) {
      if (!referenced.has(path)) problems.push(`${path} is not referenced by makecomapp.json`);
    }
  }

  return { problems, manifest, files };
}
