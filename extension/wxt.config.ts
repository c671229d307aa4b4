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

// `DYAD_TEST_BUILD=1 npm run build:extension`: the production build for end-to-end tests, whose
// API runs on 127.0.0.1 or localhost. Those origins are granted at install (headless Chromium never
// answers a permission prompt), and that is the only difference: content scripts match the real
// calendar addresses only, where the tests serve their saved pages (test/e2e/calendar-pages.ts).
const testBuild = process.env.DYAD_TEST_BUILD === '1';
const localApiOrigins = ['http://127.0.0.1/*', 'http://localhost/*'];
const calendarHosts = [
  'https://calendar.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
];

export default defineConfig({
  manifestVersion: 3,
  // The end-to-end tests build to their own folder (test/e2e/harness.ts), so a developer's loaded
  // build in .output/chrome-mv3 is never swapped for a test build under their feet.
  outDir: process.env.DYAD_OUT_DIR || undefined,
  manifest: {
    name: 'Dyad',
    description: 'Tag calendar events as mentorship sessions, keep notes, answer a one-click pulse.',
    version: '0.1.0',
    // `identity`: the organisation's sign-in page opens in Chrome's auth window (launchWebAuthFlow).
    permissions: ['storage', 'alarms', 'notifications', 'identity'],
    // What IT may set by enterprise policy (lib/managed-policy.ts says how): the API URL, the organisation.
    storage: { managed_schema: 'managed_schema.json' },
    host_permissions: testBuild ? [...calendarHosts, ...localApiOrigins] : calendarHosts,
    // The API's origin is only known at sign-in: the options page asks for that one origin then.
    // Plain http only for a local Worker (`npm start`).
    optional_host_permissions: ['https://*/*', ...localApiOrigins],
  },
  vite: () => ({
    plugins: [preactPlugins],
  }),
});
