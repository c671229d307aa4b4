import { parseCompactMembers } from './analytics-members';
import { batchNamed } from './analytics-batch';
import type { EngagementRow, ProgrammeKind } from '../../shared';
import { instantsOf, monthsOf, type Period } from '../analytics/calendar';
import { monthReleases } from '../analytics/month-releases';
import type { EngagementListKey } from '../../shared';
import type { CommitmentCount, EngagementCounts, EngagementFacts, ResponseCell } from '../analytics/engagement';
import {
  engagementCountsStatement,
  engagementPageStatement,
  type EngagementCountsSql,
  type ListedEngagementSql,
} from './analytics-engagement-list';
import { freezeMonthsStatements, frozenCellsStatement, type FrozenCellSql } from './pulse-releases';
import { bindUsed, inRuns, runParams, splitPeriod } from './analytics-rollups';

/**
 * The completed quarters as one parameter, `[[from, to, firstMonth, lastMonth], …]`, read by
 * `quarterRows`: a row per quarter, whatever their number (D1 allows 32 arguments per SQL function
 * and 100 bound parameters, so a column or a parameter per quarter would not scale to ten years).
 */
const quartersParam = (quarters: readonly Period[]) =>
  JSON.stringify(quarters.map((q) => [q.from, q.to, q.from.slice(0, 7), q.to.slice(0, 7)]));
// Read MATERIALIZED: joined to every engagement, a view over json_each would parse the JSON on each row.
const quarterRows = (param: string) =>
  `SELECT json_extract(value, '$[0]') AS q_from, json_extract(value, '$[1]') AS q_to,
     json_extract(value, '$[2]') AS m_first, json_extract(value, '$[3]') AS m_last FROM json_each(${param})`;

/**
 * Commitment per programme: engagement-quarters eligible (not paused, running the whole quarter) and
 * met (held ≥ the programme's sessions per quarter), over the completed quarters — given the SQL of
 * an engagement's held sessions in its quarter (a row of `e`) and the engagements' table. ?1 org, ?2 programme, ?3 quarters.
 */
const commitmentSql = (engagements: string, id: string, heldInQuarter: string) =>
  `WITH q AS MATERIALIZED (${quarterRows('?3')}),
   e AS (
     SELECT ${id} AS id, e.programme_id, p.min_sessions_per_quarter AS min, q.q_from, q.q_to, q.m_first, q.m_last
     FROM q JOIN ${engagements} e ON e.org_id = ?1 AND (?2 IS NULL OR e.programme_id = ?2) AND e.status <> 'paused'
       AND e.starts_on <= q.q_from AND (e.ends_on IS NULL OR e.ends_on >= q.q_to)
     JOIN programmes p ON p.id = e.programme_id)
   SELECT e.programme_id, count(*) AS eligible, SUM(${heldInQuarter} >= e.min) AS met FROM e GROUP BY e.programme_id`;

/**
 * The facts of engagement analytics recomputed from the raw tables (sessions, answers, members),
 * as statements for one `db.batch`: the test oracle the rollups are checked against
 * (`rollups: false`; test/worker/analytics-rollups.test.ts, `npm run bench -- --verify`), never the
 * production path. Times are compared as ISO strings, which sort as instants.
 */
export function engagementStatements(db: D1Database, orgId: string, programmeId: string | null, period: Period, quarters: Period[]) {
  const { start, end } = instantsOf(period);
  const inProgramme = `(?2 IS NULL OR s.engagement_id IN (SELECT id FROM engagements WHERE org_id = ?1 AND programme_id = ?2))`;
  const heldInPeriod = `s.org_id = ?1 AND s.status = 'held' AND s.starts_at BETWEEN ?3 AND ?4 AND ${inProgramme}`;

  return {
    programmes: db.prepare(programmesInOrder).bind(orgId),
    commitment: db
      .prepare(
        commitmentSql(
          'engagements',
          'e.id',
          `(SELECT count(*) FROM sessions x WHERE x.engagement_id = e.id AND x.status = 'held'
             AND x.starts_at BETWEEN e.q_from || 'T00:00:00.000Z' AND e.q_to || 'T23:59:59.999Z')`,
        ),
      )
      .bind(orgId, programmeId, quartersParam(quarters)),
    participants: activeParticipantsStatement(db, orgId, programmeId, period, { rollups: false }),
    months: db
      .prepare(
        `SELECT e.programme_id, substr(s.starts_at, 1, 7) AS month, SUM(s.status = 'held') AS held, SUM(s.status = 'cancelled') AS cancelled
         FROM sessions s JOIN engagements e ON e.id = s.engagement_id
         WHERE s.org_id = ?1 AND s.starts_at BETWEEN ?3 AND ?4 AND (?2 IS NULL OR e.programme_id = ?2)
         GROUP BY e.programme_id, month`,
      )
      .bind(orgId, programmeId, start, end),
    gaps: db
      .prepare(
        `WITH held AS (
           SELECT e.programme_id, s.engagement_id, CAST(julianday(substr(s.starts_at, 1, 10)) AS INTEGER) AS day, s.starts_at
           FROM sessions s JOIN engagements e ON e.id = s.engagement_id WHERE ${heldInPeriod}),
         gaps AS (SELECT programme_id, day - lag(day) OVER (PARTITION BY engagement_id ORDER BY starts_at) AS gap FROM held)
         SELECT programme_id, gap, count(*) AS count FROM gaps WHERE gap IS NOT NULL GROUP BY programme_id, gap`,
      )
      .bind(orgId, programmeId, start, end),
  };
}

