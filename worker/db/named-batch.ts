/**
 * Runs named statements as one `db.batch()` — one round trip, one transaction — and returns each
 * result under its name, so no caller reads `results[8]` and wonders which query that was.
 * Entries that are `null` are left out (a batch with no note writes has no note statement).
 */
export async function namedBatch<N extends string>(
  db: D1Database,
  statements: Record<N, D1PreparedStatement | null>,
): Promise<Record<N, D1Result<unknown> | null>> {
  const names = (Object.keys(statements) as N[]).filter((n) => statements[n] !== null);
  const results = names.length ? await db.batch(names.map((n) => statements[n]!)) : [];
  const named = Object.fromEntries((Object.keys(statements) as N[]).map((n) => [n, null])) as Record<N, D1Result<unknown> | null>;
  names.forEach((n, i) => {
    named[n] = results[i]!;
  });
  return named;
}

/** The rows of a named result (none when the statement was left out). */
export const rowsOf = <T>(result: D1Result<unknown> | null): T[] => (result?.results ?? []) as T[];
