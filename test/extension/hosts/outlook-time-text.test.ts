import { describe, expect, it } from 'vitest';
import { findClocks, findDates, monthFirst, wallSpan } from '../../../extension/hosts/outlook/time-text';
import { splitTileLabel } from '../../../extension/hosts/outlook/tiles';

const day = (year: number, month: number, d: number) => ({ year, month, day: d });
const wall = (year: number, month: number, d: number, hour = 0, minute = 0) => ({ year, month, day: d, hour, minute });

describe('Outlook dates, in the locale’s order and words', () => {
  it('orders numeric dates as the locale does (Intl), month first only in en-US', () => {
    expect([monthFirst('en-US'), monthFirst('en-GB'), monthFirst('de-DE'), monthFirst('fr-FR')]).toEqual([true, false, false, false]);
    expect(findDates('Wed 9/30/2026', 'en-US').dates).toEqual([day(2026, 9, 30)]);
    expect(findDates('Fri 02/10/2026', 'en-GB').dates).toEqual([day(2026, 10, 2)]);
    expect(findDates('Do 01.10.2026', 'de-DE').dates).toEqual([day(2026, 10, 1)]);
    expect(findDates('mer. 30/09/2026', 'fr-FR').dates).toEqual([day(2026, 9, 30)]);
  });

  it('reads month names in English, German and French', () => {
    expect(findDates('Monday, September 28, 2026', 'en-US').dates).toEqual([day(2026, 9, 28)]);
    expect(findDates('Friday, 2 October 2026', 'en-GB').dates).toEqual([day(2026, 10, 2)]);
    expect(findDates('Montag, 28. September 2026', 'de-DE').dates).toEqual([day(2026, 9, 28)]);
    expect(findDates('jeudi 1 octobre 2026', 'fr-FR').dates).toEqual([day(2026, 10, 1)]);
    expect(findDates('Dienstag, 3. März 2026', 'de-DE').dates).toEqual([day(2026, 3, 3)]);
  });

  it('does not take a German date’s "28.09" for a clock time', () => {
    const { rest } = findDates('Mo 28.09.2026 15:00 - 16:00', 'de-DE');

    expect(findClocks(rest)).toEqual([
      { hour: 15, minute: 0 },
      { hour: 16, minute: 0 },
    ]);
  });
});

describe('Outlook clock times', () => {
  it('reads 12-hour and 24-hour clocks as 24-hour values', () => {
    expect(findClocks('12:30 AM - 12:15 PM, 11:00 p.m.')).toEqual([
      { hour: 0, minute: 30 },
      { hour: 12, minute: 15 },
      { hour: 23, minute: 0 },
    ]);
    expect(findClocks('22:30 to 01:00')).toEqual([
      { hour: 22, minute: 30 },
      { hour: 1, minute: 0 },
    ]);
  });
});

describe('Outlook spans from separate pieces of text', () => {
  it('keeps a date and a time in sibling elements apart', () => {
    expect(wallSpan(['Wed 9/30/2026', '3:00 PM - 4:00 PM'], 'en-US')).toEqual({
      start: wall(2026, 9, 30, 15),
      end: wall(2026, 9, 30, 16),
      allDay: false,
    });
  });

  it('runs an end before the start past midnight, and reads a range over two dates', () => {
    expect(wallSpan(['22:30 to 01:00'], 'en-GB', { day: day(2026, 10, 2) })?.end).toEqual(wall(2026, 10, 3, 1));
    expect(wallSpan(['Fri 02/10/2026 22:30', '-', 'Sat 03/10/2026 01:00'], 'en-GB')?.end).toEqual(wall(2026, 10, 3, 1));
  });

  it('reads an all-day range through the midnight after its last day', () => {
    expect(wallSpan(['Do 01.10.2026', '-', 'Fr 02.10.2026'], 'de-DE')).toEqual({
      start: wall(2026, 10, 1),
      end: wall(2026, 10, 3),
      allDay: true,
    });
  });

  it('gives no end, not a zero-length span, for one clock time', () => {
    expect(wallSpan(['Wed 9/30/2026', '3:00 PM'], 'en-US')).toEqual({ start: wall(2026, 9, 30, 15), end: null, allDay: false });
  });

  it('uses the tile column’s day over the label’s words, and knows nothing without a day', () => {
    expect(wallSpan(['14:00 à 15:00, mercredi 30 septembre 2026'], 'fr-FR', { day: day(2026, 9, 30) })?.start).toEqual(
      wall(2026, 9, 30, 14),
    );
    expect(wallSpan(['3:00 PM - 4:00 PM'], 'en-US')).toBeNull();
  });
});

describe('Outlook tile labels in other languages', () => {
  it('splits the subject from a French or German time range', () => {
    expect(splitTileLabel('Point mentorat : Claire et Hugo, 14:00 à 15:00, mercredi 30 septembre 2026, Salle 3').subject).toBe(
      'Point mentorat : Claire et Hugo',
    );
    expect(splitTileLabel('Teamrunde, Q4, 15:00 bis 16:00, Montag, 28. September 2026').subject).toBe('Teamrunde, Q4');
    expect(splitTileLabel('Klausurtagung, Donnerstag, 1. Oktober 2026, ganztägig').subject).toBe('Klausurtagung');
  });
});
