/**
 * Organisation settings (admins): the minimum group size k behind every suppression, the comment
 * minimum, the month the fiscal year starts (which sets the quarters), and the attribute
 * dimensions the organisation collects (the only attribute keys anyone may set).
 */
import { useState } from 'preact/hooks';
import { attributeKeyPattern } from '../../shared/rules/attributes';
import { limits } from '../../shared/rules/limits';
import { Field, FormError, Section } from './form-bits';
import { formErrors, noErrors, placeIssues, type FormErrors, type Issue } from './form-errors';
import { useSession } from './session';

const fields = ['minGroupSize', 'commentMinimum', 'fiscalYearStartMonth', 'attributeDimensions'];
const months = Array.from({ length: 12 }, (_, i) =>
  new Date(Date.UTC(2026, i, 1)).toLocaleDateString('en-GB', { month: 'long', timeZone: 'UTC' }),
);

interface Draft {
  minGroupSize: string;
  commentMinimum: string;
  fiscalYearStartMonth: string;
  /** Comma-separated keys, as typed. */
  attributeDimensions: string;
  extensionHealthReports: boolean;
}

/** The keys of the dimensions field: split at commas and spaces, empty ones left out. */
export const dimensionKeys = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export function settingsIssues(d: Draft): Issue[] {
  const whole = (v: string, min: number, max: number) => /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max;
  const issues: Issue[] = [];
  if (!whole(d.minGroupSize, 3, 10)) issues.push({ path: 'minGroupSize', message: 'A whole number from 3 to 10' });
  if (!whole(d.commentMinimum, 1, 1000)) issues.push({ path: 'commentMinimum', message: 'A whole number from 1 to 1,000' });
  if (!whole(d.fiscalYearStartMonth, 1, 12)) issues.push({ path: 'fiscalYearStartMonth', message: 'Choose a month' });
  const keys = dimensionKeys(d.attributeDimensions);
  const bad = keys.find((k) => !attributeKeyPattern.test(k));
  if (bad) issues.push({ path: 'attributeDimensions', message: `“${bad}”: lower-case letters, digits and _ (e.g. gender, age_band)` });
  else if (new Set(keys).size !== keys.length) issues.push({ path: 'attributeDimensions', message: 'Each dimension once' });
  else if (keys.length > limits.attributeDimensions) {
    issues.push({ path: 'attributeDimensions', message: `At most ${limits.attributeDimensions} dimensions` });
  }
  return issues;
}

export function OrgSettings() {
  const { api, me, setOrg } = useSession();
  const org = me.org;
  const [draft, setDraft] = useState<Draft>({
    minGroupSize: String(org.minGroupSize),
    commentMinimum: String(org.commentMinimum),
    fiscalYearStartMonth: String(org.fiscalYearStartMonth),
    attributeDimensions: org.attributeDimensions.join(', '),
    extensionHealthReports: org.extensionHealthReports === true,
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };

  if (me.role !== 'admin') {
    return (
      <div class="screen">
        <p class="muted" data-dyad="settings-admin-only">
          Only an admin can change the organisation's settings.
        </p>
      </div>
    );
  }

  async function submit(event: Event) {
    event.preventDefault();
    const issues = settingsIssues(draft);
    if (issues.length) return setErrors(placeIssues(issues, fields));
    setBusy(true);
    setErrors(noErrors);
    try {
      const updated = await api.patchOrg({
        minGroupSize: Number(draft.minGroupSize),
        commentMinimum: Number(draft.commentMinimum),
        fiscalYearStartMonth: Number(draft.fiscalYearStartMonth),
        attributeDimensions: dimensionKeys(draft.attributeDimensions),
        extensionHealthReports: draft.extensionHealthReports,
      });
      setOrg(updated);
      setSaved(true);
    } catch (err) {
      setErrors(formErrors(err, fields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="screen narrow">
      <Section title={`Settings of ${org.name}`}>
        <form class="form" data-dyad="form-settings" onSubmit={submit} noValidate>
          <FormError message={errors.form} />
          <Field
            label="Minimum group size (k)"
            error={errors.fields.minGroupSize}
            wide
            hint="Any figure about people that rests on fewer than k of them is suppressed, everywhere and in every export. 3 to 10; 5 is a common choice."
          >
            <input
              name="minGroupSize"
              type="number"
              min={3}
              max={10}
              value={draft.minGroupSize}
              onInput={(e) => set({ minGroupSize: e.currentTarget.value })}
            />
          </Field>
          <Field
            label="Comment minimum"
            error={errors.fields.commentMinimum}
            wide
            hint="Anonymous comments are shown only once at least this many exist."
          >
            <input
              name="commentMinimum"
              type="number"
              min={1}
              max={1000}
              value={draft.commentMinimum}
              onInput={(e) => set({ commentMinimum: e.currentTarget.value })}
            />
          </Field>
          <Field
            label="Fiscal year starts in"
            error={errors.fields.fiscalYearStartMonth}
            wide
            hint="Quarters are three months from this month; the default period is the current quarter."
          >
            <select
              name="fiscalYearStartMonth"
              value={draft.fiscalYearStartMonth}
              onChange={(e) => set({ fiscalYearStartMonth: e.currentTarget.value })}
            >
              {months.map((m, i) => (
                <option key={m} value={String(i + 1)}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Attribute dimensions"
            error={errors.fields.attributeDimensions}
            wide
            hint={`The demographic dimensions you collect, separated by commas (e.g. gender, age_band): the only attributes anyone can set. At most ${limits.attributeDimensions}. Removing one keeps what people gave; they can still clear it.`}
          >
            <input
              name="attributeDimensions"
              value={draft.attributeDimensions}
              placeholder="none yet"
              onInput={(e) => set({ attributeDimensions: e.currentTarget.value })}
            />
          </Field>
          <Field
            label="Extension health reports"
            wide
            hint="Members' extensions send anonymous daily counts of which parts of Google Calendar and Outlook they still find (no content, no names, nothing of who sent them), so the Extension health screen shows a calendar redesign the day it ships."
          >
            <label>
              <input
                name="extensionHealthReports"
                type="checkbox"
                checked={draft.extensionHealthReports}
                onChange={(e) => set({ extensionHealthReports: e.currentTarget.checked })}
              />{' '}
              Send anonymous extension health reports
            </label>
          </Field>
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
            {saved && (
              <span class="ok" role="status">
                Saved.
              </span>
            )}
          </div>
        </form>
      </Section>
    </div>
  );
}
