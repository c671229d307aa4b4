import { membersJson, parseMembers } from './analytics-members';
import type { EngagementStatus, ProgrammeKind } from '../../shared';
import { instantsOf, type Period } from '../analytics/calendar';
import type { EngagementFacts, ResponseCell } from '../analytics/engagement';

/**
 * The queries behind engagement analytics, as statements for one `db.batch` (one round trip).
 * Times are compared as ISO strings, which sort as instants; dates are validated `YYYY-MM-DD`.
 */
export function engagementStatements(
  db: D1Database,
  orgId: string,
  programmeId: string | null,
  period: Period,
  asOf: string,
  quarters: Period[],
) {
  const { start, end } = instantsOf(period);
  const asOfEnd = instantsOf({ from: asOf, to: asOf }).end;
  // One column per completed quarter; dates are our own validated strings, so inlining is safe.
  const quarterColumns = quarters
    .map((q, i) => {
      const { start: qs, end: qe } = instantsOf(q);
      return `SUM(status = 'held' AND starts_at BETWEEN '${qs}' AND '${qe}') AS q${i}`;
    })
    .join(', ');
  const inProgramme = `(?2 IS NULL OR s.engagement_id IN (SELECT id FROM engagements WHERE org_id = ?1 AND programme_id = ?2))`;
  const heldInPeriod = `s.org_id = ?1 AND s.status = 'held' AND s.starts_at BETWEEN ?3 AND ?4 AND ${inProgramme}`;
  const memberCounts = `(SELECT engagement_id, count(*) AS n FROM engagement_members WHERE org_id = ?1 GROUP BY engagement_id)`;

  return {
    engagements: db
      .prepare(
        `WITH agg AS (
           SELECT engagement_id, SUM(status = 'held') AS held, SUM(status = 'cancelled') AS cancelled
             ${quarterColumns ? `, ${quarterColumns}` : ''}
           FROM sessions s WHERE s.org_id = ?1 AND s.starts_at BETWEEN ?3 AND ?4 GROUP BY engagement_id)
         SELECT e.id, e.programme_id, p.name AS programme_name, p.kind, p.min_sessions_per_quarter, e.status, e.starts_on, e.ends_on,
           agg.*,
           (SELECT max(starts_at) FROM sessions x WHERE x.engagement_id = e.id AND x.status = 'held' AND x.starts_at <= ?5) AS last_held,
           ${membersJson} AS members
         FROM engagements e JOIN programmes p ON p.id = e.programme_id
         LEFT JOIN agg ON agg.engagement_id = e.id
         WHERE e.org_id = ?1 AND (?2 IS NULL OR e.programme_id = ?2)`,
      )
      .bind(orgId, programmeId, start, end, asOfEnd),
    programmes: db.prepare(`SELECT id, name, kind FROM programmes WHERE org_id = ?1 ORDER BY name, id`).bind(orgId),
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
           (SELECT count(DISTINCT r.respondent_id) FROM pulse_responses r JOIN sessions s ON s.id = r.session_id
             WHERE s.org_id = ?1 AND s.status = 'held' AND s.starts_at BETWEEN ?3 AND ?4 AND NOT ${inProgramme}) AS other_programmes,
           (SELECT count(DISTINCT r.respondent_id) FROM pulse_responses r JOIN sessions s ON s.id = r.session_id
             WHERE s.org_id = ?1 AND s.status = 'held' AND ${inProgramme} AND s.starts_at NOT BETWEEN ?3 AND ?4) AS other_periods`,
      )
      .bind(orgId, programmeId, start, end),
  };
}

interface EngagementRowSql {
  id: string;
  programme_id: string;
  programme_name: string;
  kind: ProgrammeKind;
  min_sessions_per_quarter: number;
  status: EngagementStatus;
  starts_on: string;
  ends_on: string | null;
  held: number | null;
  cancelled: number | null;
  last_held: string | null;
  members: string;
  [quarter: `q${number}`]: number | null;
}

/** Runs the statements in one round trip and shapes their rows for `computeEngagementAnalytics`. */
export async function loadEngagementFacts(
  db: D1Database,
  orgId: string,
  programmeId: string | null,
  period: Period,
  asOf: string,
  quarters: Period[],
) {
  const s = engagementStatements(db, orgId, programmeId, period, asOf, quarters);
  const [engagements, programmes, months, gaps, cells, respondents, complements] = await db.batch<any>([
    s.engagements,
    s.programmes,
    s.months,
    s.gaps,
    s.responseCells,
    s.respondents,
    s.complements,
  ]);
  const facts: EngagementFacts[] = (engagements!.results as EngagementRowSql[]).map((r) => ({
    id: r.id,
    programmeId: r.programme_id,
    programmeName: r.programme_name,
    kind: r.kind,
    minSessionsPerQuarter: r.min_sessions_per_quarter,
    status: r.status,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    members: parseMembers(r.members),
    heldInPeriod: r.held ?? 0,
    cancelledInPeriod: r.cancelled ?? 0,
    lastHeldAt: r.last_held,
    heldByQuarter: quarters.map((_, i) => r[`q${i}`] ?? 0),
  }));

  const byProgramme = new Map<string, ResponseCell>();
  const byMonth = new Map<string, ResponseCell>();
  const total: ResponseCell = { responses: 0, slots: 0, respondents: 0 };
  const add = (map: Map<string, ResponseCell>, key: string, responses: number, slots: number) => {
    const cell = map.get(key) ?? { responses: 0, slots: 0, respondents: 0 };
    cell.responses += responses;
    cell.slots += slots;
    map.set(key, cell);
  };
  for (const c of cells!.results as { programme_id: string; month: string; slots: number; responses: number }[]) {
    add(byProgramme, c.programme_id, c.responses, c.slots);
    add(byMonth, c.month, c.responses, c.slots);
    total.responses += c.responses;
    total.slots += c.slots;
  }
  for (const r of respondents!.results as { cell: string; key: string; n: number }[]) {
    if (r.cell === 'total') total.respondents = r.n;
    else (r.cell === 'programme' ? byProgramme : byMonth).get(r.key)!.respondents = r.n;
  }
  const c = complements!.results[0] as { other_programmes: number; other_periods: number };
  return {
    engagements: facts,
    programmes: programmes!.results as { id: string; name: string; kind: ProgrammeKind }[],
    months: (months!.results as { programme_id: string; month: string; held: number; cancelled: number }[]).map((m) => ({
      programmeId: m.programme_id,
      month: m.month,
      held: m.held,
      cancelled: m.cancelled,
    })),
    gaps: (gaps!.results as { programme_id: string; gap: number; count: number }[]).map((g) => ({ programmeId: g.programme_id, gap: g.gap, count: g.count })),
    responses: { total, byProgramme, byMonth, complements: [c.other_programmes, c.other_periods] },
  };
}
