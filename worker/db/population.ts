import type { Population } from '../../shared';

export async function listPopulation(db: D1Database, orgId: string): Promise<Population[]> {
  const { results } = await db
    .prepare(`SELECT dimension, grp, count, updated_at FROM population_baselines WHERE org_id = ?1 ORDER BY dimension, grp`)
    .bind(orgId)
    .all<{ dimension: string; grp: string; count: number; updated_at: string }>();
  const byDimension = new Map<string, Population>();
  for (const r of results) {
    const p = byDimension.get(r.dimension) ?? { dimension: r.dimension, counts: {}, updatedAt: r.updated_at };
    p.counts[r.grp] = r.count;
    if (r.updated_at > (p.updatedAt ?? '')) p.updatedAt = r.updated_at;
    byDimension.set(r.dimension, p);
  }
  return [...byDimension.values()];
}

/** Replaces a dimension's baseline in one transaction. */
export async function replacePopulation(
  db: D1Database,
  orgId: string,
  dimension: string,
  counts: Record<string, number>,
  now: string,
): Promise<void> {
  await db.batch([
    db.prepare(`DELETE FROM population_baselines WHERE org_id = ?1 AND dimension = ?2`).bind(orgId, dimension),
    ...Object.entries(counts).map(([grp, count]) =>
      db
        .prepare(`INSERT INTO population_baselines (org_id, dimension, grp, count, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)`)
        .bind(orgId, dimension, grp, count, now),
    ),
  ]);
}
