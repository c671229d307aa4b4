import { packRows, unpackRows } from './analytics-rollups';
import type { EngagementRow, MemberRole, ProgrammeKind } from '../../shared';
import type { AlertFacts } from '../analytics/alerts';
import { dateOf, dayNumber, daysBetween, instantsOf, type Period } from '../analytics/calendar';
import { quarterDays } from '../analytics/health';
import { compactMembersJson, parseCompactMembers } from './analytics-members';

/** An engagement's alert facts, with its members (sent with an alert). */
export type AlertFactsWithMembers = AlertFacts & { members: EngagementRow['members'] };

/**
 * Active, running engagements that may need a coordinator, with what alerts need and their members,
 * in one statement (one round trip). SQL keeps only the engagements that might alert — a superset
 * of what `computeAlerts` keeps, each test loosened by a day so rounding can never drop one — and
 * `computeAlerts` decides: thousands of healthy engagements' rows and members never leave D1
 * (`all: true` returns every one, to check that the superset holds). The
 * latest sessions and held sessions per month come from the rollups (worker/migrations/0003), which
 * keep enough of the latest sessions to answer "as of" a day with one session booked after it; an
 * engagement with more booked ahead has those figures read from its sessions.
 */
export async function loadAlertFacts(
  db: D1Database,
  orgId: string,
  programmeId: string | null,
  quarter: Period,
  asOf: string,
  /** `rollups: false` reads the raw tables (to check the rollups against); `all` keeps every engagement (the filter stays in the text: D1 binds every parameter it names). */
  options: { rollups?: boolean; all?: boolean } = {},
): Promise<AlertFactsWithMembers[]> {
  const asOfEnd = instantsOf({ from: asOf, to: asOf }).end;
  const quarterStart = instantsOf(quarter).start;
  const since = instantsOf({ from: dateOf(dayNumber(asOf) - 29), to: asOf }).start; // the 30 days up to asOf
  // ?1 org, ?2 programme, ?3 asOf, ?4 its last instant, ?5 quarter start, ?6 30 days back, ?7 the quarter's first
  // day, ?8 its length in days, ?9 the quarter's first month, ?10 asOf's month
  // From the sessions, where the rollups cannot say (two or more sessions booked after asOf):
  const lastHeld = `(SELECT max(starts_at) FROM sessions x WHERE x.engagement_id = e.id AND x.status = 'held' AND x.starts_at <= ?4)`;
  const heldQuarter = `(SELECT count(*) FROM sessions x WHERE x.engagement_id = e.id AND x.status = 'held' AND x.starts_at BETWEEN ?5 AND ?4)`;
  const lastTwo = `(SELECT json_group_array(status) FROM (SELECT status FROM sessions x WHERE x.engagement_id = e.id AND x.starts_at <= ?4
    ORDER BY x.starts_at DESC LIMIT 2))`;
  // What each engagement needs: from the raw tables (to check the rollups against), or from one scan of
  // rollup_engagements (a row per engagement, with its own columns, members and latest sessions).
  const columns =
    options.rollups === false
      ? { from: 'engagements e', lastHeld, heldQuarter, lastTwo }
      : {
          from: `(SELECT h.*, h.engagement_id AS id FROM rollup_engagements h) e
         LEFT JOIN (SELECT engagement_id, SUM(held) AS held FROM rollup_engagement_months
           WHERE org_id = ?1 AND month BETWEEN ?9 AND ?10 GROUP BY engagement_id) q ON q.engagement_id = e.id`,
          lastHeld: `CASE WHEN e.last_held_at IS NULL OR e.last_held_at <= ?4 THEN e.last_held_at
           WHEN e.prev_held_at IS NULL OR e.prev_held_at <= ?4 THEN e.prev_held_at
           ELSE ${lastHeld} END`,
          heldQuarter: `CASE WHEN e.last_held_at IS NULL OR e.last_held_at <= ?4 THEN COALESCE(q.held, 0)
           -- one held session booked after asOf: the months' count holds it if it falls in asOf's month
           WHEN e.prev_held_at IS NULL OR e.prev_held_at <= ?4 THEN COALESCE(q.held, 0) - (substr(e.last_held_at, 1, 7) = ?10)
           ELSE ${heldQuarter} END`,
          lastTwo: `CASE WHEN e.s1_at IS NULL THEN '[]'
           WHEN e.s1_at <= ?4 THEN CASE WHEN e.s2_at IS NULL THEN json_array(e.s1_status) ELSE json_array(e.s1_status, e.s2_status) END
           WHEN e.s2_at IS NULL THEN '[]'
           WHEN e.s2_at <= ?4 THEN CASE WHEN e.s3_status IS NULL THEN json_array(e.s2_status) ELSE json_array(e.s2_status, e.s3_status) END
           ELSE ${lastTwo} END`,
        };
  const selected = {
    id: 'e.id',
    programme_id: 'e.programme_id',
    programme_name: 'p.name',
    kind: 'p.kind',
    min_sessions_per_quarter: 'p.min_sessions_per_quarter',
    starts_on: 'e.starts_on',
    last_held: columns.lastHeld,
    held_quarter: columns.heldQuarter,
    last_two: columns.lastTwo,
    check_in: 'e.id IN (SELECT engagement_id FROM check_ins)',
    members: options.rollups === false ? compactMembersJson : 'e.members',
  };
  // What `computeAlerts` tests, each loosened by a day (a day more since the last session, a day more
  // of the quarter elapsed), so that float rounding can only keep one more, never drop one. The
  // commitment is still rounded down, as `expectedByNow` does: unrounded, it would keep nearly every
  // engagement with few sessions.
  const days = `julianday(?3) - julianday(substr(COALESCE(f.last_held, f.starts_on), 1, 10))`;
  const elapsed = `julianday(?3) - julianday(max(f.starts_on, ?7)) + 2`;
  const mightAlert = `(f.min_sessions_per_quarter > 0 AND ${days} + 1 > 1.5 * ${quarterDays} / f.min_sessions_per_quarter)
    OR f.held_quarter < CAST(f.min_sessions_per_quarter * (${elapsed}) / ?8 AS INTEGER)
    OR f.check_in
    OR f.last_two LIKE '%cancelled%cancelled%'`;
  // Thousands of rows come back as one packed value (see `packRows`).
  const row = Object.fromEntries(Object.keys(selected).map((name) => [name, `f.${name}`]));
  const result = await db
    .prepare(
      `WITH check_ins AS (
         SELECT DISTINCT s.engagement_id FROM pulse_responses r JOIN sessions s ON s.id = r.session_id
         WHERE r.org_id = ?1 AND r.check_in = 1 AND r.client_updated_at BETWEEN ?6 AND ?4),
       f AS (SELECT ${Object.entries(selected)
         .map(([name, sql]) => `${sql} AS ${name}`)
         .join(', ')}
         FROM ${columns.from} JOIN programmes p ON p.id = e.programme_id
         WHERE e.org_id = ?1 AND (?2 IS NULL OR e.programme_id = ?2) AND e.status = 'active'
           AND e.starts_on <= ?3 AND (e.ends_on IS NULL OR e.ends_on >= ?3))
       ${packRows(row, `FROM f WHERE ${options.all ? '1 OR ' : ''}(${mightAlert})`, { chunkBy: 'f.id', json: ['last_two', 'members'] })}`,
    )
    .bind(
      orgId,
      programmeId,
      asOf,
      asOfEnd,
      quarterStart,
      since,
      quarter.from,
      daysBetween(quarter.from, quarter.to) + 1,
      ...(options.rollups === false ? [] : [quarter.from.slice(0, 7), asOf.slice(0, 7)]),
    )
    .all();
  const results = unpackRows<{
    id: string;
    programme_id: string;
    programme_name: string;
    kind: ProgrammeKind;
    min_sessions_per_quarter: number;
    starts_on: string;
    last_held: string | null;
    held_quarter: number;
    last_two: ('held' | 'cancelled')[];
    check_in: number;
    members: [string, string, MemberRole][];
  }>(result.results as { packed: string }[], row);
  return results.map((r) => ({
    id: r.id,
    programmeId: r.programme_id,
    programmeName: r.programme_name,
    kind: r.kind,
    minSessionsPerQuarter: r.min_sessions_per_quarter,
    startsOn: r.starts_on,
    lastHeldAt: r.last_held,
    heldThisQuarter: r.held_quarter,
    lastTwo: r.last_two,
    checkInRequested: r.check_in === 1,
    members: parseCompactMembers(r.members),
  }));
}
