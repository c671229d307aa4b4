/**
 * Create or edit a programme: name, kind, charter and the commitment (sessions per quarter).
 * A failed save keeps everything typed; the API's objections appear next to their field.
 */
import { useState } from 'preact/hooks';
import type { Programme, ProgrammeKind } from '../../shared';
import { limits } from '../../shared/rules/limits';
import { Field, FormError } from './form-bits';
import { kindLabel } from './labels';
import { formErrors, noErrors, placeIssues, type FormErrors, type Issue } from './form-errors';
import { useSession } from './session';

const fields = ['name', 'kind', 'charter', 'minSessionsPerQuarter', 'status'];

interface Draft {
  name: string;
  kind: ProgrammeKind;
  charter: string;
  minSessionsPerQuarter: string;
  status: Programme['status'];
}

/** What is wrong with the draft before sending it (the API checks again). */
export function programmeIssues(d: Draft): Issue[] {
  const issues: Issue[] = [];
  if (!d.name.trim()) issues.push({ path: 'name', message: 'Give the programme a name' });
  else if (d.name.trim().length > limits.textChars) issues.push({ path: 'name', message: `At most ${limits.textChars} characters` });
  if (d.charter.length > limits.charterChars)
    issues.push({ path: 'charter', message: `At most ${limits.charterChars.toLocaleString('en')} characters` });
  const n = d.minSessionsPerQuarter.trim();
  if (n && !(/^\d+$/.test(n) && Number(n) <= 52)) issues.push({ path: 'minSessionsPerQuarter', message: 'A whole number from 0 to 52' });
  return issues;
}

export function ProgrammeForm({
  programme,
  onSaved,
  onCancel,
}: {
  programme: Programme | null;
  onSaved: (p: Programme) => void;
  onCancel?: () => void;
}) {
  const { api } = useSession();
  const [draft, setDraft] = useState<Draft>(() =>
    programme
      ? {
          name: programme.name,
          kind: programme.kind,
          charter: programme.charter,
          minSessionsPerQuarter: String(programme.minSessionsPerQuarter),
          status: programme.status,
        }
      : { name: '', kind: 'reverse', charter: '', minSessionsPerQuarter: '', status: 'active' },
  );
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(null);
  };

  async function submit(event: Event) {
    event.preventDefault();
    const issues = programmeIssues(draft);
    if (issues.length) return setErrors(placeIssues(issues, fields));
    setBusy(true);
    setErrors(noErrors);
    const commitment = draft.minSessionsPerQuarter.trim() === '' ? undefined : Number(draft.minSessionsPerQuarter);
    try {
      const result = programme
        ? await api.patchProgramme(programme.id, {
            name: draft.name.trim(),
            charter: draft.charter,
            status: draft.status,
            ...(commitment === undefined ? {} : { minSessionsPerQuarter: commitment }),
          })
        : await api.createProgramme({
            name: draft.name.trim(),
            kind: draft.kind,
            charter: draft.charter,
            ...(commitment === undefined ? {} : { minSessionsPerQuarter: commitment }),
          });
      setSaved(programme ? 'Saved.' : `Created “${result.name}”.`);
      if (!programme) setDraft({ name: '', kind: draft.kind, charter: '', minSessionsPerQuarter: '', status: 'active' });
      onSaved(result);
    } catch (err) {
      setErrors(formErrors(err, fields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" data-dyad="form-programme" onSubmit={submit} noValidate>
      <FormError message={errors.form} />
      <Field label="Name" error={errors.fields.name}>
        <input name="name" value={draft.name} maxLength={limits.textChars} onInput={(e) => set({ name: e.currentTarget.value })} />
      </Field>
      <Field
        label="Kind"
        error={errors.fields.kind}
        hint={programme ? 'The kind is fixed once created: the roles of its engagements depend on it.' : undefined}
      >
        <select
          name="kind"
          value={draft.kind}
          disabled={!!programme}
          onChange={(e) => set({ kind: e.currentTarget.value as ProgrammeKind })}
        >
          {(Object.keys(kindLabel) as ProgrammeKind[]).map((k) => (
            <option key={k} value={k}>
              {kindLabel[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Commitment (sessions per quarter)"
        error={errors.fields.minSessionsPerQuarter}
        hint={programme ? undefined : 'Leave empty for the default: 2 a quarter (advisory councils: 1).'}
      >
        <input
          name="minSessionsPerQuarter"
          inputMode="numeric"
          value={draft.minSessionsPerQuarter}
          onInput={(e) => set({ minSessionsPerQuarter: e.currentTarget.value })}
        />
      </Field>
      {programme && (
        <Field label="Status" error={errors.fields.status}>
          <select name="status" value={draft.status} onChange={(e) => set({ status: e.currentTarget.value as Programme['status'] })}>
            <option value="active">Active</option>
            <option value="archived">Archived</option>
          </select>
        </Field>
      )}
      <Field label="Charter" error={errors.fields.charter} wide hint="What the programme is for, and what each side commits to.">
        <textarea name="charter" rows={5} value={draft.charter} onInput={(e) => set({ charter: e.currentTarget.value })} />
      </Field>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : programme ? 'Save changes' : 'Create programme'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        {saved && (
          <span class="ok" role="status">
            {saved}
          </span>
        )}
      </div>
    </form>
  );
}
