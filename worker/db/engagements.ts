import type { Engagement, EngagementStatus, Member, MemberRole } from '../../shared';
import type { Guard } from './credentials';

interface EngagementRow {
  id: string;
  programme_id: string;
  starts_on: string;
  ends_on: string | null;
  status: EngagementStatus;
  objectives: string;
  created_at: string;
  updated_at: string;
}

interface MemberRow {
  engagement_id: string;
  participant_id: string;
  role: MemberRole;
  display_name: string;
  email: string;
}

async function withMembers(db: D1Database, orgId: string, rows: EngagementRow[]): Promise<Engagement[]> {
  const members = new Map<string, Engagement['members']>();
  // One query however many engagements (an organisation lists thousands): the ids as one JSON parameter.
  if (rows.length) {
    const { results } = await db
      .prepare(
        `SELECT m.engagement_id, m.participant_id, m.role, p.display_name, p.email
         FROM engagement_members m JOIN participants p ON p.id = m.participant_id
         WHERE m.org_id = ?1 AND m.engagement_id IN (SELECT value FROM json_each(?2))
         ORDER BY m.role, p.display_name`,
      )
      .bind(orgId, JSON.stringify(rows.map((r) => r.id)))
      .all<MemberRow>();
    for (const m of results) {
      const list = members.get(m.engagement_id) ?? [];
      list.push({ participantId: m.participant_id, role: m.role, displayName: m.display_name, email: m.email });
      members.set(m.engagement_id, list);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    programmeId: r.programme_id,
    members: members.get(r.id) ?? [],
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
    objectives: JSON.parse(r.objectives) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** One engagement, if it exists in the organisation and (when `memberId` is given) that person is a member. */
export async function getEngagement(db: D1Database, orgId: string, id: string, memberId?: string): Promise<Engagement | null> {
  const row = await db
    .prepare(
      `SELECT e.* FROM engagements e WHERE e.org_id = ?1 AND e.id = ?2
       AND (?3 IS NULL OR EXISTS (SELECT 1 FROM engagement_members m WHERE m.engagement_id = e.id AND m.participant_id = ?3))`,
    )
    .bind(orgId, id, memberId ?? null)
    .first<EngagementRow>();
  if (!row) return null;
  return (await withMembers(db, orgId, [row]))[0]!;
}

export async function listEngagements(
  db: D1Database,
  orgId: string,
  filter: { programmeId?: string; status?: EngagementStatus; memberId?: string },
): Promise<Engagement[]> {
  const { results } = await db
    .prepare(
      `SELECT e.* FROM engagements e WHERE e.org_id = ?1
       AND (?2 IS NULL OR e.programme_id = ?2) AND (?3 IS NULL OR e.status = ?3)
       AND (?4 IS NULL OR e.id IN (SELECT engagement_id FROM engagement_members WHERE org_id = ?1 AND participant_id = ?4))
       ORDER BY e.starts_on DESC, e.id`,
    )
    .bind(orgId, filter.programmeId ?? null, filter.status ?? null, filter.memberId ?? null)
    .all<EngagementRow>();
  return withMembers(db, orgId, results);
}

export interface EngagementValues {
  id: string;
  programmeId: string;
  startsOn: string;
  endsOn: string | null;
  status: EngagementStatus;
  objectives: string[];
  members: Member[];
}

/** Statements that write an engagement and replace its members; run them in one `db.batch` (a transaction). */
export function saveEngagementStatements(db: D1Database, orgId: string, e: EngagementValues, now: string) {
  return [
    db
      .prepare(
        `INSERT INTO engagements (id, org_id, programme_id, starts_on, ends_on, status, objectives, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (id) DO UPDATE SET starts_on = excluded.starts_on, ends_on = excluded.ends_on,
           status = excluded.status, objectives = excluded.objectives, updated_at = excluded.updated_at`,
      )
      .bind(e.id, orgId, e.programmeId, e.startsOn, e.endsOn, e.status, JSON.stringify(e.objectives), now),
    db.prepare(`DELETE FROM engagement_members WHERE engagement_id = ?1`).bind(e.id),
    ...e.members.map((m) =>
      db
        .prepare(`INSERT INTO engagement_members (org_id, engagement_id, participant_id, role) VALUES (?1, ?2, ?3, ?4)`)
        .bind(orgId, e.id, m.participantId, m.role),
    ),
  ];
}

/**
 * A member as the analytics see them: a person in a role. A role swap (mentor ↔ mentee) moves people
 * between role-filtered groups, so it is a different member.
 */
export const memberKey = (m: Member) => `${m.participantId}:${m.role}`;

/**
 * Holds when saving `e` would change the engagement's status, dates or members as they stand at that
 * moment — for an audit entry placed before the save in the same batch. The domain decides from the
 * engagement it read; this re-decides inside the transaction, so an identical write that raced ahead
 * (a client's retry of a lost response) leaves one entry, not two, while a different write that raced
 * ahead still leaves this one's.
 */
export const changesEngagementGuard =
  (e: EngagementValues): Guard =>
  (first) => {
    const [id, status, startsOn, endsOn, members, count] = [0, 1, 2, 3, 4, 5].map((i) => `?${first + i}`);
    const keys = [...new Set(e.members.map(memberKey))];
    return {
      sql: `(EXISTS (SELECT 1 FROM engagements WHERE id = ${id} AND (status IS NOT ${status} OR starts_on IS NOT ${startsOn} OR ends_on IS NOT ${endsOn}))
        OR (SELECT count(*) FROM engagement_members WHERE engagement_id = ${id}) <> ${count}
        OR EXISTS (SELECT 1 FROM json_each(${members}) j WHERE NOT EXISTS (
          SELECT 1 FROM engagement_members m WHERE m.engagement_id = ${id} AND m.participant_id || ':' || m.role = j.value)))`,
      params: [e.id, e.status, e.startsOn, e.endsOn, JSON.stringify(keys), keys.length],
    };
  };
