import type { AuditAction, AuditEvent, AuditPage, Role } from '../../shared';
import type { Guard } from './credentials';

/** One entry of the audit log, as the domain states it. */
export interface AuditEntry {
  orgId: string;
  at: string;
  action: AuditAction;
  /** Who acted: null for the operator, or for a signed-out caller (redeeming, signing in). */
  actorId: string | null;
  actorRole: Role | null;
  /** The person acted on, if any. */
  subjectId?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * The statement that appends an entry: written in the same batch (so the same transaction) as the
 * change it records, so a change never lands without its entry. The table refuses UPDATE and DELETE
 * (migration 0008). With `guard`, the entry is written only when the guard holds (as the change it
 * records was).
 */
export function auditStatement(db: D1Database, e: AuditEntry, guard?: Guard): D1PreparedStatement {
  const g = guard?.(8);
  return db
    .prepare(
      `INSERT INTO audit_log (org_id, at, action, actor_id, actor_role, subject_id, detail) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 ${g ? `WHERE ${g.sql}` : ''}`,
    )
    .bind(e.orgId, e.at, e.action, e.actorId, e.actorRole, e.subjectId ?? null, JSON.stringify(e.detail ?? {}), ...(g?.params ?? []));
}

interface AuditRow {
  id: number;
  at: string;
  action: AuditAction;
  actor_id: string | null;
  actor_role: Role | null;
  actor_name: string | null;
  subject_id: string | null;
  subject_name: string | null;
  detail: string;
}

/** A page of the organisation's audit log, newest first. */
export async function listAudit(
  db: D1Database,
  orgId: string,
  q: { before?: number | undefined; limit: number; action?: AuditAction | undefined },
): Promise<AuditPage> {
  const { results } = await db
    .prepare(
      `SELECT a.id, a.at, a.action, a.actor_id, a.actor_role, pa.display_name AS actor_name, a.subject_id, ps.display_name AS subject_name, a.detail
       FROM audit_log a
       LEFT JOIN participants pa ON pa.id = a.actor_id
       LEFT JOIN participants ps ON ps.id = a.subject_id
       WHERE a.org_id = ?1 AND (?2 IS NULL OR a.id < ?2) AND (?3 IS NULL OR a.action = ?3)
       ORDER BY a.id DESC LIMIT ?4`,
    )
    .bind(orgId, q.before ?? null, q.action ?? null, q.limit + 1)
    .all<AuditRow>();
  const page = results.slice(0, q.limit);
  const events: AuditEvent[] = page.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    actor: r.actor_id && r.actor_role ? { id: r.actor_id, displayName: r.actor_name ?? '', role: r.actor_role } : null,
    subject: r.subject_id ? { id: r.subject_id, displayName: r.subject_name ?? '' } : null,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
  return { events, nextBefore: results.length > q.limit ? page[page.length - 1]!.id : null };
}
