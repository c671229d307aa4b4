import type { Disclosure, ProgrammeKind } from '../../shared';
import { instantsOf, monthsAround, type Period } from '../analytics/calendar';
import { monthReleases } from '../analytics/month-releases';
import { questions, type PulseCell, type Scores } from '../analytics/pulse';
import { batchNamed } from './analytics-batch';
import {
  freezeMonthsStatements,
  frozenCellsStatement,
  populationChangesStatement,
  releaseRowsStatement,
  type FrozenCellSql,
} from './pulse-releases';

/**
 * What pulse analytics releases for a request, in one round trip: the months of the period and of
 * the previous period that are released by the server's clock `now` (epoch ms) are frozen if this
 * is their first reading (worker/db/pulse-releases.ts), and their frozen cells read, of one
 * programme or all; with how the months were released and what shaped them (`disclosure`), and
 * whether the programme asked for exists (checked in the same batch: an unknown one is a 404).
 */
export async function loadPulseRelease(
  db: D1Database,
  orgId: string,
  programmeId: string | null,
  months: readonly string[],
  now: number,
): Promise<{ cells: PulseCell[]; released: Set<string>; disclosure: Disclosure; programmeFound: boolean }> {
  const { released, pending } = monthReleases(months, now);
  const statements: Record<string, D1PreparedStatement> = {
    ...freezeMonthsStatements(db, orgId, released, new Date(now).toISOString()),
    ...(programmeId
      ? { programme: db.prepare(`SELECT 1 AS found FROM programmes WHERE org_id = ?1 AND id = ?2`).bind(orgId, programmeId) }
      : {}),
    ...(released.length > 0
      ? {
          cells: frozenCellsStatement(db, orgId, released, programmeId, 'questions'),
          releases: releaseRowsStatement(db, orgId, released),
          changes: populationChangesStatement(db, orgId, released),
        }
      : {}),
  };
  const rows: Partial<Record<string, unknown[]>> = Object.keys(statements).length > 0 ? await batchNamed(db, statements) : {};
  const releaseRows = (rows.releases ?? []) as { period: string; from_day: string; to_day: string; frozen_at: string }[];
  return {
    cells: pulseCellsOf((rows.cells ?? []) as FrozenCellSql[]),
    released: new Set(released.map((m) => m.period)),
    disclosure: {
      released: releaseRows.map((r) => ({ period: r.period, from: r.from_day, to: r.to_day, frozenAt: r.frozen_at })),
      pending,
      populationChanges: (rows.changes?.[0] as { n: number } | undefined)?.n ?? 0,
    },
    programmeFound: !programmeId || (rows.programme?.length ?? 0) > 0,
  };
}

/** Frozen rows as cells: one per programme and month, a question each. */
function pulseCellsOf(rows: readonly FrozenCellSql[]): PulseCell[] {
  const cells = new Map<string, PulseCell>();
  for (const r of rows) {
    if (r.question === 'response') continue;
    const id = `${r.month} ${r.programme_id}`;
    const cell = cells.get(id) ?? { programmeId: r.programme_id, kind: r.kind as ProgrammeKind, month: r.month, questions: {} };
    cell.questions[r.question] = {
      distribution: [r.n1, r.n2, r.n3, r.n4, r.n5],
      keys: [r.key1, r.key2, r.key3, r.key4, r.key5],
      cellKey: r.cell_key,
      respondents: r.respondents,
      engagements: r.engagements,
    };
    cells.set(id, cell);
  }
  return [...cells.values()];
}

/**
 * The live pulse cells — what the rollups keep (worker/migrations/0003), or the raw tables — per
 * programme and month. Not what pulse analytics releases (that is `loadPulseRelease`, from frozen
 * cells); kept so the rollups are still checked against the raw tables while they exist
 * (test/worker/analytics-rollups.test.ts).
 */
export interface LivePulseCell {
  programmeId: string;
  kind: ProgrammeKind;
  month: string;
  questions: Partial<Record<(typeof questions)[number], { distribution: Scores; respondents: number }>>;
}