/**
 * Distinct people in active engagements overlapping the period, in all and per programme: the one
 * fact of engagement analytics that needs members, counted where they are instead of sending every
 * engagement's members to the Worker (the list shows a page of them: `loadEngagementMembers`). From
 * rollup_members (a row per member with the engagement's programme, status and dates, keyed by
 * person, so counting distinct people is one ordered pass), or from the raw tables for the check.
 */
function activeParticipantsStatement(db: D1Database, orgId: string, programmeId: string | null, period: Period, { rollups = true } = {}) {
  const active = rollups
    ? `SELECT programme_id, participant_id FROM rollup_members
       WHERE org_id = ?1 AND (?2 IS NULL OR programme_id = ?2) AND status = 'active' AND starts_on <= ?4 AND (ends_on IS NULL OR ends_on >= ?3)`
    : `SELECT e.programme_id, m.participant_id FROM engagements e JOIN engagement_members m ON m.engagement_id = e.id
       WHERE e.org_id = ?1 AND (?2 IS NULL OR e.programme_id = ?2) AND e.status = 'active' AND e.starts_on <= ?4 AND (e.ends_on IS NULL OR e.ends_on >= ?3)`;
  // GROUP BY rather than count(DISTINCT): with rollup_members' indexes by (status, person) and
  // (status, programme, person) — worker/migrations/0004 — each grouping is one ordered pass, no sort.
  return db
    .prepare(
      `SELECT NULL AS programme_id, count(*) AS n FROM (${active} GROUP BY participant_id)
       UNION ALL
       SELECT programme_id, count(*) FROM (${active} GROUP BY programme_id, participant_id) GROUP BY programme_id`,
    )
    .bind(orgId, programmeId, period.from, period.to);
}

/**
 * The members of the given engagements (a page of the list, or every row of the CSV), by engagement,
 * in the order `parseMembers` gives. The ids travel as one JSON parameter: D1 binds at most 100.
 */
