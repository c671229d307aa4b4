import { instantsOf, type Period } from '../analytics/calendar';

/**
 * Freezing a fiscal quarter's representation facts on its first reading (shared/rules/disclosure.ts,
 * worker/migrations/0011_quarter_releases.sql). The statements go first in the reading's own batch —
 * one transaction, one round trip — so the reading and every later one see the same frozen rows.
 *
 * The guard is the release row: the copies run only while the quarter has none, and the row is
 * written last. A second reading (or two first readings racing: D1 runs batches one at a time) finds
 * the row and copies nothing, so a released quarter's facts are those of the moment it was first read.
 *
 * Each copy is one INSERT … SELECT over the whole organisation (every programme, role and
 * dimension), however many people it holds: the 10,000-person benchmark organisation freezes in the
 * same three statements as a pairing of two.
 */

// ?1 org, ?2 the quarter's first day (its `period`), ?3 from, ?4 to, ?5 / ?6 its first and last month (rollups) or instants (raw tables)
const notYetReleased = `NOT EXISTS (SELECT 1 FROM disclosure_releases r WHERE r.org_id = ?1 AND r.kind = 'quarter' AND r.period = ?2)`;

/** Held sessions of each engagement starting in the quarter, and their length in ms, from the sessions (the raw tables). */
const heldFromSessions = `SELECT engagement_id, count(*) AS n, SUM(CAST(round((julianday(ends_at) - julianday(starts_at)) * 86400000) AS INTEGER)) AS ms
  FROM sessions WHERE org_id = ?1 AND status = 'held' AND starts_at BETWEEN ?5 AND ?6 GROUP BY engagement_id`;
/** The same per membership from the monthly rollups (a quarter is whole months), looked up by engagement. */
const heldFromRollups = (figure: 'held' | 'held_ms') =>
  `(SELECT COALESCE(SUM(x.${figure}), 0) FROM rollup_engagement_months x WHERE x.engagement_id = m.engagement_id AND x.month BETWEEN ?5 AND ?6)`;

function membersSelect(rollups: boolean, guarded = false): string {
  // Guarded, the release check is the outermost loop, a single row or none: once the quarter is
  // released, every later reading pays for one primary-key lookup here, not for a scan of the
  // organisation that would then be thrown away (SQLite evaluates a constant WHERE term too late
  // for that: after materialising the subqueries).
  if (rollups)
    return `SELECT m.participant_id, m.engagement_id, m.programme_id, m.role, p.record_key, ${heldFromRollups('held')} AS sessions,
        CASE WHEN m.senior_counterpart THEN ${heldFromRollups('held_ms')} ELSE 0 END AS senior_ms
      FROM ${guarded ? `(SELECT 1 WHERE ${notYetReleased}) g CROSS JOIN ` : ''}rollup_members m JOIN participants p ON p.id = m.participant_id
      WHERE m.org_id = ?1 AND m.status = 'active' AND m.starts_on <= ?4 AND (m.ends_on IS NULL OR m.ends_on >= ?3)`;
  return `SELECT m.participant_id, m.engagement_id, e.programme_id, m.role, p.record_key, COALESCE(h.n, 0) AS sessions,
      CASE WHEN EXISTS (SELECT 1 FROM engagement_members x JOIN participants xp ON xp.id = x.participant_id
                        WHERE x.engagement_id = e.id AND x.participant_id <> m.participant_id AND xp.level = 'executive')
           THEN COALESCE(h.ms, 0) ELSE 0 END AS senior_ms
    FROM engagements e JOIN engagement_members m ON m.engagement_id = e.id JOIN participants p ON p.id = m.participant_id
    LEFT JOIN (${heldFromSessions}) h ON h.engagement_id = e.id
    WHERE e.org_id = ?1 AND e.status = 'active' AND e.starts_on <= ?4 AND (e.ends_on IS NULL OR e.ends_on >= ?3)`;
}

const bindsOf = (orgId: string, quarter: Period, rollups: boolean) => {
  const { start, end } = instantsOf(quarter);
  return [
    orgId,
    quarter.from,
    quarter.from,
    quarter.to,
    rollups ? quarter.from.slice(0, 7) : start,
    rollups ? quarter.to.slice(0, 7) : end,
  ];
};

/**
 * The statements that freeze `quarter` for the organisation unless it is frozen already, to run
 * first in a batch; `frozenAt` is the server's clock.
 */
export function freezeQuarter(db: D1Database, orgId: string, quarter: Period, frozenAt: string): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO quarter_members (org_id, period, participant_id, engagement_id, programme_id, role, record_key, sessions, senior_ms)
         SELECT ?1, ?2, f.* FROM (${membersSelect(true, true)}) f`,
      )
      .bind(...bindsOf(orgId, quarter, true)),
    // The values of every dimension, for the people just copied: a dimension asked for later reads them too.
    db
      .prepare(
        `INSERT INTO quarter_attributes (org_id, period, dimension, participant_id, value)
         SELECT ?1, ?2, a.dimension, a.participant_id, a.value FROM (SELECT 1 WHERE ${notYetReleased}) g CROSS JOIN participant_attributes a
         WHERE a.org_id = ?1
           AND EXISTS (SELECT 1 FROM quarter_members q WHERE q.org_id = ?1 AND q.period = ?2 AND q.participant_id = a.participant_id)`,
      )
      .bind(orgId, quarter.from),
    db
      .prepare(
        `INSERT OR IGNORE INTO disclosure_releases (org_id, kind, period, from_day, to_day, frozen_at) VALUES (?1, 'quarter', ?2, ?2, ?3, ?4)`,
      )
      .bind(orgId, quarter.from, quarter.to, frozenAt),
  ];
}

export interface QuarterMember {
  participant_id: string;
  engagement_id: string;
  programme_id: string;
  role: string;
  record_key: number;
  sessions: number;
  senior_ms: number;
}

/**
 * What freezing `quarter` would copy now, without copying it — from the rollups, or (`rollups:
 * false`) from the raw tables, so test/worker/analytics-rollups.test.ts can check the two agree.
 */
export async function membersToFreeze(db: D1Database, orgId: string, quarter: Period, options: { rollups?: boolean } = {}) {
  const rollups = options.rollups !== false;
  const binds = bindsOf(orgId, quarter, rollups);
  // ?2 is not used by the SELECT alone: renumber so D1 gets exactly the parameters it names.
  const sql = membersSelect(rollups).replace(/\?([3-6])/g, (_, n: string) => `?${Number(n) - 1}`);
  const rows = await db
    .prepare(`${sql} ORDER BY m.participant_id, m.engagement_id`)
    .bind(binds[0], ...binds.slice(2))
    .all<QuarterMember>();
  return rows.results;
}
