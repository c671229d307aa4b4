/**
 * Parses RFC 4180 CSV: quoted fields, doubled quotes, commas and line breaks inside quotes,
 * CRLF or LF line ends. Returns rows of fields; a trailing line break adds no row.
 *
 * @example parseCsv('a,"b ""c"""\n1,2') // [['a', 'b "c"'], ['1', '2']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // BOM from spreadsheet exports
  while (i < input.length) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && input[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (quoted) throw new CsvError('Unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export class CsvError extends Error {}

/**
 * What a spreadsheet reads as a formula at the start of a cell (OWASP, "CSV Injection"): `=`, `+`,
 * `-`, `@`, tab and carriage return. A name or attribute someone typed as `=HYPERLINK("http://…?"&A2)`
 * would otherwise run in the coordinator's spreadsheet and send other cells away.
 */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV field. Text that a spreadsheet would read as a formula is neutralised as OWASP advises:
 * a leading `'` (shown as text, not evaluated) inside double quotes. Numbers and booleans are ours,
 * not anyone's input, so they stay numbers (`-0.4` is a change, not a formula). Otherwise quoted
 * only when RFC 4180 requires it. The JSON answers are untouched: this is the CSV's encoding.
 *
 * @example csvField('=1+1') // `"'=1+1"`
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  if (formulaStart.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV document (CRLF line ends, per RFC 4180) from a header and rows. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
