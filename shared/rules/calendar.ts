/**
 * The fiscal calendar and periods (zod-free: the Worker's analytics and the dashboard share it). Day counts are calendar days in UTC (PRODUCT.md §4):
 * an instant counts on its UTC date, whatever the viewer's time zone.
 */

import { dateOf, dateRange, dayNumber, daysBetween, daysFromCivil, inDateRange, isoDate, lastDayOfMonth } from './days';

export { dateOf, dateRange, dayNumber, daysBetween, inDateRange, monthOf } from './days';

export interface Period {
  from: string;
  to: string;
}

/**
 * Months in a fiscal quarter, and the most quarters / months a loop may step through: an accepted
 * period with the period before it (the pulse reads both at once), and a month to spare either end.
 */
const quarterMonths = 3;
const maxQuarters = 2 * dateRange.maxPeriodYears * 4 + 2;
const maxMonths = 2 * dateRange.maxPeriodYears * 12 + 2;

/** Civil year and month (1–12) of a month counted from year 0 (`year * 12 + month − 1`). */
const monthFromIndex = (index: number) => ({ year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 });
const monthIndexOf = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** The period from the first day of month `first` to the last day of month `last` (month indexes). */
function monthSpan(first: number, last: number): Period {
  const a = monthFromIndex(first);
  const b = monthFromIndex(last);
  return { from: isoDate(a.year, a.month, 1), to: isoDate(b.year, b.month, lastDayOfMonth(b.year, b.month)) };
}

/**
 * The fiscal quarter containing `date`: three months starting at `fiscalYearStartMonth` (1–12).
 *
 * @example fiscalQuarterOf('2026-05-10', 4) // { from: '2026-04-01', to: '2026-06-30' }
 */
export function fiscalQuarterOf(date: string, fiscalYearStartMonth: number): Period {
  const index = monthIndexOf(date);
  const offset = (((index - (fiscalYearStartMonth - 1)) % quarterMonths) + quarterMonths) % quarterMonths; // months since the quarter began
  return monthSpan(index - offset, index - offset + quarterMonths - 1);
}

/**
 * The fiscal quarters that lie wholly inside [from, to], in order. A period is at most
 * `dateRange.maxPeriodYears` long, so the loop is capped: a longer one is a caller's bug.
 */
export function quartersWithin(period: Period, fiscalYearStartMonth: number): Period[] {
  const quarters: Period[] = [];
  const first = fiscalQuarterOf(period.from, fiscalYearStartMonth);
  let index = monthIndexOf(first.from) + (first.from < period.from ? quarterMonths : 0);
  for (;;) {
    const q = monthSpan(index, index + quarterMonths - 1);
    if (q.to > period.to) return quarters;
    if (quarters.length === maxQuarters) throw new RangeError(`a period of more than ${maxQuarters} quarters: ${period.from}…${period.to}`);
    quarters.push(q);
    index += quarterMonths;
  }
}

/** The months `YYYY-MM` that [from, to] touches, in order (capped as `quartersWithin` is). */
export function monthsOf(period: Period): string[] {
  const first = monthIndexOf(period.from);
  const last = monthIndexOf(period.to);
  if (last - first + 1 > maxMonths) throw new RangeError(`a period of more than ${maxMonths} months: ${period.from}…${period.to}`);
  const months: string[] = [];
  for (let index = first; index <= last; index++) {
    const m = monthFromIndex(index);
    months.push(isoDate(m.year, m.month, 1).slice(0, 7));
  }
  return months;
}

/**
 * The whole calendar months a period touches: from the first day of its first month to the last day
 * of its last.
 *
 * @example monthsAround({ from: '2026-01-15', to: '2026-03-10' }) // { from: '2026-01-01', to: '2026-03-31' }
 */
export const monthsAround = (period: Period): Period => monthSpan(monthIndexOf(period.from), monthIndexOf(period.to));

/**
 * The period of equal length just before this one (for "change against the previous period").
 * A period of whole months is compared with as many whole months before it (a quarter with the
 * quarter before); any other with the same number of days before it.
 *
 * @example previousPeriod({ from: '2026-04-01', to: '2026-06-30' }) // { from: '2026-01-01', to: '2026-03-31' }
 */
export function previousPeriod(period: Period): Period {
  const around = monthsAround(period);
  if (around.from === period.from && around.to === period.to) {
    const first = monthIndexOf(period.from);
    const months = monthIndexOf(period.to) - first + 1;
    return monthSpan(first - months, first - 1);
  }
  const length = daysBetween(period.from, period.to) + 1;
  const from = dayNumber(period.from);
  return { from: dateOf(from - length), to: dateOf(from - 1) };
}

/** Days a period spans, both ends included. */
export const periodDays = (period: Period) => daysBetween(period.from, period.to) + 1;

/**
 * Whether a period is one the API answers: both ends in `dateRange`'s years and at most
 * `dateRange.maxPeriodYears` long (counted as that many years after its first day, less a day).
 */
export function isAnswerablePeriod(period: Period): boolean {
  if (!inDateRange(period.from) || !inDateRange(period.to) || period.from > period.to) return false;
  const from = monthIndexOf(period.from);
  const limit = monthFromIndex(from + dateRange.maxPeriodYears * 12);
  // The same day ten years on, less one: 2016-03-01 … 2026-02-28 is ten years; 2026-03-01 one day more.
  const lastDay = Math.min(Number(period.from.slice(8, 10)), lastDayOfMonth(limit.year, limit.month));
  return dayNumber(period.to) < daysFromCivil(limit.year, limit.month, lastDay);
}

/** Inclusive [from, to] as instants: from the first millisecond of `from` to the last of `to` (UTC). */
export const instantsOf = (period: Period) => ({ start: `${period.from}T00:00:00.000Z`, end: `${period.to}T23:59:59.999Z` });
