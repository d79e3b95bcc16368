/**
 * The shapes the local Make runner works on (an app in the Apps Editor's local-development layout,
 * what a run sent and got back, its errors) and the loader that reads an app from disk.
 * Test tooling only; see ./runner.ts.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IMLOptions } from './iml.js';

export type Rec = Record<string, unknown>;

export interface ModuleDef {
  /** The label Make shows (makecomapp.json). */
  label?: string;
  description?: string;
  moduleType?: string;
  /** `create`, `read`, `update`, `delete` (actions); `update` modules show Make's erase pill. */
  actionCrud?: string;
  connection?: string | null;
  webhook?: string | null;
  communication?: unknown;
  staticParams?: unknown;
  mappableParams?: unknown;
  interface?: unknown;
  samples?: unknown;
}
export interface ConnectionDef {
  connectionType?: string;
  communication?: unknown;
  params?: unknown;
  common?: unknown;
}
export interface WebhookDef {
  webhookType?: string;
  connection?: string | null;
  communication?: unknown;
  params?: unknown;
  attach?: unknown;
  detach?: unknown;
  update?: unknown;
}
export interface RpcDef {
  connection?: string | null;
  communication?: unknown;
  params?: unknown;
}
export interface App {
  base: Rec;
  common?: Rec;
  connections: Record<string, ConnectionDef>;
  webhooks: Record<string, WebhookDef>;
  modules: Record<string, ModuleDef>;
  rpcs: Record<string, RpcDef>;
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as sent (text), when there was one. */
  body?: string;
  /** `body` parsed, when it was JSON. */
  json?: unknown;
}
export interface LogEntry {
  request: { method: string; url: string; headers: Rec; qs: Rec; body: unknown };
  response?: { status: number; headers: Rec; body: unknown };
}
export interface RunResult {
  /** Output bundles (Dates as ISO strings). */
  outputs: unknown[];
  requests: SentRequest[];
  log: LogEntry[];
  temp: Rec;
  /** response.data (connection data; for attach: the `webhook` collection). */
  data?: Rec;
  metadata?: unknown;
  uid?: unknown;
  /** Instant triggers: what the webhook's `respond` / `verification.respond` answers the caller. */
  respond?: unknown;
}

export class MakeRuntimeError extends Error {
  constructor(
    message: string,
    readonly type: string,
    readonly statusCode: number | undefined,
    readonly requests: SentRequest[],
    readonly log: LogEntry[],
  ) {
    super(message);
    this.name = 'MakeRuntimeError';
  }
}

export interface RunOptions extends IMLOptions {
  /** fetch to use (default: global fetch). */
  fetch?: typeof fetch;
  /** Safety cap on pages per request (default 50). */
  maxPages?: number;
}

export const isRec = (v: unknown): v is Rec =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads JSON with comments (the Apps Editor's `.iml.json` files are JSONC). */
export const parseJsonc = (text: string): unknown => {
  let out = '';
  let i = 0;
  let inStr = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (inStr) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (c === '"') inStr = false;
      i++;
    } else if (c === '"') {
      inStr = true;
      out += c;
      i++;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  // trailing commas are allowed in JSONC
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1')) as unknown;
};

/**
 * Loads an app from a directory holding `makecomapp.json` (generalCodeFiles.base/common, and
 * components.{connection,webhook,module,rpc}.<id>.codeFiles.<codeType> paths relative to it).
 */
export const loadMakeApp = async (dir: string): Promise<App> => {
  const manifestPath = join(dir, 'makecomapp.json');
  const manifest = parseJsonc(await readFile(manifestPath, 'utf8'));
  if (!isRec(manifest)) throw new Error(`${manifestPath} is not an object`);
  const root = dirname(manifestPath);
  const read = async (rel: unknown): Promise<unknown> =>
    typeof rel === 'string' ? parseJsonc(await readFile(join(root, rel), 'utf8')) : undefined;
  const general = isRec(manifest.generalCodeFiles) ? manifest.generalCodeFiles : {};
  const components = isRec(manifest.components) ? manifest.components : {};
  const load = async (kind: string): Promise<Record<string, Rec>> => {
    const out: Record<string, Rec> = {};
    const group = components[kind];
    if (!isRec(group)) return out;
    for (const [id, meta] of Object.entries(group)) {
      if (!isRec(meta)) continue;
      const def: Rec = { ...meta };
      delete def.codeFiles;
      const files = isRec(meta.codeFiles) ? meta.codeFiles : {};
      for (const [codeType, rel] of Object.entries(files)) def[codeType] = await read(rel);
      out[id] = def;
    }
    return out;
  };
  const base = await read(general.base);
  const common = await read(general.common);
  return {
    base: isRec(base) ? base : {},
    common: isRec(common) ? common : undefined,
    connections: (await load('connection')) as Record<string, ConnectionDef>,
    webhooks: (await load('webhook')) as Record<string, WebhookDef>,
    modules: (await load('module')) as Record<string, ModuleDef>,
    rpcs: (await load('rpc')) as Record<string, RpcDef>,
  };
};
