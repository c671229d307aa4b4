/**
 * The console: the coordinator's dashboard as a web app, served by the Worker itself (Workers static
 * assets, wrangler.toml `[assets]`) at `<api origin>/console/`. Same origin as the API, so the
 * refresh token can be an HttpOnly cookie the page never reads, and no CORS is involved.
 *
 * `npm run build:console` writes `.output/console/` (the assets directory): `console/index.html`,
 * `console/assets/*` and `_headers` (the Content-Security-Policy; not served itself). The Vite root
 * is `extension/` so the page keeps its path (`console/index.html` → URL `/console/`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

export default defineConfig({
  root: path.join(repo, 'extension'),
  base: '/',
  // Holds `_headers`, which belongs at the top of the assets directory, next to `console/`.
  publicDir: path.join(here, 'public'),
  plugins: [preact()],
  build: {
    outDir: path.join(repo, '.output', 'console'),
    emptyOutDir: true,
    assetsDir: 'console/assets',
    rollupOptions: { input: path.join(here, 'index.html') },
    // The page's budget is measured gzip (README, Sizes); Vite reports it too.
    reportCompressedSize: true,
  },
});
