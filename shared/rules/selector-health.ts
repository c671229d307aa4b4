/**
 * Selector health: how the extension notices that a calendar changed its page. Each selector
 * (`google.when`, `outlook.title`, …) counts, per day, the hits of each of its variants and its
 * misses — lookups where the element was expected and no variant found it. Zod-free, so the
 * options page, the dashboard and the Worker share one reading of those counts.
 */

/** Calendar hosts whose selectors are counted; a selector's name starts with its host (`outlook.when`). */
export const healthHosts = ['google', 'outlook'] as const;
export type HealthHost = (typeof healthHosts)[number];

export const healthLimits = {
  /** Rows in one report: ~30 selectors × a few variants × 2 days fits with room to spare. */
  reportRows: 200,
  /** Reports one token may send per UTC day; the extension sends one, retries and a second device fit. */
  reportsPerTokenDay: 4,
  /** Variants of one selector (an index above this is not one of ours). */
  variants: 16,
  /** Counts of one row for one day: a page re-rendering all day stays far below this. */
  count: 1_000_000,
  /** Days a report may reach back, and the days the extension keeps and the dashboard shows. */
  reportDays: 14,
} as const;

/** The host of a selector name, or null for a name that is not a counted host's. */
export function hostOfSelector(name: string): HealthHost | null {
  const prefix = name.split('.', 1)[0];
  return (healthHosts as readonly string[]).includes(prefix ?? '') ? (prefix as HealthHost) : null;
}

/** One selector's totals on one day (variants summed). */
export interface DayCount {
  day: string;
  hits: number;
  misses: number;
}

/**
 * How a day reads. `strict` (one browser's own counts, the options page): the day failed when the
 * selector missed and never hit. Otherwise (many browsers, the dashboard): when misses outnumber
 * hits, since a redesign rolls out to some people first and the rest still hit.
 */
const failed = (d: DayCount, strict: boolean) => d.misses > 0 && (strict ? d.hits === 0 : d.misses > d.hits);

/**
 * The first day of the run of failed days that reaches the latest counted day, or null when the
 * latest counted day did not fail. Days without counts (the calendar not opened) neither break
 * nor extend the run.
 *
 * @example notFoundSince([{ day: '2026-12-02', hits: 9, misses: 0 }, { day: '2026-12-03', hits: 0, misses: 4 }], true) // '2026-12-03'
 */
export function notFoundSince(days: readonly DayCount[], strict: boolean): string | null {
  const sorted = [...days].filter((d) => d.hits > 0 || d.misses > 0).sort((a, b) => a.day.localeCompare(b.day));
  let since: string | null = null;
  for (const d of sorted) since = failed(d, strict) ? (since ?? d.day) : null;
  return since;
}

/** The latest day with a hit, or null. */
export function lastHitDay(days: readonly DayCount[]): string | null {
  return days.reduce<string | null>((last, d) => (d.hits > 0 && (!last || d.day > last) ? d.day : last), null);
}

/** `YYYY-MM-DD` of an instant, in UTC: reports carry UTC days, so they say nothing of the sender's time zone. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The UTC day `n` days before `day`. */
export const daysBefore = (day: string, n: number) => utcDay(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000);

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day as warnings print it: `3 Dec`. */
export function shortDay(day: string): string {
  const [, month, date] = day.split('-').map(Number);
  return `${date} ${monthNames[(month ?? 1) - 1]}`;
}

/** Hosts as people name them. */
export const hostLabel: Record<HealthHost, string> = { google: 'Google Calendar', outlook: 'Outlook' };

/**
 * What each selector finds, as a warning names it; a selector missing here is shown by its name.
 * Keep in step with the hosts' selector modules (test/extension/unit/selector-health.test.ts checks).
 */
export const selectorLabel: Record<string, string> = {
  'google.main': 'calendar grid',
  'google.eventDetails': 'event details',
  'google.dialog': 'event dialog',
  'google.title': 'event title',
  'google.when': 'event time',
  'google.guests': 'guests',
  'google.chips': 'event chips',
  'google.dayColumn': 'day columns',
  'google.chipDescription': 'event chip text',
  'outlook.main': 'calendar grid',
  'outlook.title': 'event title',
  'outlook.when': 'event time',
  'outlook.tiles': 'event tiles',
  'outlook.tileLabel': 'event tile label',
  'outlook.openEvent': 'open event',
  'outlook.layerHost': 'event pane',
  'outlook.whenIcon': 'event time icon',
  'outlook.people': 'attendees',
  'outlook.itemId': 'event id',
  'google.fullPage': 'event page',
  'google.fullPageTitle': 'event page title',
  'google.startDate': 'event page start date',
  'google.startTime': 'event page start time',
  'google.endDate': 'event page end date',
  'google.endTime': 'event page end time',
  'outlook.scrollRegion': 'event pane scroll region',
  'outlook.monthDayCell': 'month view days',
  'outlook.dayColumn': 'day columns',
  'outlook.surface': 'calendar view',
  'outlook.headerDate': 'day header dates',
};

/** A selector as a warning names it: `event time`. */
export const labelOfSelector = (name: string) => selectorLabel[name] ?? name;
