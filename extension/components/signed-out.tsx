import { browser } from '#imports';
import type { AuthState } from '../lib/messages';

/**
 * What the popup shows until the leader has signed in: signing in happens on the options page. A
 * lapsed sign-in says so, and that the changes made meanwhile wait for it.
 */
export function SignedOut({ lapsed }: { lapsed?: Extract<AuthState, { signedIn: false }>['lapsed'] }) {
  return (
    <main class="dyad">
      <h1>Dyad</h1>
      {lapsed ? (
        <p class="warning" data-dyad="popup-lapsed">
          Your sign-in as {lapsed.displayName} has lapsed: sign in again on the options page
          {lapsed.waiting > 0 ? ` to send the ${lapsed.waiting} change${lapsed.waiting === 1 ? '' : 's'} waiting here.` : '.'}
        </p>
      ) : (
        <p>Sign in with your organisation’s account, or an invitation, on the options page.</p>
      )}
      <button data-dyad="open-options" type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Open options
      </button>
    </main>
  );
}