export async function loadEngagementMembers(
  db: D1Database,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, EngagementRow['members']>> {
  if (ids.length === 0) return new Map();
  const { results } = await engagementMembersStatement(db, orgId, ids).all<{ id: string; members: string }>();
  return new Map(results.map((r) => [r.id, parseCompactMembers(r.members)]));
}

/**
 * The statement of `loadEngagementMembers`. `+m.org_id` keeps the organisation a check, not an
 * access path: SQLite would otherwise walk every member of the organisation by (org_id,
 * participant_id) — 14 ms for a page of 20 at 10k people, against 0.1 ms by engagement id.
 */
export const engagementMembersStatement = (db: D1Database, orgId: string, ids: readonly string[]) =>
  db
    .prepare(
      `SELECT m.engagement_id AS id, json_group_array(json_array(m.participant_id, pa.display_name, m.role)) AS members
       FROM engagement_members m JOIN participants pa ON pa.id = m.participant_id
       WHERE +m.org_id = ?1 AND m.engagement_id IN (SELECT value FROM json_each(?2)) GROUP BY m.engagement_id`,
    )
    .bind(orgId, JSON.stringify(ids));

/** The programmes of an organisation, in the order the breakdowns list them. */
const programmesInOrder = `SELECT id, name, kind, min_sessions_per_quarter FROM programmes WHERE org_id = ?1 ORDER BY name, id`;

/**
 * The same facts as `engagementStatements`, for any period: its whole months from the rollups
 * (worker/migrations/0003) and its edges — the days of a month it covers in part — from the sessions
 * (`splitPeriod`); its rows are those of `engagementStatements`. A period of whole months has no
 * edges, and its statements read the rollups alone.
 *
 * Parameters, shared by every statement: ?1 org, ?2 programme, ?3 / ?4 first and last whole month,
 * ?5–?8 the edges (runParams), ?9 the period's first instant.
 */
export function engagementRollupStatements(db: D1Database, orgId: string, programmeId: string | null, period: Period, quarters: Period[]) {
  const split = splitPeriod(period);
  const { core } = split;
  const params = [
    orgId,
    programmeId,
    core?.first ?? null, // NULL: no whole month (month BETWEEN NULL AND NULL holds for none)
    core?.last ?? null,
    ...runParams(split.edges),
    instantsOf(period).start,
  ];
  const bound = (sql: string) => bindUsed(db, sql, params);
  const edges = split.edges.length > 0;
  const inEdges = inRuns('s.starts_at', 5);
  // Sessions of the edges, with their engagement's programme.
  const edgeSessions = (where: string) =>
    `FROM sessions s JOIN engagements e ON e.id = s.engagement_id
     WHERE s.org_id = ?1 AND ${inEdges} AND (?2 IS NULL OR e.programme_id = ?2) AND ${where}`;
  // The held session just before (after) each in the order (start, id): an index lookup each, no sort.
  const neighbourHeld = (at: string, dir: 'before' | 'after') => {
    const [tie, cmp, pick] = dir === 'before' ? ['<', '<', 'max'] : ['>', '>', 'min'];
    return `CASE WHEN EXISTS (SELECT 1 FROM sessions x WHERE x.engagement_id = s.engagement_id AND x.status = 'held'
        AND x.starts_at = s.starts_at AND x.id ${tie} s.id) THEN s.starts_at
      ELSE (SELECT ${pick}(x.starts_at) FROM sessions x WHERE x.engagement_id = s.engagement_id AND x.status = 'held'
        AND x.starts_at ${cmp} s.starts_at) END AS ${at}`;
  };
  const days = (later: string, earlier: string) =>
    `CAST(julianday(substr(${later}, 1, 10)) - julianday(substr(${earlier}, 1, 10)) AS INTEGER)`;

  return {
    programmes: db.prepare(programmesInOrder).bind(orgId),
    commitment: db
      .prepare(
        commitmentSql(
          'rollup_engagements',
          'e.engagement_id',
          `(SELECT COALESCE(SUM(m.held), 0) FROM rollup_engagement_months m WHERE m.engagement_id = e.id AND m.month BETWEEN e.m_first AND e.m_last)`,
        ),
      )
      .bind(orgId, programmeId, quartersParam(quarters)),
    participants: activeParticipantsStatement(db, orgId, programmeId, period),
    months: bound(
      `SELECT programme_id, month, SUM(held) AS held, SUM(cancelled) AS cancelled FROM (
         SELECT programme_id, month, held, cancelled FROM rollup_programme_months
         WHERE org_id = ?1 AND month BETWEEN ?3 AND ?4 AND (?2 IS NULL OR programme_id = ?2)
         ${edges ? `UNION ALL SELECT e.programme_id, substr(s.starts_at, 1, 7), s.status = 'held', s.status = 'cancelled' ${edgeSessions('1')}` : ''})
       GROUP BY programme_id, month HAVING SUM(held) + SUM(cancelled) > 0`,
    ),
    // Both ends inside the period. Whole months: the later session's month ≤ the last, the earlier's ≥
    // the first. Edges: each held session of an edge with the one before it, if that is in the period;
    // and with the one after it, if that is in a whole month (else the first rule counted the pair).
    gaps: bound(
      `SELECT programme_id, gap, SUM(n) AS count FROM (
         SELECT programme_id, gap, n FROM rollup_programme_gaps
         WHERE org_id = ?1 AND month BETWEEN ?3 AND ?4 AND prev_month >= ?3 AND (?2 IS NULL OR programme_id = ?2)
         ${
           edges
             ? `UNION ALL SELECT programme_id, ${days('at', 'prev')}, 1 FROM (
                  SELECT e.programme_id, s.starts_at AS at, ${neighbourHeld('prev', 'before')} ${edgeSessions(`s.status = 'held'`)})
                WHERE prev >= ?9
                UNION ALL SELECT programme_id, ${days('next', 'at')}, 1 FROM (
                  SELECT e.programme_id, s.starts_at AS at, ${neighbourHeld('next', 'after')} ${edgeSessions(`s.status = 'held'`)})
                WHERE substr(next, 1, 7) BETWEEN ?3 AND ?4`
             : ''
         })
       GROUP BY programme_id, gap HAVING SUM(n) > 0`,
    ),
  };
}

/** Programmes as the statements give them. */
interface ProgrammeSql {
  id: string;
  name: string;
  kind: ProgrammeKind;
  min_sessions_per_quarter: number;
}

/**
 * Runs the statements in one round trip and shapes their rows for `computeEngagementAnalytics`: from the
 * rollups and, for the days of months a period covers in part, the sessions (`engagementRollupStatements`).
 * The pulse response rate comes from the pulse's frozen cells of the released months the period
 * touches (by the server's clock `now`), frozen first in the same batch if this is their first
 * reading (worker/db/pulse-releases.ts) — whatever `rollups` says.
 */
export async function loadEngagementFacts(
  db: D1Database,
  orgId: string,
  programmeId: string | null,
  period: Period,
  asOf: string,
  quarters: Period[],
  /** The rows of the list to read: `limit` (null for all) after the key `after` (null from the start). */
  list: { limit: number | null; after: EngagementListKey | null },
  /**
   * `rollups: false` reads the raw tables whatever the period (to check the rollups against); `now`
   * is the server's clock, epoch ms (default `Date.now()`), which decides the released months.
   */
  options: { rollups?: boolean; now?: number } = {},
) {
  const now = options.now ?? Date.now();
  const { released } = monthReleases(monthsOf(period), now);
  const releaseStatements = {
    ...freezeMonthsStatements(db, orgId, released, new Date(now).toISOString()),
    responseCells: frozenCellsStatement(db, orgId, released, programmeId, 'response'),
  };
  const source = options.rollups === false ? 'raw' : 'rollups';
  const listQuery = { orgId, programmeId, period, asOf };
  const listStatements = {
    page: engagementPageStatement(db, source, { ...listQuery, ...list }),
    counts: engagementCountsStatement(db, source, listQuery),
  };
  // The freezing goes first: the statements after it read the frozen cells.
  const rows = await batchNamed(db, {
    ...releaseStatements,
    ...(options.rollups !== false
      ? engagementRollupStatements(db, orgId, programmeId, period, quarters)
      : engagementStatements(db, orgId, programmeId, period, quarters)),
    ...listStatements,
  });
  const programmes = new Map((rows.programmes as ProgrammeSql[]).map((p) => [p.id, p]));
  const engagements = (rows.page as ListedEngagementSql[]).map((r): EngagementFacts => {
    const p = programmes.get(r.programme_id)!;
    return {
      id: r.id,
      programmeId: r.programme_id,
      programmeName: p.name,
      kind: p.kind,
      minSessionsPerQuarter: r.min,
      status: r.status,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      heldInPeriod: r.held,
      cancelledInPeriod: r.cancelled,
      lastHeldAt: r.last_held,
      daysSinceLastSession: r.days,
      health: r.health,
      members: parseCompactMembers(r.members),
    };
  });
  const counts = (rows.counts as EngagementCountsSql[]).map(
    (c): EngagementCounts => ({
      programmeId: c.programme_id,
      engagements: c.engagements,
      listed: c.listed,
      active: c.active,
      health: { healthy: c.healthy, at_risk: c.at_risk, lapsed: c.lapsed },
    }),
  );

  const participants = { total: 0, byProgramme: new Map<string, number>() };
  for (const p of rows.participants as { programme_id: string | null; n: number }[]) {
    if (p.programme_id === null) participants.total = p.n;
    else participants.byProgramme.set(p.programme_id, p.n);
  }
  return {
    engagements,
    counts,
    programmes: (rows.programmes as ProgrammeSql[]).map(({ id, name, kind }) => ({ id, name, kind })),
    commitment: (rows.commitment as { programme_id: string; eligible: number; met: number }[]).map(
      (r): CommitmentCount => ({ programmeId: r.programme_id, eligible: r.eligible, met: r.met }),
    ),
    activeParticipants: participants,
    months: (rows.months as { programme_id: string; month: string; held: number; cancelled: number }[]).map((m) => ({
      programmeId: m.programme_id,
      month: m.month,
      held: m.held,
      cancelled: m.cancelled,
    })),
    gaps: (rows.gaps as { programme_id: string; gap: number; count: number }[]).map((g) => ({
      programmeId: g.programme_id,
      gap: g.gap,
      count: g.count,
    })),
    responseCells: (rows.responseCells as FrozenCellSql[]).map(
      (r): ResponseCell => ({
        programmeId: r.programme_id,
        month: r.month,
        answers: r.answers,
        expected: r.expected,
        respondents: r.respondents,
        engagements: r.engagements,
        cellKey: r.cell_key,
      }),
    ),
  };
}
