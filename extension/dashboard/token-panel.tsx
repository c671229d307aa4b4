/**
 * Issue and revoke a person's tokens. The secret is shown once, with an invitation to copy and send:
 * how to install the extension and sign in. Coordinators issue participant tokens; admins any.
 */
import { useState } from 'preact/hooks';
import type { IssuedToken, Participant, Role } from '../../shared';
import { Field, FormError } from './form-bits';
import { formErrors, noErrors, type FormErrors } from './form-errors';
import { invitationText } from './invitation';
import { useSession } from './session';
import { useLoad } from './use-load';

const roleLabel: Record<Role, string> = { participant: 'Participant (leader)', coordinator: 'Coordinator', admin: 'Admin' };

export function TokenPanel({ person }: { person: Participant }) {
  const { api, me } = useSession();
  const tokens = useLoad(() => api.tokens(person.id), [person.id]);
  const roles: Role[] = me.role === 'admin' ? ['participant', 'coordinator', 'admin'] : ['participant'];
  const [role, setRole] = useState<Role>('participant');
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<IssuedToken | null>(null);

  async function issue(event: Event) {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      const result = await api.issueToken(person.id, { role, ...(label.trim() ? { label: label.trim() } : {}) });
      setIssued(result);
      setLabel('');
      tokens.reload();
    } catch (err) {
      setErrors(formErrors(err, ['role', 'label']));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(tokenId: string) {
    try {
      await api.revokeToken(tokenId);
      if (issued?.token.id === tokenId) setIssued(null);
    } catch (err) {
      setErrors(formErrors(err, []));
    }
    tokens.reload();
  }

  const invitation = issued
    ? invitationText({
        name: person.displayName,
        orgName: me.org.name,
        apiUrl: api.apiUrl,
        secret: issued.secret,
        role: issued.token.role,
        from: me.participant.displayName,
      })
    : '';

  return (
    <div class="token-panel">
      <form class="form inline" data-dyad="form-token" onSubmit={issue}>
        <FormError message={errors.form} />
        <Field label="Role" error={errors.fields.role}>
          <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabel[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Label (optional)" error={errors.fields.label}>
          <input name="label" placeholder="e.g. laptop" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </Field>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Issuing…' : 'Issue token'}
          </button>
        </div>
      </form>

      {issued && (
        <div class="issued" data-dyad="token-issued" role="status">
          <p>
            <strong>Copy the token now: it is shown only once.</strong> Dyad keeps only a hash of it.
          </p>
          <div class="copy-row">
            <code data-dyad="token-secret">{issued.secret}</code>
            <CopyButton text={issued.secret} label="Copy token" />
          </div>
          <label class="field wide">
            <span class="label">Invitation to send {person.displayName}</span>
            <textarea data-dyad="token-invitation" readOnly rows={invitation.split('\n').length + 2} value={invitation} />
          </label>
          <div class="form-actions">
            <CopyButton text={invitation} label="Copy invitation" hook="token-invitation-copy" />
            <button type="button" onClick={() => setIssued(null)}>
              Done
            </button>
          </div>
        </div>
      )}

      <h3>Tokens</h3>
      {tokens.error && <p class="error">{tokens.error}</p>}
      {tokens.value && tokens.value.tokens.length === 0 && <p class="muted">No token yet.</p>}
      {tokens.value && tokens.value.tokens.length > 0 && (
        <ul class="rows" data-dyad="token-list">
          {tokens.value.tokens.map((t) => (
            <li key={t.id} data-token={t.id} data-revoked={String(!!t.revokedAt)}>
              <div class="grow">
                {roleLabel[t.role]}
                {t.label && <span class="muted"> · {t.label}</span>}
                <div class="muted small">
                  issued {t.createdAt.slice(0, 10)}
                  {t.revokedAt && ` · revoked ${t.revokedAt.slice(0, 10)}`}
                </div>
              </div>
              {!t.revokedAt && (
                <button type="button" class="danger" data-dyad="token-revoke" onClick={() => void revoke(t.id)}>
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

function CopyButton({ text, label, hook }: { text: string; label: string; hook?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      data-dyad={hook}
      onClick={() =>
        void navigator.clipboard.writeText(text).then(
          () => {
            setDone(true);
            setTimeout(() => setDone(false), 2000);
          },
          () => setDone(false),
        )
      }
    >
      {done ? 'Copied' : label}
    </button>
  );
}
