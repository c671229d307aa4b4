import type { ProgrammeKind } from '../../shared';
import { instantsOf, type Period } from '../analytics/calendar';
import { questions, type Question, type SliceFacts } from '../analytics/pulse';
import { countUpTo10, inSpan, outsideSpan, wholeMonths, yearsOf, type MonthSpan } from './analytics-rollups';

type Counts = Record<string, number | string | null>;

// One column per (question, score) and one of distinct respondents per question, so that no
// statement needs a compound SELECT (D1 allows only a few terms in one).
const scoreColumns = questions.flatMap((q) => [1, 2, 3, 4, 5].map((n) => `SUM(${q} = ${n}) AS ${q}_${n}`)).join(', ');
const respondentColumns = questions.map((q) => `count(DISTINCT CASE WHEN ${q} IS NOT NULL THEN respondent_id END) AS ${q}_people`).join(', ');

function addScores(slice: SliceFacts, row: Counts) {
  for (const q of questions) {
    const facts = (slice[q] ??= { distribution: [0, 0, 0, 0, 0], respondents: 0 });
    facts.distribution = facts.distribution.map((count, i) => count + Number(row[`${q}_${i + 1}`] ?? 0)) as typeof facts.distribution;
  }
}

function setRespondents(slice: SliceFacts, row: Counts) {
  for (const q of questions) (slice[q] ??= { distribution: [0, 0, 0, 0, 0], respondents: 0 }).respondents = Number(row[`${q}_people`] ?? 0);
}

/** Drops questions nobody answered, so they read as empty rather than as zeros. */
function prune(slice: SliceFacts): SliceFacts {
  for (const q of Object.keys(slice) as Question[]) if (slice[q]!.respondents === 0) delete slice[q];
  return slice;
}

/** The raw statements: answers joined to their held sessions in the period, for any period. */
function rawPulseStatements(db: D1Database, orgId: string, programmeId: string | null, period: Period, previous: Period) {
  const cur = instantsOf(period);
  const prev = instantsOf(previous);
  // ?1 org, ?2 programme, ?3 start, ?4 end
  const answers = `
    FROM pulse_responses r JOIN sessions s ON s.id = r.session_id
      JOIN engagements e ON e.id = s.engagement_id JOIN programmes p ON p.id = e.programme_id
    WHERE r.org_id = ?1 AND s.status = 'held' AND s.starts_at BETWEEN ?3 AND ?4 AND (?2 IS NULL OR e.programme_id = ?2)`;
  const inProgramme = `(?2 IS NULL OR s.engagement_id IN (SELECT id FROM engagements WHERE org_id = ?1 AND programme_id = ?2))`;
  const binds = (p: { start: string; end: string }) => [orgId, programmeId, p.start, p.end] as const;

  return [
    db.prepare(`SELECT p.kind, substr(s.starts_at, 1, 7) AS month, ${scoreColumns} ${answers} GROUP BY p.kind, month`).bind(...binds(cur)),
    db.prepare(`SELECT ${respondentColumns} ${answers}`).bind(...binds(cur)),
    db.prepare(`SELECT p.kind, ${respondentColumns} ${answers} GROUP BY p.kind`).bind(...binds(cur)),
    db.prepare(`SELECT substr(s.starts_at, 1, 7) AS month, ${respondentColumns} ${answers} GROUP BY month`).bind(...binds(cur)),
    db.prepare(`SELECT ${scoreColumns} ${answers}`).bind(...binds(prev)),
    db.prepare(`SELECT ${respondentColumns} ${answers}`).bind(...binds(prev)),
    db
      .prepare(
        `SELECT
           ${countUpTo10(`SELECT DISTINCT r.respondent_id FROM pulse_responses r JOIN sessions s ON s.id = r.session_id
             WHERE s.org_id = ?1 AND s.status = 'held' AND s.starts_at BETWEEN ?3 AND ?4 AND NOT ${inProgramme}`)} AS other_programmes,
           ${countUpTo10(`SELECT DISTINCT r.respondent_id FROM pulse_responses r JOIN sessions s ON s.id = r.session_id
             WHERE s.org_id = ?1 AND s.status = 'held' AND ${inProgramme} AND s.starts_at NOT BETWEEN ?3 AND ?4`)} AS other_periods`,
      )
      .bind(...binds(cur)),
  ];
}

/**
 * The same rows as `rawPulseStatements`, from the rollups (worker/migrations/0003) for periods made of
 * whole months: scores from `rollup_programme_months`, distinct respondents from the monthly masks of
 * `rollup_respondent_years` (scope '*' is "any programme", so nobody is counted twice) and, month by
 * month, from `rollup_month_respondents`.
 */
