/**
 * The import preview: the participants CSV as rows, each with the errors the API's dry run found in
 * it. Rows are numbered as the API numbers them (`row`): the header is row 1, blank lines are
 * skipped, the first person is row 2.
 */
import type { ImportRowError } from '../../shared';

/** Cells of a CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF), blank lines dropped. */
export function parseCsvRows(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

export interface PreviewRow {
  /** The API's row number. */
  row: number;
  cells: string[];
  errors: { field: string | null; message: string }[];
}

export interface Preview {
  header: string[];
  rows: PreviewRow[];
  /** Errors about the whole file or its header (rows 0 and 1). */
  fileErrors: string[];
  errorCount: number;
}

/**
 * The rows of `csv` with the API's errors attached.
 *
 * @example preview('displayName,email\nAda,ada@x.org\nBo,nope\n', [{ row: 3, field: 'email', message: 'Invalid email address' }])
 */
export function preview(csv: string, errors: readonly ImportRowError[] = []): Preview {
  const [header = [], ...body] = parseCsvRows(csv);
  const rows: PreviewRow[] = body.map((cells, i) => ({ row: i + 2, cells, errors: [] }));
  const fileErrors: string[] = [];
  for (const e of errors) {
    const target = rows.find((r) => r.row === e.row);
    if (target) target.errors.push({ field: e.field ?? null, message: e.message });
    else fileErrors.push(e.row > 0 ? `Row ${e.row}: ${e.message}` : e.message);
  }
  return { header, rows, fileErrors, errorCount: errors.length };
}

/** The import file's expected header, for the form's hint and a template download. */
export const templateCsv =
  'displayName,email,level,function,region,attr:gender\nAda Lovelace,ada.lovelace@example.org,senior,Engineering,EMEA,woman\n';
