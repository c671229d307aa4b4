import { disclosure, populationShapingActions } from '../../shared';
import type { MonthRelease } from '../analytics/month-releases';

/**
 * Freezing and reading the pulse's released months (shared/rules/disclosure.ts, migration 0010).
 *
 * A month's cells are copied from the raw tables by the first request that reads the month — in
 * its own `db.batch`, which D1 runs in order as one transaction — and its `disclosure_releases` row
 * is written in the same transaction. Each copy is guarded by NOT EXISTS against that row, so once a
 * month has a row nothing is copied again: a second read, or a population reshaped after the
 * release, finds the cells as they were. The statements go first in the caller's batch, before any
 * statement that reads the cells.
 *
 * Every statement takes ?1 the organisation and ?2 the released months as one JSON parameter,
 * `[[period, from, to], …]` (a period of ten years and the ten before it is 240 months: one
 * parameter, not 240 — D1 binds at most 100).
 */

const monthsParam = (months: readonly MonthRelease[]) => JSON.stringify(months.map((m) => [m.period, m.from, m.to]));

/** The released months of the request that have no release row yet. */
const unfrozen = `months AS MATERIALIZED (
  SELECT json_extract(j.value, '$[0]') AS month FROM json_each(?2) j
  WHERE NOT EXISTS (SELECT 1 FROM disclosure_releases d WHERE d.org_id = ?1 AND d.kind = 'month' AND d.period = json_extract(j.value, '$[0]')))`;

/** Held sessions starting in those months (UTC), with their programme; `m.month || '-32'` ends the month as text. */
const heldSessions = `SELECT m.month, e.programme_id, p.kind, s.id, s.engagement_id
  FROM months m JOIN sessions s ON s.org_id = ?1 AND s.starts_at BETWEEN m.month || '-01' AND m.month || '-32' AND s.status = 'held'
  JOIN engagements e ON e.id = s.engagement_id JOIN programmes p ON p.id = e.programme_id`;

const buckets = [1, 2, 3, 4, 5] as const;
const { keySpace } = disclosure;

/** Per question: respondents, engagements, answers per score and the scores' keys, the cell key. */
const freezeQuestionCells = `WITH ${unfrozen},
  answers AS MATERIALIZED (
    SELECT h.month, h.programme_id, h.kind, h.engagement_id, r.respondent_id, pa.record_key AS rk, r.value, r.safety, r.applied
    FROM (${heldSessions}) h JOIN pulse_responses r ON r.session_id = h.id JOIN participants pa ON pa.id = r.respondent_id),
  scored AS (
    SELECT 'value' AS question, month, programme_id, kind, engagement_id, respondent_id, rk, value AS score FROM answers
    UNION ALL SELECT 'safety', month, programme_id, kind, engagement_id, respondent_id, rk, safety FROM answers WHERE safety IS NOT NULL
    UNION ALL SELECT 'applied', month, programme_id, kind, engagement_id, respondent_id, rk, applied FROM answers WHERE applied IS NOT NULL)
  INSERT OR IGNORE INTO pulse_release_cells
    (org_id, month, programme_id, kind, question, respondents, engagements, answers,
     ${buckets.map((n) => `n${n}`).join(', ')}, ${buckets.map((n) => `key${n}`).join(', ')}, cell_key)
  SELECT ?1, month, programme_id, kind, question, count(DISTINCT respondent_id), count(DISTINCT engagement_id), count(*),
    ${buckets.map((n) => `SUM(score = ${n})`).join(', ')},
    ${buckets.map((n) => `SUM(CASE WHEN score = ${n} THEN rk ELSE 0 END) % ${keySpace}`).join(', ')},
    SUM(rk) % ${keySpace}
  FROM scored GROUP BY month, programme_id, question`;

/**
 * Per programme-month, for the response rate: every answer (whatever it scored) and the chances to
 * answer — held sessions × their engagement's members — with the answerers' respondents,
 * engagements and key. A programme-month with sessions and no answer has a row too (0 answers).
 */
