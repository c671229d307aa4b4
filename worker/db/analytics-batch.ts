/** D1 rows are untyped at this boundary; each caller reads them through its row interface. */
// biome-ignore lint/suspicious/noExplicitAny: D1 rows are untyped at this boundary; each caller reads them through its row interface
type UntypedRows = any[];

/**
 * Runs a record of named statements in one `db.batch` (one D1 round trip, one transaction) and
 * resolves with their rows under the same names — so a loader reads `rows.gaps`, never `results[3]`,
 * and adding a statement cannot shift another's rows.
 *
 * @example const rows = await batchNamed(db, { programmes: db.prepare('SELECT …'), gaps: db.prepare('SELECT …') }); rows.gaps[0]
 */
export async function batchNamed<T extends Record<string, D1PreparedStatement>>(
  db: D1Database,
  statements: T,
): Promise<{ [K in keyof T]: UntypedRows }> {
  const names = Object.keys(statements) as (keyof T)[];
  const results = await db.batch(names.map((name) => statements[name]!));
  return Object.fromEntries(names.map((name, i) => [name, results[i]!.results])) as { [K in keyof T]: UntypedRows };
}
