import { buildExtension } from './harness';

/** Builds the test build of the extension once for every e2e file (they load it unpacked). */
export default async function setup(): Promise<void> {
  const started = Date.now();
  await buildExtension();
  console.log(`e2e: extension test build ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
