import type { Programme, ProgrammeKind } from '../../shared';

interface ProgrammeRow {
  id: string;
  name: string;
  kind: ProgrammeKind;
  charter: string;
  min_sessions_per_quarter: number;
  status: 'active' | 'archived';
  created_at: string;
  updated_at: string;
}

const toProgramme = (r: ProgrammeRow): Programme => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  charter: r.charter,
  minSessionsPerQuarter: r.min_sessions_per_quarter,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function getProgramme(db: D1Database, orgId: string, id: string): Promise<Programme | null> {
  const row = await db.prepare(`SELECT * FROM programmes WHERE org_id = ?1 AND id = ?2`).bind(orgId, id).first<ProgrammeRow>();
  return row && toProgramme(row);
}

export async function listProgrammes(db: D1Database, orgId: string): Promise<Programme[]> {
  const { results } = await db.prepare(`SELECT * FROM programmes WHERE org_id = ?1 ORDER BY name, id`).bind(orgId).all<ProgrammeRow>();
  return results.map(toProgramme);
}

export async function insertProgramme(db: D1Database, orgId: string, p: Programme): Promise<void> {
  await db
    .prepare(
      `INSERT INTO programmes (id, org_id, name, kind, charter, min_sessions_per_quarter, status, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
    )
    .bind(p.id, orgId, p.name, p.kind, p.charter, p.minSessionsPerQuarter, p.status, p.createdAt, p.updatedAt)
    .run();
}

export async function updateProgramme(db: D1Database, orgId: string, p: Programme): Promise<void> {
  await db
    .prepare(
      `UPDATE programmes SET name = ?3, charter = ?4, min_sessions_per_quarter = ?5, status = ?6, updated_at = ?7
       WHERE org_id = ?1 AND id = ?2`,
    )
    .bind(orgId, p.id, p.name, p.charter, p.minSessionsPerQuarter, p.status, p.updatedAt)
    .run();
}
