import { dateOf, dayNumber, disclosure, isReleased, lastDayOfMonth, type Disclosure } from '../../shared';

/** A calendar month as a release: `period` is `YYYY-MM`, `from`/`to` its first and last day. */
export interface MonthRelease {
  period: string;
  from: string;
  to: string;
}

const monthOfPeriod = (month: string): MonthRelease => {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return { period: month, from: `${month}-01`, to: `${month}-${String(lastDayOfMonth(year, m)).padStart(2, '0')}` };
};

/**
 * Which of these months (`YYYY-MM`, in order, repeats ignored) are released at `now` (epoch ms, the
 * server's clock — never the caller's `asOf`, or anyone could ask for a month still open): a month is
 * released `disclosure.monthLagDays` after the first day of the next, when no answer about one of
 * its sessions can arrive any more (shared/rules/disclosure.ts). The others wait, with the day they
 * will be released.
 *
 * @example monthReleases(['2026-01', '2026-02'], Date.parse('2026-03-10T00:00:00Z'))
 * // released: 2026-01 (since 23 February); pending: 2026-02, releasesOn 2026-03-23
 */
export function monthReleases(months: readonly string[], now: number): { released: MonthRelease[]; pending: Disclosure['pending'] } {
  const released: MonthRelease[] = [];
  const pending: Disclosure['pending'] = [];
  for (const month of new Set(months)) {
    const m = monthOfPeriod(month);
    if (isReleased(m.to, disclosure.monthLagDays, now)) released.push(m);
    else pending.push({ ...m, releasesOn: dateOf(dayNumber(m.to) + 1 + disclosure.monthLagDays) });
  }
  return { released, pending };
}
