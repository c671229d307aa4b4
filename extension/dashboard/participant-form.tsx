/**
 * Add one person: name, email, level, function, region, and demographic attributes. Attributes are
 * write-only: nothing in Dyad shows them back to a coordinator (PRODUCT.md §2); they only feed
 * representation figures about groups of at least k.
 */
import { useState } from 'preact/hooks';
import type { Participant, ParticipantCreate } from '../../shared';
import { attributeKeyPattern } from '../../shared/rules/attributes';
import { Field, FormError } from './form-bits';
import { formErrors, noErrors, placeIssues, type FormErrors, type Issue } from './form-errors';
import { useSession } from './session';

const fields = ['displayName', 'email', 'level', 'function', 'region', 'attributes'];
const levels = ['executive', 'senior', 'mid', 'early'];

interface Draft {
  displayName: string;
  email: string;
  level: string;
  function: string;
  region: string;
  attributes: { key: string; value: string }[];
}
const empty = (): Draft => ({
  displayName: '',
  email: '',
  level: '',
  function: '',
  region: '',
  attributes: [{ key: 'gender', value: '' }],
});

export function participantIssues(d: Draft): Issue[] {
  const issues: Issue[] = [];
  if (!d.displayName.trim()) issues.push({ path: 'displayName', message: 'Enter the name' });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) issues.push({ path: 'email', message: 'Enter an email address' });
  d.attributes.forEach(({ key, value }, i) => {
    if (value.trim() && !attributeKeyPattern.test(key.trim())) {
      issues.push({ path: `attributes.${i}`, message: 'Keys are lower-case letters, digits and _ (e.g. gender, age_band)' });
    }
  });
  return issues;
}

/** The request body: empty optional fields left out, attributes with a value only. */
export function participantBody(d: Draft): ParticipantCreate {
  const attributes = Object.fromEntries(
    d.attributes.filter((a) => a.key.trim() && a.value.trim()).map((a) => [a.key.trim(), a.value.trim()]),
  );
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);
  const body: ParticipantCreate = { displayName: d.displayName.trim(), email: d.email.trim() };
  const level = optional(d.level);
  const fn = optional(d.function);
  const region = optional(d.region);
  if (level) body.level = level;
  if (fn) body.function = fn;
  if (region) body.region = region;
  if (Object.keys(attributes).length) body.attributes = attributes;
  return body;
}

export function ParticipantForm({ onAdded }: { onAdded: (p: Participant) => void }) {
  const { api } = useSession();
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setAdded(null);
  };
  const setAttribute = (i: number, patch: Partial<Draft['attributes'][number]>) =>
    set({ attributes: draft.attributes.map((a, j) => (j === i ? { ...a, ...patch } : a)) });

  async function submit(event: Event) {
    event.preventDefault();
    const issues = participantIssues(draft);
    if (issues.length) return setErrors(placeIssues(issues, fields));
    setBusy(true);
    setErrors(noErrors);
    try {
      const p = await api.createParticipant(participantBody(draft));
      setDraft(empty());
      setAdded(`Added ${p.displayName}.`);
      onAdded(p);
    } catch (err) {
      setErrors(formErrors(err, fields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" data-dyad="form-participant" onSubmit={submit} noValidate>
      <FormError message={errors.form} />
      <Field label="Name" error={errors.fields.displayName}>
        <input name="displayName" value={draft.displayName} onInput={(e) => set({ displayName: e.currentTarget.value })} />
      </Field>
      <Field label="Email" error={errors.fields.email}>
        <input name="email" type="email" value={draft.email} onInput={(e) => set({ email: e.currentTarget.value })} />
      </Field>
      <Field label="Level" error={errors.fields.level}>
        <input name="level" list="dyad-levels" value={draft.level} onInput={(e) => set({ level: e.currentTarget.value })} />
        <datalist id="dyad-levels">
          {levels.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
      </Field>
      <Field label="Function" error={errors.fields.function}>
        <input name="function" value={draft.function} onInput={(e) => set({ function: e.currentTarget.value })} />
      </Field>
      <Field label="Region" error={errors.fields.region}>
        <input name="region" value={draft.region} onInput={(e) => set({ region: e.currentTarget.value })} />
      </Field>
      <fieldset class="wide attributes">
        <legend>Attributes (optional, write-only)</legend>
        {draft.attributes.map((a, i) => (
          <div class="pair" key={i}>
            <input
              aria-label="Dimension"
              placeholder="dimension, e.g. gender"
              value={a.key}
              onInput={(e) => setAttribute(i, { key: e.currentTarget.value })}
            />
            <input
              aria-label="Value"
              placeholder="value, e.g. woman"
              value={a.value}
              onInput={(e) => setAttribute(i, { value: e.currentTarget.value })}
            />
            <button
              type="button"
              class="icon"
              aria-label="Remove"
              onClick={() => set({ attributes: draft.attributes.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
        ))}
        {errors.fields.attributes && <span class="field-error">{errors.fields.attributes}</span>}
        <button type="button" class="link" onClick={() => set({ attributes: [...draft.attributes, { key: '', value: '' }] })}>
          + Add an attribute
        </button>
        <span class="hint">
          Never shown back to anyone but the person; used only in figures about groups of at least your minimum group size.
        </span>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add person'}
        </button>
        {added && (
          <span class="ok" role="status">
            {added}
          </span>
        )}
      </div>
    </form>
  );
}
