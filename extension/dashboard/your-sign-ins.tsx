/**
 * Your sign-ins: every credential you hold — how you got it (your organisation's single sign-on,
 * or an invitation), which app holds it, when it was made and last used — with Revoke (a lost
 * laptop, an extension you no longer use). Revoking the one this page uses signs you out here.
 * Below, the invitations made for you, and whether each was used.
 */
import { useState } from 'preact/hooks';
import type { Credential, CredentialClient, CredentialKind } from '../../shared';
import { LoadState, Section } from './form-bits';
import { invitationWhen, statusLabel } from './invitation-panel';
import { dayLabel } from './period';
import { useSession } from './session';
import { useLoad } from './use-load';

export const clientLabel: Record<CredentialClient, string> = { extension: 'Chrome extension', console: 'Console (web)', api: 'API script' };

const kindLabel: Record<CredentialKind, (c: Credential) => string> = {
  sso: (c) => `SSO via ${c.providerLabel ?? 'your identity provider'}`,
  invitation: () => 'Invitation',
  // Minted for you by a coordinator before sign-in existed (migration 0008 revoked every one).
  legacy: () => 'Token from a coordinator',
};

/** "SSO via Northwind (Okta)", "Invitation", or "Token from a coordinator". */
export const howLabel = (c: Credential) => kindLabel[c.kind](c);

/** "revoked 30 Nov 2026", and why when it was not the holder. */
const revokedLabel = (c: Credential) =>
  `revoked ${day(c.revokedAt)}${c.revokedBy === 'migration' ? ' (when sign-in replaced tokens)' : ''}`;

const day = (iso: string | null) => (iso ? dayLabel(iso.slice(0, 10)) : '—');

export function YourSignIns() {
  const { api, account } = useSession();
  const mine = useLoad(() => api.myCredentials(), []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function revoke(c: Credential) {
    setBusy(c.id);
    setError(null);
    try {
      await api.revokeMyCredential(c.id);
      // This page's own credential: nothing it asks the API from now on would be answered.
      if (c.current) return account.forget();
      mine.reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }

  const credentials = mine.value?.credentials ?? [];
  const invitations = mine.value?.invitations ?? [];

  return (
    <div class="screen">
      <Section title="Your sign-ins" hook="your-sign-ins">
        <LoadState loading={mine.loading} error={mine.error} empty={!mine.value} />
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {mine.value && credentials.length === 0 && <p class="muted">No sign-in yet.</p>}
        {credentials.length > 0 && (
          <div class="table-wrap">
            <table class="table" data-dyad="credential-table">
              <thead>
                <tr>
                  <th>How</th>
                  <th>App</th>
                  <th>Signed in</th>
                  <th>Last used</th>
                  <th>Status</th>
                  <th>
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {credentials.map((c) => (
                  <tr key={c.id} data-dyad="credential-row" data-credential={c.id} data-revoked={String(c.revokedAt !== null)}>
                    <td>
                      {howLabel(c)}
                      {c.label && <div class="muted small">{c.label}</div>}
                    </td>
                    <td>{clientLabel[c.client]}</td>
                    <td class="nowrap">{day(c.createdAt)}</td>
                    <td class="nowrap">{day(c.lastUsedAt)}</td>
                    <td>
                      {c.revokedAt ? (
                        <span class="tag">{revokedLabel(c)}</span>
                      ) : c.current ? (
                        <span class="tag current" data-dyad="credential-current">
                          this browser
                        </span>
                      ) : (
                        <span class="tag active">active</span>
                      )}
                    </td>
                    <td class="num">
                      {!c.revokedAt && (
                        <button
                          type="button"
                          class="danger"
                          data-dyad="credential-revoke"
                          disabled={busy !== null}
                          onClick={() => void revoke(c)}
                        >
                          {c.current ? 'Revoke and sign out' : 'Revoke'}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title="Invitations made for you" hook="your-invitations">
        {mine.value && invitations.length === 0 && <p class="muted">None.</p>}
        {invitations.length > 0 && (
          <ul class="rows" data-dyad="your-invitation-list">
            {invitations.map((i) => (
              <li key={i.id} data-invitation={i.id} data-status={i.status}>
                <span class={`tag status-${i.status}`}>{statusLabel[i.status]}</span>
                <span class="grow small">
                  from {i.createdBy.displayName}, {dayLabel(i.createdAt.slice(0, 10))} · {invitationWhen(i)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
