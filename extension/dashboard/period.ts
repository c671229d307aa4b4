/**
 * The periods the dashboard's filter offers, under the organisation's fiscal year (PRODUCT.md §4:
 * a quarter is three months starting at `fiscalYearStartMonth`; days are UTC calendar days). The
 * calendar maths is the Worker's own (shared/rules/calendar.ts), so a preset names exactly the
 * period the API computes.
 */
import { dateOf, dayNumber, fiscalQuarterOf, type Period } from '../../shared/rules/calendar';

export type { Period } from '../../shared/rules/calendar';
export { todayUtc } from '../../shared/rules/days';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parts = (day: string) => [Number(day.slice(0, 4)), Number(day.slice(5, 7))] as const;

/**
 * The fiscal quarter containing `day` (the API's default period).
 *
 * @example quarterOf('2026-05-10', 4) // { from: '2026-04-01', to: '2026-06-30' }
 */
export const quarterOf = fiscalQuarterOf;

/** The quarter before the one containing `day`. */
export function previousQuarterOf(day: string, fiscalYearStartMonth: number): Period {
  const { from } = fiscalQuarterOf(day, fiscalYearStartMonth);
  return fiscalQuarterOf(dateOf(dayNumber(from) - 1), fiscalYearStartMonth);
}

/** From the first day of the fiscal year containing `day`, to `day`. */
export function fiscalYearToDate(day: string, fiscalYearStartMonth: number): Period {
  const [year, month] = parts(day);
  const startYear = month >= fiscalYearStartMonth ? year : year - 1;
  return { from: iso(new Date(Date.UTC(startYear, fiscalYearStartMonth - 1, 1))), to: day };
}

/** The last `months` calendar months, this one included: from the 1st of the first, to `day`. */
export function lastMonths(day: string, months: number): Period {
  const [year, month] = parts(day);
  return { from: iso(new Date(Date.UTC(year, month - months, 1))), to: day };
}

export type PresetId = 'quarter' | 'previous-quarter' | 'year' | 'twelve-months';

export const presets: { id: PresetId; label: string }[] = [
  { id: 'quarter', label: 'This quarter' },
  { id: 'previous-quarter', label: 'Last quarter' },
  { id: 'year', label: 'Fiscal year to date' },
  { id: 'twelve-months', label: 'Last 12 months' },
];

/** The period a preset stands for on `today`. */
export function presetPeriod(id: PresetId, today: string, fiscalYearStartMonth: number): Period {
  switch (id) {
    case 'quarter':
      return quarterOf(today, fiscalYearStartMonth);
    case 'previous-quarter':
      return previousQuarterOf(today, fiscalYearStartMonth);
    case 'year':
      return fiscalYearToDate(today, fiscalYearStartMonth);
    case 'twelve-months':
      return lastMonths(today, 12);
  }
}

/** Which preset a period is, if any (to highlight its button). */
export function presetOf(period: Period, today: string, fiscalYearStartMonth: number): PresetId | null {
  return (
    presets.find(({ id }) => {
      const p = presetPeriod(id, today, fiscalYearStartMonth);
      return p.from === period.from && p.to === period.to;
    })?.id ?? null
  );
}

/** A date for people: "7 Sept 2026" (or "7 Sept" without the year). */
export function dayLabel(day: string, withYear = true): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

/** A period for people: "1 Oct – 31 Dec 2026". */
export function periodLabel({ from, to }: Period): string {
  return `${dayLabel(from, from.slice(0, 4) !== to.slice(0, 4))} – ${dayLabel(to)}`;
}

/** "2026-10" → "Oct 2026" (or "Oct" when `short`). */
export function monthLabel(month: string, short = false): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'short',
    ...(short ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  });
}

/** A released or pending period as a coordinator names it: "Jul – Sep 2026", "Sep 2026". */
export function releaseLabel(p: { from: string; to: string }): string {
  const month = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  const [fromYear, toYear] = [p.from.slice(0, 4), p.to.slice(0, 4)];
  if (p.from.slice(0, 7) === p.to.slice(0, 7)) return `${month(p.from)} ${toYear}`;
  return `${month(p.from)}${fromYear === toYear ? '' : ` ${fromYear}`} – ${month(p.to)} ${toYear}`;
}
