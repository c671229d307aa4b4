/**
 * Import people from a CSV (`displayName,email,level,function,region,attr:gender,…`). The file is
 * first checked by the API without writing (`?dryRun=true`): the preview shows each row and its
 * errors, and nothing is imported until the file is clean and the coordinator confirms. Fixing the
 * file (or the text here) and checking again is the loop. All or nothing, like the API.
 */
import { useState } from 'preact/hooks';
import type { ImportResult, ImportRowError } from '../../shared';
import { ApiError } from '../lib/api';
import { saveFile } from './csv-link';
import { preview, templateCsv, type Preview } from './csv-preview';
import { FormError, Section } from './form-bits';
import { useSession } from './session';

type Checked = { csv: string; preview: Preview; result: ImportResult | null };

/** The row errors of a refused import (400 with `details.rows`), or null for any other failure. */
export function rowErrorsOf(err: unknown): ImportRowError[] | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const rows = (err.details as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as ImportRowError[]) : null;
}

export function ParticipantsImport() {
  const { api } = useSession();
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const current = checked?.csv === csv ? checked : null;

  async function readFile(file: File | undefined) {
    if (!file) return;
    setCsv(await file.text());
    setDone(null);
  }

  async function check(event: Event) {
    event.preventDefault();
    if (!csv.trim()) return setError('Choose a CSV file or paste its contents.');
    setBusy('check');
    setError(null);
    setDone(null);
    try {
      const result = await api.importParticipants(csv, true);
      setChecked({ csv, preview: preview(csv), result });
    } catch (err) {
      const rows = rowErrorsOf(err);
      if (rows) setChecked({ csv, preview: preview(csv, rows), result: null });
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }

  async function commit() {
    if (!current?.result) return;
    setBusy('import');
    setError(null);
    try {
      const result = await api.importParticipants(current.csv, false);
      setDone(result);
      setChecked(null);
      setCsv('');
    } catch (err) {
      const rows = rowErrorsOf(err);
      if (rows) setChecked({ csv, preview: preview(csv, rows), result: null });
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class="screen">
      <Section title="Import people from a CSV" hook="import">
        <form class="form" data-dyad="form-import" onSubmit={check}>
          <p class="muted small wide">
            Columns: <code>displayName,email,level,function,region,attr:&lt;dimension&gt;…</code> (name and email required). People are
            matched by email: new ones are added, existing ones updated; an empty cell leaves a value as it is.{' '}
            <button type="button" class="link" onClick={() => saveFile(templateCsv, 'dyad-participants-template.csv', 'text/csv')}>
              Download a template
            </button>
            .
          </p>
          <label class="field wide">
            <span class="label">CSV file</span>
            <input type="file" accept=".csv,text/csv" data-dyad="import-file" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
          </label>
          <label class="field wide">
            <span class="label">…or its contents (edit here to fix a row)</span>
            <textarea
              name="csv"
              data-dyad="import-text"
              rows={8}
              spellcheck={false}
              value={csv}
              onInput={(e) => setCsv(e.currentTarget.value)}
            />
          </label>
          <FormError message={error} />
          <div class="form-actions">
            <button type="submit" class={current?.result ? '' : 'primary'} data-dyad="import-check" disabled={busy !== null}>
              {busy === 'check' ? 'Checking…' : current ? 'Check again' : 'Check file'}
            </button>
            {current?.result && (
              <button type="button" class="primary" data-dyad="import-commit" disabled={busy !== null} onClick={() => void commit()}>
                {busy === 'import'
                  ? 'Importing…'
                  : `Import ${current.result.created + current.result.updated} ${current.result.created + current.result.updated === 1 ? 'person' : 'people'}`}
              </button>
            )}
            {checked && !current && <span class="muted">The text changed since the check: check again.</span>}
          </div>
        </form>
        {done && (
          <p class="ok" data-dyad="import-done" role="status">
            Imported: {done.created} added, {done.updated} updated.
          </p>
        )}
        {checked && <ImportPreview checked={checked} />}
      </Section>
    </div>
  );
}

function ImportPreview({ checked }: { checked: Checked }) {
  const { preview: p, result } = checked;
  return (
    <div class="preview" data-dyad="import-preview">
      {result ? (
        <p class="ok" data-dyad="import-summary">
          Ready: {result.created} to add, {result.updated} to update. Nothing is written until you import.
        </p>
      ) : (
        <p class="error" data-dyad="import-summary">
          {p.errorCount} error{p.errorCount === 1 ? '' : 's'} in the file; nothing will be imported until{' '}
          {p.errorCount === 1 ? 'it is' : 'they are'} fixed.
        </p>
      )}
      {p.fileErrors.map((e) => (
        <p key={e} class="error" data-dyad="import-file-error">
          {e}
        </p>
      ))}
      <div class="table-wrap">
        <table class="table compact">
          <thead>
            <tr>
              <th class="num">Row</th>
              {p.header.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => {
              const bad = new Set(r.errors.map((e) => e.field));
              return (
                <tr
                  key={r.row}
                  class={r.errors.length ? 'row-error' : ''}
                  data-dyad={r.errors.length ? 'import-row-error' : 'import-row'}
                  data-row={r.row}
                >
                  <td class="num">{r.row}</td>
                  {p.header.map((h, i) => (
                    <td key={i} class={bad.has(h) || bad.has(h.replace(/^attr:/, '')) ? 'cell-error' : ''}>
                      {r.cells[i] ?? ''}
                    </td>
                  ))}
                  <td class="problem">{r.errors.map((e) => `${e.field ? `${e.field}: ` : ''}${e.message}`).join('; ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
