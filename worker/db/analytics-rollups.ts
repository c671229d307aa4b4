import { dateOf, dayNumber, monthsOf, type Period } from '../analytics/calendar';

/**
 * Helpers for reading the analytics rollups (worker/migrations/0003_analytics_rollups.sql): tables
 * of the same facts pre-aggregated per calendar month, kept current by triggers on every write.
 * They answer any period made of whole months — every quarter, year or month a coordinator picks —
 * and the query functions fall back to the raw tables for any other period.
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
 * SQL for the span's months in a yearly mask, given the SQL of the year (a column of
 * `rollup_respondent_years`). Years and masks are our own integers, so inlining them is safe.
 *
 * @example spanBits(span, 'r.year') // "CASE r.year WHEN 2026 THEN 56 ELSE 0 END" for April–June 2026
 */
export function spanBits(span: MonthSpan, year: string): string {
  return `CASE ${year} ${[...span.maskByYear].map(([y, bits]) => `WHEN ${y} THEN ${bits}`).join(' ')} ELSE 0 END`;
}

/** SQL: the bits of a mask column that fall inside the span. */
export const inSpan = (mask: string, span: MonthSpan, year: string) => `(${mask} & ${spanBits(span, year)})`;

/** SQL: the bits of a mask column that fall outside the span. */
export const outsideSpan = (mask: string, span: MonthSpan, year: string) => `(${mask} & ~${spanBits(span, year)})`;

/** The years a span touches, for a range condition on `year`. */
export const yearsOf = (span: MonthSpan) => ({ from: span.months[0]!.year, to: span.months[span.months.length - 1]!.year });

/**
 * The span's months as one JSON array of integers (year × 16 + bit), to bind for `json_each`: a row per
 * month without a compound SELECT. `monthOfCode` turns a code back into `YYYY-MM`.
 */
export const monthCodes = (span: MonthSpan) => JSON.stringify(span.months.map((m) => m.year * 16 + m.bit));
export const monthOfCode = (code: number) => `${String(code >> 4).padStart(4, '0')}-${String((code & 15) + 1).padStart(2, '0')}`;
