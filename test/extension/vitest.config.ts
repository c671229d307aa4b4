import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// WxtVitest reads extension/wxt.config.ts: `browser` becomes WXT's fakeBrowser and the
// `#imports` / auto-imports resolve as they do in a build. happy-dom gives the fixtures a DOM.
export default defineConfig({
  plugins: [WxtVitest({ root: path.join(root, 'extension') })],
  test: {
    root,
    include: ['test/extension/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
  },
});
