/**
 * Population baselines: for each dimension, how many people in the eligible population belong to
 * each group (e.g. from HR). Representation compares participation with these (PRODUCT.md §4).
 */
import { useState } from 'preact/hooks';
import type { Population as Baseline } from '../../shared';
import { attributeKeyPattern } from '../../shared/rules/attributes';
import { Field, FormError, LoadState, Section } from './form-bits';
import { formErrors, noErrors, placeIssues, type FormErrors, type Issue } from './form-errors';
import { groupLabel } from './representation-chart';
import { useSession } from './session';
import { useLoad } from './use-load';

interface Draft {
  dimension: string;
  rows: { group: string; count: string }[];
}

export function populationIssues(d: Draft): Issue[] {
  const issues: Issue[] = [];
  if (!attributeKeyPattern.test(d.dimension))
    issues.push({ path: 'dimension', message: 'Lower-case letters, digits and _ (e.g. gender, age_band)' });
  const filled = d.rows.filter((r) => r.group.trim() || r.count.trim());
  if (filled.length === 0) issues.push({ path: 'counts', message: 'Enter at least one group and its count' });
  const seen = new Set<string>();
  filled.forEach((r) => {
    const g = r.group.trim();
    if (!g) issues.push({ path: 'counts', message: 'Every count needs a group name' });
    else if (seen.has(g)) issues.push({ path: 'counts', message: `“${g}” appears twice` });
    seen.add(g);
    if (!/^\d+$/.test(r.count.trim())) issues.push({ path: 'counts', message: `The count for “${g || '?'}” must be a whole number` });
  });
  return issues;
}

export function Population() {
  const { api } = useSession();
  const baselines = useLoad(() => api.population(), []);
  const [editing, setEditing] = useState<string | null>(null);
  const startFrom = (b: Baseline | null): Draft =>
    b
      ? { dimension: b.dimension, rows: Object.entries(b.counts).map(([group, n]) => ({ group, count: String(n) })) }
      : { dimension: '', rows: [{ group: '', count: '' }] };

  return (
    <div class="screen grid-1-1">
      <Section title={editing ? `Baseline: ${groupLabel(editing)}` : 'New baseline'}>
        <PopulationForm
          key={editing ?? 'new'}
          initial={startFrom(baselines.value?.dimensions.find((d) => d.dimension === editing) ?? null)}
          existing={editing !== null}
          onSaved={(b) => {
            setEditing(b.dimension);
            baselines.reload();
          }}
          onNew={() => setEditing(null)}
        />
      </Section>
      <Section title="Baselines" hook="population-list">
        <LoadState loading={baselines.loading} error={baselines.error} empty={!baselines.value} />
        {baselines.value?.dimensions.length === 0 && <p class="muted">No baseline yet.</p>}
        <ul class="rows">
          {baselines.value?.dimensions.map((d) => {
            const total = Object.values(d.counts).reduce((a, b) => a + b, 0);
            return (
              <li key={d.dimension} data-dimension={d.dimension} class={editing === d.dimension ? 'selected' : ''}>
                <div class="grow">
                  <strong>{groupLabel(d.dimension)}</strong> <span class="muted">· {total.toLocaleString('en-GB')} people</span>
                  <div class="muted small">
                    {Object.entries(d.counts)
                      .map(([g, n]) => `${groupLabel(g)}: ${n.toLocaleString('en-GB')}`)
                      .join(' · ')}
                  </div>
                  {d.updatedAt && <div class="muted small">updated {d.updatedAt.slice(0, 10)}</div>}
                </div>
                <button type="button" onClick={() => setEditing(d.dimension)}>
                  Edit
                </button>
              </li>
            );
          })}
        </ul>
      </Section>
    </div>
  );
}

function PopulationForm({
  initial,
  existing,
  onSaved,
  onNew,
}: {
  initial: Draft;
  existing: boolean;
  onSaved: (b: Baseline) => void;
  onNew: () => void;
}) {
  const { api } = useSession();
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = (d: Draft) => {
    setDraft(d);
    setSaved(false);
  };
  const setRow = (i: number, patch: Partial<Draft['rows'][number]>) =>
    set({ ...draft, rows: draft.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  async function submit(event: Event) {
    event.preventDefault();
    const issues = populationIssues(draft);
    if (issues.length) return setErrors(placeIssues(issues, ['dimension', 'counts']));
    setBusy(true);
    setErrors(noErrors);
    try {
      const counts = Object.fromEntries(draft.rows.filter((r) => r.group.trim()).map((r) => [r.group.trim(), Number(r.count)]));
      const b = await api.putPopulation(draft.dimension, counts);
      setSaved(true);
      onSaved(b);
    } catch (err) {
      setErrors(formErrors(err, ['dimension', 'counts']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" data-dyad="form-population" onSubmit={submit} noValidate>
      <FormError message={errors.form} />
      <Field
        label="Dimension"
        error={errors.fields.dimension}
        wide
        hint="The attribute key, as in the participants import (attr:gender → gender)."
      >
        <input
          name="dimension"
          value={draft.dimension}
          readOnly={existing}
          onInput={(e) => set({ ...draft, dimension: e.currentTarget.value.trim() })}
        />
      </Field>
      <fieldset class={`wide groups${errors.fields.counts ? ' invalid' : ''}`}>
        <legend>Eligible population per group</legend>
        {draft.rows.map((r, i) => (
          <div class="pair" key={i} data-dyad="population-row">
            <input
              aria-label="Group"
              name={`group.${i}`}
              placeholder="group, e.g. woman"
              value={r.group}
              onInput={(e) => setRow(i, { group: e.currentTarget.value })}
            />
            <input
              aria-label="Count"
              name={`count.${i}`}
              placeholder="people"
              inputMode="numeric"
              value={r.count}
              onInput={(e) => setRow(i, { count: e.currentTarget.value })}
            />
            <button
              type="button"
              class="icon"
              aria-label="Remove group"
              onClick={() => set({ ...draft, rows: draft.rows.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
        ))}
        {errors.fields.counts && (
          <span class="field-error" role="alert">
            {errors.fields.counts}
          </span>
        )}
        <button type="button" class="link" onClick={() => set({ ...draft, rows: [...draft.rows, { group: '', count: '' }] })}>
          + Add a group
        </button>
        <span class="hint">
          Saving replaces this dimension's baseline. People with no value appear as “undisclosed”, without a baseline.
        </span>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save baseline'}
        </button>
        {existing && (
          <button type="button" onClick={onNew}>
            New dimension
          </button>
        )}
        {saved && (
          <span class="ok" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
