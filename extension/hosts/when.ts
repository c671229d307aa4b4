/**
 * Reads the start and end of an event from the text a calendar shows ("Wednesday, April 26⋅11:30am
 * – 12:45pm", "1:05 PM to 2:15 PM, Tuesday, September 29, 2026", "Thu 9/17/2026 3:30 PM - 5:00 PM",
 * "Mittwoch, 30. September 2026⋅23:30 – 00:30", "lundi 12 octobre 2026 ⋅ 15 h 00 – 15 h 45").
 *
 * Text is the least structured source a calendar offers, so hosts prefer ids, datekeys and
 * attributes and use this to cross-check them. Month names come from `Intl.DateTimeFormat` in the
 * page's language (English is always understood too, as calendars fall back to it); text that
 * still does not parse gives null — never a guessed time.
 *
 * Calendars print times in the user's display time zone. Without `timeZone` instants are built in
 * the browser's local time (what the Outlook adapter relies on); with an IANA `timeZone` they are
 * built in that zone, which is also how tests read a page as a browser elsewhere would.
 */

export interface Span {
  start: Date;
  end: Date;
  allDay: boolean;
}

/** A span whose end may be unknown: what a careful reader returns when the text shows one time only. */
export interface Reading {
  start: Date;
  /** Null when the text gives a start and no end (never the start repeated). */
  end: Date | null;
  allDay: boolean;
}

/** A calendar day; `year` null when the text leaves it out (Google omits the current year). */
export interface Day {
  year: number | null;
  /** 0-based, as in `Date`. */
  month: number;
  day: number;
}

export interface ReadOptions {
  /** The day to use when the text has times only (Google's datekey of the chip's column). */
  fallback?: Day | null;
  now?: Date;
  /** The page's language (`de-DE`, `fr`); month names and the numeric date order follow it. */
  locale?: string;
  /** The IANA zone the calendar prints times in; the browser's local time when left out. */
  timeZone?: string;
}

// ---------------------------------------------------------------------------------------------
// Instants in a zone

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
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
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall clock in `timeZone` shows `year-month-day hour:minute` (month 0-based; days
 * and hours past the end roll over as in `Date`). Without a zone, the browser's local time.
 * A time skipped by a DST change resolves as `Date` does locally (the offset before the change).
 *
 * @example zonedTime(2026, 8, 29, 13, 0, 'America/New_York').toISOString() // '2026-09-29T17:00:00.000Z'
 */
export function zonedTime(year: number, month: number, day: number, hour = 0, minute = 0, timeZone?: string): Date {
  if (!timeZone) return new Date(year, month, day, hour, minute);
  const wall = Date.UTC(year, month, day, hour, minute);
  const first = wall - zoneOffset(wall, timeZone);
  const second = wall - zoneOffset(first, timeZone);
  return new Date(zoneOffset(second, timeZone) === zoneOffset(first, timeZone) ? second : Math.max(first, second));
}

/** The calendar day `instant` falls on in `timeZone` (local time without one). */
export function dayIn(instant: Date, timeZone?: string): Day {
  if (!timeZone) return { year: instant.getFullYear(), month: instant.getMonth(), day: instant.getDate() };
  const shifted = new Date(instant.getTime() + zoneOffset(instant.getTime(), timeZone));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth(), day: shifted.getUTCDate() };
}

// ---------------------------------------------------------------------------------------------
// Month names, per language

interface Language {
  /** Matches one month name; group 1 is the name. */
  month: string;
  monthIndex(name: string): number;
  /** Order of the numeric date's first two fields: 'dm' (28/09/2026, 28.09.2026) or 'md' (9/28/2026). */
  numericOrder: 'dm' | 'md';
}

