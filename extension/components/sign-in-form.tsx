import { browser } from '#imports';
import { useState } from 'preact/hooks';
import { normaliseApiUrl, originPattern } from '../lib/api-url';
import type { AuthState } from '../lib/messages';
import { send } from '../lib/send';

/**
 * The options page's sign-in: the API URL and the token a coordinator issued. On submit it asks
 * for access to that one API origin (nothing else), then the background checks the token with
 * `GET /v1/me` and keeps it.
 */
export function SignInForm({ apiUrl, onSignedIn }: { apiUrl: string | null; onSignedIn: (state: AuthState) => void }) {
  const [url, setUrl] = useState(apiUrl ?? '');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    let normalised: string;
    try {
      normalised = normaliseApiUrl(url);
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    setBusy(true);
    try {
      // First thing after the click: Chrome grants a permission request only during a user gesture.
      const pattern = originPattern(normalised);
      const granted = await browser.permissions.request({ origins: [pattern] });
      if (!granted) throw new Error(`Dyad needs your permission to reach ${new URL(normalised).host}.`);
      onSignedIn(await send('auth.signIn', { apiUrl: normalised, token }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form data-dyad="signin-form" class="stack" onSubmit={submit}>
      <label>
        API URL
        <input
          data-dyad="signin-url"
          type="url"
          required
          placeholder="https://dyad.example.org"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <label>
        Token
        <input
          data-dyad="signin-token"
          type="password"
          required
          autocomplete="off"
          placeholder="dyad_…"
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
      </label>
      <button data-dyad="signin-submit" type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {error && (
        <p data-dyad="signin-error" class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
