import type { WallTime } from './zoned-instant';

/**
 * Reads the dates and clock times Outlook on the web prints, in the languages we have seen it in
 * (en-US, en-GB, de-DE, fr-FR). Outlook-specific: its peek prints numeric dates in the locale's
 * order ("Mon 9/28/2026", "Mon 28/09/2026", "Mo 28.09.2026") and its tiles' labels name the month
 * ("Monday, September 28, 2026", "Montag, 28. September 2026", "lundi 28 septembre 2026").
 * The text is given as separate pieces (one per text node), never as one container's
 * `textContent`: live markup has no white space between elements, so "9/28/2026" and "3:00 PM" in
 * sibling spans would run together into "9/28/20263:00 PM".
 */

/** A calendar day; `month` 1-based. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

export interface Clock {
  hour: number;
  minute: number;
}

/** A span as wall-clock times, before any zone is applied. `end` null when the text gives one time only. */
export interface WallSpan {
  start: WallTime;
  end: WallTime | null;
  allDay: boolean;
}

// Month names and abbreviations Outlook prints in English, German and French (accents optional).
const monthNames: [RegExp, number][] = [
  [/^(jan(uary|uar)?|janv(ier)?|jän(ner)?)$/, 1],
  [/^(feb(ruary|ruar)?|févr?(ier)?|fevr?(ier)?)$/, 2],
  [/^(mar(ch)?|märz?|maerz|mars)$/, 3],
  [/^(apr(il)?|avr(il)?)$/, 4],
  [/^(may|mai)$/, 5],
  [/^(jun[e]?|juni|juin)$/, 6],
  [/^(jul[y]?|juli|juil(let)?)$/, 7],
  [/^(aug(ust)?|août|aout)$/, 8],
  [/^(sept?(ember)?|sept(embre)?)$/, 9],
  [/^(oct(ober)?|okt(ober)?|oct(obre)?)$/, 10],
  [/^(nov(ember|embre)?)$/, 11],
  [/^(dec(ember)?|dez(ember)?|déc(embre)?|dec(embre)?)$/, 12],
];

function monthOf(name: string): number | null {
  const word = name.toLowerCase().replace(/\.$/, '');
  return monthNames.find(([pattern]) => pattern.test(word))?.[1] ?? null;
}

const word = '[A-Za-zÀ-ÿ]+\\.?';
const isoDate = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const numericDate = /\b(\d{1,2})([./])(\d{1,2})\2(\d{4})\b/g;
const dayMonthYear = new RegExp(`\\b(\\d{1,2})\\.?\\s+(${word})\\s+(\\d{4})\\b`, 'g');
const monthDayYear = new RegExp(`\\b(${word})\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'g');
// "3:00 PM", "3:00 p.m.", "15:00". Dates are blanked out before clocks are looked for.
const clockPattern = /\b(\d{1,2}):(\d{2})(?:\s*([ap])\.?\s?m\b\.?)?/gi;

/** Whether numeric dates put the month first in `locale` ("9/28/2026" in en-US), from Intl. */
export function monthFirst(locale: string): boolean {
  try {
    const order = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date(Date.UTC(2026, 8, 28)))
      .map((part) => part.type)
      .filter((type) => type === 'month' || type === 'day');
    return order[0] === 'month';
  } catch {
    return false;
  }
}

function valid(day: CalendarDay): boolean {
  return day.month >= 1 && day.month <= 12 && day.day >= 1 && day.day <= 31;
}

/** The dates in `text`, in order, and the text with them blanked out. */
export function findDates(text: string, locale: string): { dates: CalendarDay[]; rest: string } {
  const found: { at: number; day: CalendarDay }[] = [];
  let rest = text;
  const take = (pattern: RegExp, read: (m: RegExpMatchArray) => CalendarDay | null) => {
    for (const m of Array.from(rest.matchAll(pattern))) {
      const day = read(m);
      if (!day || !valid(day)) continue;
      const at = m.index ?? 0;
      found.push({ at, day });
      rest = rest.slice(0, at) + ' '.repeat(m[0].length) + rest.slice(at + m[0].length);
    }
  };
  const usOrder = monthFirst(locale);
  take(isoDate, (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }));
  take(numericDate, (m) =>
    usOrder
      ? { year: Number(m[4]), month: Number(m[1]), day: Number(m[3]) }
      : { year: Number(m[4]), month: Number(m[3]), day: Number(m[1]) },
  );
  take(dayMonthYear, (m) => {
    const month = monthOf(m[2] ?? '');
    return month ? { year: Number(m[3]), month, day: Number(m[1]) } : null;
  });
  take(monthDayYear, (m) => {
    const month = monthOf(m[1] ?? '');
    return month ? { year: Number(m[3]), month, day: Number(m[2]) } : null;
  });
  found.sort((a, b) => a.at - b.at);
  return { dates: found.map((f) => f.day), rest };
}

/** The clock times in `text` (dates already blanked), as 24-hour values. */
export function findClocks(text: string): Clock[] {
  const clocks: Clock[] = [];
  for (const m of text.matchAll(clockPattern)) {
    let hour = Number(m[1]);
    const minute = Number(m[2]);
    const meridiem = m[3]?.toLowerCase();
    if (minute > 59 || hour > 23 || (meridiem && (hour < 1 || hour > 12))) continue;
    if (meridiem) hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
    clocks.push({ hour, minute });
  }
  return clocks;
}

const at = (day: CalendarDay, clock: Clock = { hour: 0, minute: 0 }): WallTime => ({ ...day, ...clock });
const minutes = (t: WallTime) => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);

/**
 * The span the pieces of text describe: the first date and clock start it, the second clock (on
 * the last date, when two are given) ends it. No clock: all day, through the midnight after the
 * last date (Outlook prints an all-day range with both days inclusive). An end at or before the
 * start on one date runs past midnight. `day`, for a timed span, replaces the text's start date (a
 * tile's column says its day in markup); `fallbackDay` stands in for a date the text leaves out.
 * Null without any date.
 */
export function wallSpan(
  pieces: string[],
  locale: string,
  { day = null, fallbackDay = null }: { day?: CalendarDay | null; fallbackDay?: CalendarDay | null } = {},
): WallSpan | null {
  const dates: CalendarDay[] = [];
  const clocks: Clock[] = [];
  for (const piece of pieces) {
    const found = findDates(piece, locale);
    dates.push(...found.dates);
    clocks.push(...findClocks(found.rest));
  }
  if (clocks.length === 0) {
    const first = dates[0] ?? fallbackDay;
    if (!first) return null;
    const last = dates.length > 1 ? dates[dates.length - 1]! : first;
    return { start: at(first), end: at({ ...last, day: last.day + 1 }), allDay: true };
  }
  const first = day ?? dates[0] ?? fallbackDay;
  if (!first) return null;
  const last = day && dates.length < 2 ? day : dates.length > 1 ? dates[dates.length - 1]! : first;
  const start = at(first, clocks[0]);
  if (clocks.length < 2) return { start, end: null, allDay: false };
  let end = at(last, clocks[1]);
  if (minutes(end) <= minutes(start) && dates.length < 2) end = at({ ...last, day: last.day + 1 }, clocks[1]);
  return { start, end: minutes(end) > minutes(start) ? end : null, allDay: false };
}
