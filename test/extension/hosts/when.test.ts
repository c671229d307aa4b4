import { describe, expect, it } from 'vitest';
import { dayFromDatekey, parseSpan, type Day } from '../../../extension/hosts/when';
import { local } from '../fixtures';

const now = new Date(2026, 8, 15);
const iso = (text: string, fallback?: Day) => {
  const span = parseSpan(text, { now, fallback });
  return span && { start: span.start.toISOString(), end: span.end.toISOString(), allDay: span.allDay };
};

describe('parseSpan reads the time formats calendars print', () => {
  it.each([
    ['Wednesday, April 26⋅2:00 – 3:00pm', local(2026, 4, 26, 14), local(2026, 4, 26, 15)],
    ['Monday, September 11⋅9:45 – 10:15am', local(2026, 9, 11, 9, 45), local(2026, 9, 11, 10, 15)],
    ['Wednesday, April 26⋅11:30am – 12:45pm', local(2026, 4, 26, 11, 30), local(2026, 4, 26, 12, 45)],
    ['Wednesday, April 26⋅11:30pm – 12:00am', local(2026, 4, 26, 23, 30), local(2026, 4, 27, 0)],
    ['April 25, 2023, 11:15pm – April 26, 2023, 6:45am', local(2023, 4, 25, 23, 15), local(2023, 4, 26, 6, 45)],
    ['Monday, January 1, 2024⋅5:00 – 6:00pm', local(2024, 1, 1, 17), local(2024, 1, 1, 18)],
    ['Wednesday, 26 April⋅14:00 – 15:00', local(2026, 4, 26, 14), local(2026, 4, 26, 15)],
    ['3pm to 4pm, October 6, 2026', local(2026, 10, 6, 15), local(2026, 10, 6, 16)],
    ['11am to 12pm, Room Warsaw 2, September 30, 2026', local(2026, 9, 30, 11), local(2026, 9, 30, 12)],
    ['1:05 PM to 2:15 PM, Tuesday, September 29, 2026, Room 102', local(2026, 9, 29, 13, 5), local(2026, 9, 29, 14, 15)],
    ['15:30 to 17:00, Thursday, September 17, 2026, By Example', local(2026, 9, 17, 15, 30), local(2026, 9, 17, 17)],
    ['Thu 9/17/2026 3:30 PM - 5:00 PM', local(2026, 9, 17, 15, 30), local(2026, 9, 17, 17)],
    ['Friday, October 2⋅11 – 1pm', local(2026, 10, 2, 11), local(2026, 10, 2, 13)],
  ])('%s', (text, start, end) => {
    expect(iso(text)).toEqual({ start, end, allDay: false });
  });

  it('reads an all-day event as midnight to midnight', () => {
    expect(iso('Sunday, January 21, 2024')).toEqual({ start: local(2024, 1, 21), end: local(2024, 1, 22), allDay: true });
  });

  it('gives a date without a year the year nearest to today', () => {
    expect(iso('Sunday, January 10')?.start).toBe(local(2027, 1, 10));
    expect(iso('Thursday, August 20')?.start).toBe(local(2026, 8, 20));
  });

  it('takes the day from a fallback when the text has only times', () => {
    expect(iso('3:00 – 4:00pm', { year: 2026, month: 8, day: 28 })?.start).toBe(local(2026, 9, 28, 15));
  });

  it('does not read words as months', () => {
    expect(iso('Marketing 5 sync')).toBeNull();
  });

  it('returns null for text without a day', () => {
    expect(iso('3:00 – 4:00pm')).toBeNull();
    expect(iso('Mentoring: Ana × Ben')).toBeNull();
  });
});

describe('dayFromDatekey', () => {
  it('unpacks Google’s (year − 1970) << 9 | month << 5 | day', () => {
    expect(dayFromDatekey('28988')).toEqual({ year: 2026, month: 8, day: 28 });
    expect(dayFromDatekey('28975')).toEqual({ year: 2026, month: 8, day: 15 });
  });

  it('rejects what is not a datekey', () => {
    expect(dayFromDatekey(null)).toBeNull();
    expect(dayFromDatekey('2026-09-28')).toBeNull();
    expect(dayFromDatekey('0')).toBeNull();
  });
});
