import type { EngagementListKey, EngagementStatus, Health } from '../../shared';
import { instantsOf, type Period } from '../analytics/calendar';
import { quarterDays } from '../analytics/health';
import { compactMembersJson } from './analytics-members';

/**
 * The per-engagement list of engagement analytics, worked out where the engagements are: health,
 * days since the last session and the place in the order of need are computed by SQLite, which
 * sends one page of rows and a few counts per programme — not thousands of engagements for the
 * Worker to rank (at 5,000 engagements that transfer was most of what the endpoint cost).
 *
 * The rules are those of worker/analytics/health.ts (healthOf, daysSinceLastSession) and
 * worker/analytics/engagement-list.ts (keyOf, compareKeys), which stay as the test oracle:
 * test/worker/analytics-engagement-list.test.ts checks that both agree on random organisations.
 *
 * Parameters: ?1 org, ?2 programme or NULL, ?3 from, ?4 to, ?5 / ?6 the period's first and last
 * instants, ?7 asOf, ?8 asOf's last instant; the page adds ?9 the limit and ?10 / ?11 / ?12 the
 * cursor's key (rank, days, id), NULL for the first page.
 */

/** Where each engagement comes from: the rollups (production) or the raw tables (the oracle). */
const sources = {
  rollups: {
    from: 'rollup_engagements h',
    id: 'h.engagement_id',
    // The two latest held sessions answer "as of" any day but one with two held sessions booked after it.
    lastHeld: `CASE WHEN h.last_held_at IS NULL OR h.last_held_at <= ?8 THEN h.last_held_at
      WHEN h.prev_held_at IS NULL OR h.prev_held_at <= ?8 THEN h.prev_held_at
      ELSE (SELECT max(starts_at) FROM sessions x WHERE x.engagement_id = h.engagement_id AND x.status = 'held' AND x.starts_at <= ?8) END`,
    members: 'h.members',
    // The latest session's start: an engagement whose dates miss the period has a session in it only
    // if its latest is after the period's start — which spares most of them the lookup.
    latest: 'h.s1_at',
  },
  raw: {
    from: 'engagements h',
    id: 'h.id',
    lastHeld: `(SELECT max(starts_at) FROM sessions x WHERE x.engagement_id = h.id AND x.status = 'held' AND x.starts_at <= ?8)`,
    members: compactMembersJson.replaceAll('e.id', 'r.id'),
    latest: `(SELECT max(starts_at) FROM sessions x WHERE x.engagement_id = h.id)`,
  },
} as const;
export type ListSource = keyof typeof sources;

/**
 * Every engagement in scope with its health, days and rank; `listed` when it belongs in the list
 * (it overlaps the period, or has a session in it).
 */
function rankedSql(source: ListSource): string {
  const s = sources[source];
  return `WITH x AS (
      SELECT ${s.id} AS id, h.programme_id, h.status, h.starts_on, h.ends_on, p.min_sessions_per_quarter AS min, ${s.lastHeld} AS last_held,
        -- A CASE, not OR: SQLite evaluates both sides of an OR computed as a value, and the EXISTS is
        -- the costly side (10 of 17 ms over 5,000 engagements for a year); most engagements overlap.
        CASE WHEN h.starts_on <= ?4 AND (h.ends_on IS NULL OR h.ends_on >= ?3) THEN 1
          WHEN ${s.latest} >= ?5 THEN EXISTS (SELECT 1 FROM sessions x WHERE x.engagement_id = ${s.id} AND x.starts_at BETWEEN ?5 AND ?6)
          ELSE 0 END AS listed
      FROM ${s.from} JOIN programmes p ON p.id = h.programme_id
      WHERE h.org_id = ?1 AND (?2 IS NULL OR h.programme_id = ?2)),
    d AS (SELECT x.*, max(0, CAST(julianday(?7) - julianday(substr(COALESCE(x.last_held, x.starts_on), 1, 10)) AS INTEGER)) AS days FROM x),
    -- healthOf: at risk past 1.5 × the expected interval (${quarterDays} / commitment), lapsed past 3 ×; active and started only.
    r AS (SELECT d.*, CASE
        WHEN d.status <> 'active' OR d.starts_on > ?7 THEN NULL
        WHEN d.min <= 0 THEN 'healthy'
        WHEN d.days > 3 * (${quarterDays} / d.min) THEN 'lapsed'
        WHEN d.days > 1.5 * (${quarterDays} / d.min) THEN 'at_risk'
        ELSE 'healthy' END AS health FROM d),
    ranked AS (SELECT r.*, CASE r.health WHEN 'lapsed' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END AS rank FROM r)`;
}

