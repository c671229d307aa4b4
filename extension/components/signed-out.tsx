import { browser } from '#imports';

/**
 * What the popup and the options page show until the leader has signed in.
 * Signing in (pasting the token a coordinator issued) arrives with the full extension.
 */
export function SignedOut({ where }: { where: 'popup' | 'options' }) {
  return (
    <main class="dyad">
      <h1>Dyad</h1>
      {where === 'popup' ? (
        <>
          <p>Sign in from the options page.</p>
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            Open options
          </button>
        </>
      ) : (
        <p>Sign in with the token your programme coordinator gave you.</p>
      )}
    </main>
  );
}
