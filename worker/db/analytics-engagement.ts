import { parseCompactMembers } from './analytics-members';
import { batchNamed } from './analytics-batch';
import type { EngagementRow, ProgrammeKind } from '../../shared';
import { instantsOf, type Period } from '../analytics/calendar';
import type { EngagementListKey } from '../../shared';
import type { CommitmentCount, EngagementCounts, EngagementFacts, ResponseCell } from '../analytics/engagement';
import {
  engagementCountsStatement,
  engagementPageStatement,
  type EngagementCountsSql,
  type ListedEngagementSql,
} from './analytics-engagement-list';
import { bindUsed, countUpTo10, inRuns, runParams, spanParam, spanYears, splitPeriod } from './analytics-rollups';

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
  const memberCounts = `(SELECT engagement_id, count(*) AS n FROM engagement_members WHERE org_id = ?1 GROUP BY engagement_id)`;

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
    // Responses and chances to respond per (programme, month), and distinct respondents per cell kind.
    responseCells: db
      .prepare(
        `SELECT e.programme_id, substr(s.starts_at, 1, 7) AS month, count(*) AS sessions, SUM(mc.n) AS slots,
           SUM((SELECT count(*) FROM pulse_responses r WHERE r.session_id = s.id)) AS responses
         FROM sessions s JOIN engagements e ON e.id = s.engagement_id JOIN ${memberCounts} mc ON mc.engagement_id = s.engagement_id
         WHERE ${heldInPeriod} GROUP BY e.programme_id, month`,
      )
      .bind(orgId, programmeId, start, end),
    respondents: db
      .prepare(
        `WITH r AS (
           SELECT e.programme_id, substr(s.starts_at, 1, 7) AS month, r.respondent_id
           FROM pulse_responses r JOIN sessions s ON s.id = r.session_id JOIN engagements e ON e.id = s.engagement_id
           WHERE ${heldInPeriod})
         SELECT 'total' AS cell, '' AS key, count(DISTINCT respondent_id) AS n FROM r
         UNION ALL SELECT 'programme', programme_id, count(DISTINCT respondent_id) FROM r GROUP BY programme_id
         UNION ALL SELECT 'month', month, count(DISTINCT respondent_id) FROM r GROUP BY month`,
      )
      .bind(orgId, programmeId, start, end),
    // What a comparison with a wider result would isolate (remainder rule): the respondents of the
    // responses this result leaves out — other programmes in the period, and this scope outside it.
    complements: db
      .prepare(
        `SELECT
           ${countUpTo10(`SELECT DISTINCT r.respondent_id FROM pulse_responses r JOIN sessions s ON s.id = r.session_id
             WHERE s.org_id = ?1 AND s.status = 'held' AND s.starts_at BETWEEN ?3 AND ?4 AND NOT ${inProgramme}`)} AS other_programmes,
           ${countUpTo10(`SELECT DISTINCT r.respondent_id FROM pulse_responses r JOIN sessions s ON s.id = r.session_id
             WHERE s.org_id = ?1 AND s.status = 'held' AND ${inProgramme} AND s.starts_at NOT BETWEEN ?3 AND ?4`)} AS other_periods`,
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
 * (`splitPeriod`). Respondents per month come in their own statement; the other statements' rows are
 * those of `engagementStatements`. A period of whole months has no edges, and its statements read
 * the rollups alone.
 *
 * Parameters, shared by every statement: ?1 org, ?2 programme, ?3 / ?4 first and last whole month,
 * ?5 the whole months' years (spanParam), ?6–?9 the edges (runParams), ?10 the period's first
 * instant, ?11 the years of every month touched, ?12–?15 the days of those months outside the period.
 */
export function engagementRollupStatements(db: D1Database, orgId: string, programmeId: string | null, period: Period, quarters: Period[]) {
  const split = splitPeriod(period);
  const { core } = split;
  const params = [
    orgId,
    programmeId,
    core?.first ?? null, // NULL: no whole month (month BETWEEN NULL AND NULL holds for none)
    core?.last ?? null,
    core ? spanParam(core) : '[]',
    ...runParams(split.edges),
    instantsOf(period).start,
    spanParam(split.touched),
    ...runParams(split.outside),
  ];
  const bound = (sql: string) => bindUsed(db, sql, params);
  const edges = split.edges.length > 0;
  const inEdges = inRuns('s.starts_at', 6);
  // Sessions of the edges, with their engagement's programme.
  const edgeSessions = (where: string) =>
    `FROM sessions s JOIN engagements e ON e.id = s.engagement_id
     WHERE s.org_id = ?1 AND ${inEdges} AND (?2 IS NULL OR e.programme_id = ?2) AND ${where}`;
  const scope = `r.org_id = ?1 AND r.scope = COALESCE(?2, '*')`;
  const answered = `FROM span s JOIN rollup_respondent_years r ON r.year = s.year`;
  const span = `span AS MATERIALIZED (${spanYears('?5')})`;
  // Respondents of the whole months per scope ('*' and each programme), and of the edges: the same
  // person in both is one person (UNION). Without edges, a respondent has one row per year and scope,
  // so within one year counting rows counts people.
  const respondentsSql = edges
    ? `WITH ${span}, ids AS (
         SELECT r.scope, r.respondent_id ${answered} WHERE r.org_id = ?1 AND (r.value_mask & s.mask) <> 0
           AND (r.scope = '*' OR ?2 IS NULL OR r.scope = ?2)
         UNION SELECT '*', p.respondent_id FROM pulse_responses p JOIN sessions s ON s.id = p.session_id JOIN engagements e ON e.id = s.engagement_id
           WHERE s.org_id = ?1 AND ${inEdges} AND s.status = 'held' AND (?2 IS NULL OR e.programme_id = ?2)
         UNION SELECT e.programme_id, p.respondent_id FROM pulse_responses p JOIN sessions s ON s.id = p.session_id JOIN engagements e ON e.id = s.engagement_id
           WHERE s.org_id = ?1 AND ${inEdges} AND s.status = 'held' AND (?2 IS NULL OR e.programme_id = ?2))
       SELECT 'total' AS cell, '' AS key, count(*) AS n FROM ids WHERE scope = COALESCE(?2, '*')
       UNION ALL SELECT 'programme', scope, count(*) FROM ids WHERE scope <> '*' GROUP BY scope`
    : `WITH ${span}
       SELECT 'total' AS cell, '' AS key, ${core && core.maskByYear.size > 1 ? 'count(DISTINCT r.respondent_id)' : 'count(*)'} AS n ${answered}
       WHERE ${scope} AND (r.value_mask & s.mask) <> 0
       UNION ALL
       SELECT 'programme', r.scope, ${core && core.maskByYear.size > 1 ? 'count(DISTINCT r.respondent_id)' : 'count(*)'} ${answered}
       WHERE r.org_id = ?1 AND r.scope <> '*' AND (?2 IS NULL OR r.scope = ?2) AND (r.value_mask & s.mask) <> 0
       GROUP BY r.scope`;
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
                WHERE prev >= ?10
                UNION ALL SELECT programme_id, ${days('next', 'at')}, 1 FROM (
                  SELECT e.programme_id, s.starts_at AS at, ${neighbourHeld('next', 'after')} ${edgeSessions(`s.status = 'held'`)})
                WHERE substr(next, 1, 7) BETWEEN ?3 AND ?4`
             : ''
         })
       GROUP BY programme_id, gap HAVING SUM(n) > 0`,
    ),
    responseCells: bound(
      `SELECT programme_id, month, SUM(held) AS sessions, SUM(slots) AS slots, SUM(responses) AS responses FROM (
         SELECT programme_id, month, held, slots, responses FROM rollup_programme_months
         WHERE org_id = ?1 AND month BETWEEN ?3 AND ?4 AND (?2 IS NULL OR programme_id = ?2)
         ${
           edges
             ? `UNION ALL SELECT e.programme_id, substr(s.starts_at, 1, 7), 1,
                  (SELECT count(*) FROM engagement_members m WHERE m.engagement_id = s.engagement_id),
                  (SELECT count(*) FROM pulse_responses p WHERE p.session_id = s.id) ${edgeSessions(`s.status = 'held'`)}`
             : ''
         })
       GROUP BY programme_id, month HAVING SUM(held) > 0`,
    ),
    respondents: bound(respondentsSql),
    respondentsByMonth: bound(
      `SELECT 'month' AS cell, month AS key, value_n AS n FROM rollup_month_respondents
       WHERE org_id = ?1 AND scope = COALESCE(?2, '*') AND month BETWEEN ?3 AND ?4 AND value_n > 0
       ${
         edges
           ? `UNION ALL SELECT 'month', substr(s.starts_at, 1, 7), count(DISTINCT p.respondent_id) FROM pulse_responses p
                JOIN sessions s ON s.id = p.session_id JOIN engagements e ON e.id = s.engagement_id
                WHERE s.org_id = ?1 AND ${inEdges} AND s.status = 'held' AND (?2 IS NULL OR e.programme_id = ?2)
                GROUP BY substr(s.starts_at, 1, 7)`
           : ''
       }`,
    ),
    // What a wider result would isolate: respondents of other programmes in the period, and of this
    // scope outside it — in the months it does not touch (masks) or the days of its months it leaves out.
    complements: bound(
      `WITH ${span}, touched AS MATERIALIZED (${spanYears('?11')})
       SELECT
         CASE WHEN ?2 IS NULL THEN 0 ELSE ${countUpTo10(`SELECT DISTINCT r.respondent_id ${answered}
           WHERE r.org_id = ?1 AND r.scope NOT IN ('*', ?2) AND (r.value_mask & s.mask) <> 0
           ${
             edges
               ? `UNION SELECT p.respondent_id FROM pulse_responses p JOIN sessions s ON s.id = p.session_id JOIN engagements e ON e.id = s.engagement_id
                    WHERE s.org_id = ?1 AND ${inEdges} AND s.status = 'held' AND e.programme_id <> ?2`
               : ''
           }`)} END AS other_programmes,
         ${countUpTo10(`SELECT DISTINCT r.respondent_id FROM rollup_respondent_years r
           WHERE ${scope} AND (r.value_mask & ~COALESCE((SELECT t.mask FROM touched t WHERE t.year = r.year), 0)) <> 0
           ${
             edges
               ? `UNION SELECT p.respondent_id FROM pulse_responses p JOIN sessions s ON s.id = p.session_id JOIN engagements e ON e.id = s.engagement_id
                    WHERE s.org_id = ?1 AND ${inRuns('s.starts_at', 12)} AND s.status = 'held' AND (?2 IS NULL OR e.programme_id = ?2)`
               : ''
           }`)} AS other_periods`,
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
  /** `rollups: false` reads the raw tables whatever the period (to check the rollups against). */
  options: { rollups?: boolean } = {},
) {
  const source = options.rollups === false ? 'raw' : 'rollups';
  const listQuery = { orgId, programmeId, period, asOf };
  const listStatements = {
    page: engagementPageStatement(db, source, { ...listQuery, ...list }),
    counts: engagementCountsStatement(db, source, listQuery),
  };
  let rows: Record<
    'programmes' | 'commitment' | 'participants' | 'months' | 'gaps' | 'responseCells' | 'complements' | 'page' | 'counts',
    // biome-ignore lint/suspicious/noExplicitAny: D1 rows are untyped at this boundary; each caller reads them through its row interface
    any[]
  >;
  let respondentRows: { cell: string; key: string; n: number }[];
  if (options.rollups !== false) {
    const all = await batchNamed(db, { ...engagementRollupStatements(db, orgId, programmeId, period, quarters), ...listStatements });
    rows = all;
    respondentRows = [...all.respondents, ...all.respondentsByMonth];
  } else {
    const all = await batchNamed(db, { ...engagementStatements(db, orgId, programmeId, period, quarters), ...listStatements });
    rows = all;
    respondentRows = all.respondents;
  }
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

  const byProgramme = new Map<string, ResponseCell>();
  const byMonth = new Map<string, ResponseCell>();
  const total: ResponseCell = { responses: 0, slots: 0, respondents: 0 };
  const add = (map: Map<string, ResponseCell>, key: string, responses: number, slots: number) => {
    const cell = map.get(key) ?? { responses: 0, slots: 0, respondents: 0 };
    cell.responses += responses;
    cell.slots += slots;
    map.set(key, cell);
  };
  for (const c of rows.responseCells as { programme_id: string; month: string; slots: number; responses: number }[]) {
    add(byProgramme, c.programme_id, c.responses, c.slots);
    add(byMonth, c.month, c.responses, c.slots);
    total.responses += c.responses;
    total.slots += c.slots;
  }
  for (const r of respondentRows) {
    if (r.cell === 'total') total.respondents = r.n;
    else (r.cell === 'programme' ? byProgramme : byMonth).get(r.key)!.respondents = r.n;
  }
  const participants = { total: 0, byProgramme: new Map<string, number>() };
  for (const p of rows.participants as { programme_id: string | null; n: number }[]) {
    if (p.programme_id === null) participants.total = p.n;
    else participants.byProgramme.set(p.programme_id, p.n);
  }
  const c = rows.complements[0] as { other_programmes: number; other_periods: number };
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
    responses: { total, byProgramme, byMonth, complements: [c.other_programmes, c.other_periods] },
  };
}