export function rollupPulseStatements(db: D1Database, orgId: string, programmeId: string | null, span: MonthSpan, previous: MonthSpan) {
  const scores = questions.flatMap((q) => [1, 2, 3, 4, 5].map((n) => `SUM(c.${q}_${n}) AS ${q}_${n}`)).join(', ');
  // Distinct respondents per question. In one scope ('*', or one programme) a respondent has one row
  // per year, so within one year counting rows counts people.
  const people = (s: MonthSpan, oneRowEach = false) =>
    questions
      .map((q) => {
        const answered = `${inSpan(`r.${q}_mask`, s, 'r.year')} <> 0`;
        return `${oneRowEach && yearsOf(s).from === yearsOf(s).to ? `COALESCE(SUM(${answered}), 0)` : `count(DISTINCT CASE WHEN ${answered} THEN r.respondent_id END)`} AS ${q}_people`;
      })
      .join(', ');
  const years = (s: MonthSpan, column = 'r.year') => `${column} BETWEEN ${yearsOf(s).from} AND ${yearsOf(s).to}`;
  // ?1 org, ?2 programme, ?3 first month, ?4 last month
  const answers = `FROM rollup_programme_months c JOIN programmes p ON p.id = c.programme_id
    WHERE c.org_id = ?1 AND c.month BETWEEN ?3 AND ?4 AND (?2 IS NULL OR c.programme_id = ?2)`;
  const respondents = (s: MonthSpan) => `FROM rollup_respondent_years r WHERE r.org_id = ?1 AND r.scope = COALESCE(?2, '*') AND ${years(s)}`;

  return [
    db.prepare(`SELECT p.kind, c.month, ${scores} ${answers} GROUP BY p.kind, c.month HAVING SUM(c.responses) > 0`).bind(orgId, programmeId, span.first, span.last),
    db.prepare(`SELECT ${people(span, true)} ${respondents(span)}`).bind(orgId, programmeId),
    db
      .prepare(
        `SELECT p.kind, ${people(span)} FROM rollup_respondent_years r JOIN programmes p ON p.id = r.scope
         WHERE r.org_id = ?1 AND r.scope <> '*' AND (?2 IS NULL OR r.scope = ?2) AND ${years(span)}
         GROUP BY p.kind HAVING value_people > 0`,
      )
      .bind(orgId, programmeId),
    db
      .prepare(
        `SELECT month, value_n AS value_people, safety_n AS safety_people, applied_n AS applied_people FROM rollup_month_respondents
         WHERE org_id = ?1 AND scope = COALESCE(?2, '*') AND month BETWEEN ?3 AND ?4 AND value_n > 0`,
      )
      .bind(orgId, programmeId, span.first, span.last),
    db.prepare(`SELECT ${scores} ${answers}`).bind(orgId, programmeId, previous.first, previous.last),
    db.prepare(`SELECT ${people(previous, true)} ${respondents(previous)}`).bind(orgId, programmeId),
    db
      .prepare(
        `SELECT
           CASE WHEN ?2 IS NULL THEN 0 ELSE ${countUpTo10(`SELECT DISTINCT r.respondent_id FROM rollup_respondent_years r
             WHERE r.org_id = ?1 AND r.scope NOT IN ('*', ?2) AND ${years(span)} AND ${inSpan('r.value_mask', span, 'r.year')} <> 0`)} END AS other_programmes,
           ${countUpTo10(`SELECT DISTINCT r.respondent_id FROM rollup_respondent_years r
             WHERE r.org_id = ?1 AND r.scope = COALESCE(?2, '*') AND ${outsideSpan('r.value_mask', span, 'r.year')} <> 0`)} AS other_periods`,
      )
      .bind(orgId, programmeId),
  ];
}

/**
 * Answers per score and distinct respondents per question — overall, by programme kind, by month,
 * and for the previous equal period — plus the remainder-rule complements, in one round trip: from the
 * rollups when both periods are made of whole months, else from the raw tables.
 */
export async function loadPulseFacts(
  db: D1Database,
  orgId: string,
  programmeId: string | null,
  period: Period,
  previous: Period,
  /** `rollups: false` reads the raw tables whatever the period (to check the rollups against). */
  options: { rollups?: boolean } = {},
) {
  const spans = options.rollups === false ? null : ([wholeMonths(period), wholeMonths(previous)] as const);
  let rows: D1Result<Counts>[];
  if (spans?.[0] && spans[1]) {
    rows = await db.batch<Counts>(rollupPulseStatements(db, orgId, programmeId, spans[0], spans[1]));
  } else {
    rows = await db.batch<Counts>(rawPulseStatements(db, orgId, programmeId, period, previous));
  }
  const [scores, everyone, byKindPeople, byMonthPeople, previousScores, previousPeople, complements] = rows;

  const overall: SliceFacts = {};
  const byKind = new Map<ProgrammeKind, SliceFacts>();
  const byMonth = new Map<string, SliceFacts>();
  const slice = <K>(map: Map<K, SliceFacts>, key: K) => map.get(key) ?? map.set(key, {}).get(key)!;
  for (const row of scores!.results) {
    addScores(overall, row);
    addScores(slice(byKind, row.kind as ProgrammeKind), row);
    addScores(slice(byMonth, row.month as string), row);
  }
  setRespondents(overall, everyone!.results[0]!);
  for (const row of byKindPeople!.results) setRespondents(slice(byKind, row.kind as ProgrammeKind), row);
  for (const row of byMonthPeople!.results) setRespondents(slice(byMonth, row.month as string), row);
  const previousFacts: SliceFacts = {};
  addScores(previousFacts, previousScores!.results[0]!);
  setRespondents(previousFacts, previousPeople!.results[0]!);
  const c = complements!.results[0]!;
  return {
    overall: prune(overall),
    previous: prune(previousFacts),
    byKind: new Map([...byKind].map(([k, v]) => [k, prune(v)])),
    byMonth: new Map([...byMonth].map(([k, v]) => [k, prune(v)])),
    complements: [Number(c.other_programmes), Number(c.other_periods)],
  };
}
