/**
 * Literal SQL for the demo seed. The seed is a file run by
 * `wrangler d1 execute --file`, so values are written inline (no binds) and
 * quoted here, in one place.
 */

export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;

/** A SQL literal: strings single-quoted with quotes doubled, null as NULL. */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * One upsert: insert the row, or update every non-key column of the row with
 * the same key — so running the seed twice leaves one copy, refreshed.
 * (An upsert rather than INSERT OR REPLACE: REPLACE deletes and re-inserts,
 * which trips the foreign keys of rows that point at it.)
 *
 * @example
 * upsert('orgs', ['id'], { id: 'o1', name: "O'Brien plc" });
 * // INSERT INTO orgs (id, name) VALUES ('o1', 'O''Brien plc') ON CONFLICT (id) DO UPDATE SET name = excluded.name;
 */
export function upsert(table: string, key: readonly string[], row: Row): string {
  const columns = Object.keys(row);
  const values = columns.map((c) => sqlLiteral(row[c] ?? null));
  const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  const conflict = updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING';
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.join(', ')}) ON CONFLICT (${key.join(', ')}) ${conflict};`;
}
