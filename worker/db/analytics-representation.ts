import type { MemberRole } from '../../shared';
import { instantsOf, type Period } from '../analytics/calendar';
import type { GroupFacts } from '../analytics/representation';
import { inRuns, runParams, splitPeriod } from './analytics-rollups';

type Query = { programmeId: string | null; role: MemberRole | null; dimension: string; period: Period };

// ?1 org, ?2 programme, ?3 role, ?4 from, ?5 to, ?6 dimension, ?7 / ?8 the first and last whole month (the raw tables: instants), ?9–?12 the edges
const inPeriod = (e: string) => `${e}.starts_on <= ?5 AND (${e}.ends_on IS NULL OR ${e}.ends_on >= ?4)`;
const inProgramme = (e: string) => `(?2 IS NULL OR ${e}.programme_id = ?2)`;
const inRole = (m: string) => `(?3 IS NULL OR ${m}.role = ?3)`;

/** The filtered query, and each wider one (without the programme, role or period filter) the remainder rule needs. */
function variantsOf(q: Query, e: string, m: string): [string, string[]][] {
  return [
    ['filtered', [inPeriod(e), inProgramme(e), inRole(m)]],
    ...(q.programmeId ? ([['all_programmes', [inPeriod(e), inRole(m)]]] as [string, string[]][]) : []),
    ...(q.role ? ([['all_roles', [inPeriod(e), inProgramme(e)]]] as [string, string[]][]) : []),
    ['all_time', [inProgramme(e), inRole(m)]],
  ];
}

/** Held sessions and their length in whole milliseconds (exact sums in any order) per engagement. */
const heldFromSessions = `SELECT engagement_id, count(*) AS n, SUM(CAST(round((julianday(ends_at) - julianday(starts_at)) * 86400000) AS INTEGER)) AS ms
  FROM sessions WHERE org_id = ?1 AND status = 'held' AND starts_at BETWEEN ?7 AND ?8 GROUP BY engagement_id`;
const heldFromRollups = `SELECT engagement_id, SUM(held) AS n, SUM(held_ms) AS ms FROM rollup_engagement_months
  WHERE org_id = ?1 AND month BETWEEN ?7 AND ?8 GROUP BY engagement_id`;
/** The same for the days of the edges (?9–?12, `runParams`), from the sessions. */
const heldFromEdges = `SELECT engagement_id, count(*) AS n, SUM(CAST(round((julianday(ends_at) - julianday(starts_at)) * 86400000) AS INTEGER)) AS ms
  FROM sessions WHERE org_id = ?1 AND status = 'held' AND ${inRuns('starts_at', 9)} GROUP BY engagement_id`;

/**
 * People in scope, per group, for the filtered query and each wider one; their sessions and senior
 * minutes; and the baseline — one round trip.
 *
 * One pass over `rollup_members` (a row per member, with the engagement's programme, status, dates
 * and whether another member is executive-level: worker/migrations/0003) flags each person for every
 * variant and sums their held sessions and senior minutes, which come from the monthly rollups when the
 * period is made of whole months, else from the sessions; then one attribute lookup per person.
 */
