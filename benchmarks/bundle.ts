/** Bundle: the size of build/build.zip and what takes the room in it (by top-level package). */
import { statSync } from 'node:fs';
import AdmZip from 'adm-zip';

export interface BundleSize {
  zipBytes: number;
  unpackedBytes: number;
  files: number;
  /** Compressed bytes per top-level part: a node_modules package, dist/, definition.json... */
  parts: Array<{ name: string; compressedBytes: number; files: number }>;
}

const partOf = (entry: string): string => {
  const segments = entry.split('/');
  const at = segments.lastIndexOf('node_modules');
  if (at >= 0) {
    const first = segments[at + 1] ?? '';
    return first.startsWith('@') ? `${first}/${segments[at + 2] ?? ''}` : first;
  }
  return segments.length > 1 ? `${segments[0]}/` : (segments[0] ?? '');
};

export const bundleSize = (zipPath: string): BundleSize => {
  const parts = new Map<string, { compressedBytes: number; files: number }>();
  let unpackedBytes = 0;
  let files = 0;
  for (const entry of new AdmZip(zipPath).getEntries()) {
    if (entry.isDirectory) continue;
    files += 1;
    unpackedBytes += entry.header.size;
    const name = partOf(entry.entryName);
    const part = parts.get(name) ?? { compressedBytes: 0, files: 0 };
    part.compressedBytes += entry.header.compressedSize;
    part.files += 1;
    parts.set(name, part);
  }
  return {
    zipBytes: statSync(zipPath).size,
    unpackedBytes,
    files,
    parts: [...parts.entries()]
      .map(([name, part]) => ({ name, ...part }))
      .sort((a, b) => b.compressedBytes - a.compressedBytes),
  };
};
