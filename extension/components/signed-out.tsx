import { browser } from '#imports';

/** What the popup shows until the leader has signed in: signing in happens on the options page. */
export function SignedOut() {
  return (
    <main class="dyad">
      <h1>Dyad</h1>
      <p>Sign in with your organisation’s account, or an invitation, on the options page.</p>
      <button data-dyad="open-options" type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Open options
      </button>
    </main>
  );
}
