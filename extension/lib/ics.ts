/**
 * Reads an `.ics` file (any calendar's export) into the events a leader may tag: recurring events
 * expanded within ±90 days of now, each instance with a stable id. An event without an end follows
 * RFC 5545 §3.6.1: a date lasts one day, a date-time has no length — the popup then asks the leader
 * how long the meeting was, since the API refuses a held session that ends when it starts. A
 * component that cannot be read is skipped and counted, so one odd event never hides the rest.
 *
 * Loaded only when the user picks a file (ical.js is most of its weight).
 */
import ICAL from 'ical.js';
import { dayMs } from '../../shared/rules/days';

export interface IcsEvent {
  /** The session's `source.eventId`: the UID, plus the occurrence (its RECURRENCE-ID) for an instance of a recurring event. */
  eventId: string;
  uid: string;
  title: string;
  /** ISO-8601 UTC. An all-day event runs from local midnight to local midnight. */
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  recurring: boolean;
  /** False for a date-time event with no DTEND or DURATION (or one equal to its start): it ends when it starts. */
  hasLength: boolean;
}

export interface IcsRead {
  events: IcsEvent[];
  /** Events (a series counts once) that could not be read and were left out. */
  unreadable: number;
}

export const icsWindowDays = 90;
/** Bounds the work for a long-running daily series and the list the popup shows. */
const maxIterations = 50_000;
const maxEvents = 2_000;

/**
 * Parses an iCalendar text. Throws with a readable message if it is not one.
 *
 * @example parseIcs(await file.text()) // { events: [{ eventId: 'abc@x/20260701T090000Z', title: 'Mentoring', … }], unreadable: 0 }
 */
export function parseIcs(text: string, now = Date.now(), windowDays = icsWindowDays): IcsRead {
  const read = readComponents(text);
  const roots = read.roots;
  const from = now - windowDays * dayMs;
  const to = now + windowDays * dayMs;
  const events: IcsEvent[] = [];
  let unreadable = read.unreadable;
  /** Runs `read` for one event (or series); a failure skips it and is counted, not thrown. */
  const each = (read: () => void) => {
    try {
      read();
    } catch {
      unreadable++;
    }
  };

  for (const root of roots) {
    const vevents = root.name === 'vevent' ? [root] : root.getAllSubcomponents('vevent');
    const masters = new Map<string, ICAL.Component>();
    const exceptions = new Map<string, ICAL.Component[]>();
    for (const vevent of vevents) {
      const uid = String(vevent.getFirstPropertyValue('uid') ?? '') || fallbackUid(vevent);
      if (vevent.hasProperty('recurrence-id')) exceptions.set(uid, [...(exceptions.get(uid) ?? []), vevent]);
      else masters.set(uid, vevent);
    }

    for (const [uid, master] of masters) {
      each(() => {
        const event = new ICAL.Event(master, { exceptions: exceptions.get(uid) ?? [], strictExceptions: false });
        if (!event.isRecurring()) {
          pushIfInWindow(events, occurrence(uid, event, event.startDate, event.endDate, null), from, to);
          return;
        }
        // A series is read whole before any of it is kept: half a series would look complete.
        const series: IcsEvent[] = [];
        const it = event.iterator();
        for (let i = 0, next = it.next(); next && i < maxIterations; i++, next = it.next()) {
          const details = event.getOccurrenceDetails(next);
          const start = toEpoch(details.startDate, tzidOf(details.item, 'dtstart'));
          if (start > to) break;
          pushIfInWindow(series, occurrence(uid, details.item, details.startDate, details.endDate, details.recurrenceId, master), from, to);
        }
        events.push(...series);
      });
    }
    // An instance whose series is not in the file still stands on its own.
    for (const [uid, list] of exceptions) {
      if (masters.has(uid)) continue;
      for (const vevent of list) {
        each(() => {
          const event = new ICAL.Event(vevent);
          pushIfInWindow(events, occurrence(uid, event, event.startDate, event.endDate, event.recurrenceId), from, to);
        });
      }
    }
  }
  return {
    events: events.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.eventId.localeCompare(b.eventId)).slice(0, maxEvents),
    unreadable,
  };
}

/**
 * The file's top-level components. ical.js parses a file whole, so one malformed line (a rule it
 * cannot read, say) would lose every event: then each VEVENT is parsed on its own, beside the
 * file's VTIMEZONEs, and those that still fail are counted.
 */
