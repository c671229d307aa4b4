import { ensureChromium, MissingBrowser } from './ensure-chromium';
import { buildConsole } from './console-browser';
import { buildExtension } from './harness';

/**
 * Once for every e2e file: a Chromium to drive (installed on a fresh Debian machine, see
 * ensure-chromium.ts), then the test build of the extension (they load it unpacked) and the
 * console (every test Worker serves it at /console/, from wrangler.toml's assets folder).
 */
export default async function setup(): Promise<void> {
  try {
    ensureChromium();
  } catch (error) {
    if (!(error instanceof MissingBrowser)) throw error;
    // One line, not vitest's stack-trace frame around it: the line says everything there is to do.
    console.error(error.message);
    process.exit(1);
  }
  const started = Date.now();
  await Promise.all([buildExtension(), buildConsole()]);
  console.log(`e2e: extension test build and console ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
