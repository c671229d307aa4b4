/**
 * The fiscal calendar and periods (zod-free: the Worker's analytics and the dashboard share it). Day counts are calendar days in UTC (PRODUCT.md §4):
 * an instant counts on its UTC date, whatever the viewer's time zone.
 */

import { dateOf, dayNumber, daysBetween, monthOf } from './days';

export { dateOf, dayNumber, daysBetween, monthOf } from './days';

export interface Period {
  from: string;
  to: string;
}

/**
 * The fiscal quarter containing `date`: three months starting at `fiscalYearStartMonth` (1–12).
 *
 * @example fiscalQuarterOf('2026-05-10', 4) // { from: '2026-04-01', to: '2026-06-30' }
 */
export function fiscalQuarterOf(date: string, fiscalYearStartMonth: number): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)); // 1–12
  const offset = (((month - fiscalYearStartMonth) % 3) + 3) % 3; // months since the quarter began
  const start = new Date(Date.UTC(year, month - 1 - offset, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 0));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/** The fiscal quarters that lie wholly inside [from, to], in order. */
export function quartersWithin(period: Period, fiscalYearStartMonth: number): Period[] {
  const quarters: Period[] = [];
  let q = fiscalQuarterOf(period.from, fiscalYearStartMonth);
  if (q.from < period.from) q = fiscalQuarterOf(dateOf(dayNumber(q.to) + 1), fiscalYearStartMonth);
  while (q.to <= period.to) {
    quarters.push(q);
    q = fiscalQuarterOf(dateOf(dayNumber(q.to) + 1), fiscalYearStartMonth);
  }
  return quarters;
}

/** The months `YYYY-MM` that [from, to] touches, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let y = Number(period.from.slice(0, 4));
  let m = Number(period.from.slice(5, 7));
  const last = monthOf(period.to);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return months;
    months.push(month);
    if (++m === 13) {
      m = 1;
      y++;
    }
  }
}

/**
 * The whole calendar months a period touches: from the first day of its first month to the last day
 * of its last.
 *
 * @example monthsAround({ from: '2026-01-15', to: '2026-03-10' }) // { from: '2026-01-01', to: '2026-03-31' }
 */
export function monthsAround(period: Period): Period {
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(Number(period.to.slice(0, 4)), Number(period.to.slice(5, 7)), 0));
  return { from: `${period.from.slice(0, 7)}-01`, to: lastDay.toISOString().slice(0, 10) };
}

/**
 * The period of equal length just before this one (for "change against the previous period").
 * A period of whole months is compared with as many whole months before it (a quarter with the
 * quarter before); any other with the same number of days before it.
 *
 * @example previousPeriod({ from: '2026-04-01', to: '2026-06-30' }) // { from: '2026-01-01', to: '2026-03-31' }
 */
export function previousPeriod(period: Period): Period {
  const first = new Date(`${period.from}T00:00:00Z`);
  const dayAfter = new Date(`${period.to}T00:00:00Z`);
  dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
  if (first.getUTCDate() === 1 && dayAfter.getUTCDate() === 1) {
    const months = (dayAfter.getUTCFullYear() - first.getUTCFullYear()) * 12 + dayAfter.getUTCMonth() - first.getUTCMonth();
    const from = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - months, 1));
    return { from: from.toISOString().slice(0, 10), to: dateOf(dayNumber(period.from) - 1) };
  }
  const length = daysBetween(period.from, period.to) + 1;
  const from = dayNumber(period.from);
  return { from: dateOf(from - length), to: dateOf(from - 1) };
}

/** Inclusive [from, to] as instants: from the first millisecond of `from` to the last of `to` (UTC). */
export const instantsOf = (period: Period) => ({ start: `${period.from}T00:00:00.000Z`, end: `${period.to}T23:59:59.999Z` });
