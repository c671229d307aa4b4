/**
 * Who the console acts as. The access token is held in this page's memory only, never in storage a
 * script could read later; the refresh token is an HttpOnly cookie the Worker set (client
 * `console`), so a reload — or the access token's expiry, 15 minutes — is a `POST /v1/auth/refresh`
 * away from a new one. This replaces the extension page's `credentials.ts`, which read a
 * long-lived token from extension storage.
 */
import type { SignedIn } from '../../shared';
import { ApiError, apiText, type Credentials } from '../lib/api';
import type { AuthApi } from './auth-api';

/** Why the console is signed out: the person asked, or the server no longer renews the session. */
export type SignedOutReason = 'signed-out' | 'ended';

export interface ConsoleSession {
  /** For the API client: `token` is always the newest access token; `renew` is single-flight. */
  credentials: Credentials;
  /** The newest answer of a sign-in or refresh. */
  current(): SignedIn;
  /** Revokes this credential on the server (its cookie with it), then forgets the token. */
  signOut(): Promise<void>;
  /** Forgets the token without asking the server (the credential was just revoked). */
  forget(): void;
}

/**
 * The session this browser's cookie holds, or null when it holds none (no cookie, or one the server
 * refuses: expired, revoked). Any other failure (the network) is thrown, to be shown as such.
 */
export async function resumeSession(auth: AuthApi): Promise<SignedIn | null> {
  try {
    return await auth.refresh();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 400)) return null;
    throw err;
  }
}

/**
 * @example const session = consoleSession(location.origin, authApi(location.origin), signedIn, () => showSignIn());
 */
export function consoleSession(
  apiUrl: string,
  auth: AuthApi,
  first: SignedIn,
  onSignedOut: (reason: SignedOutReason) => void,
): ConsoleSession {
  let current = first;
  let renewing: Promise<string | null> | null = null;
  let over = false;

  const end = (reason: SignedOutReason) => {
    if (over) return;
    over = true;
    onSignedOut(reason);
  };

  const credentials: Credentials = {
    apiUrl,
    get token() {
      return over ? '' : current.accessToken;
    },
    // Several requests that fail together with the same expired token share one refresh: the
    // refresh token rotates on each use, so parallel refreshes would only race each other.
    renew(rejected: string) {
      if (over) return Promise.resolve(null);
      if (rejected !== current.accessToken) return Promise.resolve(current.accessToken);
      renewing ??= auth
        .refresh()
        .then(
          (next) => {
            current = next;
            return next.accessToken;
          },
          (err: unknown) => {
            // The server no longer knows this session (revoked elsewhere, lapsed): sign in again.
            if (err instanceof ApiError && err.status === 401) end('ended');
            return null;
          },
        )
        .finally(() => {
          renewing = null;
        });
      return renewing;
    },
  };

  return {
    credentials,
    current: () => current,
    async signOut() {
      try {
        await apiText(credentials, 'POST', '/v1/auth/sign-out');
      } finally {
        end('signed-out');
      }
    },
    forget: () => end('signed-out'),
  };
}
