/// <reference types="node" />
/**
 * D1 as the analytics query functions use it, played by Debian's `sqlite3` on a local D1 database
 * file: for the benchmark's floor (the same statements, timed by sqlite3) and its check of the rollups
 * against a recomputation from the raw tables, both on the benchmark database.
 */
import { sqlite3 } from './seed-large';
import { sqlLiteral, type SqlValue } from './sql';

/** A statement as prepared and bound. */
export interface Captured {
  sql: string;
  params: unknown[];
}

/** A SQL literal as one argument of a sqlite3 dot-command (which strips one level of quotes). */
function dotArgument(literal: string): string {
  if (/["\\\n]/.test(literal)) throw new Error(`cannot pass ${literal} to .parameter set`);
  return `"${literal}"`;
}

/**
 * The statements as sqlite3 input, each after its parameters (optionally under EXPLAIN QUERY PLAN).
 * Parameters are bound with `.parameter set`, not inlined, so SQLite plans exactly what D1 runs.
 */
export function sqliteScript(statements: Captured[], prefix = '', { timed = false } = {}): string[] {
  return statements.flatMap((s) => [
    '.parameter clear',
    ...s.params.map((value, i) => {
      const literal = sqlLiteral(value as SqlValue);
      if (!/["\\\n]/.test(literal)) return `.parameter set ?${i + 1} ${dotArgument(literal)}`;
      // A value a dot-command cannot carry (a JSON list of ids): into the table `.parameter set`
      // fills, untimed, so that the statement still runs with it bound.
      const set = `.parameter init\nREPLACE INTO temp.sqlite_parameters (key, value) VALUES ('?${i + 1}', ${literal});`;
      return timed ? `.timer off\n${set}\n.timer on` : set;
    }),
    `${prefix}${s.sql.trim()};`,
  ]);
}

/** D1, played by `sqlite3 -json` on the database file: enough for the analytics query functions. */
export function sqliteD1(file: string): D1Database {
  const run = async (statements: Captured[]): Promise<D1Result[]> => {
    const script = ['.mode json'];
    for (const s of statements) script.push(...sqliteScript([s]), '.print @@end@@');
    const out = await sqlite3(file, `${script.join('\n')}\n`);
    return out
      .split('@@end@@\n')
      .slice(0, statements.length)
      .map(
        (chunk) =>
          ({ results: chunk.trim() === '' ? [] : (JSON.parse(chunk) as unknown[]), success: true, meta: {} }) as unknown as D1Result,
      );
  };
  const statement = (sql: string, params: unknown[] = []): Captured & Record<string, unknown> => ({
    sql,
    params,
    bind: (...values: unknown[]) => statement(sql, values),
    all: async () => (await run([{ sql, params }]))[0],
    first: async () => (await run([{ sql, params }]))[0]!.results[0] ?? null,
    run: async () => (await run([{ sql, params }]))[0],
  });
  return { prepare: (sql: string) => statement(sql), batch: (statements: Captured[]) => run(statements) } as unknown as D1Database;
}
