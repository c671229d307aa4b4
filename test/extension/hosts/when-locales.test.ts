import { describe, expect, it } from 'vitest';
import { dayIn, parseSpan, readSpan, zonedTime } from '../../../extension/hosts/when';

const now = new Date('2026-09-15T12:00:00Z');
const read = (text: string, locale: string, timeZone: string, fallback?: { year: number; month: number; day: number }) => {
  const span = readSpan(text, { now, locale, timeZone, fallback });
  return span && { start: span.start.toISOString(), end: span.end?.toISOString() ?? null, allDay: span.allDay };
};

describe('readSpan reads each language’s dates and clocks in the page’s zone', () => {
  it.each([
    // en-US, 12-hour
    ['en-US', 'America/New_York', 'Tuesday, September 29⋅1:00 – 1:45pm', '2026-09-29T17:00:00.000Z', '2026-09-29T17:45:00.000Z'],
    [
      'en-US',
      'America/New_York',
      '11:30pm to 12:30am, Late review, September 28, 2026',
      '2026-09-29T03:30:00.000Z',
      '2026-09-29T04:30:00.000Z',
    ],
    ['en-US', 'America/New_York', 'Thu 9/17/2026 3:30 PM - 5:00 PM', '2026-09-17T19:30:00.000Z', '2026-09-17T21:00:00.000Z'],
    ['en-US', 'America/New_York', 'December 28, 2026 9 a.m. – 10:15 a.m.', '2026-12-28T14:00:00.000Z', '2026-12-28T15:15:00.000Z'],
    // en-GB, 24-hour, day before month
    ['en-GB', 'Europe/London', 'Tuesday, 29 September 2026⋅13:00 – 13:45', '2026-09-29T12:00:00.000Z', '2026-09-29T12:45:00.000Z'],
    ['en-GB', 'Europe/London', '29/09/2026 13:00 – 13:45', '2026-09-29T12:00:00.000Z', '2026-09-29T12:45:00.000Z'],
    ['en-GB', 'Europe/London', 'Tue 6 Sept 2026, 23:30 – 00:15', '2026-09-06T22:30:00.000Z', '2026-09-06T23:15:00.000Z'],
    // de-DE: "30." days, dotted and numeric dates, "Uhr", "bis"
    ['de-DE', 'Europe/Berlin', 'Dienstag, 29. September 2026⋅13:00 – 13:45', '2026-09-29T11:00:00.000Z', '2026-09-29T11:45:00.000Z'],
    ['de-DE', 'Europe/Berlin', '29.09.2026, 13:00 Uhr bis 13:45 Uhr', '2026-09-29T11:00:00.000Z', '2026-09-29T11:45:00.000Z'],
    [
      'de-DE',
      'Europe/Berlin',
      'Mi., 30. Sept. 2026 23:30 – Do., 1. Okt. 2026 00:30',
      '2026-09-30T21:30:00.000Z',
      '2026-09-30T22:30:00.000Z',
    ],
    ['de-DE', 'Europe/Berlin', '3. März 2027, 9 bis 10 Uhr', '2027-03-03T08:00:00.000Z', '2027-03-03T09:00:00.000Z'],
    // fr-FR: "15 h 00", "1er", "à", abbreviations with a dot
    ['fr-FR', 'Europe/Paris', 'mardi 29 septembre 2026 ⋅ 15 h 00 – 15 h 45', '2026-09-29T13:00:00.000Z', '2026-09-29T13:45:00.000Z'],
    ['fr-FR', 'Europe/Paris', '16:00 à 16:45, Point hebdo, 1er octobre 2026', '2026-10-01T14:00:00.000Z', '2026-10-01T14:45:00.000Z'],
    ['fr-FR', 'Europe/Paris', 'ven. 12 févr. 2027, 9h30 – 10h', '2027-02-12T08:30:00.000Z', '2027-02-12T09:00:00.000Z'],
    ['fr-FR', 'Europe/Paris', '29/09/2026 15:00 – 15:45', '2026-09-29T13:00:00.000Z', '2026-09-29T13:45:00.000Z'],
    // French weekday "mar." (mardi) is not March
    ['fr-FR', 'Europe/Paris', 'mar. 29 sept. 2026, 15:00 – 15:45', '2026-09-29T13:00:00.000Z', '2026-09-29T13:45:00.000Z'],
  ])('%s (%s): %s', (locale, zone, text, start, end) => {
    expect(read(text, locale, zone)).toEqual({ start, end, allDay: false });
  });

  it('reads all-day ranges as midnight to the midnight after the last day, in the zone', () => {
    expect(read('5 – 7 October 2026', 'en-GB', 'Europe/London')).toEqual({
      start: '2026-10-04T23:00:00.000Z',
      end: '2026-10-07T23:00:00.000Z',
      allDay: true,
    });
    expect(read('October 5 – 7, 2026', 'en-US', 'America/New_York')).toEqual({
      start: '2026-10-05T04:00:00.000Z',
      end: '2026-10-08T04:00:00.000Z',
      allDay: true,
    });
    expect(read('5. Oktober 2026 – 7. Oktober 2026', 'de-DE', 'Europe/Berlin')).toEqual({
      start: '2026-10-04T22:00:00.000Z',
      end: '2026-10-07T22:00:00.000Z',
      allDay: true,
    });
    expect(read('28 December – 2 January', 'en-GB', 'Europe/London')).toEqual({
      start: '2026-12-28T00:00:00.000Z',
      end: '2027-01-03T00:00:00.000Z',
      allDay: true,
    });
  });

  it('understands English on a page in another language (Calendar falls back to it)', () => {
    expect(read('Tuesday, September 29, 2026⋅13:00 – 13:45', 'de-DE', 'Europe/Berlin')?.start).toBe('2026-09-29T11:00:00.000Z');
  });
});

