import type { ProgrammeKind } from '../../shared';
import { instantsOf, monthsAround, type Period } from '../analytics/calendar';
import { questions, type PulseCell, type QuestionFacts } from '../analytics/pulse';

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

function cellOf(row: Row): PulseCell {
  const cell: PulseCell = {
    programmeId: String(row.programme_id),
    kind: row.kind as ProgrammeKind,
    month: String(row.month),
    questions: {},
  };
  for (const q of questions) {
    const respondents = Number(row[`${q}_people`] ?? 0);
    if (respondents === 0) continue;
    const distribution = [1, 2, 3, 4, 5].map((n) => Number(row[`${q}_${n}`] ?? 0)) as QuestionFacts['distribution'];
    cell.questions[q] = { distribution, respondents };
  }
  return cell;
}

/**
 * The pulse cells — answers per programme and month, with each question's scores and distinct
 * respondents — of the programmes in scope over the whole months `range` touches (pulse cells are
 * months: the route widens every period with `monthsAround`), in one round trip, from the rollups.
 */
export async function loadPulseCells(
  db: D1Database,
  orgId: string,
  programmeId: string | null,
  range: Period,
  /** `rollups: false` reads the raw tables whatever the range (to check the rollups against). */
  options: { rollups?: boolean } = {},
): Promise<PulseCell[]> {
  const months = monthsAround(range);
  const statement =
    options.rollups === false
      ? rawCellsStatement(db, orgId, programmeId, months)
      : rollupCellsStatement(db, orgId, programmeId, months.from.slice(0, 7), months.to.slice(0, 7));
  const { results } = await statement.all<Row>();
  return results.map(cellOf).filter((c) => Object.keys(c.questions).length > 0);
}
