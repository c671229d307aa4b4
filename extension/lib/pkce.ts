/**
 * PKCE (RFC 7636): the proof that whoever finishes a sign-in is whoever started it. The verifier
 * never leaves the background; only its S256 challenge goes to `POST /v1/auth/oidc/start`.
 */

/** base64url without padding (RFC 7636 appendix A). */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh verifier: 32 random bytes, 43 characters of base64url (the RFC's recommended size, §4.1). */
export function codeVerifier(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return base64url(random(new Uint8Array(32)));
}

/** `BASE64URL(SHA256(ASCII(verifier)))` (§4.2, method S256). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
