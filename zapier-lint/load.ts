/**
 * Loads the built app (dist/index.js, its default export: the definition Zapier runs) and the
 * listing, for the lint and the snapshot script.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppDefinition } from './definition.js';

export const ROOT = path.resolve(import.meta.dirname, '..');

export const loadBuiltApp = async (root = ROOT): Promise<AppDefinition> => {
  const entry = path.join(root, 'dist', 'index.js');
  const module = (await import(pathToFileURL(entry).href)) as { default?: AppDefinition };
  if (!module.default) throw new Error(`${entry} has no default export: run npm run build first.`);
  return module.default;
};

export const readJson = async <T>(file: string): Promise<T | undefined> => {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

export const readOptional = async (file: string): Promise<Buffer | undefined> => {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** Versions of the platform packages installed with the app (check D027). */
export const installedPlatform = async (root = ROOT): Promise<{ core?: string; cli?: string }> => {
  const version = async (name: string) =>
    (await readJson<{ version?: string }>(path.join(root, 'node_modules', name, 'package.json')))
      ?.version;
  return { core: await version('zapier-platform-core'), cli: await version('zapier-platform-cli') };
};
