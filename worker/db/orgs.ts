import type { Org, OrgPatch } from '../../shared';

export interface OrgRow {
  id: string;
  name: string;
  min_group_size: number;
  comment_minimum: number;
  fiscal_year_start_month: number;
  created_at: string;
  updated_at: string;
}

export const toOrg = (r: OrgRow): Org => ({
  id: r.id,
  name: r.name,
  minGroupSize: r.min_group_size,
  commentMinimum: r.comment_minimum,
  fiscalYearStartMonth: r.fiscal_year_start_month,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function getOrg(db: D1Database, id: string): Promise<Org | null> {
  const row = await db.prepare(`SELECT * FROM orgs WHERE id = ?1`).bind(id).first<OrgRow>();
  return row && toOrg(row);
}

export function insertOrgStatement(db: D1Database, org: Org) {
  return db
    .prepare(
      `INSERT INTO orgs (id, name, min_group_size, comment_minimum, fiscal_year_start_month, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(org.id, org.name, org.minGroupSize, org.commentMinimum, org.fiscalYearStartMonth, org.createdAt, org.updatedAt);
}

export async function updateOrg(db: D1Database, id: string, patch: OrgPatch, now: string): Promise<void> {
  await db
    .prepare(
      `UPDATE orgs SET min_group_size = COALESCE(?2, min_group_size), comment_minimum = COALESCE(?3, comment_minimum),
       fiscal_year_start_month = COALESCE(?4, fiscal_year_start_month), updated_at = ?5 WHERE id = ?1`,
    )
    .bind(id, patch.minGroupSize ?? null, patch.commentMinimum ?? null, patch.fiscalYearStartMonth ?? null, now)
    .run();
}
