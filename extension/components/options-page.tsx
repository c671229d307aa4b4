import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import { originPattern } from '../lib/api-url';
import { noPolicy, readManagedPolicy, type ManagedPolicy } from '../lib/managed-policy';
import type { AuthState } from '../lib/messages';
import { send } from '../lib/send';
import { CalendarHealth } from './calendar-health';
import { roleLabel } from './labels';
import { SignInForm } from './sign-in-form';
import { useLive } from './use-live';
import { YourSignIns } from './your-sign-ins';

/** The options page: sign in, see who is signed in (their role, their sign-ins), sign out. */
export function OptionsPage() {
  const auth = useLive(() => send('auth.state', undefined));
  const sync = useLive(() => send('sync.state', undefined));
  const health = useLive(() => send('health.state', undefined));
  // What the background last said, or what the last sign-in or sign-out answered.
  const [state, setState] = useState<AuthState | null>(null);
  const [policy, setPolicy] = useState<ManagedPolicy | null>(null);
  useEffect(() => {
    if (auth.value) setState(auth.value);
  }, [auth.value]);
  useEffect(() => {
    void readManagedPolicy().then(setPolicy, () => setPolicy(noPolicy));
  }, []);

  async function signOut() {
    const apiUrl = state?.signedIn ? state.apiUrl : null;
    setState(await send('auth.signOut', undefined));
    // Give the API origin's permission back, unless the manifest grants it anyway.
    if (apiUrl) await browser.permissions.remove({ origins: [originPattern(apiUrl)] }).catch(() => false);
  }

  return (
    <main class="dyad options">
      <h1>Dyad</h1>
      {auth.error && <p class="error">{auth.error}</p>}
      {!state || !policy ? (
        <p>Loading…</p>
      ) : state.signedIn ? (
        <section class="stack">
          <p data-dyad="signed-in-as">
            Signed in as <strong>{state.me.participant.displayName}</strong> ({state.me.participant.email}) —{' '}
            <span data-dyad="signed-in-role" data-role={state.me.role}>
              {roleLabel[state.me.role]}
            </span>{' '}
            at {state.me.org.name}
          </p>
          <p class="muted">API: {state.apiUrl}</p>
          {sync.value && sync.value.waiting > 0 && (
            <p class="warning" data-dyad="signout-warning">
              {sync.value.waiting} change{sync.value.waiting === 1 ? '' : 's'} not synced yet. Signing out sends what it can, and discards
              the rest.
            </p>
          )}
          <button data-dyad="signout" type="button" onClick={() => void signOut()}>
            Sign out
          </button>
          <YourSignIns onSignedOut={setState} />
        </section>
      ) : (
        <>
          {state.lapsed && (
            <div class="warning stack" data-dyad="signin-lapsed">
              <p>
                Your sign-in as <strong>{state.lapsed.displayName}</strong> ({state.lapsed.email}) has lapsed. Sign in again
                {state.lapsed.waiting > 0
                  ? ` as them to send the ${state.lapsed.waiting} change${state.lapsed.waiting === 1 ? '' : 's'} waiting here.`
                  : '.'}
              </p>
              {state.lapsed.waiting > 0 && (
                <button data-dyad="signin-lapsed-discard" type="button" class="link" onClick={() => void signOut()}>
                  Discard them (someone else is signing in)
                </button>
              )}
            </div>
          )}
          <SignInForm apiUrl={state.apiUrl} org={state.org ?? null} policy={policy} onSignedIn={setState} />
        </>
      )}
      <CalendarHealth hosts={health.value} />
    </main>
  );
}
