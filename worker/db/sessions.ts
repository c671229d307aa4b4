import type { Cycle, Provider, Session, SessionStatus } from '../../shared';

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

/** A session's values as the write path stores them. */
export interface SessionValues {
  id: string;
  engagementId: string;
  startsAt: string;
  endsAt: string;
  source: { provider: Provider; eventId: string };
  cycle: Cycle | null;
  status: SessionStatus;
  clientUpdatedAt: string;
}

const sessionFields = (s: SessionValues) => ({
  id: s.id,
  engagementId: s.engagementId,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  provider: s.source.provider,
  eventId: s.source.eventId,
  cycle: s.cycle,
  status: s.status,
  clientUpdatedAt: s.clientUpdatedAt,
});

/**
 * Statements (for the write path's one `db.batch()`) that store sessions while keeping the rules in
 * SQL, so a request racing between our read and this write cannot break them:
 * - `created` are inserted; if the id was stored meanwhile (a replay racing us) the row is updated
 *   only if this edit is newer and the organisation and engagement are the same; if the (engagement,
 *   calendar event) pair was taken meanwhile, nothing is written. `RETURNING` tells which rows this
 *   request inserted (`created_at` is now), so a lost race is answered from what is stored;
 * - `updated` (sessions that existed) are updated only if this edit is newer and the engagement is
 *   the same (`OR IGNORE`: an edit that would now collide with another session's calendar event is
 *   skipped rather than failing the whole batch).
 * The ops drive the loop and find sessions by key (`+` keeps SQLite off the organisation's index,
 * which would match every session of the organisation against every op).
 */
export function saveSessionsStatements(
  db: D1Database,
  who: { orgId: string; participantId: string },
  created: readonly SessionValues[],
  updated: readonly SessionValues[],
  now: string,
) {
  const value = (field: string) => `json_extract(j.value, '$.${field}')`;
  return {
    insertedSessions: created.length
      ? db
          .prepare(
            `INSERT INTO sessions (id, org_id, engagement_id, starts_at, ends_at, provider, event_id, cycle, status, created_by,
               client_updated_at, created_at, updated_at)
             SELECT ${value('id')}, ?2, ${value('engagementId')}, ${value('startsAt')}, ${value('endsAt')}, ${value('provider')},
               ${value('eventId')}, ${value('cycle')}, ${value('status')}, ?3, ${value('clientUpdatedAt')}, ?4, ?4
             FROM json_each(?1) j WHERE true
             ON CONFLICT (id) DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at, provider = excluded.provider,
               event_id = excluded.event_id, cycle = excluded.cycle, status = excluded.status,
               client_updated_at = excluded.client_updated_at, updated_at = excluded.updated_at
             WHERE sessions.org_id = excluded.org_id AND sessions.engagement_id = excluded.engagement_id
               AND sessions.client_updated_at < excluded.client_updated_at
             ON CONFLICT DO NOTHING
             RETURNING id, created_at`,
          )
          .bind(JSON.stringify(created.map(sessionFields)), who.orgId, who.participantId, now)
      : null,
    updatedSessions: updated.length
      ? db
          .prepare(
            `UPDATE OR IGNORE sessions SET starts_at = v.starts_at, ends_at = v.ends_at, provider = v.provider, event_id = v.event_id,
               cycle = v.cycle, status = v.status, client_updated_at = v.client_updated_at, updated_at = ?3
             FROM (SELECT ${value('id')} AS id, ${value('engagementId')} AS engagement_id, ${value('startsAt')} AS starts_at,
                     ${value('endsAt')} AS ends_at, ${value('provider')} AS provider, ${value('eventId')} AS event_id,
                     ${value('cycle')} AS cycle, ${value('status')} AS status, ${value('clientUpdatedAt')} AS client_updated_at
                   FROM json_each(?1) j) AS v
             WHERE sessions.id = v.id AND +sessions.org_id = ?2 AND +sessions.engagement_id = v.engagement_id
               AND +sessions.client_updated_at < v.client_updated_at`,
          )
          .bind(JSON.stringify(updated.map(sessionFields)), who.orgId, now)
      : null,
  };
}
