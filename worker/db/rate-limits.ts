import { rateLimits, type RateLimitName } from '../../shared';

/**
 * Fixed-window counters in D1. Every Worker instance, wherever it runs, counts in the same row, so a
 * limit holds across instances (an in-memory counter would hold only per isolate). One statement,
 * batched with whatever else the request reads first, so a limit costs no round trip of its own.
 */
export interface Window {
  /** The window's first second (Unix time). */
  start: number;
  /** Seconds until the next window opens: the `Retry-After` of a refusal. */
  retryAfterSeconds: number;
}

export function windowOf(name: RateLimitName, nowMs: number): Window {
  const size = rateLimits[name].windowSeconds;
  const now = Math.floor(nowMs / 1000);
  const start = now - (now % size);
  return { start, retryAfterSeconds: Math.max(1, start + size - now) };
}

/**
 * Counts one request against `key` in its window and returns the count so far (as `count`).
 * `keySql` lets the key be resolved inside SQL (for instance from a token hash, so the caller needs
 * no lookup first); it must yield no row for a caller who should not be counted.
 */
export function hitStatement(db: D1Database, name: RateLimitName, key: string, nowMs: number): D1PreparedStatement {
  const { start } = windowOf(name, nowMs);
  return db
    .prepare(
      `INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
    )
    .bind(`${name}:${key}`, start);
}

/** Like `hitStatement`, for a key SQL resolves: `keySelect` selects one column, the key, with `?3…` parameters. */
export function hitStatementFor(
  db: D1Database,
  name: RateLimitName,
  keySelect: string,
  params: unknown[],
  nowMs: number,
): D1PreparedStatement {
  const { start } = windowOf(name, nowMs);
  return db
    .prepare(
      `INSERT INTO rate_limits (key, window_start, count) SELECT ?1 || k.key, ?2, 1 FROM (${keySelect}) k WHERE true
       ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
    )
    .bind(`${name}:`, start, ...params);
}

/** Old windows go; batched with a hit now and then so the table stays small. */
export function forgetStatement(db: D1Database, nowMs: number): D1PreparedStatement {
  return db.prepare(`DELETE FROM rate_limits WHERE window_start < ?1`).bind(Math.floor(nowMs / 1000) - 86_400);
}

/** The count a hit statement returned (0 when it counted nothing). */
export const countOf = (result: D1Result<{ count: number }> | undefined) => result?.results[0]?.count ?? 0;

/** Counts one request, and answers the count so far in its window and whether that is within the default limit. */
export async function hit(
  db: D1Database,
  name: RateLimitName,
  key: string,
  nowMs: number,
): Promise<{ ok: boolean; count: number; window: Window }> {
  const statements = [hitStatement(db, name, key, nowMs)];
  // About one request in a hundred also clears windows older than a day.
  if (Math.random() < 0.01) statements.push(forgetStatement(db, nowMs));
  const [counted] = await db.batch<{ count: number }>(statements);
  const count = countOf(counted);
  return { ok: count <= rateLimits[name].limit, count, window: windowOf(name, nowMs) };
}
