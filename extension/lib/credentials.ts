/**
 * The `Credentials` of every background API call: the stored access token, and a `renew` that
 * gets the next one with the refresh token (`POST /v1/auth/refresh`, shared/identity.ts) when the
 * API says it expired.
 *
 * Single-flight without module state (the worker may die mid-refresh): renewals queue on one lock,
 * and each first reads storage. A caller that waited while another renewed finds a token other than
 * the one it was refused with, and uses that. Only one refresh is ever sent per expiry, which
 * matters: each refresh rotates the refresh token, and sending the old one again would be refused.
 */
import { zSignedIn, type SignedIn } from '../../shared';
import { ApiError, apiRequest, type Credentials } from './api';
import { withLock } from './lock';
import { read, signedOutRecord, update, type AuthRecord } from './storage';

/**
 * The credentials to call the API with while someone is signed in, or null.
 *
 * @example const creds = credentialsOf(auth); if (!creds) return;
 */
export function credentialsOf(auth: AuthRecord): Credentials | null {
  if (!auth.apiUrl || !auth.accessToken) return null;
  return { apiUrl: auth.apiUrl, token: auth.accessToken, renew: renewAccessToken };
}

/**
 * Whether two reads of the auth record are the same sign-in: a refresh between them (a new access
 * token) keeps it; signing out, or anyone signing in again, does not. What a request brings back is
 * merged only into the sign-in that sent it.
 */
export function sameSignIn(before: AuthRecord, now: AuthRecord): boolean {
  return before.credentialId !== null && before.credentialId === now.credentialId && now.accessToken !== null;
}

/** The auth record of a fresh sign-in, a redemption or a refresh (`SignedIn`). */
export function recordOf(apiUrl: string, org: string | null, signedIn: SignedIn, now = Date.now()): AuthRecord {
  return {
    apiUrl,
    org,
    accessToken: signedIn.accessToken,
    refreshToken: signedIn.refreshToken ?? null,
    credentialId: signedIn.credentialId,
    accessExpiresAt: new Date(now + signedIn.expiresIn * 1000).toISOString(),
    me: signedIn.me,
  };
}

/**
 * `Credentials.renew` of the background: the next access token, or null when the credential cannot
 * be renewed — the refresh token was refused (revoked, or lapsed after 30 days unused), in which case
 * the person is signed out here, keeping their queued writes for when they sign in again. The network
 * failing is thrown (`ApiError` status 0), so a flush backs off and retries instead of signing out.
 */
export function renewAccessToken(rejected: string): Promise<string | null> {
  return withLock('dyad-renew', async () => {
    const { auth } = await read('auth');
    if (!auth.apiUrl || !auth.refreshToken) return null;
    if (auth.accessToken && auth.accessToken !== rejected) return auth.accessToken;

    let signedIn: SignedIn;
    try {
      // No bearer: the refresh token is the proof (a public route).
      signedIn = await apiRequest({ apiUrl: auth.apiUrl, token: '' }, 'POST', '/v1/auth/refresh', {
        schema: zSignedIn,
        body: { refreshToken: auth.refreshToken },
        timeoutMs: 15_000,
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        await lapse(auth);
        return null;
      }
      throw err;
    }

    return update(['auth'], ({ auth: current }) => {
      // Signed out (or in again) while the refresh was out: what it brought is not this sign-in's.
      if (current.credentialId !== auth.credentialId) return { write: {}, result: null };
      const next = recordOf(auth.apiUrl!, current.org, { ...signedIn, refreshToken: signedIn.refreshToken ?? auth.refreshToken! });
      return { write: { auth: next }, result: next.accessToken };
    });
  });
}

/** The sign-in lapsed: forget its tokens, keep who it was (their queue waits for them). */
async function lapse(auth: AuthRecord): Promise<void> {
  await update(['auth'], ({ auth: current }) =>
    current.credentialId === auth.credentialId
      ? { write: { auth: signedOutRecord({ apiUrl: current.apiUrl, org: current.org, me: current.me }) }, result: null }
      : { write: {}, result: null },
  );
}
