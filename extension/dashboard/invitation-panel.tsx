/**
 * Invite a person to sign in, and see what became of their invitations. The link is shown once,
 * with a message to copy and send; afterwards the panel only says whether it was used. A
 * coordinator never sees a credential: the invitee's sign-in gives them one only they hold.
 */
import { useState } from 'preact/hooks';
import type { Invitation, InvitationStatus, IssuedInvitation, Participant } from '../../shared';
import { credentialLifetimes } from '../../shared/rules/credentials';
import { CopyButton } from './copy-button';
import { Field, FormError } from './form-bits';
import { formErrors, noErrors, placeIssues, type FormErrors } from './form-errors';
import { invitationText } from './invitation';
import { dayLabel } from './period';
import { useSession } from './session';
import { useLoad } from './use-load';

export const statusLabel: Record<InvitationStatus, string> = {
  pending: 'Pending',
  redeemed: 'Used',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** "Used 3 Dec 2026", "Expires 14 Dec 2026": the line under an invitation. */
export function invitationWhen(i: Invitation): string {
  if (i.status === 'redeemed' && i.redeemedAt) return `used ${dayLabel(i.redeemedAt.slice(0, 10))}`;
  if (i.status === 'revoked' && i.revokedAt) return `revoked ${dayLabel(i.revokedAt.slice(0, 10))}`;
  return `${i.status === 'expired' ? 'expired' : 'expires'} ${dayLabel(i.expiresAt.slice(0, 10))}`;
}

export function InvitationPanel({ person }: { person: Participant }) {
  const { api, me } = useSession();
  const invitations = useLoad(() => api.invitations(person.id), [person.id]);
  const [days, setDays] = useState(String(credentialLifetimes.invitationDefaultDays));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);

  async function invite(event: Event) {
    event.preventDefault();
    const n = Number(days);
    if (!/^\d+$/.test(days.trim()) || n < 1 || n > credentialLifetimes.invitationMaxDays) {
      return setErrors(
        placeIssues(
          [{ path: 'expiresInDays', message: `A whole number of days from 1 to ${credentialLifetimes.invitationMaxDays}` }],
          ['expiresInDays'],
        ),
      );
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      setIssued(await api.invite(person.id, { expiresInDays: n }));
      invitations.reload();
    } catch (err) {
      setErrors(formErrors(err, ['expiresInDays']));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(invitationId: string) {
    try {
      await api.revokeInvitation(invitationId);
      if (issued?.invitation.id === invitationId) setIssued(null);
    } catch (err) {
      setErrors(formErrors(err, []));
    }
    invitations.reload();
  }

  const message = issued
    ? invitationText({
        name: person.displayName,
        orgName: me.org.name,
        link: issued.link,
        expiresAt: issued.invitation.expiresAt,
        role: person.role,
        from: me.participant.displayName,
      })
    : '';

  return (
    <div class="invitation-panel">
      <h3>Invite to sign in</h3>
      <form class="form inline" data-dyad="form-invitation" onSubmit={invite} noValidate>
        <FormError message={errors.form} />
        <Field label="Expires after (days)" error={errors.fields.expiresInDays}>
          <input
            name="expiresInDays"
            type="number"
            min={1}
            max={credentialLifetimes.invitationMaxDays}
            value={days}
            onInput={(e) => setDays(e.currentTarget.value)}
          />
        </Field>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Inviting…' : 'Invite'}
          </button>
        </div>
      </form>

      {issued && (
        <div class="issued" data-dyad="invitation-issued" role="status">
          <p>
            <strong>Send this link to {person.displayName} now: it is shown only once.</strong> It signs them in once, until{' '}
            {dayLabel(issued.invitation.expiresAt.slice(0, 10))}; Dyad keeps only a hash of it.
          </p>
          <div class="copy-row">
            <code data-dyad="invitation-link">{issued.link}</code>
            <CopyButton text={issued.link} label="Copy link" />
          </div>
          <label class="field wide">
            <span class="label">Message to send {person.displayName}</span>
            <textarea data-dyad="invitation-text" readOnly rows={Math.min(30, message.split('\n').length + 9)} value={message} />
          </label>
          <div class="form-actions">
            <CopyButton text={message} label="Copy message" hook="invitation-text-copy" />
            <button type="button" data-dyad="invitation-done" onClick={() => setIssued(null)}>
              Done
            </button>
          </div>
        </div>
      )}

      <h3>Invitations</h3>
      {invitations.error && <p class="error">{invitations.error}</p>}
      {invitations.value && invitations.value.invitations.length === 0 && <p class="muted">No invitation yet.</p>}
      {invitations.value && invitations.value.invitations.length > 0 && (
        <ul class="rows" data-dyad="invitation-list">
          {invitations.value.invitations.map((i) => (
            <li key={i.id} data-invitation={i.id} data-status={i.status}>
              <div class="grow">
                <span class={`tag status-${i.status}`}>{statusLabel[i.status]}</span>
                <div class="muted small">
                  made {dayLabel(i.createdAt.slice(0, 10))} by {i.createdBy.displayName} · {invitationWhen(i)}
                </div>
              </div>
              {i.status === 'pending' && (
                <button type="button" class="danger" data-dyad="invitation-revoke" onClick={() => void revoke(i.id)}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
