import { useState } from 'preact/hooks';
import type { Credential, CredentialClient, Invitation, InvitationStatus } from '../../shared';
import type { AuthState } from '../lib/messages';
import { send } from '../lib/send';
import { formatWhen } from './labels';
import { useLive } from './use-live';

const appLabel: Record<CredentialClient, string> = { extension: 'Chrome extension', console: 'Console', api: 'API script' };
const statusLabel: Record<InvitationStatus, string> = { pending: 'Not used yet', redeemed: 'Used', expired: 'Expired', revoked: 'Revoked' };

/** How a credential was obtained, as the list says it: "Single sign-on via Northwind (Okta)", "Invitation". */
export function howSignedIn(credential: Pick<Credential, 'kind' | 'providerLabel'>): string {
  switch (credential.kind) {
    case 'invitation':
      return 'Invitation';
    case 'legacy':
      return 'Token from your coordinator';
    case 'sso':
      return credential.providerLabel ? `Single sign-on via ${credential.providerLabel}` : 'Single sign-on';
  }
}

/** When and by whom a revoked credential ended: the holder, or the move to sign-in that ended every minted token. */
function revokedLine(credential: Credential): string {
  if (!credential.revokedAt) return '';
  return credential.revokedBy === 'migration'
    ? ` · ended ${formatWhen(credential.revokedAt)}, when Dyad moved to sign-in`
    : ` · revoked ${formatWhen(credential.revokedAt)}`;
}

/**
 * "Your sign-ins": every app and browser the person signed in from (never anyone else's), this one
 * marked, each revocable — a lost laptop is signed out from here; revoking this browser's signs out.
 * Below, the invitations made for them and whether each was used.
 */
export function YourSignIns({ onSignedOut }: { onSignedOut: (state: AuthState) => void }) {
  const mine = useLive(() => send('auth.mySignIns', undefined));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function revoke(credential: Credential) {
    setError(null);
    setBusy(credential.id);
    try {
      const state = await send('auth.revokeSignIn', { credentialId: credential.id });
      if (!state.signedIn) onSignedOut(state);
      else mine.reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="your-sign-ins">
      <h2>Your sign-ins</h2>
      {mine.error && <p class="error">{mine.error}</p>}
      {error && (
        <p class="error" role="alert" data-dyad="credential-error">
          {error}
        </p>
      )}
      {!mine.value ? (
        !mine.error && <p class="muted">Loading…</p>
      ) : (
        <>
          <ul data-dyad="credential-list" class="credentials">
            {mine.value.credentials.map((credential) => (
              <li
                key={credential.id}
                data-dyad="credential"
                data-credential-id={credential.id}
                data-current={credential.current ? 'true' : undefined}
                data-revoked={credential.revokedAt ? 'true' : undefined}
                class={credential.revokedAt ? 'revoked' : undefined}
              >
                <span class="what">
                  <span>
                    {howSignedIn(credential)} · {appLabel[credential.client]}
                    {credential.current && <strong data-dyad="credential-current"> · This browser</strong>}
                  </span>
                  <span class="muted">
                    {credential.label ? `${credential.label} · ` : ''}
                    Signed in {formatWhen(credential.createdAt)}
                    {credential.lastUsedAt ? ` · last used ${formatWhen(credential.lastUsedAt)}` : ''}
                    {revokedLine(credential)}
                  </span>
                </span>
                {!credential.revokedAt && (
                  <button
                    type="button"
                    data-dyad="credential-revoke"
                    disabled={busy !== null}
                    title={credential.current ? 'Signs this browser out' : 'Signs that app out'}
                    onClick={() => void revoke(credential)}
                  >
                    {busy === credential.id ? 'Revoking…' : credential.current ? 'Revoke (sign out)' : 'Revoke'}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {mine.value.invitations.length > 0 && <Invitations invitations={mine.value.invitations} />}
        </>
      )}
    </section>
  );
}

function Invitations({ invitations }: { invitations: Invitation[] }) {
  return (
    <>
      <h2>Invitations for you</h2>
      <ul data-dyad="invitation-list" class="invitations">
        {invitations.map((invitation) => (
          <li key={invitation.id} data-dyad="invitation" data-status={invitation.status}>
            <span class="what">
              <span>From {invitation.createdBy.displayName}</span>
              <span class="muted">
                Made {formatWhen(invitation.createdAt)} ·{' '}
                {invitation.status === 'pending'
                  ? `lapses ${formatWhen(invitation.expiresAt)}`
                  : invitation.redeemedAt
                    ? `used ${formatWhen(invitation.redeemedAt)}`
                    : invitation.revokedAt
                      ? `revoked ${formatWhen(invitation.revokedAt)}`
                      : `lapsed ${formatWhen(invitation.expiresAt)}`}
              </span>
            </span>
            <span class={`status ${invitation.status}`} data-dyad="invitation-status">
              {statusLabel[invitation.status]}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
