/**
 * The saved calendar pages (test/fixtures/*.html), served at the real calendars' addresses
 * (`context.route`), so the extension's content script runs on them exactly as on the live apps.
 *
 * Both fixtures show the week of Monday 28 September 2026 with "Mentoring: Ana × Ben" open, Monday
 * 15:00–16:00. A pulse can only be answered from a session's start until 14 days after its end, and
 * the extension's lists look 30 days back, so the pages are served moved by whole weeks to the most
 * recent Monday whose meeting is over: every weekday name stays right, and the open event ended
 * less than a week ago, whatever day the tests run.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Route } from 'playwright-core';

const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

export type CalendarFixture = 'google-calendar' | 'outlook';

/** The browser's time zone in these tests (harness.ts launches Chromium with it): calendar times are read as local times. */
export const browserTimeZone = 'UTC';

const dayMs = 24 * 3600_000;
const weekMs = 7 * dayMs;
/** Monday of the week both fixtures show, and their open event (see the fixtures' header comments). */
const fixtureMonday = Date.UTC(2026, 8, 28);
const fixtureOpenEvent = { start: Date.UTC(2026, 8, 28, 15), end: Date.UTC(2026, 8, 28, 16) };

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const weekdayShort = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const monthPattern =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';

const pad = (n: number) => String(n).padStart(2, '0');
const monthIndex = (name: string) => monthNames.findIndex((full) => full.toLowerCase().startsWith(name.slice(0, 3).toLowerCase()));

/** The whole weeks to add to the fixtures' dates so their open event is the most recent one that is over at `now`. */
export function weeksToShift(now: number): number {
  return Math.floor((now - fixtureOpenEvent.end) / weekMs);
}

/**
 * The fixture's HTML with every date it shows moved by `weeks` whole weeks: ISO dates, `M/D/YYYY`,
 * "September 28[, 2026]", Google's packed `data-datekey`, the "Mon 28" day headers and the
 * "September – October 2026" captions. Event ids are left alone (they are opaque ids).
 *
 * @example shiftFixtureDates(html, 7) // "Monday, September 28" → "Monday, November 16"
 */
export function shiftFixtureDates(html: string, weeks: number): string {
  const shift = (utcDay: number) => new Date(utcDay + weeks * weekMs);
  // A date printed without its year is the one nearest the fixture's week (the calendar leaves out the current year).
  const nearestYear = (month: number, day: number) =>
    [2025, 2026, 2027].reduce((best, year) =>
      Math.abs(Date.UTC(year, month, day) - fixtureMonday) < Math.abs(Date.UTC(best, month, day) - fixtureMonday) ? year : best,
    );

  return (
    html
      // ISO dates: Outlook's <time datetime="2026-09-28">.
      .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y: string, m: string, d: string) => {
        const to = shift(Date.UTC(+y, +m - 1, +d));
        return `${to.getUTCFullYear()}-${pad(to.getUTCMonth() + 1)}-${pad(to.getUTCDate())}`;
      })
      // The day number shown inside those <time> elements follows their (already moved) datetime.
      .replace(
        /(<time datetime="\d{4}-\d{2}-(\d{2})">)\d{1,2}(<\/time>)/g,
        (_, open: string, day: string, close: string) => `${open}${Number(day)}${close}`,
      )
      // Outlook's "Mon 9/28/2026".
      .replace(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (_, m: string, d: string, y: string) => {
        const to = shift(Date.UTC(+y, +m - 1, +d));
        return `${to.getUTCMonth() + 1}/${to.getUTCDate()}/${to.getUTCFullYear()}`;
      })
      // "September 28" and "September 28, 2026", full or short month names, kept in their style.
      .replace(
        new RegExp(`\\b${monthPattern}\\.? (\\d{1,2})(?![\\d:])(, (\\d{4}))?`, 'g'),
        (_, name: string, d: string, withYear: string | undefined, y: string | undefined) => {
          const month = monthIndex(name);
          const to = shift(Date.UTC(y ? +y : nearestYear(month, +d), month, +d));
          const toName = name.length > 3 ? monthNames[to.getUTCMonth()]! : monthNames[to.getUTCMonth()]!.slice(0, 3);
          return `${toName} ${to.getUTCDate()}${withYear ? `, ${to.getUTCFullYear()}` : ''}`;
        },
      )
      // Google's day columns: (year − 1970) << 9 | month << 5 | day.
      .replace(/data-datekey="(\d+)"/g, (_, key: string) => {
        const k = Number(key);
        const to = shift(Date.UTC((k >> 9) + 1970, ((k >> 5) & 15) - 1, k & 31));
        return `data-datekey="${((to.getUTCFullYear() - 1970) << 9) | ((to.getUTCMonth() + 1) << 5) | to.getUTCDate()}"`;
      })
      // Google's day headers, "Mon 28": the day of that weekday in the fixture's week.
      .replace(/\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (\d{1,2})(?![\d/:])/g, (match, weekday: string, d: string) => {
        for (let at = fixtureMonday - weekMs; at < fixtureMonday + 2 * weekMs; at += dayMs) {
          const day = new Date(at);
          if (weekdayShort[day.getUTCDay()] === weekday && day.getUTCDate() === +d) return `${weekday} ${shift(at).getUTCDate()}`;
        }
        return match;
      })
      // Captions without a day: "September – October 2026", "September 2026" (the week's months).
      .replace(new RegExp(`\\b${monthPattern}( – ${monthPattern})? (\\d{4})\\b`, 'g'), (_, _first: string, range: string | undefined) => {
        const monday = shift(fixtureMonday);
        const friday = shift(fixtureMonday + 4 * dayMs);
        const first = monthNames[monday.getUTCMonth()]!;
        const last = monthNames[friday.getUTCMonth()]!;
        return range && first !== last ? `${first} – ${last} ${friday.getUTCFullYear()}` : `${first} ${monday.getUTCFullYear()}`;
      })
  );
}

