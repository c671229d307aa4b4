import type { Org, OrgPatch } from '../../shared';

export interface OrgRow {
  id: string;
  name: string;
  slug: string;
  min_group_size: number;
  comment_minimum: number;
  fiscal_year_start_month: number;
  /** JSON array of attribute keys. */
  attribute_dimensions: string;
  /** 0 or 1. */
  extension_health_reports: number;
  created_at: string;
  updated_at: string;
}

export const toOrg = (r: OrgRow): Org => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  minGroupSize: r.min_group_size,
  commentMinimum: r.comment_minimum,
  fiscalYearStartMonth: r.fiscal_year_start_month,
  attributeDimensions: JSON.parse(r.attribute_dimensions) as string[],
  extensionHealthReports: r.extension_health_reports === 1,
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
      `INSERT INTO orgs (id, name, min_group_size, comment_minimum, fiscal_year_start_month, attribute_dimensions, created_at, updated_at, extension_health_reports, slug)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
    )
    .bind(
      org.id,
      org.name,
      org.minGroupSize,
      org.commentMinimum,
      org.fiscalYearStartMonth,
      JSON.stringify(org.attributeDimensions),
      org.createdAt,
      org.updatedAt,
      org.extensionHealthReports ? 1 : 0,
      org.slug,
    );
}

/** Whether an organisation already goes by `slug`. */
export async function slugTaken(db: D1Database, slug: string): Promise<boolean> {
  return (await db.prepare(`SELECT 1 FROM orgs WHERE slug = ?1`).bind(slug).first()) !== null;
}

export async function updateOrg(db: D1Database, id: string, patch: OrgPatch, now: string): Promise<void> {
  await db
    .prepare(
      `UPDATE orgs SET min_group_size = COALESCE(?2, min_group_size), comment_minimum = COALESCE(?3, comment_minimum),
       fiscal_year_start_month = COALESCE(?4, fiscal_year_start_month), attribute_dimensions = COALESCE(?5, attribute_dimensions),
       extension_health_reports = COALESCE(?7, extension_health_reports), updated_at = ?6 WHERE id = ?1`,
    )
    .bind(
      id,
      patch.minGroupSize ?? null,
      patch.commentMinimum ?? null,
      patch.fiscalYearStartMonth ?? null,
      patch.attributeDimensions ? JSON.stringify(patch.attributeDimensions) : null,
      now,
      patch.extensionHealthReports === undefined ? null : patch.extensionHealthReports ? 1 : 0,
    )
    .run();
}

/** The attribute dimensions the organisation collects, as SQL reading them as one column (JSON). */
export const dimensionsSql = (orgIdParam: string) => `(SELECT attribute_dimensions FROM orgs WHERE id = ${orgIdParam})`;

export async function getAttributeDimensions(db: D1Database, orgId: string): Promise<string[]> {
  const json = await db.prepare(`SELECT attribute_dimensions FROM orgs WHERE id = ?1`).bind(orgId).first<string>('attribute_dimensions');
  return json ? (JSON.parse(json) as string[]) : [];
}