export async function loadRepresentationFacts(
  db: D1Database,
  orgId: string,
  q: Query,
  /** `rollups: false` reads the raw tables whatever the period (to check the rollups against). */
  options: { rollups?: boolean } = {},
) {
  if (options.rollups === false) return loadFromRawTables(db, orgId, q);
  // Whole months from the monthly rollups, the days of months the period covers in part from the sessions.
  const split = splitPeriod(q.period);
  const variants = variantsOf(q, 'm', 'm');
  const binds = [
    orgId,
    q.programmeId,
    q.role,
    q.period.from,
    q.period.to,
    q.dimension,
    split.core?.first ?? null,
    split.core?.last ?? null,
    ...runParams(split.edges),
  ];
  const held =
    split.edges.length === 0
      ? heldFromRollups
      : `SELECT engagement_id, SUM(n) AS n, SUM(ms) AS ms FROM (${heldFromRollups} UNION ALL ${heldFromEdges}) GROUP BY engagement_id`;

  // biome-ignore lint/suspicious/noExplicitAny: D1 rows are untyped at this boundary; each caller reads them through its row interface
  const [people, baseline] = await db.batch<any>([
    db
      .prepare(
        `WITH held AS (${held}),
         pairs AS (
           SELECT m.participant_id, m.engagement_id, m.senior_counterpart,
             ${variants.map(([name, c]) => `(${c.join(' AND ')}) AS ${name}`).join(', ')}
           FROM rollup_members m WHERE m.org_id = ?1 AND m.status = 'active'),
         people AS (
           SELECT p.participant_id, ${variants.map(([name]) => `MAX(p.${name}) AS ${name}`).join(', ')},
             SUM(CASE WHEN p.filtered THEN COALESCE(h.n, 0) ELSE 0 END) AS sessions,
             SUM(CASE WHEN p.filtered AND p.senior_counterpart THEN COALESCE(h.ms, 0) ELSE 0 END) AS senior_ms
           FROM pairs p LEFT JOIN held h ON h.engagement_id = p.engagement_id
           GROUP BY p.participant_id
           HAVING ${variants.map(([name]) => `MAX(p.${name})`).join(' OR ')})
         SELECT COALESCE(a.value, 'undisclosed') AS grp, ${variants.map(([name]) => `SUM(people.${name}) AS ${name}`).join(', ')},
           SUM(people.sessions) AS sessions, SUM(people.senior_ms) / 60000.0 AS senior_minutes
         FROM people LEFT JOIN participant_attributes a ON a.org_id = ?1 AND a.dimension = ?6 AND a.participant_id = people.participant_id
         GROUP BY grp`,
      )
      .bind(...binds.slice(0, split.edges.length === 0 ? 8 : 12)),
    db.prepare(`SELECT grp, count FROM population_baselines WHERE org_id = ?1 AND dimension = ?2`).bind(orgId, q.dimension),
  ]);

  const rows = people!.results as ({ grp: string; sessions: number; senior_minutes: number } & Record<string, number>)[];
  const byVariant = (name: string) => new Map(rows.filter((r) => r[name]! > 0).map((r) => [r.grp, r[name]!]));
  return {
    groups: rows
      .filter((r) => r.filtered! > 0)
      .map((r): GroupFacts => ({ group: r.grp, participants: r.filtered!, sessions: r.sessions, seniorMinutes: r.senior_minutes })),
    wholes: variants.slice(1).map(([name]) => byVariant(name)),
    population: populationOf(baseline!),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: D1 rows are untyped at this boundary; each caller reads them through its row interface
const populationOf = (baseline: D1Result<any>) =>
  Object.fromEntries((baseline.results as { grp: string; count: number }[]).map((r) => [r.grp, r.count]));

/** The same facts from the raw tables (members, engagements, sessions), for any period. */
async function loadFromRawTables(db: D1Database, orgId: string, q: Query) {
  const { start, end } = instantsOf(q.period);
  const scope = (conditions: string[]) =>
    `SELECT DISTINCT m.participant_id, m.engagement_id FROM engagement_members m JOIN engagements e ON e.id = m.engagement_id
     WHERE e.org_id = ?1 AND e.status = 'active' AND ${conditions.join(' AND ')}`;
  const variants = variantsOf(q, 'e', 'm');
  const binds = [orgId, q.programmeId, q.role, q.period.from, q.period.to, q.dimension, start, end];

  // biome-ignore lint/suspicious/noExplicitAny: D1 rows are untyped at this boundary; each caller reads them through its row interface
  const [counts, access, baseline] = await db.batch<any>([
    db
      .prepare(
        `WITH people AS (${variants.map(([, c], i) => `SELECT DISTINCT ${i} AS variant, participant_id FROM (${scope(c)})`).join(' UNION ALL ')})
         SELECT variant, COALESCE(a.value, 'undisclosed') AS grp, count(*) AS n
         FROM people LEFT JOIN participant_attributes a ON a.participant_id = people.participant_id AND a.dimension = ?6
         GROUP BY variant, grp`,
      )
      .bind(...binds.slice(0, 6)), // D1 wants exactly the parameters a statement uses
    db
      .prepare(
        `WITH sc AS (${scope(variants[0]![1])}),
         held AS (${heldFromSessions})
         SELECT COALESCE(a.value, 'undisclosed') AS grp, SUM(COALESCE(h.n, 0)) AS sessions,
           SUM(CASE WHEN EXISTS (SELECT 1 FROM engagement_members x JOIN participants p ON p.id = x.participant_id
                      WHERE x.engagement_id = sc.engagement_id AND x.participant_id <> sc.participant_id AND p.level = 'executive')
                    THEN COALESCE(h.ms, 0) ELSE 0 END) / 60000.0 AS senior_minutes
         FROM sc LEFT JOIN held h ON h.engagement_id = sc.engagement_id
         LEFT JOIN participant_attributes a ON a.participant_id = sc.participant_id AND a.dimension = ?6
         GROUP BY grp`,
      )
      .bind(...binds),
    db.prepare(`SELECT grp, count FROM population_baselines WHERE org_id = ?1 AND dimension = ?2`).bind(orgId, q.dimension),
  ]);

  const byVariant = new Map<string, Map<string, number>>();
  // Variants are named by their place in `variants`, not by a string literal spliced into the SQL.
  for (const r of counts!.results as { variant: number; grp: string; n: number }[]) {
    const name = variants[r.variant]![0];
    const m = byVariant.get(name) ?? new Map<string, number>();
    m.set(r.grp, r.n);
    byVariant.set(name, m);
  }
  const accessByGroup = new Map((access!.results as { grp: string; sessions: number; senior_minutes: number }[]).map((r) => [r.grp, r]));
  const groups: GroupFacts[] = [...(byVariant.get('filtered') ?? new Map<string, number>())].map(([group, participants]) => ({
    group,
    participants,
    sessions: accessByGroup.get(group)?.sessions ?? 0,
    seniorMinutes: accessByGroup.get(group)?.senior_minutes ?? 0,
  }));
  return {
    groups,
    wholes: variants.slice(1).map(([name]) => byVariant.get(name) ?? new Map<string, number>()),
    population: populationOf(baseline!),
  };
}