const languages = new Map<string, Language>();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Month names in `locale` and in English: full, short, and a full name's abbreviation with a dot ("Sept.", "janv."). */
function language(locale: string | undefined): Language {
  const key = locale ?? '';
  const known = languages.get(key);
  if (known) return known;
  const locales = ['en-US', ...(locale ? [locale] : [])];
  const names = new Map<string, number>(); // lower-case name → month
  const dotted = new Map<string, number>(); // abbreviations that must end in a dot
  for (const tag of locales) {
    for (let month = 0; month < 12; month++) {
      const date = Date.UTC(2026, month, 15);
      for (const style of ['long', 'short'] as const) {
        let name: string;
        try {
          name = new Intl.DateTimeFormat(tag, { month: style, timeZone: 'UTC' }).format(date).toLowerCase().replace(/\.$/, '');
        } catch {
          continue; // an unknown locale: English alone
        }
        if (!/^\d+$/.test(name)) names.set(name, month);
        // "Sept.", "févr.", "Okt.": any abbreviation of the full name, as long as it says so with a dot.
        if (style === 'long') for (let length = 3; length < name.length; length++) dotted.set(name.slice(0, length), month);
      }
    }
  }
  // English abbreviations Intl does not print but calendars do.
  names.set('sept', 8);
  const byLength = (a: string, b: string) => b.length - a.length;
  const plain = Array.from(names.keys()).sort(byLength).map(escapeRegExp);
  const abbreviations = Array.from(dotted.keys()).sort(byLength).map(escapeRegExp);
  // A name is a whole word ("Marketing 5" is not the 5th of March); letters are Unicode (März, août).
  const month = `(?<![\\p{L}])((?:${abbreviations.join('|')})\\.|(?:${plain.join('|')})(?![\\p{L}])\\.?)`;
  let numericOrder: 'dm' | 'md' = 'md';
  if (locale) {
    try {
      const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(
        Date.UTC(2026, 8, 28),
      );
      const types = parts.map((part) => part.type);
      numericOrder = types.indexOf('day') < types.indexOf('month') ? 'dm' : 'md';
    } catch {
      // keep month first
    }
  }
  const made: Language = {
    month,
    monthIndex: (name) => {
      const lower = name.toLowerCase().replace(/\.$/, '');
      return names.get(lower) ?? dotted.get(lower) ?? -1;
    },
    numericOrder,
  };
  languages.set(key, made);
  return made;
}

// ---------------------------------------------------------------------------------------------
// Days and clocks in text

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

const rangeWord = '(?:-|to|bis|à|au|until)';

function findDays(input: string, lang: Language): { days: Found<Day>[]; rest: string } {
  let rest = input;
  const days: Found<Day>[] = [];
  const take = (pattern: RegExp, read: (m: RegExpExecArray) => Day[]) => {
    for (const m of Array.from(rest.matchAll(pattern))) {
      const found = read(m as RegExpExecArray);
      if (found.length === 0 || found.some((day) => day.day < 1 || day.day > 31 || day.month < 0 || day.month > 11)) continue;
      found.forEach((value, index) => {
        days.push({ at: (m.index ?? 0) + index, value });
      });
      rest = blank(rest, m.index ?? 0, m[0].length);
    }
  };
  const year = (text: string | undefined) => (text ? Number(text) : null);
  const { month } = lang;
  const day = '(\\d{1,2})(?:\\.|er)?'; // "30." in German, "1er" in French
  const yearPart = '(?:,?\\s+(\\d{4}))?';
  take(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => [{ year: Number(m[1]), month: Number(m[2]) - 1, day: Number(m[3]) }]);
  take(/(?<![\d:])(\d{1,2})([./])(\d{1,2})\2(\d{4})\b/g, (m) => {
    const [first, second] = [Number(m[1]), Number(m[3])];
    // A dotted date is always day first (28.09.2026); a slashed one follows the language.
    const dayFirst = m[2] === '.' || lang.numericOrder === 'dm';
    return [{ year: Number(m[4]), month: (dayFirst ? second : first) - 1, day: dayFirst ? first : second }];
  });
  // Ranges of days in one month: "5 – 7 October 2026", "October 5 – 7, 2026".
  take(new RegExp(`(?<![\\d:])${day}\\s*${rangeWord}\\s*${day}\\s+${month}${yearPart}`, 'giu'), (m) => {
    const index = lang.monthIndex(m[3] ?? '');
    return [
      { year: year(m[4]), month: index, day: Number(m[1]) },
      { year: year(m[4]), month: index, day: Number(m[2]) },
    ];
  });
  take(new RegExp(`${month}\\s+(\\d{1,2})\\s*${rangeWord}\\s*(\\d{1,2})(?![\\d:]|\\s*[ap]\\.?m)${yearPart}`, 'giu'), (m) => {
    const index = lang.monthIndex(m[1] ?? '');
    return [
      { year: year(m[4]), month: index, day: Number(m[2]) },
      { year: year(m[4]), month: index, day: Number(m[3]) },
    ];
  });
  take(new RegExp(`(?<![\\d:])${day}\\s*${month}${yearPart}`, 'giu'), (m) => [
    { year: year(m[3]), month: lang.monthIndex(m[2] ?? ''), day: Number(m[1]) },
  ]);
  take(new RegExp(`${month}\\s+(\\d{1,2})(?!\\d|:)${yearPart}`, 'giu'), (m) => [
    { year: year(m[3]), month: lang.monthIndex(m[1] ?? ''), day: Number(m[2]) },
  ]);
  days.sort((a, b) => a.at - b.at);
  return { days, rest };
}

