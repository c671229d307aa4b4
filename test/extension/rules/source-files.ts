/** The extension's own source files, read once for the checks over the whole code base. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const extensionDir = path.join(root, 'extension');

/** Every `.ts` / `.tsx` file under extension/, except generated ones (`.wxt`, `.output`). */
export function extensionSources(dir = extensionDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return extensionSources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

export const read = (file: string) => readFileSync(file, 'utf8');
export const relative = (file: string) => path.relative(root, file);