type Row = Record<string, number | string | null>;

const scoreNames = questions.flatMap((q) => [1, 2, 3, 4, 5].map((n) => `${q}_${n}`));

/** The raw statement: answers joined to their held sessions, per programme and month of the session. */
function rawCellsStatement(db: D1Database, orgId: string, programmeId: string | null, range: Period) {
  const { start, end } = instantsOf(range);
  const scores = questions.flatMap((q) => [1, 2, 3, 4, 5].map((n) => `SUM(r.${q} = ${n}) AS ${q}_${n}`)).join(', ');
  const people = questions.map((q) => `count(DISTINCT CASE WHEN r.${q} IS NOT NULL THEN r.respondent_id END) AS ${q}_people`).join(', ');
  return db
    .prepare(
      `SELECT e.programme_id, p.kind, substr(s.starts_at, 1, 7) AS month, ${scores}, ${people}
       FROM pulse_responses r JOIN sessions s ON s.id = r.session_id
         JOIN engagements e ON e.id = s.engagement_id JOIN programmes p ON p.id = e.programme_id
       WHERE r.org_id = ?1 AND s.status = 'held' AND s.starts_at BETWEEN ?3 AND ?4 AND (?2 IS NULL OR e.programme_id = ?2)
       GROUP BY e.programme_id, month`,
    )
    .bind(orgId, programmeId, start, end);
}

/**
 * The same rows from the rollups (worker/migrations/0003): scores from `rollup_programme_months`,
 * distinct respondents per question from `rollup_month_respondents` (scope = the programme).
 */
function rollupCellsStatement(db: D1Database, orgId: string, programmeId: string | null, first: string, last: string) {
  const scores = scoreNames.map((name) => `c.${name}`).join(', ');
  const people = questions.map((q) => `COALESCE(m.${q}_n, 0) AS ${q}_people`).join(', ');
  return db
    .prepare(
      `SELECT c.programme_id, p.kind, c.month, ${scores}, ${people}
       FROM rollup_programme_months c JOIN programmes p ON p.id = c.programme_id
         LEFT JOIN rollup_month_respondents m ON m.org_id = c.org_id AND m.scope = c.programme_id AND m.month = c.month
       WHERE c.org_id = ?1 AND c.month BETWEEN ?3 AND ?4 AND (?2 IS NULL OR c.programme_id = ?2) AND c.responses > 0`,
    )
    .bind(orgId, programmeId, first, last);
}

function cellOf(row: Row): LivePulseCell {
  const cell: LivePulseCell = {
    programmeId: String(row.programme_id),
    kind: row.kind as ProgrammeKind,
    month: String(row.month),
    questions: {},
  };
  for (const q of questions) {
    const respondents = Number(row[`${q}_people`] ?? 0);
    if (respondents === 0) continue;
    const distribution = [1, 2, 3, 4, 5].map((n) => Number(row[`${q}_${n}`] ?? 0)) as Scores;
    cell.questions[q] = { distribution, respondents };
  }
  return cell;
}

/**
 * The live cells — answers per programme and month, with each question's scores and distinct
 * respondents — of the programmes in scope over the whole months `range` touches, in one round
 * trip, from the rollups (or the raw tables).
 */
export async function loadPulseCells(
  db: D1Database,
  orgId: string,
  programmeId: string | null,
  range: Period,
  /** `rollups: false` reads the raw tables whatever the range (to check the rollups against). */
  options: { rollups?: boolean } = {},
): Promise<LivePulseCell[]> {
  const months = monthsAround(range);
  const statement =
    options.rollups === false
      ? rawCellsStatement(db, orgId, programmeId, months)
      : rollupCellsStatement(db, orgId, programmeId, months.from.slice(0, 7), months.to.slice(0, 7));
  const { results } = await statement.all<Row>();
  return results.map(cellOf).filter((c) => Object.keys(c.questions).length > 0);
}