function readComponents(text: string): { roots: ICAL.Component[]; unreadable: number } {
  const parse = (ics: string) => {
    const jcal = ICAL.parse(ics) as unknown[];
    return (Array.isArray(jcal[0]) ? (jcal as unknown[][]) : [jcal]).map((data) => new ICAL.Component(data as unknown[]));
  };
  try {
    return { roots: parse(text), unreadable: 0 };
  } catch {
    if (!/^BEGIN:VCALENDAR\s*$/im.test(text)) throw new Error('This file is not an iCalendar (.ics) file');
  }
  const blocks = (name: string) => text.match(new RegExp(`^BEGIN:${name}\\s*$[\\s\\S]*?^END:${name}\\s*$`, 'gim')) ?? [];
  const timezones = blocks('VTIMEZONE').join('\r\n');
  const roots: ICAL.Component[] = [];
  let unreadable = 0;
  for (const vevent of blocks('VEVENT')) {
    try {
      roots.push(...parse(['BEGIN:VCALENDAR', 'VERSION:2.0', timezones, vevent, 'END:VCALENDAR'].filter(Boolean).join('\r\n')));
    } catch {
      unreadable++;
    }
  }
  if (roots.length === 0 && unreadable === 0) throw new Error('This file is not an iCalendar (.ics) file');
  return { roots, unreadable };
}

function occurrence(
  uid: string,
  item: ICAL.Event,
  start: ICAL.Time,
  end: ICAL.Time | null,
  recurrenceId: ICAL.Time | null,
  master?: ICAL.Component,
): IcsEvent | null {
  if (String(item.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') return null;
  if (!start) throw new Error('An event without a start (DTSTART)');
  const startTzid = tzidOf(item, 'dtstart');
  const startMs = toEpoch(start, startTzid);
  const endMs = end ? toEpoch(end, tzidOf(item, 'dtend') ?? startTzid) : startMs;
  const occurrenceKey = recurrenceId
    ? basicFormat(
        recurrenceId,
        toEpoch(recurrenceId, tzidOf(item, 'recurrence-id') ?? (master ? tzidOfComponent(master, 'dtstart') : startTzid)),
      )
    : null;
  return {
    eventId: occurrenceKey ? `${uid}/${occurrenceKey}` : uid,
    uid,
    title: (item.summary ?? '').trim() || '(no title)',
    startsAt: new Date(startMs).toISOString(),
    endsAt: new Date(Math.max(endMs, startMs)).toISOString(),
    allDay: start.isDate,
    recurring: recurrenceId !== null,
    hasLength: endMs > startMs,
  };
}

function pushIfInWindow(events: IcsEvent[], event: IcsEvent | null, from: number, to: number): void {
  if (!event) return;
  const start = Date.parse(event.startsAt);
  if (start <= to && Date.parse(event.endsAt) >= from) events.push(event);
}

/** RECURRENCE-ID as iCalendar writes it in UTC: `20260701T090000Z`, or `20260701` for a date. */
function basicFormat(time: ICAL.Time, epoch: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (time.isDate) return `${time.year}${pad(time.month)}${pad(time.day)}`;
  return new Date(epoch)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function tzidOf(event: ICAL.Event, property: string): string | null {
  return tzidOfComponent(event.component, property);
}

function tzidOfComponent(component: ICAL.Component, property: string): string | null {
  const tzid = component.getFirstProperty(property)?.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : null;
}

/**
 * The instant of an iCalendar time:
 * - UTC (`…Z`), or a TZID the file defines in a VTIMEZONE: ical.js knows its offsets;
 * - a TZID without a VTIMEZONE (many exports): an IANA name, converted with the browser's time-zone data;
 * - a floating time or a date (all-day): the user's local time, as calendars show them.
 */
export function toEpoch(time: ICAL.Time, tzid: string | null): number {
  if (time.isDate) return new Date(time.year, time.month - 1, time.day).getTime();
  const local = time.zone === ICAL.Timezone.localTimezone || time.zone?.tzid === 'floating';
  if (!local) return time.toJSDate().getTime();
  if (tzid && isIanaZone(tzid)) {
    return wallClockInZone(time.year, time.month, time.day, time.hour, time.minute, time.second, tzid);
  }
  return new Date(time.year, time.month - 1, time.day, time.hour, time.minute, time.second).getTime();
}

function isIanaZone(tzid: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tzid });
    return true;
  } catch {
    return false;
  }
}

/** The UTC instant at which the clocks of `timeZone` show the given wall-clock time. */
export function wallClockInZone(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two passes settle the offset, also next to a daylight-saving change.
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}

function offsetAt(epoch: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(epoch));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return shown - Math.floor(epoch / 1000) * 1000;
}

function fallbackUid(vevent: ICAL.Component): string {
  const start = String(vevent.getFirstPropertyValue('dtstart') ?? '');
  const summary = String(vevent.getFirstPropertyValue('summary') ?? '');
  return cutAt(`no-uid:${start}:${summary}`, 200);
}

/**
 * The first `length` UTF-16 units of a text, without cutting a character in two: half of an emoji
 * (a lone surrogate) is refused by the API, which would drop the session write.
 */
export function cutAt(text: string, length: number): string {
  const cut = text.slice(0, length);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}
