/**
 * Who the dashboard acts as: the token the options page signed in with. The dashboard is an
 * extension page, as trusted as the background (content scripts cannot read this storage at all:
 * the background restricts it to trusted contexts), so it reads the token from storage and calls
 * the API itself, rather than relaying every coordinator request through the service worker.
 * It never writes here: signing in and out stay with the options page.
 */
import type { Credentials } from '../lib/api';
import { items } from '../lib/storage';

/** The signed-in credentials, or null when nobody is signed in. */
export async function readCredentials(): Promise<Credentials | null> {
  const auth = await items.auth.getValue();
  return auth.token && auth.apiUrl ? { apiUrl: auth.apiUrl, token: auth.token } : null;
}

/** Calls `onChange` when someone signs in or out (in the options page, another tab). */
export function watchCredentials(onChange: () => void): () => void {
  return items.auth.watch(() => onChange());
}
