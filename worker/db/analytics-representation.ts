import type { MemberRole } from '../../shared';
import { disclosure, populationShapingActions } from '../../shared/rules/disclosure';
import type { Period } from '../analytics/calendar';
import type { GroupFacts } from '../analytics/representation';
import { freezeQuarter } from './quarter-releases';

export interface RepresentationQuery {
  programmeId: string | null;
  role: MemberRole | null;
  dimension: string;
  /** The fiscal quarter the result covers, and whether it is released at the server's clock. */
  quarter: Period;
  released: boolean;
  /** The server's clock, ISO: the release's `frozen_at` if this reading freezes it. */
  now: string;
}

export interface RepresentationFacts {
  /** False when `programmeId` names no programme of the organisation. */
  programmeFound: boolean;
  /** Per catalogue group with anyone in it (`other`, `undisclosed` included): true counts and keys, from the frozen rows. */
  groups: GroupFacts[];
  /** The eligible population per group, from the baseline. */
  population: Record<string, number>;
  /** The release row, null while the quarter is pending. */
  release: { frozenAt: string } | null;
  /** Population-shaping writes from the quarter's first day to its freezing. */
  populationChanges: number;
}

// ?1 org, ?2 the quarter's first day, ?3 programme, ?4 role, ?5 dimension
/**
 * People of the frozen quarter in the filters, per group of the dimension's catalogue. A value the
 * baseline does not list is `other`, no value `undisclosed`: a value held by one person never
 * becomes a group's name. Each group's cell key is its distinct people's record keys summed modulo
 * the key space (shared/rules/disclosure.ts `cellKeyOf`).
 */
const groupsSql = `WITH people AS (
    SELECT participant_id, MAX(record_key) AS record_key, SUM(sessions) AS sessions, SUM(senior_ms) AS senior_ms
    FROM quarter_members WHERE org_id = ?1 AND period = ?2 AND (?3 IS NULL OR programme_id = ?3) AND (?4 IS NULL OR role = ?4)
    GROUP BY participant_id)
  SELECT CASE WHEN a.value IS NULL THEN 'undisclosed'
              WHEN EXISTS (SELECT 1 FROM population_baselines b WHERE b.org_id = ?1 AND b.dimension = ?5 AND b.grp = a.value) THEN a.value
              ELSE 'other' END AS grp,
    count(*) AS n, SUM(people.record_key) % ${disclosure.keySpace} AS cell_key, SUM(people.sessions) AS sessions, SUM(people.senior_ms) AS senior_ms
  FROM people LEFT JOIN quarter_attributes a ON a.org_id = ?1 AND a.period = ?2 AND a.dimension = ?5 AND a.participant_id = people.participant_id
  GROUP BY 1`;

/**
 * Everything a representation result needs, in one round trip: whether the programme exists; for a
 * released quarter, its freezing (a no-op after the first reading), its release row, the groups from
 * the frozen rows and the population-shaping writes it saw; and the baseline.
 */
export async function loadRepresentation(db: D1Database, orgId: string, q: RepresentationQuery): Promise<RepresentationFacts> {
  const statements: D1PreparedStatement[] = [
    db.prepare(`SELECT EXISTS (SELECT 1 FROM programmes WHERE org_id = ?1 AND id = ?2) AS found`).bind(orgId, q.programmeId),
    db.prepare(`SELECT grp, count FROM population_baselines WHERE org_id = ?1 AND dimension = ?2`).bind(orgId, q.dimension),
  ];
  if (q.released) {
    statements.push(
      ...freezeQuarter(db, orgId, q.quarter, q.now),
      db
        .prepare(`SELECT frozen_at FROM disclosure_releases WHERE org_id = ?1 AND kind = 'quarter' AND period = ?2`)
        .bind(orgId, q.quarter.from),
      db.prepare(groupsSql).bind(orgId, q.quarter.from, q.programmeId, q.role, q.dimension),
      db
        .prepare(
          `SELECT count(*) AS n FROM audit_log WHERE org_id = ?1 AND action IN (SELECT value FROM json_each(?2)) AND at >= ?3
             AND at <= (SELECT frozen_at FROM disclosure_releases WHERE org_id = ?1 AND kind = 'quarter' AND period = ?4)`,
        )
        .bind(orgId, JSON.stringify(populationShapingActions), `${q.quarter.from}T00:00:00.000Z`, q.quarter.from),
    );
  }
  // biome-ignore lint/suspicious/noExplicitAny: D1 rows are untyped at this boundary; each is read through its row interface below
  const results = await db.batch<any>(statements);
  const found = results[0]!.results[0] as { found: number };
  const population = Object.fromEntries((results[1]!.results as { grp: string; count: number }[]).map((r) => [r.grp, r.count]));
  if (!q.released) return { programmeFound: found.found === 1, groups: [], population, release: null, populationChanges: 0 };

  const [release, groups, changes] = results.slice(-3) as [D1Result, D1Result, D1Result];
  const rows = groups.results as { grp: string; n: number; cell_key: number; sessions: number; senior_ms: number }[];
  return {
    programmeFound: found.found === 1,
    groups: rows.map((r) => ({
      group: r.grp,
      participants: r.n,
      cellKey: r.cell_key,
      sessions: r.sessions,
      seniorMinutes: r.senior_ms / 60000,
    })),
    population,
    release: { frozenAt: (release.results[0] as { frozen_at: string }).frozen_at },
    populationChanges: (changes.results[0] as { n: number }).n,
  };
}
