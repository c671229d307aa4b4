import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { startFakeIdp } from './fake-idp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, 'worker/migrations'));
  // Lives as long as the test run (this process); the sign-in tests reach it as FAKE_IDP.
  const idp = await startFakeIdp();
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, 'wrangler.toml') },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, BOOTSTRAP_TOKEN: 'test-bootstrap-secret', FAKE_IDP: idp.url },
        },
      }),
    ],
    test: {
      root,
      include: ['test/worker/**/*.test.ts'],
      setupFiles: ['test/worker/apply-migrations.ts'],
      // Tests assert results, never speed (that is `npm run bench`); the largest-input tests (a
      // 10,000-row import, 5,000 engagements) take seconds on a loaded 2-core machine.
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
