/**
 * Day arithmetic, as PRODUCT.md §4 counts days: calendar days in UTC — an instant counts on its
 * UTC date, whatever the viewer's time zone. Zod-free, so every bundle imports it.
 */

export const dayMs = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date or an ISO instant (its UTC date). */
export function dayNumber(dateOrInstant: string): number {
  return Math.floor(Date.parse(dateOrInstant.length === 10 ? `${dateOrInstant}T00:00:00Z` : dateOrInstant) / dayMs);
}

/** The `YYYY-MM-DD` of a day number. */
export const dateOf = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

/** Whole calendar days from one date (or instant) to another. */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** The `YYYY-MM` month of a date or instant. */
export const monthOf = (dateOrInstant: string) => dateOrInstant.slice(0, 7);

/** Today's UTC date, `YYYY-MM-DD` — the day the API counts from by default. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);
