/**
 * Create an engagement: a programme, its members and their roles, dates and learning objectives.
 * The roles offered are the programme kind's; the form checks the kind's rules (roles and counts,
 * a rotation's 7–42 days) before sending, and shows whatever the API still refuses next to the field.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Engagement, MemberRole } from '../../shared';
import { rolesByKind, rotationDays } from '../../shared/rules/engagement';
import { engagementIssues, membersFor, rolesOf, spanDays, type MemberDraft } from './engagement-checks';
import { Field, FormError } from './form-bits';
import { formErrors, noErrors, placeIssues, type FormErrors } from './form-errors';
import { kindLabel, personOption } from './labels';
import { useSession } from './session';
import { useLoad } from './use-load';

interface Draft {
  programmeId: string;
  members: (MemberDraft & { text: string })[];
  startsOn: string;
  endsOn: string;
  objectives: string;
}

export function EngagementForm({ onCreated }: { onCreated: (e: Engagement) => void }) {
  const { api, programmes } = useSession();
  const people = useLoad(() => api.participants('', 1000), []);
  const byOption = useMemo(() => new Map((people.value?.participants ?? []).map((p) => [personOption(p), p])), [people.value]);
  const active = programmes.filter((p) => p.status === 'active');
  const [draft, setDraft] = useState<Draft>({ programmeId: '', members: [], startsOn: '', endsOn: '', objectives: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const programme = programmes.find((p) => p.id === draft.programmeId) ?? null;
  const kind = programme?.kind ?? null;

  const fieldNames = [
    'programmeId',
    ...draft.members.map((_, i) => `members.${i}`),
    'members',
    'startsOn',
    'endsOn',
    'objectives',
    'status',
  ];
  const check = (d: Draft) =>
    placeIssues(
      engagementIssues(programmes.find((p) => p.id === d.programmeId)?.kind ?? null, d.members, d.startsOn, d.endsOn),
      fieldNames,
    );
  const update = (d: Draft) => {
    setDraft(d);
    setCreated(null);
    if (tried) setErrors(check(d)); // after a first attempt, errors follow the edits
  };

  function pickProgramme(programmeId: string) {
    const k = programmes.find((p) => p.id === programmeId)?.kind;
    // Keep the people already picked where their role still exists; offer one row per role needed.
    const rows = k ? membersFor(k).map((row) => draft.members.find((m) => m.role === row.role) ?? { ...row, text: '' }) : [];
    update({ ...draft, programmeId, members: rows });
  }

  function setMember(i: number, patch: Partial<Draft['members'][number]>) {
    update({ ...draft, members: draft.members.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  }

  async function submit(event: Event) {
    event.preventDefault();
    setTried(true);
    const local = check(draft);
    if (Object.keys(local.fields).length || local.form)
      return setErrors({ ...local, form: local.form ?? 'Please check the highlighted fields.' });
    setBusy(true);
    setErrors(noErrors);
    try {
      const e = await api.createEngagement({
        programmeId: draft.programmeId,
        members: draft.members.map((m) => ({ participantId: m.participantId, role: m.role as MemberRole })),
        startsOn: draft.startsOn,
        ...(draft.endsOn ? { endsOn: draft.endsOn } : {}),
        status: 'active',
        objectives: draft.objectives
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean),
      });
      setCreated(`Created: ${e.members.map((m) => `${m.displayName} (${m.role})`).join(', ')}.`);
      setTried(false);
      setDraft({
        ...draft,
        members: kind ? membersFor(kind).map((m) => ({ ...m, text: '' })) : [],
        startsOn: '',
        endsOn: '',
        objectives: '',
      });
      onCreated(e);
    } catch (err) {
      setErrors(formErrors(err, fieldNames));
    } finally {
      setBusy(false);
    }
  }

  const canAdd = kind !== null && Object.values(rolesByKind[kind]).some((r) => r.max > 1);
  const days = draft.startsOn && draft.endsOn && draft.endsOn >= draft.startsOn ? spanDays(draft.startsOn, draft.endsOn) : null;

  return (
    <form class="form" data-dyad="form-engagement" onSubmit={submit} noValidate>
      <FormError message={errors.form} />
      <Field label="Programme" error={errors.fields.programmeId} wide>
        <select name="programmeId" value={draft.programmeId} onChange={(e) => pickProgramme(e.currentTarget.value)}>
          <option value="">Choose a programme…</option>
          {active.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({kindLabel[p.kind]})
            </option>
          ))}
        </select>
      </Field>

      {kind && (
        <fieldset class={`wide members${errors.fields.members ? ' invalid' : ''}`} data-dyad="engagement-members">
          <legend>Members</legend>
          <datalist id="dyad-people">
            {(people.value?.participants ?? []).map((p) => (
              <option key={p.id} value={personOption(p)} />
            ))}
          </datalist>
          {draft.members.map((m, i) => (
            <div class={`member${errors.fields[`members.${i}`] ? ' invalid' : ''}`} key={i} data-dyad="engagement-member">
              <input
                name={`members.${i}.person`}
                list="dyad-people"
                placeholder="Type a name or email"
                aria-label="Person"
                value={m.text}
                onInput={(e) => {
                  const text = e.currentTarget.value;
                  setMember(i, { text, participantId: byOption.get(text)?.id ?? '' });
                }}
              />
              <select
                name={`members.${i}.role`}
                aria-label="Role"
                value={m.role}
                onChange={(e) => setMember(i, { role: e.currentTarget.value as MemberRole })}
              >
                <option value="">Role…</option>
                {rolesOf(kind).map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
              {canAdd && draft.members.length > 2 ? (
                <button
                  type="button"
                  class="icon"
                  aria-label="Remove member"
                  onClick={() => update({ ...draft, members: draft.members.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
              ) : (
                <span class="icon-space" />
              )}
              {errors.fields[`members.${i}`] && <span class="field-error">{errors.fields[`members.${i}`]}</span>}
            </div>
          ))}
          {errors.fields.members && (
            <span class="field-error" role="alert">
              {errors.fields.members}
            </span>
          )}
          {canAdd && (
            <button
              type="button"
              class="link"
              onClick={() => update({ ...draft, members: [...draft.members, { participantId: '', role: '', text: '' }] })}
            >
              + Add a member
            </button>
          )}
          <span class="hint">
            {kind === 'reverse'
              ? 'Reverse mentoring: the mentor is the junior colleague, the mentee the senior leader.'
              : kind === 'advisory'
                ? 'One or more advisors and one or more executives.'
                : kind === 'rotation'
                  ? 'The rotator, and the host in the function they visit.'
                  : 'A mentor and a mentee.'}
          </span>
        </fieldset>
      )}

      <Field label="Starts on" error={errors.fields.startsOn}>
        <input name="startsOn" type="date" value={draft.startsOn} onInput={(e) => update({ ...draft, startsOn: e.currentTarget.value })} />
      </Field>
      <Field
        label={kind === 'rotation' ? 'Ends on' : 'Ends on (optional)'}
        error={errors.fields.endsOn}
        hint={
          kind === 'rotation'
            ? `A rotation lasts ${rotationDays.min} to ${rotationDays.max} days${days ? ` (this one: ${days})` : ''}.`
            : undefined
        }
      >
        <input
          name="endsOn"
          type="date"
          value={draft.endsOn}
          min={draft.startsOn || undefined}
          onInput={(e) => update({ ...draft, endsOn: e.currentTarget.value })}
        />
      </Field>
      <Field label="Learning objectives (one per line)" error={errors.fields.objectives} wide>
        <textarea
          name="objectives"
          rows={3}
          value={draft.objectives}
          onInput={(e) => update({ ...draft, objectives: e.currentTarget.value })}
        />
      </Field>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create engagement'}
        </button>
        {created && (
          <span class="ok" role="status" data-dyad="engagement-created">
            {created}
          </span>
        )}
      </div>
    </form>
  );
}
