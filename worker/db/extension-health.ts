import type { HealthHost, HealthRow } from '../../shared';

/** The misses of a selector are stored under this variant: no variant found the element. */
const noVariant = -1;

/**
 * The statements of one report, for one `db.batch()` (one round trip, one transaction): count the
 * report against the token's daily cap, forget yesterday's caps, then add every row to its
 * aggregate — each insert guarded by the cap, so a report past it writes nothing but its count.
 * The first statement returns the token's reports today.
 */
export function recordReportStatements(
  db: D1Database,
  report: { orgId: string; tokenHash: string; today: string; yesterday: string; cap: number; rows: readonly HealthRow[] },
): D1PreparedStatement[] {
  const { orgId, tokenHash, today, yesterday, cap } = report;
  const quota = db
    .prepare(
      `INSERT INTO extension_health_quota (day, token_hash, reports) VALUES (?1, ?2, 1)
       ON CONFLICT (day, token_hash) DO UPDATE SET reports = reports + 1 RETURNING reports`,
    )
    .bind(today, tokenHash);
  const forget = db.prepare(`DELETE FROM extension_health_quota WHERE day < ?1`).bind(yesterday);
  const add = report.rows.map((r) =>
    db
      .prepare(
        `INSERT INTO extension_health (org_id, day, host, version, selector, variant, hits, misses)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
         WHERE (SELECT reports FROM extension_health_quota WHERE day = ?9 AND token_hash = ?10) <= ?11
         ON CONFLICT (org_id, day, host, version, selector, variant)
         DO UPDATE SET hits = hits + excluded.hits, misses = misses + excluded.misses`,
      )
      .bind(orgId, r.day, r.host, r.version, r.selector, r.variant ?? noVariant, r.hits, r.misses, today, tokenHash, cap),
  );
  return [quota, forget, ...add];
}

export interface HealthAggregate {
  day: string;
  host: HealthHost;
  version: string;
  selector: string;
  /** null: the misses. */
  variant: number | null;
  hits: number;
  misses: number;
}

/** The organisation's aggregates from `from` on (one query, on the primary key's prefix). */
export async function listHealth(db: D1Database, orgId: string, from: string): Promise<HealthAggregate[]> {
  const { results } = await db
    .prepare(
      `SELECT day, host, version, selector, variant, hits, misses FROM extension_health
       WHERE org_id = ?1 AND day >= ?2 ORDER BY host, selector, day`,
    )
    .bind(orgId, from)
    .all<Omit<HealthAggregate, 'variant'> & { variant: number }>();
  return results.map((r) => ({ ...r, variant: r.variant === noVariant ? null : r.variant }));
}
