import { describe, expect, it } from 'vitest';
import { isWellFormedText } from '../../../shared/rules/well-formed';
import { parseIcs } from '../../../extension/lib/ics';

/** The events a file yields (what every test here reads, unless it counts the unreadable ones). */
const eventsOf = (...args: Parameters<typeof parseIcs>) => parseIcs(...args).events;

const now = Date.parse('2026-03-01T12:00:00Z'); // window: 2025-12-01T12:00Z … 2026-05-30T12:00Z

const calendar = (...parts: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Dyad tests//EN', ...parts, 'END:VCALENDAR'].join('\r\n');

const berlin = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const weekly = [
  'BEGIN:VEVENT',
  'UID:weekly-1@dyad.test',
  'SUMMARY:Reverse mentoring',
  'DTSTART;TZID=Europe/Berlin:20250106T090000',
  'DTEND;TZID=Europe/Berlin:20250106T100000',
  'RRULE:FREQ=WEEKLY;BYDAY=MO',
  'EXDATE;TZID=Europe/Berlin:20260105T090000',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:weekly-1@dyad.test',
  'SUMMARY:Reverse mentoring (moved)',
  'RECURRENCE-ID;TZID=Europe/Berlin:20260112T090000',
  'DTSTART;TZID=Europe/Berlin:20260113T140000',
  'DTEND;TZID=Europe/Berlin:20260113T150000',
  'END:VEVENT',
];

describe('.ics import', () => {
  it('expands a weekly event within ±90 days of now, skipping an excluded date', () => {
    const events = eventsOf(calendar(...berlin, ...weekly), now);

    // Mondays from 8 Dec 2025 to 25 May 2026 (the 1 Dec one ended before the window opens): 25, less 5 Jan.
    expect(events).toHaveLength(24);
    expect(events.every((e) => e.recurring && e.uid === 'weekly-1@dyad.test')).toBe(true);
    expect(events[0]).toMatchObject({ eventId: 'weekly-1@dyad.test/20251208T080000Z', startsAt: '2025-12-08T08:00:00.000Z' });
    expect(events.at(-1)).toMatchObject({ eventId: 'weekly-1@dyad.test/20260525T070000Z', startsAt: '2026-05-25T07:00:00.000Z' });
    expect(events.map((e) => e.startsAt)).not.toContain('2026-01-05T08:00:00.000Z');
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });

  it('follows the VTIMEZONE across the daylight-saving change', () => {
    const events = eventsOf(calendar(...berlin, ...weekly), now);

    expect(events.find((e) => e.startsAt.startsWith('2026-03-23'))).toMatchObject({
      startsAt: '2026-03-23T08:00:00.000Z',
      endsAt: '2026-03-23T09:00:00.000Z',
    });
    expect(events.find((e) => e.startsAt.startsWith('2026-03-30'))).toMatchObject({
      startsAt: '2026-03-30T07:00:00.000Z',
      endsAt: '2026-03-30T08:00:00.000Z',
    });
  });

  it('keeps a moved instance under the id of the occurrence it replaces', () => {
    const moved = eventsOf(calendar(...berlin, ...weekly), now).find((e) => e.title.includes('moved'));

    expect(moved).toEqual({
      eventId: 'weekly-1@dyad.test/20260112T080000Z',
      uid: 'weekly-1@dyad.test',
      title: 'Reverse mentoring (moved)',
      hasLength: true,
      startsAt: '2026-01-13T13:00:00.000Z',
      endsAt: '2026-01-13T14:00:00.000Z',
      allDay: false,
      recurring: true,
    });
  });

  it('reads UTC times as they are, and a TZID without VTIMEZONE by its IANA name', () => {
    const events = eventsOf(
      calendar(
        'BEGIN:VEVENT',
        'UID:utc@dyad.test',
        'SUMMARY:Advisory council',
        'DTSTART:20260302T150000Z',
        'DTEND:20260302T163000Z',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:ny@dyad.test',
        'SUMMARY:Rotation check-in',
        'DTSTART;TZID=America/New_York:20260303T100000',
        'DURATION:PT45M',
        'END:VEVENT',
      ),
      now,
    );

    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'utc@dyad.test',
        startsAt: '2026-03-02T15:00:00.000Z',
        endsAt: '2026-03-02T16:30:00.000Z',
        recurring: false,
      }),
      expect.objectContaining({ eventId: 'ny@dyad.test', startsAt: '2026-03-03T15:00:00.000Z', endsAt: '2026-03-03T15:45:00.000Z' }),
    ]);
  });

  it('reads an all-day event as local midnight to local midnight', () => {
    const [offsite] = eventsOf(
      calendar(
        'BEGIN:VEVENT',
        'UID:offsite@dyad.test',
        'SUMMARY:Strategy offsite',
        'DTSTART;VALUE=DATE:20260305',
        'DTEND;VALUE=DATE:20260307',
        'END:VEVENT',
      ),
      now,
    );

    expect(offsite).toEqual({
      eventId: 'offsite@dyad.test',
      uid: 'offsite@dyad.test',
      title: 'Strategy offsite',
      hasLength: true,
      startsAt: new Date(2026, 2, 5).toISOString(),
      endsAt: new Date(2026, 2, 7).toISOString(),
      allDay: true,
      recurring: false,
    });
  });

  it('names the occurrences of a recurring all-day event by date', () => {
    const events = eventsOf(
      calendar(
        'BEGIN:VEVENT',
        'UID:monthly@dyad.test',
        'SUMMARY:Review',
        'DTSTART;VALUE=DATE:20260102',
        'RRULE:FREQ=MONTHLY;COUNT=4',
        'END:VEVENT',
      ),
      now,
    );

    expect(events.map((e) => e.eventId)).toEqual(['20260102', '20260202', '20260302', '20260402'].map((d) => `monthly@dyad.test/${d}`));
    expect(events.every((e) => e.allDay)).toBe(true);
  });

  it('leaves out events outside the window and cancelled ones', () => {
    const events = eventsOf(
      calendar(
        'BEGIN:VEVENT',
        'UID:old@dyad.test',
        'DTSTART:20240101T090000Z',
        'DTEND:20240101T100000Z',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:cancelled@dyad.test',
        'STATUS:CANCELLED',
        'DTSTART:20260302T090000Z',
        'DTEND:20260302T100000Z',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:untitled@dyad.test',
        'DTSTART:20260302T090000Z',
        'DTEND:20260302T100000Z',
        'END:VEVENT',
      ),
      now,
    );

    expect(events.map((e) => [e.eventId, e.title])).toEqual([['untitled@dyad.test', '(no title)']]);
  });

  it('names an event without a UID by its start and title, never cutting an emoji in half (the API refuses half a character)', () => {
    // "no-uid:<start>:" is 28 units, so the 200th unit is the first half of the first 🎉.
    const title = `${'Weekly sync '.repeat(14)}abc🎉🎉`;

    const [event] = eventsOf(
      calendar('BEGIN:VEVENT', `SUMMARY:${title}`, 'DTSTART:20260302T090000Z', 'DTEND:20260302T100000Z', 'END:VEVENT'),
      now,
    );

    expect(event!.eventId).toMatch(/^no-uid:2026-03-02T09:00:00Z:Weekly sync/);
    expect(event!.eventId).toHaveLength(199);
    expect(isWellFormedText(event!.eventId)).toBe(true);
  });

  it('follows RFC 5545 for an event without an end: a date lasts one day, a date-time has no length (and says so)', () => {
    const events = eventsOf(
      calendar(
        ...['BEGIN:VEVENT', 'UID:day@dyad.test', 'SUMMARY:Offsite', 'DTSTART;VALUE=DATE:20260304', 'END:VEVENT'],
        ...['BEGIN:VEVENT', 'UID:call@dyad.test', 'SUMMARY:Call', 'DTSTART:20260302T090000Z', 'END:VEVENT'],
        ...['BEGIN:VEVENT', 'UID:dur@dyad.test', 'SUMMARY:Review', 'DTSTART:20260303T090000Z', 'DURATION:PT45M', 'END:VEVENT'],
        ...['BEGIN:VEVENT', 'UID:back@dyad.test', 'SUMMARY:Backwards', 'DTSTART:20260305T100000Z', 'DTEND:20260305T090000Z', 'END:VEVENT'],
      ),
      now,
    );

    expect(events.map((e) => [e.uid, e.startsAt, e.endsAt, e.allDay, e.hasLength])).toEqual([
      ['call@dyad.test', '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z', false, false],
      ['dur@dyad.test', '2026-03-03T09:00:00.000Z', '2026-03-03T09:45:00.000Z', false, true],
      ['day@dyad.test', new Date(2026, 2, 4).toISOString(), new Date(2026, 2, 5).toISOString(), true, true],
      ['back@dyad.test', '2026-03-05T10:00:00.000Z', '2026-03-05T10:00:00.000Z', false, false],
    ]);
  });

  it('skips and counts an event it cannot read — one without a start, a broken rule — and keeps the rest', () => {
    const read = parseIcs(
      calendar(
        ...['BEGIN:VEVENT', 'UID:nostart@dyad.test', 'SUMMARY:No start', 'END:VEVENT'],
        ...['BEGIN:VEVENT', 'UID:rule@dyad.test', 'SUMMARY:Bad rule', 'DTSTART:20260302T090000Z', 'DTEND:20260302T100000Z'],
        ...['RRULE:FREQ=WEEKLY;BYDAY=XX', 'END:VEVENT'],
        ...['BEGIN:VEVENT', 'UID:ok@dyad.test', 'SUMMARY:Fine', 'DTSTART:20260303T090000Z', 'DTEND:20260303T100000Z', 'END:VEVENT'],
      ),
      now,
    );

    expect(read.events.map((e) => e.uid)).toEqual(['ok@dyad.test']);
    expect(read.unreadable).toBe(2);
  });

  it('says so when the file is not a calendar', () => {
    expect(() => parseIcs('name,email\nAda,ada@example.org', now)).toThrow('not an iCalendar');
  });
});
