/// <reference types="node" />
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever the scripts are started from. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const paths = {
  root,
  /** Wrangler's local state lives here too; the whole folder is gitignored. */
  wranglerDir: path.join(root, '.wrangler'),
  demoSeedSql: path.join(root, '.wrangler', 'demo-seed.sql'),
  devVars: path.join(root, '.dev.vars'),
  extension: path.join(root, 'extension', '.output', 'chrome-mv3'),
  wranglerBin: path.join(root, 'node_modules', '.bin', 'wrangler'),
};
