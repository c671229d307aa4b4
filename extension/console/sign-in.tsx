/**
 * The console's signed-out screen: name the organisation (from `?org=<slug>`, the one used last on
 * this browser, or typed), then sign in with one of its identity providers — or with an invitation,
 * pasted as a code or a link. The provider's redirect comes back to `/console/` and is finished by
 * the console (console-app.tsx); an invitation is redeemed here at once.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SignedIn, SignInOptions } from '../../shared';
import type { AuthApi } from './auth-api';
import { invitationCode } from './invitation-link';
import { codeChallenge, codeVerifier, keepVerifier } from './pkce';
import { signInError } from './sign-in-errors';

const orgKey = 'dyad.console.org';

/** The organisation to offer: the link's `?org=`, else the one this browser signed in to last. */
export function initialOrg(search: string, storage: Storage = localStorage): string {
  return new URLSearchParams(search).get('org')?.trim() || storage.getItem(orgKey) || '';
}

export interface Notice {
  tone: 'error' | 'info';
  text: string;
}

export function SignIn({ auth, notice, onSignedIn }: { auth: AuthApi; notice: Notice | null; onSignedIn: (s: SignedIn) => void }) {
  const [org, setOrg] = useState(() => initialOrg(location.search));
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [inviteError, setInviteError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function lookUp(name: string) {
    if (!name.trim()) return setError('Enter your organisation’s short name (e.g. northwind)');
    setBusy('org');
    setError(null);
    try {
      const found = await auth.signInOptions(name.trim());
      setOptions(found);
      localStorage.setItem(orgKey, found.org.slug);
    } catch (err) {
      setError(signInError(err));
    } finally {
      setBusy(null);
    }
  }

  // A link with ?org= (or a remembered organisation) goes straight to its sign-in buttons.
  useEffect(() => {
    if (org) void lookUp(org);
  }, []);

  async function withProvider(providerId: string) {
    setBusy(providerId);
    setError(null);
    try {
      const verifier = codeVerifier();
      const reply = await auth.startOidc({
        providerId,
        redirectUri: `${location.origin}/console/`,
        codeChallenge: await codeChallenge(verifier),
        client: 'console',
      });
      keepVerifier(reply.state, verifier);
      location.assign(reply.authorizationUrl);
    } catch (err) {
      setError(signInError(err));
      setBusy(null);
    }
  }

  async function redeem(event: Event) {
    event.preventDefault();
    const parsed = invitationCode(code);
    if (!parsed) return setInviteError('Paste the invitation link (…/console/#invite=…) or its code');
    setBusy('invite');
    setInviteError(null);
    try {
      onSignedIn(await auth.redeem({ code: parsed, client: 'console' }));
    } catch (err) {
      setInviteError(signInError(err));
      setBusy(null);
    }
  }

  return (
    <main class="dashboard message" data-dyad="console-sign-in">
      <h1>Dyad console</h1>
      {notice && (
        <p
          class={notice.tone === 'error' ? 'form-error' : 'notice'}
          data-dyad="sign-in-notice"
          role={notice.tone === 'error' ? 'alert' : 'status'}
        >
          {notice.text}
        </p>
      )}
      <section class="card">
        {options ? (
          <>
            <div class="card-head">
              <h2 data-dyad="sign-in-org">Sign in to {options.org.name}</h2>
              <div class="actions">
                <button type="button" class="link" data-dyad="sign-in-other-org" onClick={() => setOptions(null)}>
                  Another organisation
                </button>
              </div>
            </div>
            {options.providers.length === 0 && (
              <p class="muted" data-dyad="sign-in-no-providers">
                {options.org.name} has no single sign-on set up in Dyad: sign in with the invitation your programme coordinator sent you.
              </p>
            )}
            <div class="providers">
              {options.providers.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  class="primary"
                  data-dyad="sign-in-provider"
                  disabled={busy !== null}
                  onClick={() => void withProvider(p.id)}
                >
                  {busy === p.id ? 'Opening…' : `Sign in with ${p.label}`}
                </button>
              ))}
            </div>
          </>
        ) : (
          <form
            class="form"
            data-dyad="sign-in-org-form"
            onSubmit={(e) => {
              e.preventDefault();
              void lookUp(org);
            }}
          >
            <label class="field wide">
              <span class="label">Organisation</span>
              <input
                name="org"
                placeholder="e.g. northwind"
                autoComplete="organization"
                value={org}
                onInput={(e) => setOrg(e.currentTarget.value)}
              />
              <span class="hint">The short name in the sign-in link your organisation shared (…/console/?org=northwind).</span>
            </label>
            <div class="form-actions">
              <button type="submit" class="primary" disabled={busy !== null}>
                {busy === 'org' ? 'Looking up…' : 'Continue'}
              </button>
            </div>
          </form>
        )}
        {error && (
          <p class="form-error" data-dyad="sign-in-error" role="alert">
            {error}
          </p>
        )}
      </section>

      <section class="card">
        <div class="card-head">
          <h2>Have an invitation?</h2>
        </div>
        <form class="form" data-dyad="sign-in-invitation" onSubmit={redeem}>
          <label class={`field wide${inviteError ? ' invalid' : ''}`}>
            <span class="label">Invitation link or code</span>
            <input
              name="invitation"
              placeholder="https://…/console/#invite=…"
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
            <span class="hint">An invitation works once, for the person it was made for, until it expires.</span>
          </label>
          {inviteError && (
            <p class="form-error" data-dyad="invitation-error" role="alert">
              {inviteError}
            </p>
          )}
          <div class="form-actions">
            <button type="submit" disabled={busy !== null}>
              {busy === 'invite' ? 'Signing in…' : 'Sign in with the invitation'}
            </button>
          </div>
        </form>
      </section>
    </main>
  );
}
