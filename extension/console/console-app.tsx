/**
 * The console's page: signs in (or comes back from signing in), then shows the dashboard for who
 * signed in. On load, in this order:
 *   1. `#invite=<code>` — an invitation link opened directly: redeemed at once, the fragment removed;
 *   2. `?code=…&state=…` — the identity provider's redirect: finished with the verifier this tab
 *      kept (pkce.ts), the query removed;
 *   3. otherwise the cookie: `POST /v1/auth/refresh` resumes the session, or there is none.
 * The address is cleaned *before* the request, so a reload never replays a used code.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SignedIn } from '../../shared';
import { Dashboard } from '../dashboard/dashboard-page';
import { ApiError } from '../lib/api';
import { dashboardApi } from '../dashboard/dashboard-api';
import { Forbidden, Unreachable } from '../dashboard/not-allowed';
import { authApi, type AuthApi } from './auth-api';
import { consoleSession, resumeSession, type ConsoleSession, type SignedOutReason } from './console-session';
import { inviteFromHash } from './invitation-link';
import { takeVerifier } from './pkce';
import { SignIn, type Notice } from './sign-in';
import { signInError } from './sign-in-errors';

type State =
  | { kind: 'loading' }
  | { kind: 'signed-out'; notice: Notice | null }
  | { kind: 'unreachable'; message: string }
  | { kind: 'signed-in'; session: ConsoleSession };

const signedOutNotice: Record<SignedOutReason, Notice> = {
  'signed-out': { tone: 'info', text: 'You are signed out.' },
  ended: { tone: 'info', text: 'Your session has ended (it was revoked, or unused for too long). Sign in again.' },
};

/** Drops the query (`?code&state`, `?error`) or the fragment (`#invite=`) from the address bar. */
function cleanAddress(part: 'search' | 'hash'): void {
  const keep = part === 'search' ? location.hash : location.search;
  history.replaceState(null, '', `${location.pathname}${keep}`);
}

/** What the address asks for on arrival. */
async function arrive(auth: AuthApi): Promise<SignedIn | null> {
  const invite = inviteFromHash(location.hash);
  if (invite) {
    cleanAddress('hash');
    return auth.redeem({ code: invite, client: 'console' });
  }
  const query = new URLSearchParams(location.search);
  const code = query.get('code');
  const state = query.get('state');
  const refused = query.get('error');
  if (refused) {
    cleanAddress('search');
    throw new Error(`Your identity provider did not sign you in: ${query.get('error_description') || refused}.`);
  }
  if (code && state) {
    cleanAddress('search');
    const codeVerifier = takeVerifier(state);
    if (!codeVerifier) throw new Error('This sign-in was started in another tab or browser, or has already been used. Start it again.');
    return auth.finishOidc({ state, code, codeVerifier });
  }
  return resumeSession(auth);
}

export function ConsoleApp({ apiUrl = location.origin }: { apiUrl?: string }) {
  const auth = authApi(apiUrl);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const signedIn = (first: SignedIn) =>
    setState({
      kind: 'signed-in',
      session: consoleSession(apiUrl, auth, first, (reason) => setState({ kind: 'signed-out', notice: signedOutNotice[reason] })),
    });

  // On arrival, and again on "Try again".
  useEffect(() => {
    let current = true;
    arrive(auth).then(
      (result) => {
        if (!current) return;
        if (result) signedIn(result);
        else setState({ kind: 'signed-out', notice: null });
      },
      (err: unknown) => {
        if (!current) return;
        // The server could not be reached at all: say so, and offer to try again.
        if (err instanceof ApiError && err.status === 0) setState({ kind: 'unreachable', message: signInError(err) });
        else setState({ kind: 'signed-out', notice: { tone: 'error', text: signInError(err) } });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  switch (state.kind) {
    case 'loading':
      return <main class="dashboard message" aria-busy="true" />;
    case 'unreachable':
      return <Unreachable message={state.message} onRetry={() => setAttempt((a) => a + 1)} />;
    case 'signed-out':
      return <SignIn auth={auth} notice={state.notice} onSignedIn={signedIn} />;
    case 'signed-in': {
      const { session } = state;
      const api = dashboardApi(session.credentials);
      const { me } = session.current();
      return me.role === 'participant' ? (
        <Forbidden api={api} me={me} session={session} />
      ) : (
        <Dashboard api={api} initialMe={me} session={session} />
      );
    }
  }
}
