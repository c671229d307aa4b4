/**
 * A person's role: what their sign-in lets them do, whoever they sign in as. Admins change it
 * (`PATCH /v1/participants/{id}` `{ role }`; the Worker keeps the last admin); coordinators read it.
 */
import { useState } from 'preact/hooks';
import type { Participant, Role } from '../../shared';
import { Field, FormError } from './form-bits';
import { formErrors, noErrors, type FormErrors } from './form-errors';
import { useSession } from './session';
import { roleLabel } from './signed-in-as';

const roles: Role[] = ['participant', 'coordinator', 'admin'];

export function PersonRole({ person, onChanged }: { person: Participant; onChanged: (p: Participant) => void }) {
  const { api, me } = useSession();
  const [role, setRole] = useState<Role>(person.role);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  if (me.role !== 'admin') {
    return (
      <p class="small" data-dyad="person-role" data-role={person.role}>
        Role: <strong>{roleLabel[person.role]}</strong> <span class="muted">(only an admin changes a role)</span>
      </p>
    );
  }

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    setSaved(false);
    try {
      onChanged(await api.patchParticipant(person.id, { role }));
      setSaved(true);
    } catch (err) {
      setErrors(formErrors(err, ['role']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form inline" data-dyad="form-role" onSubmit={save}>
      <FormError message={errors.form} />
      <Field label="Role" error={errors.fields.role}>
        <select
          name="role"
          value={role}
          onChange={(e) => {
            setRole(e.currentTarget.value as Role);
            setSaved(false);
          }}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel[r]}
            </option>
          ))}
        </select>
      </Field>
      <div class="form-actions">
        <button type="submit" disabled={busy || role === person.role}>
          {busy ? 'Saving…' : 'Change role'}
        </button>
        {saved && (
          <span class="ok" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
