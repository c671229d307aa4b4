import { dateOf, dayNumber, instantsOf, monthsAround, monthsOf, type Period } from '../analytics/calendar';

/**
 * Helpers for reading the analytics rollups (worker/migrations/0003_analytics_rollups.sql): tables
 * of the same facts pre-aggregated per calendar month, kept current by triggers on every write.
 * They answer any period made of whole months — every quarter, year or month a coordinator picks;
 * any other period is its whole months from them and its few edge days from the sessions
 * (`splitPeriod`). The raw-table queries remain only as the test oracle.
 */

/** A period made of whole calendar months. */
export interface MonthSpan {
  /** First and last month, `YYYY-MM`. */
  first: string;
  last: string;
  /** Every month, in order, with its year and its bit (month − 1) in the rollups' yearly masks. */
  months: { month: string; year: number; bit: number }[];
  /** Per year touched, the mask of the span's months in it. */
  maskByYear: Map<number, number>;
}

/**
 * The whole months a period is made of, or null if it starts or ends mid-month.
 *
 * @example wholeMonths({ from: '2026-04-01', to: '2026-06-30' }) // { first: '2026-04', last: '2026-06', … }
 * @example wholeMonths({ from: '2026-04-02', to: '2026-06-30' }) // null
 */
export function wholeMonths(period: Period): MonthSpan | null {
  if (!period.from.endsWith('-01') || !dateOf(dayNumber(period.to) + 1).endsWith('-01') || period.from > period.to) return null;
  const months = monthsOf(period).map((month) => ({ month, year: Number(month.slice(0, 4)), bit: Number(month.slice(5, 7)) - 1 }));
  const maskByYear = new Map<number, number>();
  for (const m of months) maskByYear.set(m.year, (maskByYear.get(m.year) ?? 0) | (1 << m.bit));
  return { first: months[0]!.month, last: months[months.length - 1]!.month, months, maskByYear };
}

/**
 * The span as one parameter: `[[year, mask], …]`, the mask's bit (m − 1) set for each month m of the
 * span in that year. Statements read it through `spanYears`, so their text is the same for every
 * period (no value from a request is ever part of SQL text).
 *
 * @example spanParam(wholeMonths({ from: '2026-04-01', to: '2026-06-30' })!) // '[[2026,56]]'
 */
export const spanParam = (span: MonthSpan) => JSON.stringify([...span.maskByYear]);

/** SQL: the rows (year, mask) of a `spanParam` bound as parameter `param` (e.g. `?6`). */
export const spanYears = (param: string) =>
  `SELECT json_extract(value, '$[0]') AS year, json_extract(value, '$[1]') AS mask FROM json_each(${param})`;

/**
 * SQL summing the month columns (`held_01` … `held_12` of `rollup_engagement_years`) whose bit is set
 * in the SQL `mask`: `((mask >> 0) & 1) * held_01 + …` — one text for any months.
 */
export const maskedMonths = (column: 'held' | 'cancelled', mask: string, table = '') =>
  Array.from({ length: 12 }, (_, i) => `((${mask} >> ${i}) & 1) * ${table}${column}_${String(i + 1).padStart(2, '0')}`).join(' + ');

/**
 * D1 spends about a microsecond on every value a statement returns (~50 ms for 5,000 rows of ten
 * columns, whatever the query costs), so statements that return thousands of rows return them as a
 * few values instead: JSON arrays of arrays, built by SQLite, one per first character of `chunkBy`
 * (a key spread like a UUID), as D1 refuses any string over 2 MB (SQLITE_TOOBIG): sixteen chunks keep
 * each under it for ~90,000 engagements. Columns named in `json` hold JSON text, embedded as JSON.
 * `columns` maps each name to its SQL; `rest` is the FROM … WHERE … of the rows.
 *
 * @example
 * db.prepare(packRows({ id: 'e.id', members: 'h.members' }, 'FROM engagements e …', { chunkBy: 'e.id', json: ['members'] }))
 */
export function packRows(columns: Record<string, string>, rest: string, options: { chunkBy: string; json?: readonly string[] }): string {
  const values = Object.entries(columns).map(([name, sql]) => (options.json?.includes(name) ? `json(${sql})` : sql));
  return `SELECT json_group_array(json_array(${values.join(', ')})) AS packed ${rest} GROUP BY substr(${options.chunkBy}, 1, 1)`;
}

