import { limits, zAttributeKey, zParticipantCreate, type ImportResult, type ImportRowError } from '../../shared';
import { attributeStatements, findByEmails, insertParticipantStatement, updateParticipantStatement } from '../db/participants';
import { getAttributeDimensions } from '../db/orgs';
import { notCollected, unknownDimensions } from './attribute-dimensions';
import { invalid } from './errors';
import { CsvError, parseCsv } from './csv';
import { auditStatement } from '../db/audit';
import type { Auth } from '../env';
import { participantsImported } from './population-change';

const fixedColumns = ['displayName', 'email', 'level', 'function', 'region'] as const;

interface ImportRow {
  line: number;
  displayName: string;
  email: string;
  level?: string;
  function?: string;
  region?: string;
  attributes: Record<string, string>;
}

/**
 * Checks a participants CSV (`displayName,email,level,function,region,attr:gender,…`) and returns
 * its rows, or every row's errors. An empty cell means "no value" for a new person and "leave as is"
 * for an existing one (matched by email).
 */
export function checkParticipantsCsv(csv: string, dimensions: readonly string[]): { rows: ImportRow[]; errors: ImportRowError[] } {
  let table: string[][];
  try {
    table = parseCsv(csv).filter((r) => r.some((cell) => cell.trim() !== ''));
  } catch (err) {
    if (err instanceof CsvError) return { rows: [], errors: [{ row: 0, message: err.message }] };
    throw err;
  }
  const [header, ...body] = table;
  if (!header) return { rows: [], errors: [{ row: 0, message: 'The file is empty' }] };

  const errors: ImportRowError[] = [];
  const columns = header.map((h) => h.trim());
  columns.forEach((name, i) => {
    const isFixed = (fixedColumns as readonly string[]).includes(name);
    const isAttribute = name.startsWith('attr:') && zAttributeKey.safeParse(name.slice(5)).success;
    if (!isFixed && !isAttribute) errors.push({ row: 1, field: name, message: `Unknown column "${name}" (column ${i + 1})` });
    else if (isAttribute && unknownDimensions([name.slice(5)], dimensions).length > 0) {
      errors.push({ row: 1, field: name, message: notCollected(name.slice(5)) });
    }
  });
  if (new Set(columns).size !== columns.length) errors.push({ row: 1, message: 'A column appears twice' });
  for (const required of ['displayName', 'email']) {
    if (!columns.includes(required)) errors.push({ row: 1, field: required, message: `Missing column "${required}"` });
  }
  if (body.length > limits.importRows) errors.push({ row: 0, message: `At most ${limits.importRows} rows per import` });
  if (errors.length) return { rows: [], errors };

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, index) => {
    const line = index + 2; // 1-based, after the header
    if (cells.length !== columns.length) {
      errors.push({ row: line, message: `Expected ${columns.length} fields, found ${cells.length}` });
      return;
    }
    const record: Record<string, string> = {};
    const attributes: Record<string, string> = {};
    columns.forEach((name, i) => {
      const cell = cells[i]!.trim();
      if (cell === '') return;
      if (name.startsWith('attr:')) attributes[name.slice(5)] = cell;
      else record[name] = cell;
    });
    const parsed = zParticipantCreate.safeParse({ ...record, attributes });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'attributes' ? `attr:${String(issue.path[1])}` : String(issue.path[0] ?? '');
        errors.push({ row: line, field, message: issue.message });
      }
      return;
    }
    const earlier = seen.get(parsed.data.email);
    if (earlier) {
      errors.push({ row: line, field: 'email', message: `Same email as row ${earlier}` });
      return;
    }
    seen.set(parsed.data.email, line);
    rows.push({ line, ...parsed.data, attributes: parsed.data.attributes ?? {} });
  });
  return { rows, errors };
}

/**
 * Imports all rows or none: any row error answers 400 with every error, and nothing is written.
 * A dry run checks the same way and counts what would change, writing nothing (the preview). A real
 * import is one entry in the audit log: who, how many created and updated, which dimensions.
 */
export async function importParticipants(
  db: D1Database,
  auth: Auth,
  csv: string,
  now: string,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<ImportResult> {
  const { orgId } = auth;
  const { rows, errors } = checkParticipantsCsv(csv, await getAttributeDimensions(db, orgId));
  if (errors.length) throw invalid(`${errors.length} error(s) in the file; nothing was imported`, { rows: errors });
  if (rows.length === 0) throw invalid('The file has no rows', { rows: [{ row: 0, message: 'No rows after the header' }] });

  const existing = await findByEmails(
    db,
    orgId,
    rows.map((r) => r.email),
  );
  if (dryRun) {
    const updated = rows.filter((r) => existing.has(r.email)).length;
    return { created: rows.length - updated, updated, dryRun };
  }
  const statements: D1PreparedStatement[] = [];
  let created = 0;
  for (const row of rows) {
    const before = existing.get(row.email);
    if (before) {
      const id = before.id;
      statements.push(
        updateParticipantStatement(
          db,
          orgId,
          id,
          {
            displayName: row.displayName,
            email: row.email,
            level: row.level ?? before.level,
            function: row.function ?? before.function,
            region: row.region ?? before.region,
            status: before.status,
            role: before.role,
          },
          now,
        ),
      );
      statements.push(...attributeStatements(db, orgId, id, row.attributes));
    } else {
      const newId = crypto.randomUUID();
      created++;
      statements.push(
        insertParticipantStatement(
          db,
          orgId,
          newId,
          {
            displayName: row.displayName,
            email: row.email,
            level: row.level ?? null,
            function: row.function ?? null,
            region: row.region ?? null,
          },
          now,
        ),
      );
      statements.push(...attributeStatements(db, orgId, newId, row.attributes));
    }
  }
  const counts = { created, updated: rows.length - created };
  // One transaction, all or nothing — the import's audit entry with it.
  await db.batch([...statements, auditStatement(db, participantsImported(auth, now, counts, rows))]);
  return { ...counts, dryRun };
}