// "3pm", "11:30 AM", "3 p.m.", "15:30", "15 h 00", "15h", "15 Uhr", and a bare hour that starts a
// range ("3 – 4pm", "15 bis 16 Uhr").
const clock = new RegExp(
  [
    '(?<!\\d)(\\d{1,2})(?::(\\d{2}))?\\s*([ap])\\.?\\s?m\\b\\.?',
    '(?<![\\d:])(\\d{1,2})\\s*(?::|h)\\s*(\\d{2})(?!\\d)',
    '(?<![\\d:])(\\d{1,2})\\s*(?:h|uhr)\\b',
    `(?<![\\d:])(\\d{1,2})(?=\\s*${rangeWord}\\s*\\d{1,2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\b|uhr\\b|h\\b))`,
  ].join('|'),
  'gi',
);

function findClocks(text: string): Clock[] {
  const clocks: Clock[] = [];
  for (const m of text.matchAll(clock)) {
    const hour = Number(m[1] ?? m[4] ?? m[6] ?? m[7]);
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
 * Puts back the spaces that markup without whitespace text nodes loses when a container's text is
 * read in one piece ("1:45pmWeekly on Tuesday", "Weekly syncTuesday"): a word break wherever a
 * lower-case letter or a digit runs into a capital. Readers should join elements' texts with a
 * separator instead; this keeps a run-together string from turning into a wrong time.
 */
function separateRunTogether(text: string): string {
  return text.replace(/([\p{Ll}\d])(?=\p{Lu})/gu, '$1 ');
}

function normalise(text: string): string {
  return separateRunTogether(text)
    .replace(/[\u22c5\u00b7\u2022]/g, ' ')
    .replace(/[\u2013\u2014\u2012\u2212]/g, ' - ')
    .replace(/[\u202f\u00a0\u2009]/g, ' ');
}

/**
 * Start and end of the event described by `text` as far as it shows them: null when it names no
 * day (and no `fallback` day is given); `end` null when it shows a single time.
 *
 * @example readSpan('Dienstag, 29. September 2026⋅13:00 – 13:45', { locale: 'de-DE', timeZone: 'Europe/Berlin' })
 */
export function readSpan(text: string, options: ReadOptions = {}): Reading | null {
  const now = options.now ?? new Date();
  const { timeZone } = options;
  const { days, rest } = findDays(normalise(text), language(options.locale));
  const first = days[0]?.value ?? options.fallback ?? null;
  if (!first) return null;
  const year = first.year ?? options.fallback?.year ?? nearestYear(first, now);
  const lastDay = days.length > 1 ? days[days.length - 1]!.value : first;
  let lastYear = lastDay.year ?? year;
  // "28 December – 2 January" leaves out both years: the end is in the next one.
  if (lastDay.year === null && (lastDay.month < first.month || (lastDay.month === first.month && lastDay.day < first.day)))
    lastYear = year + 1;

  const clocks = findClocks(rest);
  if (clocks.length === 0) {
    // All day: from the first day's midnight to the midnight after the last day.
    const start = zonedTime(year, first.month, first.day, 0, 0, timeZone);
    const end = zonedTime(lastYear, lastDay.month, lastDay.day + 1, 0, 0, timeZone);
    return end > start ? { start, end, allDay: true } : null;
  }
  const [from, to] = clocks as [Clock, Clock | undefined];
  const start = (hour: number) => zonedTime(year, first.month, first.day, hour, from.minute, timeZone);
  if (!to) return { start: start(to24(from, from.meridiem)), end: null, allDay: false };

  const endHour = to24(to, to.meridiem);
  let startHour: number;
  // "9:45 – 10:15am": the start shares the end's meridiem, unless that would put it after the end
  // ("11 – 1pm" is 11am).
  if (from.meridiem || !to.meridiem) startHour = to24(from, from.meridiem);
  else {
    startHour = to24(from, to.meridiem);
    const other = to24(from, to.meridiem === 'a' ? 'p' : 'a');
    if (startHour * 60 + from.minute > endHour * 60 + to.minute && other * 60 + from.minute <= endHour * 60 + to.minute) startHour = other;
  }
  const begin = start(startHour);
  let end = zonedTime(lastYear, lastDay.month, lastDay.day, endHour, to.minute, timeZone);
  // An end at or before the start on the same day runs past midnight ("11:30pm – 12:00am"): the
  // same clock time on the next calendar day (not 24 hours later, which a DST change would shift).
  if (end <= begin && days.length < 2) end = zonedTime(lastYear, lastDay.month, lastDay.day + 1, endHour, to.minute, timeZone);
  if (end <= begin) return null;
  return { start: begin, end, allDay: false };
}

/**
 * Like {@link readSpan}, for callers that need an end: a single time gives an end equal to the
 * start, which `spanProblem` (shared/rules/session-span.ts) reports as `zero` so the leader is asked.
 *
 * @example parseSpan('Wednesday, April 26⋅11:30am – 12:45pm', { now: new Date(2026, 0, 1) })
 */
export function parseSpan(text: string, options: ReadOptions = {}): Span | null {
  const reading = readSpan(text, options);
  return reading && { start: reading.start, end: reading.end ?? reading.start, allDay: reading.allDay };
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
