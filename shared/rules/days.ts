/**
 * Day arithmetic, as PRODUCT.md §4 counts days: calendar days in UTC — an instant counts on its
 * UTC date, whatever the viewer's time zone. Zod-free, so every bundle imports it.
 *
 * Dates are worked out on integers (days since 1970-01-01 and civil year/month/day), never through
 * `Date.UTC`, which reads years 0–99 as 1900–1999 and so sends loops over "the next quarter"
 * backwards (issue 10). The API only accepts dates inside `dateRange`.
 */

export const dayMs = 86_400_000;

/** The years the API accepts in any date or instant, and the longest period it answers. */
export const dateRange = { firstYear: 2000, lastYear: 2100, maxPeriodYears: 10 } as const;

/** Whether a `YYYY-MM-DD` date (or the date part of an instant) lies in the accepted years. */
export function inDateRange(dateOrInstant: string): boolean {
  const year = Number(dateOrInstant.slice(0, 4));
  return Number.isInteger(year) && year >= dateRange.firstYear && year <= dateRange.lastYear;
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; month 1–12, may overflow either way). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Normalise the month first, so that month 0 is December of the year before and 13 January after.
  const y0 = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  // Howard Hinnant's days_from_civil: years start in March, so the leap day is the last of the year.
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of a day number. */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of civil numbers (years 0–9999). */
export const isoDate = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date or an ISO instant (its UTC date). */
export function dayNumber(dateOrInstant: string): number {
  if (dateOrInstant.length === 10 || dateOrInstant.endsWith('Z')) {
    const year = Number(dateOrInstant.slice(0, 4));
    const month = Number(dateOrInstant.slice(5, 7));
    const day = Number(dateOrInstant.slice(8, 10));
    if (Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day)) return daysFromCivil(year, month, day);
  }
  // An instant with an offset: its UTC date.
  return Math.floor(Date.parse(dateOrInstant) / dayMs);
}

/** The `YYYY-MM-DD` of a day number. */
export function dateOf(day: number): string {
  const c = civilFromDays(day);
  return isoDate(c.year, c.month, c.day);
}

/** The last day (28–31) of a civil month. */
export const lastDayOfMonth = (year: number, month: number) => daysFromCivil(year, month + 1, 1) - daysFromCivil(year, month, 1);

/** Whole calendar days from one date (or instant) to another. */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** The `YYYY-MM` month of a date or instant. */
export const monthOf = (dateOrInstant: string) => dateOrInstant.slice(0, 7);

/** Today's UTC date, `YYYY-MM-DD` — the day the API counts from by default. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);
