import preact from '@preact/preset-vite';
import { defineConfig, type WxtViteConfig } from 'wxt';

// There is no WXT module for Preact; the Vite preset gives us JSX and the
// react→preact/compat aliases, which is all the extension needs.
//
// The cast: WXT 0.21 bundles its own Vite 7 while the preset's types resolve to
// the root Vite 8 (pulled in by vitest), and the two `Plugin` types differ only
// in rolldown-specific hook typings. The preset supports both at runtime.
// TODO(2026-11-21): drop the cast once WXT moves to Vite 8.
const preactPlugins = preact() as unknown as NonNullable<WxtViteConfig['plugins']>;

export default defineConfig({
  manifestVersion: 3,
  manifest: {
    name: 'Dyad',
    description: 'Tag calendar events as mentorship sessions, keep notes, answer a one-click pulse.',
    version: '0.1.0',
  },
  vite: () => ({
    plugins: [preactPlugins],
  }),
});
