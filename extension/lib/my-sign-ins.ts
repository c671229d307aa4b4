/**
 * "Your sign-ins": the person's own credentials (each app and browser they signed in from), and the
 * invitations made for them (`GET /v1/me/credentials`). Revoking the one this browser holds signs
 * out here.
 */
import { zCredential, zMyCredentials, type MyCredentials } from '../../shared';
import { apiRequest } from './api';
import { signOut } from './auth';
import { credentialsOf } from './credentials';
import type { AuthState } from './messages';
import { read } from './storage';

export async function mySignIns(): Promise<MyCredentials> {
  const creds = credentialsOf((await read('auth')).auth);
  if (!creds) throw new Error('Sign in to see your sign-ins.');
  return apiRequest(creds, 'GET', '/v1/me/credentials', { schema: zMyCredentials, timeoutMs: 10_000 });
}

/** Revokes one of the person's credentials; revoking this browser's own signs out (after sending what is queued). */
export async function revokeSignIn(id: string): Promise<AuthState> {
  const { auth } = await read('auth');
  const creds = credentialsOf(auth);
  if (!creds) throw new Error('Sign in to revoke a sign-in.');
  const revoke = (with_: typeof creds) =>
    apiRequest(with_, 'DELETE', `/v1/me/credentials/${encodeURIComponent(id)}`, { schema: zCredential, timeoutMs: 10_000 });
  // This browser's own: send what is queued while the credential still works, revoke it, forget it.
  if (id === auth.credentialId) return signOut(revoke);
  await revoke(creds);
  return { signedIn: true, apiUrl: auth.apiUrl!, me: auth.me! };
}
