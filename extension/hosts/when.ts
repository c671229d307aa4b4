/**
 * Reads the start and end of an event from the text a calendar shows ("Wednesday, April 26⋅11:30am
 * – 12:45pm", "1:05 PM to 2:15 PM, Tuesday, September 29, 2026", "Thu 9/17/2026 3:30 PM - 5:00 PM").
 *
 * Calendars print times in the user's display time zone, which is the browser's unless the user
 * set another one, so instants are built in local time. English month names only: in another
 * language the text does not parse and the caller falls back to other hooks (Google's datekey) or
 * reports the time as unknown — never a wrong time.
 */

export interface Span {
  start: Date;
  end: Date;
  allDay: boolean;
}

/** A calendar day; `year` null when the text leaves it out (Google omits the current year). */
export interface Day {
  year: number | null;
  /** 0-based, as in `Date`. */
  month: number;
  day: number;
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Full names and the usual abbreviations only, so that "Marketing 5" is not the 5th of March.
const monthName =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\b\\.?';
const dayThenMonth = new RegExp(`\\b(\\d{1,2})\\s+${monthName}(?:,?\\s+(\\d{4}))?`, 'gi');
const monthThenDay = new RegExp(`\\b${monthName}\\s+(\\d{1,2})(?!\\d|:)(?:,?\\s+(\\d{4}))?`, 'gi');
const numericDate = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g;
const isoDate = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
// "3pm", "11:30 AM", "15:30", and a bare hour that starts a range ("3 – 4pm").
const clock =
  /\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\b\.?|\b(\d{1,2}):(\d{2})\b|\b(\d{1,2})(?=\s*(?:-|to)\s*\d{1,2}(?::\d{2})?\s*[ap]\.?m\b)/gi;

interface Found<T> {
  at: number;
  value: T;
}

interface Clock {
  hour: number;
  minute: number;
  /** 'a' / 'p' when the text says so. */
  meridiem: 'a' | 'p' | null;
}

/** Blanks out a match so later patterns do not read its digits again. */
function blank(text: string, at: number, length: number): string {
  return text.slice(0, at) + ' '.repeat(length) + text.slice(at + length);
}

function findDays(input: string): { days: Found<Day>[]; rest: string } {
  let rest = input;
  const days: Found<Day>[] = [];
  const take = (pattern: RegExp, read: (m: RegExpExecArray) => Day | null) => {
    for (const m of Array.from(rest.matchAll(pattern))) {
      const day = read(m as RegExpExecArray);
      if (!day || day.day < 1 || day.day > 31 || day.month < 0 || day.month > 11) continue;
      days.push({ at: m.index ?? 0, value: day });
      rest = blank(rest, m.index ?? 0, m[0].length);
    }
  };
  const monthIndex = (name: string | undefined) => months.indexOf((name ?? '').slice(0, 3).toLowerCase());
  take(isoDate, (m) => ({ year: Number(m[1]), month: Number(m[2]) - 1, day: Number(m[3]) }));
  take(numericDate, (m) => ({ year: Number(m[3]), month: Number(m[1]) - 1, day: Number(m[2]) }));
  take(dayThenMonth, (m) => ({ year: m[3] ? Number(m[3]) : null, month: monthIndex(m[2]), day: Number(m[1]) }));
  take(monthThenDay, (m) => ({ year: m[3] ? Number(m[3]) : null, month: monthIndex(m[1]), day: Number(m[2]) }));
  days.sort((a, b) => a.at - b.at);
  return { days, rest };
}

function findClocks(text: string): Clock[] {
  const clocks: Clock[] = [];
  for (const m of text.matchAll(clock)) {
    const hour = Number(m[1] ?? m[4] ?? m[6]);
    const minute = Number(m[2] ?? m[5] ?? 0);
    const meridiem = m[3] ? (m[3].toLowerCase() as 'a' | 'p') : null;
    if (hour > 23 || minute > 59 || (meridiem && (hour < 1 || hour > 12))) continue;
    clocks.push({ hour, minute, meridiem });
  }
  return clocks;
}

function to24(clock: Clock, meridiem: 'a' | 'p' | null): number {
  if (!meridiem) return clock.hour;
  return (clock.hour % 12) + (meridiem === 'p' ? 12 : 0);
}

/** The year that puts month/day nearest to `now` (a calendar leaves out the current year). */
function nearestYear(day: Day, now: Date): number {
  const candidates = [now.getFullYear() - 1, now.getFullYear(), now.getFullYear() + 1];
  const distance = (year: number) => Math.abs(new Date(year, day.month, day.day).getTime() - now.getTime());
  return candidates.reduce((best, year) => (distance(year) < distance(best) ? year : best));
}

/**
 * Start and end of the event described by `text`, or null when it names no day (and no `fallback`
 * day is given) or no sensible times.
 *
 * @example parseSpan('Wednesday, April 26⋅11:30am – 12:45pm', { now: new Date(2026, 0, 1) })
 */
export function parseSpan(text: string, options: { fallback?: Day | null; now?: Date } = {}): Span | null {
  const now = options.now ?? new Date();
  const normalised = text
    .replace(/[\u22c5\u00b7\u2022]/g, ' ')
    .replace(/[\u2013\u2014\u2012]/g, ' - ')
    .replace(/\u202f|\u00a0/g, ' ');
  const { days, rest } = findDays(normalised);
  const first = days[0]?.value ?? options.fallback ?? null;
  if (!first) return null;
  const year = first.year ?? options.fallback?.year ?? nearestYear(first, now);
  const lastDay = days.length > 1 ? days[days.length - 1]!.value : first;
  const lastYear = lastDay.year ?? year;

  const clocks = findClocks(rest);
  if (clocks.length === 0) {
    // All day: from the first day's midnight to the midnight after the last day.
    const start = new Date(year, first.month, first.day);
    const end = new Date(lastYear, lastDay.month, lastDay.day + 1);
    return end > start ? { start, end, allDay: true } : null;
  }
  const [from, to] = clocks as [Clock, Clock | undefined];
  let startHour: number;
  let endHour: number;
  if (!to) {
    startHour = to24(from, from.meridiem);
    endHour = startHour;
  } else {
    endHour = to24(to, to.meridiem);
    // "9:45 – 10:15am": the start shares the end's meridiem, unless that would put it after the end
    // ("11 – 1pm" is 11am).
    if (from.meridiem || !to.meridiem) startHour = to24(from, from.meridiem);
    else {
      startHour = to24(from, to.meridiem);
      const other = to24(from, to.meridiem === 'a' ? 'p' : 'a');
      if (startHour * 60 + from.minute > endHour * 60 + to.minute && other * 60 + from.minute <= endHour * 60 + to.minute)
        startHour = other;
    }
  }
  const start = new Date(year, first.month, first.day, startHour, from.minute);
  let end = new Date(lastYear, lastDay.month, lastDay.day, endHour, to?.minute ?? from.minute);
  // An end at or before the start on the same day runs past midnight ("11:30pm – 12:00am"): the
  // same clock time on the next local day (not 24 hours later, which a DST change would shift).
  if (to && end <= start && days.length < 2) end = new Date(lastYear, lastDay.month, lastDay.day + 1, endHour, to.minute);
  if (end < start) return null;
  return { start, end, allDay: false };
}

/**
 * Google Calendar's `data-datekey`: days since nothing, packed as `(year - 1970) << 9 | month << 5 | day`
 * (month 1-based), as read by public extensions that paint the week grid.
 */
export function dayFromDatekey(datekey: string | null | undefined): Day | null {
  const key = Number(datekey);
  if (!Number.isInteger(key) || key <= 0) return null;
  const day = key & 31;
  const month = ((key >> 5) & 15) - 1;
  const year = (key >> 9) + 1970;
  if (day < 1 || month < 0 || month > 11) return null;
  return { year, month, day };
}
