import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import type { SignInOptions } from '../../shared';
import { allowOrigin } from '../lib/allow-origin';
import { normaliseApiUrl, originPattern } from '../lib/api-url';
import { isPolicyProvider, policySetter, type ManagedPolicy } from '../lib/managed-policy';
import type { AuthState } from '../lib/messages';
import { send } from '../lib/send';
import { InvitationForm } from './invitation-form';

/**
 * The options page's sign-in, as a new user meets it: where (the API URL and their organisation,
 * typed, or set by their IT's policy and shown locked), then "Sign in with <provider>" for each of
 * the organisation's identity providers. Below it, for people outside single sign-on, "Use an
 * invitation".
 *
 * The API origin's permission is asked for on the click that first needs it (Chrome grants a
 * permission request only during a user gesture), and only for that origin.
 */
export function SignInForm({
  apiUrl,
  org,
  policy,
  onSignedIn,
}: {
  apiUrl: string | null;
  org: string | null;
  policy: ManagedPolicy;
  onSignedIn: (state: AuthState) => void;
}) {
  const [url, setUrl] = useState(policy.apiUrl ?? apiUrl ?? '');
  const [slug, setSlug] = useState(policy.organisation ?? org ?? '');
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  // Known already (policy, or the last sign-in) and allowed: show the providers straight away.
  useEffect(() => {
    const known = policy.apiUrl ?? apiUrl;
    const knownOrg = policy.organisation ?? org;
    if (!known || !knownOrg) return;
    let live = true;
    void browser.permissions
      .contains({ origins: [originPattern(known)] })
      .then((granted) => (granted ? send('auth.signInOptions', { apiUrl: known, org: knownOrg }) : null))
      .then((found) => live && found && setOptions(found))
      .catch(() => undefined); // the Continue button says what is wrong
    return () => {
      live = false;
    };
  }, [policy.apiUrl, policy.organisation, apiUrl, org]);

  async function showProviders(event: Event) {
    event.preventDefault();
    setError(null);
    let normalised: string;
    try {
      normalised = normaliseApiUrl(url);
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    setBusy('continue');
    try {
      await allowOrigin(normalised);
      setOptions(await send('auth.signInOptions', { apiUrl: normalised, org: slug }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function signInWith(providerId: string) {
    if (!options) return;
    setError(null);
    setBusy(providerId);
    try {
      onSignedIn(await send('auth.signInWithProvider', { apiUrl: normaliseApiUrl(url), org: options.org.slug, providerId }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const bothLocked = !!policy.apiUrl && !!policy.organisation;
  // The provider the policy names comes first, marked; the others stay available.
  const providers = options
    ? [...options.providers].sort((a, b) => Number(isPolicyProvider(policy, b)) - Number(isPolicyProvider(policy, a)))
    : [];

  return (
    <div class="stack signin" data-dyad="signin-form">
      {!options ? (
        <form class="stack signin-step" data-dyad="signin-where" onSubmit={showProviders}>
          <p>Sign in with your organisation’s account.</p>
          <WhereField
            policy={policy}
            field="apiUrl"
            label="API URL"
            locked={policy.apiUrl}
            hook="signin-url"
            type="url"
            placeholder="https://dyad.example.org"
            value={url}
            onInput={setUrl}
          />
          <WhereField
            policy={policy}
            field="organisation"
            label="Organisation"
            locked={policy.organisationName ?? policy.organisation}
            hook="signin-org"
            type="text"
            placeholder="e.g. northwind"
            value={slug}
            onInput={setSlug}
          />
          <button data-dyad="signin-continue" type="submit" disabled={busy !== null}>
            {busy === 'continue' ? 'Looking up…' : 'Continue'}
          </button>
        </form>
      ) : (
        <section class="stack signin-step" data-dyad="signin-providers">
          <p>
            Sign in to <strong data-dyad="signin-org-name">{options.org.name}</strong>
            {bothLocked ? (
              <span class="muted locked-by"> · Set by {policySetter(policy)}</span>
            ) : (
              <>
                {' '}
                <button data-dyad="signin-change" type="button" class="link" onClick={() => setOptions(null)}>
                  Change
                </button>
              </>
            )}
          </p>
          {providers.length === 0 ? (
            <p data-dyad="signin-no-providers" class="muted">
              {options.org.name} has no single sign-on set up in Dyad. Use the invitation your coordinator sent you.
            </p>
          ) : (
            <div class="stack providers">
              {providers.map((provider) => {
                const preferred = isPolicyProvider(policy, provider);
                return (
                  <button
                    key={provider.id}
                    type="button"
                    class={preferred ? 'provider preferred' : 'provider'}
                    data-dyad="sign-in-provider"
                    data-provider-id={provider.id}
                    data-preferred={preferred ? 'true' : undefined}
                    disabled={busy !== null}
                    onClick={() => void signInWith(provider.id)}
                  >
                    {busy === provider.id ? 'Waiting for the sign-in window…' : `Sign in with ${provider.label}`}
                  </button>
                );
              })}
            </div>
          )}
        </section>
      )}
      {error && (
        <p data-dyad="signin-error" class="error" role="alert">
          {error}
        </p>
      )}
      <InvitationForm
        apiUrl={policy.apiUrl ?? (url.trim() || null)}
        org={policy.organisation ?? options?.org.slug ?? (slug.trim() || null)}
        onSignedIn={onSignedIn}
      />
    </div>
  );
}

/** A field the policy set is shown locked (read-only, saying who set it); otherwise the person types it. */
function WhereField(props: {
  policy: ManagedPolicy;
  field: 'apiUrl' | 'organisation';
  label: string;
  /** What the locked field shows (the organisation by its name), when the policy sets it. */
  locked: string | null;
  hook: string;
  type: 'url' | 'text';
  placeholder: string;
  value: string;
  onInput: (value: string) => void;
}) {
  const setByPolicy = props.policy[props.field] !== null;
  const id = `signin-${props.field}`;
  return (
    <label for={id}>
      {props.label}
      {setByPolicy ? (
        <input
          data-dyad="policy-locked"
          data-field={props.field}
          class="locked"
          type="text"
          value={props.locked ?? ''}
          readOnly
          aria-readonly="true"
        />
      ) : (
        <input
          id={id}
          data-dyad={props.hook}
          // Text, not type=url: normaliseApiUrl says what is wrong in words, rather than the browser's bubble.
          type="text"
          inputMode={props.type}
          required
          autocomplete="off"
          placeholder={props.placeholder}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
      {setByPolicy && <span class="muted locked-by">Set by {policySetter(props.policy)}</span>}
    </label>
  );
}