/** The fixture calendar pages, served at the calendars' real addresses, their dates moved to this week. */
export interface CalendarPages {
  /** The real address the page reproducing `fixture` is served at, e.g. `https://calendar.google.com/calendar/u/0/r/week`. */
  url(fixture: CalendarFixture): string;
  /** The open event of both pages, as served: the instants the extension should read. */
  openEvent: { title: string; startsAt: string; endsAt: string };
  close(): Promise<void>;
}

/** Where each saved page is served: the address the live app shows the same view at. */
const fixtureUrls: Record<CalendarFixture, string> = {
  'google-calendar': 'https://calendar.google.com/calendar/u/0/r/week',
  outlook: 'https://outlook.office.com/calendar/view/workweek',
};

/**
 * Serves a page at a real calendar address in `context` (Playwright's `route`: the request never
 * leaves the machine, and the browser — so the extension's content-script matching — sees the
 * real URL). The production build's manifest is what decides whether the content script runs.
 *
 * @example await servePage(context, 'https://calendar.google.com/calendar/u/0/r/week', html)
 */
export async function servePage(context: BrowserContext, url: string, html: string): Promise<() => Promise<void>> {
  const target = new URL(url);
  const matcher = (requested: URL) => requested.origin === target.origin && requested.pathname === target.pathname;
  const handler = (route: Route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      : route.fulfill({ status: 404, body: '' }); // nothing else of a calendar exists here
  await context.route(matcher, handler);
  return () => context.unroute(matcher, handler);
}

/**
 * Serves test/fixtures' two saved calendars at their real addresses in `context`, moved by
 * `weeksToShift(now)`.
 *
 * @example const pages = await serveCalendarPages(browser.context); await page.goto(pages.url('outlook'));
 */
export async function serveCalendarPages(context: BrowserContext, now = Date.now()): Promise<CalendarPages> {
  const weeks = weeksToShift(now);
  const stops = await Promise.all(
    (Object.keys(fixtureUrls) as CalendarFixture[]).map(async (fixture) =>
      servePage(context, fixtureUrls[fixture], shiftFixtureDates(await readFile(path.join(fixturesDir, `${fixture}.html`), 'utf8'), weeks)),
    ),
  );
  return {
    url: (fixture) => fixtureUrls[fixture],
    openEvent: {
      title: 'Mentoring: Ana × Ben',
      startsAt: new Date(fixtureOpenEvent.start + weeks * weekMs).toISOString(),
      endsAt: new Date(fixtureOpenEvent.end + weeks * weekMs).toISOString(),
    },
    close: async () => {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}
