/** Asking for the one API origin Dyad talks to, from the options page. */
import { browser } from '#imports';
import { originPattern } from './api-url';

/**
 * Asks for the API origin: call it first thing after a click, while Chrome still counts the user
 * gesture (it grants a permission request only then). Granted already (the test build's manifest,
 * an earlier sign-in), it answers without asking.
 */
export async function allowOrigin(apiUrl: string): Promise<void> {
  const granted = await browser.permissions.request({ origins: [originPattern(apiUrl)] });
  if (!granted) throw new Error(`Dyad needs your permission to reach ${new URL(apiUrl).host}.`);
}