describe('a time row whose pieces run together', () => {
  const tuesday = { year: 2026, month: 8, day: 29 };

  it('reads "1:00 – 1:45pmWeekly on Tuesday" as 13:00–13:45, not a zero span', () => {
    expect(read('1:00 – 1:45pmWeekly on Tuesday', 'en-US', 'America/New_York', tuesday)).toEqual({
      start: '2026-09-29T17:00:00.000Z',
      end: '2026-09-29T17:45:00.000Z',
      allDay: false,
    });
  });

  it('reads the whole run-together row, title and recurrence included, the same way', () => {
    const row = 'Weekly sync: Ana × BenTuesday, September 29⋅1:00 – 1:45pmWeekly on Tuesday';
    expect(read(row, 'en-US', 'America/New_York', tuesday)).toEqual({
      start: '2026-09-29T17:00:00.000Z',
      end: '2026-09-29T17:45:00.000Z',
      allDay: false,
    });
  });
});

describe('a text with one time', () => {
  it('has no end in readSpan, rather than the start repeated', () => {
    expect(read('Tuesday, September 29, 2026, 1:00pm', 'en-US', 'America/New_York')).toEqual({
      start: '2026-09-29T17:00:00.000Z',
      end: null,
      allDay: false,
    });
  });

  it('keeps parseSpan’s end-equals-start for its callers, which spanProblem reports as zero', () => {
    const span = parseSpan('Tuesday, September 29, 2026, 1:00pm', { timeZone: 'America/New_York' });
    expect(span?.end.getTime()).toBe(span?.start.getTime());
  });
});

describe('zonedTime and dayIn', () => {
  it('build an instant from a wall clock in a named zone, summer and winter', () => {
    expect(zonedTime(2026, 8, 29, 13, 0, 'America/New_York').toISOString()).toBe('2026-09-29T17:00:00.000Z');
    expect(zonedTime(2026, 11, 29, 13, 0, 'America/New_York').toISOString()).toBe('2026-12-29T18:00:00.000Z');
    expect(zonedTime(2026, 9, 25, 12, 0, 'Europe/Berlin').toISOString()).toBe('2026-10-25T11:00:00.000Z');
    expect(zonedTime(2026, 8, 30, 24, 30, 'Europe/Berlin').toISOString()).toBe('2026-09-30T22:30:00.000Z');
  });

  it('tell the calendar day of an instant in a zone', () => {
    expect(dayIn(new Date('2026-09-30T22:30:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, month: 9, day: 1 });
    expect(dayIn(new Date('2026-09-30T22:30:00Z'), 'America/New_York')).toEqual({ year: 2026, month: 8, day: 30 });
  });
});
