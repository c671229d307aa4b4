import { membersJson, parseMembers } from './analytics-members';
import type { ProgrammeKind } from '../../shared';
import type { AlertFacts } from '../analytics/alerts';
import { dateOf, dayNumber, instantsOf, type Period } from '../analytics/calendar';

/** Active, running engagements with what alerts need, in one statement (one round trip). */
export async function loadAlertFacts(
  db: D1Database,
  orgId: string,
  programmeId: string | null,
  quarter: Period,
  asOf: string,
): Promise<AlertFacts[]> {
  const asOfEnd = instantsOf({ from: asOf, to: asOf }).end;
  const quarterStart = instantsOf(quarter).start;
  const since = instantsOf({ from: dateOf(dayNumber(asOf) - 29), to: asOf }).start; // the 30 days up to asOf
  const { results } = await db
    .prepare(
      `WITH check_ins AS (
         SELECT DISTINCT s.engagement_id FROM pulse_responses r JOIN sessions s ON s.id = r.session_id
         WHERE r.org_id = ?1 AND r.check_in = 1 AND r.client_updated_at BETWEEN ?6 AND ?4)
       SELECT e.id, e.programme_id, p.name AS programme_name, p.kind, p.min_sessions_per_quarter, e.starts_on,
         (SELECT max(starts_at) FROM sessions x WHERE x.engagement_id = e.id AND x.status = 'held' AND x.starts_at <= ?4) AS last_held,
         (SELECT count(*) FROM sessions x WHERE x.engagement_id = e.id AND x.status = 'held' AND x.starts_at BETWEEN ?5 AND ?4) AS held_quarter,
         (SELECT json_group_array(status) FROM (SELECT status FROM sessions x WHERE x.engagement_id = e.id AND x.starts_at <= ?4
            ORDER BY x.starts_at DESC LIMIT 2)) AS last_two,
         e.id IN (SELECT engagement_id FROM check_ins) AS check_in,
         ${membersJson} AS members
       FROM engagements e JOIN programmes p ON p.id = e.programme_id
       WHERE e.org_id = ?1 AND (?2 IS NULL OR e.programme_id = ?2) AND e.status = 'active'
         AND e.starts_on <= ?3 AND (e.ends_on IS NULL OR e.ends_on >= ?3)`,
    )
    .bind(orgId, programmeId, asOf, asOfEnd, quarterStart, since)
    .all<{
      id: string;
      programme_id: string;
      programme_name: string;
      kind: ProgrammeKind;
      min_sessions_per_quarter: number;
      starts_on: string;
      last_held: string | null;
      held_quarter: number;
      last_two: string;
      check_in: number;
      members: string;
    }>();
  return results.map((r) => ({
    id: r.id,
    programmeId: r.programme_id,
    programmeName: r.programme_name,
    kind: r.kind,
    minSessionsPerQuarter: r.min_sessions_per_quarter,
    startsOn: r.starts_on,
    members: parseMembers(r.members),
    lastHeldAt: r.last_held,
    heldThisQuarter: r.held_quarter,
    lastTwo: JSON.parse(r.last_two) as ('held' | 'cancelled')[],
    checkInRequested: r.check_in === 1,
  }));
}
