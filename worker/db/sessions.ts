import type { Cycle, Provider, Session, SessionPut, SessionStatus } from '../../shared';

export interface SessionRow {
  id: string;
  org_id: string;
  engagement_id: string;
  starts_at: string;
  ends_at: string;
  provider: Provider;
  event_id: string;
  cycle: Cycle | null;
  status: SessionStatus;
  client_updated_at: string;
  created_at: string;
  updated_at: string;
  /** 1 when the caller is a member of the session's engagement. */
  is_member: number;
  /** 1 when the caller has answered its pulse. */
  pulse_answered: number;
}

export const toSession = (r: SessionRow): Session => ({
  id: r.id,
  engagementId: r.engagement_id,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  source: { provider: r.provider, eventId: r.event_id },
  cycle: r.cycle,
  status: r.status,
  clientUpdatedAt: r.client_updated_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  pulseAnswered: r.pulse_answered === 1,
});

/** Who is looking: sessions are read within their organisation, as seen by that participant. */
export interface Viewer {
  orgId: string;
  participantId: string;
}

/** Columns of a session as seen by participant ?1: whether they are a member, whether they answered. */
const sessionColumns = `s.*,
  EXISTS (SELECT 1 FROM engagement_members m WHERE m.engagement_id = s.engagement_id AND m.participant_id = ?1) AS is_member,
  EXISTS (SELECT 1 FROM pulse_responses r WHERE r.session_id = s.id AND r.respondent_id = ?1) AS pulse_answered`;

/** A session of the viewer's organisation by id (membership is the caller's to check, via `is_member`). */
export async function findSession(db: D1Database, viewer: Viewer, id: string): Promise<SessionRow | null> {
  return db
    .prepare(`SELECT ${sessionColumns} FROM sessions s WHERE s.org_id = ?2 AND s.id = ?3`)
    .bind(viewer.participantId, viewer.orgId, id)
    .first<SessionRow>();
}

export async function findSessionByEvent(
  db: D1Database,
  viewer: Viewer,
  engagementId: string,
  source: { provider: Provider; eventId: string },
): Promise<SessionRow | null> {
  return db
    .prepare(
      `SELECT ${sessionColumns} FROM sessions s
       WHERE s.org_id = ?2 AND s.engagement_id = ?3 AND s.provider = ?4 AND s.event_id = ?5`,
    )
    .bind(viewer.participantId, viewer.orgId, engagementId, source.provider, source.eventId)
    .first<SessionRow>();
}

/** The sessions of the engagements `viewerId` is a member of, optionally within [from, to]. */
export async function listMemberSessions(
  db: D1Database,
  { orgId, participantId: viewerId }: Viewer,
  q: { from?: string; to?: string; engagementId?: string },
): Promise<Session[]> {
  const { results } = await db
    .prepare(
      `SELECT ${sessionColumns} FROM sessions s
       WHERE s.org_id = ?2
         AND s.engagement_id IN (SELECT engagement_id FROM engagement_members WHERE org_id = ?2 AND participant_id = ?1)
         AND (?3 IS NULL OR s.starts_at >= ?3) AND (?4 IS NULL OR s.starts_at <= ?4) AND (?5 IS NULL OR s.engagement_id = ?5)
       ORDER BY s.starts_at, s.id LIMIT 2000`,
    )
    .bind(viewerId, orgId, q.from ?? null, q.to ?? null, q.engagementId ?? null)
    .all<SessionRow>();
  return results.map(toSession);
}

/** Inserts unless the id or the (engagement, calendar event) pair exists; `true` if a row was written. */
export async function insertSession(
  db: D1Database,
  s: SessionPut & { id: string; orgId: string; createdBy: string; now: string },
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO sessions (id, org_id, engagement_id, starts_at, ends_at, provider, event_id, cycle, status, created_by,
         client_updated_at, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12) ON CONFLICT DO NOTHING`,
    )
    .bind(
      s.id,
      s.orgId,
      s.engagementId,
      s.startsAt,
      s.endsAt,
      s.source.provider,
      s.source.eventId,
      s.cycle,
      s.status,
      s.createdBy,
      s.clientUpdatedAt,
      s.now,
    )
    .run();
  // > 0, not === 1: D1 counts the rows the analytics rollups' triggers write too (migrations/0003).
  return result.meta.changes > 0;
}

/** Updates only if this edit is newer than the stored one, so a stale write never clobbers a newer one. */
export async function updateSessionIfNewer(
  db: D1Database,
  s: SessionPut & { id: string; orgId: string; now: string },
): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE sessions SET starts_at = ?2, ends_at = ?3, provider = ?4, event_id = ?5, cycle = ?6, status = ?7,
         client_updated_at = ?8, updated_at = ?9
       WHERE id = ?1 AND org_id = ?10 AND client_updated_at < ?8`,
    )
    .bind(s.id, s.startsAt, s.endsAt, s.source.provider, s.source.eventId, s.cycle, s.status, s.clientUpdatedAt, s.now, s.orgId)
    .run();
  return result.meta.changes > 0; // as above
}