/** The rows of a `packRows` statement, as objects named by the same `columns`. */
export function unpackRows<T>(packedRows: readonly { packed: string }[], columns: Record<string, string>): T[] {
  const names = Object.keys(columns);
  const rows: T[] = [];
  for (const { packed } of packedRows) {
    for (const values of JSON.parse(packed) as unknown[][]) {
      const row: Record<string, unknown> = {};
      names.forEach((name, i) => {
        row[name] = values[i];
      });
      rows.push(row as T);
    }
  }
  return rows;
}

/**
 * The complements of the remainder rule only ever have to say whether what a filter leaves out rests
 * on 1 to k − 1 people, and k is at most 10 (orgs.min_group_size, worker/migrations/0001): counting
 * distinct respondents up to 10 is enough, and stops early instead of reading every answer outside
 * the period (the raw queries) or every respondent (the rollups).
 *
 * @example countUpTo10('SELECT DISTINCT respondent_id FROM …') // "(SELECT count(*) FROM (SELECT DISTINCT … LIMIT 10))"
 */
export const countUpTo10 = (distinct: string) => `(SELECT count(*) FROM (${distinct} LIMIT 10))`;

/**
 * Any period as the rollups answer it: its whole months (`core`, read from the monthly rollups) and
 * its edges — the days of a month it covers only in part, at most two runs of under a month each,
 * read from the sessions themselves (`sessions_org_starts`). `touched` is every month the period
 * touches; `outside` the days of those months it leaves out (the remainder rule's other periods).
 *
 * @example splitPeriod({ from: '2026-10-15', to: '2026-12-31' })
 * // { core: Nov…Dec, edges: [15–31 Oct], outside: [1–14 Oct], touched: Oct…Dec }
 */
export interface PeriodSplit {
  core: MonthSpan | null;
  edges: Period[];
  outside: Period[];
  touched: MonthSpan;
}

export function splitPeriod(period: Period): PeriodSplit {
  const touched = wholeMonths(monthsAround(period))!;
  const around = monthsAround(period);
  const startsWhole = period.from === around.from;
  const endsWhole = period.to === around.to;
  const firstMonthEnd = monthsAround({ from: period.from, to: period.from }).to;
  const lastMonthStart = monthsAround({ from: period.to, to: period.to }).from;
  const coreFrom = startsWhole ? period.from : dateOf(dayNumber(firstMonthEnd) + 1);
  const coreTo = endsWhole ? period.to : dateOf(dayNumber(lastMonthStart) - 1);
  const core = coreFrom <= coreTo ? wholeMonths({ from: coreFrom, to: coreTo }) : null;
  if (!core) {
    // Inside one or two partial months: the whole period is edge.
    const outside = [
      ...(startsWhole ? [] : [{ from: around.from, to: dateOf(dayNumber(period.from) - 1) }]),
      ...(endsWhole ? [] : [{ from: dateOf(dayNumber(period.to) + 1), to: around.to }]),
    ];
    return { core: null, edges: [period], outside, touched };
  }
  const edges = [
    ...(startsWhole ? [] : [{ from: period.from, to: firstMonthEnd }]),
    ...(endsWhole ? [] : [{ from: lastMonthStart, to: period.to }]),
  ];
  const outside = [
    ...(startsWhole ? [] : [{ from: around.from, to: dateOf(dayNumber(period.from) - 1) }]),
    ...(endsWhole ? [] : [{ from: dateOf(dayNumber(period.to) + 1), to: around.to }]),
  ];
  return { core, edges, outside, touched };
}

/**
 * Two runs of days as four parameters — first and last instant of each, NULL for a missing run
 * (`x BETWEEN NULL AND NULL` holds for nothing) — for `inRuns`.
 */
export function runParams(runs: readonly Period[]): (string | null)[] {
  if (runs.length > 2) throw new RangeError('at most two runs of days');
  return [0, 1].flatMap((i) => {
    const run = runs[i];
    return run ? [instantsOf(run).start, instantsOf(run).end] : [null, null];
  });
}

/** SQL: an instant column in either run of `runParams` bound from parameter `first` on. */
export const inRuns = (column: string, first: number) =>
  `(${column} BETWEEN ?${first} AND ?${first + 1} OR ${column} BETWEEN ?${first + 2} AND ?${first + 3})`;

/**
 * A statement bound to the leading parameters it uses: statements of one batch share one list of
 * parameters (?1 …), and D1 wants exactly as many values as the highest one a statement names.
 */
export function bindUsed(db: D1Database, sql: string, params: readonly unknown[]) {
  const highest = Math.max(0, ...[...sql.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])));
  if (highest > params.length) throw new RangeError(`statement names ?${highest}, only ${params.length} parameters given`);
  return db.prepare(sql).bind(...params.slice(0, highest));
}