/** The list's order: lapsed, at risk, the rest; most days first; ties by id (code-point order, as compareKeys). */
const order = 'rank, days DESC, id';

/**
 * One page of the list in the order of need, with each row's sessions in the period and members;
 * `limit` NULL for every row (the CSV). Reads `limit + 1` rows to tell whether another page follows.
 */
export function engagementPageStatement(
  db: D1Database,
  source: ListSource,
  q: { orgId: string; programmeId: string | null; period: Period; asOf: string; limit: number | null; after: EngagementListKey | null },
) {
  const after = `(?10 IS NULL OR rank > ?10 OR (rank = ?10 AND (days < ?11 OR (days = ?11 AND id > ?12))))`;
  return db
    .prepare(
      `${rankedSql(source)}
       SELECT r.id, r.programme_id, r.status, r.starts_on, r.ends_on, r.min, r.last_held, r.days, r.health,
         (SELECT count(*) FROM sessions x WHERE x.engagement_id = r.id AND x.status = 'held' AND x.starts_at BETWEEN ?5 AND ?6) AS held,
         (SELECT count(*) FROM sessions x WHERE x.engagement_id = r.id AND x.status = 'cancelled' AND x.starts_at BETWEEN ?5 AND ?6) AS cancelled,
         ${source === 'rollups' ? '(SELECT h.members FROM rollup_engagements h WHERE h.org_id = ?1 AND h.engagement_id = r.id)' : sources.raw.members} AS members
       FROM (SELECT * FROM ranked WHERE listed AND ${after} ORDER BY ${order} LIMIT COALESCE(?9 + 1, -1)) r
       ORDER BY ${order}`,
    )
    .bind(...listBinds(q), q.limit, q.after?.[0] ?? null, q.after?.[1] ?? null, q.after?.[2] ?? null);
}

/** Per programme: its engagements in scope, those listed, active in the period, and listed by health. */
export function engagementCountsStatement(
  db: D1Database,
  source: ListSource,
  q: { orgId: string; programmeId: string | null; period: Period; asOf: string },
) {
  return db
    .prepare(
      `${rankedSql(source)}
       SELECT programme_id, SUM(n) AS engagements, SUM(listed * n) AS listed, SUM(active) AS active,
         SUM(CASE WHEN listed AND health = 'healthy' THEN n ELSE 0 END) AS healthy,
         SUM(CASE WHEN listed AND health = 'at_risk' THEN n ELSE 0 END) AS at_risk,
         SUM(CASE WHEN listed AND health = 'lapsed' THEN n ELSE 0 END) AS lapsed
       -- Grouped by what is counted first: each engagement's listed and health are worked out once.
       FROM (SELECT programme_id, listed, health, count(*) AS n,
               SUM(status = 'active' AND starts_on <= ?4 AND (ends_on IS NULL OR ends_on >= ?3)) AS active
             FROM ranked GROUP BY programme_id, listed, health)
       GROUP BY programme_id`,
    )
    .bind(...listBinds(q));
}

function listBinds(q: { orgId: string; programmeId: string | null; period: Period; asOf: string }) {
  const { start, end } = instantsOf(q.period);
  return [q.orgId, q.programmeId, q.period.from, q.period.to, start, end, q.asOf, instantsOf({ from: q.asOf, to: q.asOf }).end];
}

/** A row of `engagementPageStatement`. */
export interface ListedEngagementSql {
  id: string;
  programme_id: string;
  status: EngagementStatus;
  starts_on: string;
  ends_on: string | null;
  min: number;
  last_held: string | null;
  days: number;
  health: Health | null;
  held: number;
  cancelled: number;
  members: string;
}

/** A row of `engagementCountsStatement`. */
export interface EngagementCountsSql {
  programme_id: string;
  engagements: number;
  listed: number;
  active: number;
  healthy: number;
  at_risk: number;
  lapsed: number;
}
