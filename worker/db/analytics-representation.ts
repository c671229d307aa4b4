import type { MemberRole } from '../../shared';
import { instantsOf, type Period } from '../analytics/calendar';
import type { GroupFacts } from '../analytics/representation';

/**
 * People in scope, per group, for the filtered query and each wider one; their sessions and senior
 * minutes; and the baseline — one round trip.
 */
export async function loadRepresentationFacts(
  db: D1Database,
  orgId: string,
  q: { programmeId: string | null; role: MemberRole | null; dimension: string; period: Period },
) {
  const { start, end } = instantsOf(q.period);
  // ?1 org, ?2 programme, ?3 role, ?4 from, ?5 to, ?6 dimension, ?7 start, ?8 end
  const inPeriod = `e.starts_on <= ?5 AND (e.ends_on IS NULL OR e.ends_on >= ?4)`;
  const inProgramme = `(?2 IS NULL OR e.programme_id = ?2)`;
  const inRole = `(?3 IS NULL OR m.role = ?3)`;
  const scope = (conditions: string[]) =>
    `SELECT DISTINCT m.participant_id, m.engagement_id FROM engagement_members m JOIN engagements e ON e.id = m.engagement_id
     WHERE e.org_id = ?1 AND e.status = 'active' AND ${conditions.join(' AND ')}`;
  const variants: [string, string[]][] = [
    ['filtered', [inPeriod, inProgramme, inRole]],
    ...(q.programmeId ? ([['all_programmes', [inPeriod, inRole]]] as [string, string[]][]) : []),
    ...(q.role ? ([['all_roles', [inPeriod, inProgramme]]] as [string, string[]][]) : []),
    ['all_time', [inProgramme, inRole]],
  ];
  const binds = [orgId, q.programmeId, q.role, q.period.from, q.period.to, q.dimension, start, end];

  const [counts, access, baseline] = await db.batch<any>([
    db
      .prepare(
        `WITH people AS (${variants.map(([name, c]) => `SELECT DISTINCT '${name}' AS variant, participant_id FROM (${scope(c)})`).join(' UNION ALL ')})
         SELECT variant, COALESCE(a.value, 'undisclosed') AS grp, count(*) AS n
         FROM people LEFT JOIN participant_attributes a ON a.participant_id = people.participant_id AND a.dimension = ?6
         GROUP BY variant, grp`,
      )
      .bind(...binds.slice(0, 6)), // D1 wants exactly the parameters a statement uses
    db
      .prepare(
        `WITH sc AS (${scope([inPeriod, inProgramme, inRole])}),
         held AS (
           SELECT engagement_id, count(*) AS n, SUM((julianday(ends_at) - julianday(starts_at)) * 1440) AS minutes
           FROM sessions WHERE org_id = ?1 AND status = 'held' AND starts_at BETWEEN ?7 AND ?8
             AND engagement_id IN (SELECT engagement_id FROM sc) GROUP BY engagement_id),
         executives AS (
           SELECT m.engagement_id, m.participant_id FROM engagement_members m JOIN participants p ON p.id = m.participant_id
           WHERE m.org_id = ?1 AND p.level = 'executive' AND m.engagement_id IN (SELECT engagement_id FROM sc))
         SELECT COALESCE(a.value, 'undisclosed') AS grp, SUM(COALESCE(h.n, 0)) AS sessions,
           SUM(CASE WHEN EXISTS (SELECT 1 FROM executives x WHERE x.engagement_id = sc.engagement_id AND x.participant_id <> sc.participant_id)
                    THEN COALESCE(h.minutes, 0) ELSE 0 END) AS senior_minutes
         FROM sc LEFT JOIN held h ON h.engagement_id = sc.engagement_id
         LEFT JOIN participant_attributes a ON a.participant_id = sc.participant_id AND a.dimension = ?6
         GROUP BY grp`,
      )
      .bind(...binds),
    db.prepare(`SELECT grp, count FROM population_baselines WHERE org_id = ?1 AND dimension = ?2`).bind(orgId, q.dimension),
  ]);

  const byVariant = new Map<string, Map<string, number>>();
  for (const r of counts!.results as { variant: string; grp: string; n: number }[]) {
    const m = byVariant.get(r.variant) ?? new Map<string, number>();
    m.set(r.grp, r.n);
    byVariant.set(r.variant, m);
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
    population: Object.fromEntries((baseline!.results as { grp: string; count: number }[]).map((r) => [r.grp, r.count])),
  };
}