const freezeResponseCells = `WITH ${unfrozen},
  held AS MATERIALIZED (${heldSessions}),
  chances AS (
    SELECT h.month, h.programme_id, h.kind, SUM((SELECT count(*) FROM engagement_members em WHERE em.engagement_id = h.engagement_id)) AS expected
    FROM held h GROUP BY h.month, h.programme_id),
  answered AS (
    SELECT h.month, h.programme_id, count(DISTINCT r.respondent_id) AS respondents, count(DISTINCT h.engagement_id) AS engagements,
      count(*) AS answers, SUM(pa.record_key) % ${keySpace} AS cell_key
    FROM held h JOIN pulse_responses r ON r.session_id = h.id JOIN participants pa ON pa.id = r.respondent_id
    GROUP BY h.month, h.programme_id)
  INSERT OR IGNORE INTO pulse_release_cells (org_id, month, programme_id, kind, question, respondents, engagements, answers, cell_key, expected)
  SELECT ?1, c.month, c.programme_id, c.kind, 'response', COALESCE(a.respondents, 0), COALESCE(a.engagements, 0),
    COALESCE(a.answers, 0), COALESCE(a.cell_key, 0), c.expected
  FROM chances c LEFT JOIN answered a ON a.month = c.month AND a.programme_id = c.programme_id`;

/** The release rows, after the cells they guard: a month read once is frozen at this read's time (?3). */
const recordReleases = `INSERT OR IGNORE INTO disclosure_releases (org_id, kind, period, from_day, to_day, frozen_at)
  SELECT ?1, 'month', json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), ?3 FROM json_each(?2)`;

const requested = `(SELECT json_extract(value, '$[0]') FROM json_each(?2))`;

/**
 * The statements that freeze the released months of a request, for the front of its batch. With
 * no released month there is nothing to freeze, and no statement.
 */
export function freezeMonthsStatements(
  db: D1Database,
  orgId: string,
  months: readonly MonthRelease[],
  now: string,
): Record<string, D1PreparedStatement> {
  if (months.length === 0) return {};
  const param = monthsParam(months);
  return {
    freezeQuestionCells: db.prepare(freezeQuestionCells).bind(orgId, param),
    freezeResponseCells: db.prepare(freezeResponseCells).bind(orgId, param),
    recordReleases: db.prepare(recordReleases).bind(orgId, param, now),
  };
}

/** A frozen cell as stored. */
export interface FrozenCellSql {
  month: string;
  programme_id: string;
  kind: string;
  question: 'value' | 'safety' | 'applied' | 'response';
  respondents: number;
  engagements: number;
  answers: number;
  n1: number;
  n2: number;
  n3: number;
  n4: number;
  n5: number;
  key1: number;
  key2: number;
  key3: number;
  key4: number;
  key5: number;
  cell_key: number;
  expected: number;
}

/**
 * The frozen cells of the released months, of one programme or all (?3): the pulse questions' cells,
 * or the response rate's. Read after `freezeMonthsStatements` in the same batch.
 */
export function frozenCellsStatement(
  db: D1Database,
  orgId: string,
  months: readonly MonthRelease[],
  programmeId: string | null,
  what: 'questions' | 'response',
) {
  return db
    .prepare(
      `SELECT month, programme_id, kind, question, respondents, engagements, answers, n1, n2, n3, n4, n5,
         key1, key2, key3, key4, key5, cell_key, expected
       FROM pulse_release_cells
       WHERE org_id = ?1 AND month IN ${requested} AND (?3 IS NULL OR programme_id = ?3)
         AND question ${what === 'response' ? "= 'response'" : "<> 'response'"}`,
    )
    .bind(orgId, monthsParam(months), programmeId);
}

/** When each released month of the request was frozen. */
export const releaseRowsStatement = (db: D1Database, orgId: string, months: readonly MonthRelease[]) =>
  db
    .prepare(
      `SELECT period, from_day, to_day, frozen_at FROM disclosure_releases
       WHERE org_id = ?1 AND kind = 'month' AND period IN ${requested} ORDER BY period`,
    )
    .bind(orgId, monthsParam(months));

/**
 * How many population-shaping writes (shared/rules/disclosure.ts) the audit log holds from the start
 * of the first released month to the last freezing of those months: what shaped the released
 * figures, for the coordinator to see and an admin to trace.
 */
export const populationChangesStatement = (db: D1Database, orgId: string, months: readonly MonthRelease[]) =>
  db
    .prepare(
      `SELECT count(*) AS n FROM audit_log
       WHERE org_id = ?1 AND action IN (SELECT value FROM json_each(?3)) AND at >= ?4
         AND at <= (SELECT max(frozen_at) FROM disclosure_releases WHERE org_id = ?1 AND kind = 'month' AND period IN ${requested})`,
    )
    .bind(
      orgId,
      monthsParam(months),
      JSON.stringify(populationShapingActions),
      // The first day of the earliest month: YYYY-MM-DD dates sort as text.
      months.map((m) => m.from).sort()[0] ?? '9999-12-31',
    );
