import { newRecordKey } from '../domain/record-key';
import type { Participant, Role } from '../../shared';
import { dimensionsSql } from './orgs';

export interface ParticipantRow {
  id: string;
  org_id: string;
  display_name: string;
  email: string;
  level: string | null;
  function: string | null;
  region: string | null;
  status: 'active' | 'inactive';
  role: Role;
  created_at: string;
  updated_at: string;
}

export const toParticipant = (r: ParticipantRow): Participant => ({
  id: r.id,
  displayName: r.display_name,
  email: r.email,
  level: r.level,
  function: r.function,
  region: r.region,
  status: r.status,
  role: r.role,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function getParticipant(db: D1Database, orgId: string, id: string): Promise<Participant | null> {
  const row = await db.prepare(`SELECT * FROM participants WHERE org_id = ?1 AND id = ?2`).bind(orgId, id).first<ParticipantRow>();
  return row && toParticipant(row);
}

/** A participant with the facts the access rules read (worker/policy.ts). */
export interface ParticipantAccess {
  participant: Participant;
  /** The role their record carries. */
  standing: Role;
  /** Working admins of the organisation besides them: active people with the admin role. */
  otherWorkingAdmins: number;
  /** The attribute dimensions the organisation collects (read in the same query, for a change of attributes). */
  dimensions: string[];
}

export async function getParticipantAccess(db: D1Database, orgId: string, id: string): Promise<ParticipantAccess | null> {
  const row = await db
    .prepare(
      `SELECT p.*, p.role AS standing,
         (SELECT count(*) FROM participants q WHERE q.org_id = ?1 AND q.role = 'admin' AND q.status = 'active' AND q.id <> ?2) AS other_working_admins,
         ${dimensionsSql('?1')} AS dimensions
       FROM participants p WHERE p.org_id = ?1 AND p.id = ?2`,
    )
    .bind(orgId, id)
    .first<ParticipantRow & { standing: Role; other_working_admins: number; dimensions: string }>();
  return (
    row && {
      participant: toParticipant(row),
      standing: row.standing,
      otherWorkingAdmins: row.other_working_admins,
      dimensions: JSON.parse(row.dimensions) as string[],
    }
  );
}

/** What adding a person checks, in one query: whether the email is taken, and the organisation's attribute dimensions. */
export async function getCreateFacts(db: D1Database, orgId: string, email: string): Promise<{ emailTaken: boolean; dimensions: string[] }> {
  const row = await db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM participants WHERE org_id = ?1 AND email = ?2) AS email_taken, ${dimensionsSql('?1')} AS dimensions`,
    )
    .bind(orgId, email)
    .first<{ email_taken: number; dimensions: string }>();
  return { emailTaken: row!.email_taken === 1, dimensions: JSON.parse(row!.dimensions) as string[] };
}

export async function listParticipants(
  db: D1Database,
  orgId: string,
  { q, limit, offset }: { q?: string; limit: number; offset: number },
): Promise<{ participants: Participant[]; total: number }> {
  // instr, not LIKE: a LIKE pattern over 50 bytes is "too complex" for D1, and a substring needs no
  // pattern (nor escaping of % and _). SQLite's lower() folds ASCII only, so the search folds only ASCII too
  // ("Élodie" still finds "Élodie").
  const needle = q ? q.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : null;
  const where = `org_id = ?1 AND (?2 IS NULL OR instr(lower(display_name), ?2) > 0 OR instr(lower(email), ?2) > 0)`;
  const [rows, count] = await db.batch<ParticipantRow | { n: number }>([
    db.prepare(`SELECT * FROM participants WHERE ${where} ORDER BY display_name, id LIMIT ?3 OFFSET ?4`).bind(orgId, needle, limit, offset),
    db.prepare(`SELECT count(*) AS n FROM participants WHERE ${where}`).bind(orgId, needle),
  ]);
  return {
    participants: (rows!.results as ParticipantRow[]).map(toParticipant),
    total: (count!.results[0] as { n: number }).n,
  };
}

/** Participants of the organisation among `ids`: one query, the ids as one JSON parameter (D1 binds at most 100). */
export async function findParticipantIds(db: D1Database, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  const { results } = await db
    .prepare(`SELECT id FROM participants WHERE org_id = ?1 AND id IN (SELECT value FROM json_each(?2))`)
    .bind(orgId, JSON.stringify([...new Set(ids)]))
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/** email → row for the emails that already exist in the organisation: one query, however many emails (an import has up to 10,000). */
export async function findByEmails(db: D1Database, orgId: string, emails: readonly string[]): Promise<Map<string, ParticipantRow>> {
  const { results } = await db
    .prepare(`SELECT * FROM participants WHERE org_id = ?1 AND email IN (SELECT value FROM json_each(?2))`)
    .bind(orgId, JSON.stringify([...new Set(emails)]))
    .all<ParticipantRow>();
  return new Map(results.map((r) => [r.email, r]));
}

export async function getAttributes(db: D1Database, orgId: string, participantId: string): Promise<Record<string, string>> {
  const { results } = await db
    .prepare(`SELECT dimension, value FROM participant_attributes WHERE org_id = ?1 AND participant_id = ?2 ORDER BY dimension`)
    .bind(orgId, participantId)
    .all<{ dimension: string; value: string }>();
  return Object.fromEntries(results.map((r) => [r.dimension, r.value]));
}

export interface ParticipantValues {
  displayName: string;
  email: string;
  level: string | null;
  function: string | null;
  region: string | null;
}

export function insertParticipantStatement(db: D1Database, orgId: string, id: string, p: ParticipantValues & { role?: Role }, now: string) {
  return db
    .prepare(
      `INSERT INTO participants (id, org_id, display_name, email, level, function, region, created_at, updated_at, role, record_key)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10)`,
    )
    .bind(id, orgId, p.displayName, p.email, p.level, p.function, p.region, now, p.role ?? 'participant', newRecordKey());
}

export function updateParticipantStatement(
  db: D1Database,
  orgId: string,
  id: string,
  p: ParticipantValues & { status: 'active' | 'inactive'; role: Role },
  now: string,
) {
  return db
    .prepare(
      `UPDATE participants SET display_name = ?3, email = ?4, level = ?5, function = ?6, region = ?7, status = ?8, updated_at = ?9, role = ?10
       WHERE org_id = ?1 AND id = ?2`,
    )
    .bind(orgId, id, p.displayName, p.email, p.level, p.function, p.region, p.status, now, p.role);
}

/** Statements that set (value) or remove (null) attributes of one participant. */
export function attributeStatements(db: D1Database, orgId: string, participantId: string, attributes: Record<string, string | null>) {
  return Object.entries(attributes).map(([dimension, value]) =>
    value === null
      ? db.prepare(`DELETE FROM participant_attributes WHERE participant_id = ?1 AND dimension = ?2`).bind(participantId, dimension)
      : db
          .prepare(
            `INSERT INTO participant_attributes (org_id, participant_id, dimension, value) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (participant_id, dimension) DO UPDATE SET value = excluded.value`,
          )
          .bind(orgId, participantId, dimension, value),
  );
}

export async function emailTaken(db: D1Database, orgId: string, email: string, exceptId?: string): Promise<boolean> {
  const row = await db
    .prepare(`SELECT id FROM participants WHERE org_id = ?1 AND email = ?2 AND id IS NOT ?3`)
    .bind(orgId, email, exceptId ?? null)
    .first();
  return row !== null;
}
