/**
 * PKCE for the console's sign-in (RFC 7636): the page makes a secret verifier, sends only its S256
 * challenge to `POST /v1/auth/oidc/start`, and proves it holds the verifier at `/oidc/finish`, so a
 * code intercepted on its way back is useless to anyone else.
 */

/** base64url without padding (RFC 4648 §5). */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes, base64url: 43 characters of [A-Za-z0-9_-] (RFC 7636 §4.1 wants 43–128). */
export function codeVerifier(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** BASE64URL(SHA-256(verifier)) — the `S256` method (RFC 7636 §4.2). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/**
 * Where the verifier waits while the identity provider signs the person in: this tab's
 * sessionStorage (the redirect comes back to the same tab), keyed by the sign-in's `state`, so two
 * sign-ins started in two tabs do not mix. Read once.
 */
const key = (state: string) => `dyad.console.pkce.${state}`;

export function keepVerifier(state: string, verifier: string, storage: Storage = sessionStorage): void {
  storage.setItem(key(state), verifier);
}

export function takeVerifier(state: string, storage: Storage = sessionStorage): string | null {
  const verifier = storage.getItem(key(state));
  storage.removeItem(key(state));
  return verifier;
}
