/**
 * Outlook prints wall-clock times in the calendar's display zone, which is the browser's unless
 * the user set another. An instant is built from those wall-clock parts in an explicit IANA zone
 * with Intl, not with `new Date(y, m, d, h, min)`, so the arithmetic says which zone it means and
 * a test can run a variant in the zone the page assumes (see outlook-variants.test.ts).
 */

/** A wall-clock time as the calendar prints it; `month` 1-based. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The zone the page's times are printed in: the browser's. */
export function pageTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds `timeZone` is ahead of UTC at the instant `at`. */
function offsetAt(at: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const part = (type: string) => Number(format.formatToParts(at).find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The instant at which clocks in `timeZone` show `wall`. Day and minute overflow roll over as in
 * `Date.UTC` (day 32 is the 1st of the next month), so "the next day" is `day + 1` and stays the
 * same clock time across a DST change. Two passes: the zone's offset is read at a first guess and
 * again at the instant that guess gives, which is right on both sides of a change.
 *
 * @example zonedInstant({ year: 2026, month: 9, day: 28, hour: 15, minute: 0 }, 'America/New_York') // 2026-09-28T19:00:00.000Z
 */
export function zonedInstant(wall: WallTime, timeZone: string = pageTimeZone()): Date {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offset = offsetAt(guess, timeZone);
  const at = guess - offset;
  const corrected = offsetAt(at, timeZone);
  return new Date(corrected === offset ? at : guess - corrected);
}
