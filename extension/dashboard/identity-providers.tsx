/**
 * The organisation's identity providers (admins, in Settings): the OpenID Connect apps people sign
 * in with ("Sign in with Northwind (Okta)"). Each names its issuer (whose discovery document the
 * Worker reads), the client id registered there, the ID-token claim holding the email Dyad matches
 * people by, and the email domains it signs in — people of those domains get no invitations.
 * A provider's issuer is fixed once added: another issuer is another provider.
 */
import { useState } from 'preact/hooks';
import type { IdentityProvider } from '../../shared';
import { Field, FormError, LoadState, Section } from './form-bits';
import { formErrors, noErrors, placeIssues, type FormErrors, type Issue } from './form-errors';
import { dimensionKeys } from './org-settings';
import { useSession } from './session';
import { useLoad } from './use-load';

const fields = ['label', 'issuer', 'clientId', 'emailClaim', 'emailDomains'];

interface Draft {
  label: string;
  issuer: string;
  clientId: string;
  emailClaim: string;
  /** Comma-separated, as typed. */
  emailDomains: string;
}

const empty: Draft = { label: '', issuer: '', clientId: '', emailClaim: 'email', emailDomains: '' };
const draftOf = (p: IdentityProvider): Draft => ({ ...p, emailDomains: p.emailDomains.join(', ') });

/** What the form can tell before asking the API (which checks everything again). */
export function providerIssues(d: Draft, isNew: boolean): Issue[] {
  const issues: Issue[] = [];
  if (!d.label.trim()) issues.push({ path: 'label', message: 'Name it as people will see it, e.g. Northwind (Okta)' });
  if (isNew) {
    let url: URL | null = null;
    try {
      url = new URL(d.issuer.trim());
    } catch {
      url = null;
    }
    const local = url !== null && url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (!url || !(url.protocol === 'https:' || local)) issues.push({ path: 'issuer', message: 'The issuer’s https address' });
  }
  if (!d.clientId.trim()) issues.push({ path: 'clientId', message: 'The client id the provider gave Dyad' });
  if (!/^[A-Za-z_][A-Za-z0-9_:./-]{0,99}$/.test(d.emailClaim.trim()))
    issues.push({ path: 'emailClaim', message: 'A claim name, e.g. email' });
  const bad = dimensionKeys(d.emailDomains.toLowerCase()).find((x) => !/^([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/.test(x));
  if (bad) issues.push({ path: 'emailDomains', message: `“${bad}” is not a domain such as northwind.example` });
  return issues;
}

function ProviderForm({ provider, onSaved, onCancel }: { provider: IdentityProvider | null; onSaved: () => void; onCancel?: () => void }) {
  const { api } = useSession();
  const [draft, setDraft] = useState<Draft>(provider ? draftOf(provider) : empty);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  async function submit(event: Event) {
    event.preventDefault();
    const issues = providerIssues(draft, provider === null);
    if (issues.length) return setErrors(placeIssues(issues, fields));
    setBusy(true);
    setErrors(noErrors);
    const common = {
      label: draft.label.trim(),
      clientId: draft.clientId.trim(),
      emailClaim: draft.emailClaim.trim(),
      emailDomains: dimensionKeys(draft.emailDomains.toLowerCase()),
    };
    try {
      if (provider) await api.patchIdentityProvider(provider.id, common);
      else await api.createIdentityProvider({ ...common, issuer: draft.issuer.trim() });
      if (!provider) setDraft(empty);
      onSaved();
    } catch (err) {
      setErrors(formErrors(err, fields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" data-dyad="form-identity-provider" onSubmit={submit} noValidate>
      <FormError message={errors.form} />
      <Field label="Label" error={errors.fields.label} hint="On the sign-in button: “Sign in with …”">
        <input name="label" value={draft.label} placeholder="Northwind (Okta)" onInput={(e) => set({ label: e.currentTarget.value })} />
      </Field>
      <Field label="Client id" error={errors.fields.clientId}>
        <input name="clientId" value={draft.clientId} onInput={(e) => set({ clientId: e.currentTarget.value })} />
      </Field>
      <Field
        label="Issuer URL"
        error={errors.fields.issuer}
        wide
        hint={provider ? 'Fixed once added: for another issuer, add another provider.' : 'Its /.well-known/openid-configuration is read.'}
      >
        <input
          name="issuer"
          type="url"
          value={draft.issuer}
          disabled={provider !== null}
          placeholder="https://login.northwind.example"
          onInput={(e) => set({ issuer: e.currentTarget.value })}
        />
      </Field>
      <Field label="Email claim" error={errors.fields.emailClaim} hint="The ID-token claim holding the person’s email">
        <input name="emailClaim" value={draft.emailClaim} onInput={(e) => set({ emailClaim: e.currentTarget.value })} />
      </Field>
      <Field label="Email domains" error={errors.fields.emailDomains} hint="Comma-separated. People with these sign in only here.">
        <input
          name="emailDomains"
          value={draft.emailDomains}
          placeholder="northwind.example"
          onInput={(e) => set({ emailDomains: e.currentTarget.value })}
        />
      </Field>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : provider ? 'Save provider' : 'Add provider'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

export function IdentityProviders() {
  const { api } = useSession();
  const providers = useLoad(() => api.identityProviders(), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function remove(id: string) {
    setError(null);
    try {
      await api.deleteIdentityProvider(id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
    setConfirming(null);
    providers.reload();
  }

  const list = providers.value?.providers ?? [];
  return (
    <>
      <Section title="Identity providers" hook="identity-providers">
        <LoadState loading={providers.loading} error={providers.error} empty={!providers.value} />
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {providers.value && list.length === 0 && (
          <p class="muted">None yet: people sign in with invitations only. Add your organisation’s OpenID Connect provider below.</p>
        )}
        {list.length > 0 && (
          <ul class="rows" data-dyad="identity-provider-list">
            {list.map((p) =>
              editing === p.id ? (
                <li key={p.id} class="editing">
                  <ProviderForm
                    provider={p}
                    onSaved={() => {
                      setEditing(null);
                      providers.reload();
                    }}
                    onCancel={() => setEditing(null)}
                  />
                </li>
              ) : (
                <li key={p.id} data-dyad="identity-provider" data-provider={p.id}>
                  <div class="grow">
                    <strong>{p.label}</strong>
                    <div class="muted small wrap-anywhere">
                      {p.issuer} · client {p.clientId} · claim {p.emailClaim}
                      {p.emailDomains.length > 0 && ` · ${p.emailDomains.join(', ')}`}
                    </div>
                  </div>
                  <button type="button" data-dyad="identity-provider-edit" onClick={() => setEditing(p.id)}>
                    Edit
                  </button>
                  {confirming === p.id ? (
                    <button type="button" class="danger" data-dyad="identity-provider-delete-confirm" onClick={() => void remove(p.id)}>
                      Delete: sure?
                    </button>
                  ) : (
                    <button type="button" class="danger" data-dyad="identity-provider-delete" onClick={() => setConfirming(p.id)}>
                      Delete
                    </button>
                  )}
                </li>
              ),
            )}
          </ul>
        )}
      </Section>
      <Section title="Add an identity provider">
        <ProviderForm provider={null} onSaved={providers.reload} />
      </Section>
    </>
  );
}
