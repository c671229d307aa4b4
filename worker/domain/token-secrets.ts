/**
 * Bearer tokens: 256 random bits, shown once; only their SHA-256 is stored,
 * so a leaked database does not leak credentials.
 *
 * @example
 * const secret = newTokenSecret(); // "dyad_3q2+…"
 * const hash = await hashToken(secret);
 */
export function newTokenSecret(kind: 'at' | 'rt' | 'inv' | null = null): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `dyad_${kind ? `${kind}_` : ''}${base64url(bytes)}`;
}

/** A random string for OIDC `state` and `nonce` (256 bits, base64url). */
export const randomToken = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

export async function hashToken(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares two secrets in time independent of where they differ. */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([hashToken(a), hashToken(b)]);
  let diff = 0;
  for (let i = 0; i < ha.length; i++) diff |= ha.charCodeAt(i) ^ hb.charCodeAt(i);
  return diff === 0;
}

export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
