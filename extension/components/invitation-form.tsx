import { useState } from 'preact/hooks';
import { allowOrigin } from '../lib/allow-origin';
import { normaliseApiUrl } from '../lib/api-url';
import { parseInvitation } from '../lib/invitation-link';
import type { AuthState } from '../lib/messages';
import { send } from '../lib/send';

/**
 * "Use an invitation": for people outside the organisation's single sign-on. They paste the link
 * their coordinator sent (its origin is the API, so nothing else need be typed) or the bare code
 * (with the API URL above). The organisation, when one is set, goes along so another
 * organisation's invitation is refused.
 */
export function InvitationForm({
  apiUrl,
  org,
  onSignedIn,
}: {
  apiUrl: string | null;
  org: string | null;
  onSignedIn: (state: AuthState) => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function redeem(event: Event) {
    event.preventDefault();
    setError(null);
    let target: string;
    try {
      const pasted = parseInvitation(text);
      const typed = pasted.apiUrl ?? apiUrl;
      if (!typed) throw new Error('Paste the whole invitation link, or enter the API URL above the code.');
      target = normaliseApiUrl(typed);
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    setBusy(true);
    try {
      await allowOrigin(target);
      onSignedIn(await send('auth.redeemInvitation', { invitation: text, apiUrl: target, org }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="stack invitation" data-dyad="invitation-form" onSubmit={redeem}>
      <h2>Use an invitation</h2>
      <p class="muted">Not signing in with your organisation’s account? Paste the invitation link your programme coordinator sent you.</p>
      <label>
        Invitation link or code
        <input
          data-dyad="invitation-input"
          type="text"
          required
          autocomplete="off"
          spellcheck={false}
          placeholder="https://dyad.example.org/console/#invite=…"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <button data-dyad="invitation-redeem" type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in with the invitation'}
      </button>
      {error && (
        <p data-dyad="invitation-error" class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
