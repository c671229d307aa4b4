import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  daysBetween,
  fiscalQuarterOf,
  monthsAround,
  monthsOf,
  previousPeriod,
  quartersWithin,
} from '../../../worker/analytics/calendar';

describe('fiscal quarters', () => {
  it.each([
    ['2026-01-01', 1, '2026-01-01', '2026-03-31'],
    ['2026-03-31', 1, '2026-01-01', '2026-03-31'],
    ['2026-05-10', 4, '2026-04-01', '2026-06-30'],
    ['2026-03-31', 4, '2026-01-01', '2026-03-31'],
    ['2026-01-15', 11, '2025-11-01', '2026-01-31'],
    ['2026-12-01', 11, '2026-11-01', '2027-01-31'],
    ['2028-02-29', 12, '2027-12-01', '2028-02-29'],
  ])('%s under a year starting in month %i is %s … %s', (date, start, from, to) => {
    expect(fiscalQuarterOf(date, start)).toEqual({ from, to });
  });

  it('lists only the quarters wholly inside a period', () => {
    expect(quartersWithin({ from: '2025-10-01', to: '2026-05-15' }, 1)).toEqual([
      { from: '2025-10-01', to: '2025-12-31' },
      { from: '2026-01-01', to: '2026-03-31' },
    ]);
    expect(quartersWithin({ from: '2025-10-02', to: '2026-03-30' }, 1)).toEqual([]);
  });
});

describe('calendar days in UTC', () => {
  it('counts an instant on its UTC date, whatever the offset it was written with', () => {
    expect(dayNumber('2026-03-31T23:59:59.999Z')).toBe(dayNumber('2026-03-31'));
    expect(dayNumber(new Date('2026-04-01T01:30:00+02:00').toISOString())).toBe(dayNumber('2026-03-31'));
    expect(daysBetween('2026-02-28T23:00:00Z', '2026-03-01T01:00:00Z')).toBe(1);
  });

  it('lists the months a period touches', () => {
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('the previous period of equal length', () => {
  it('is the quarter before a quarter, and as many whole months before whole months', () => {
    expect(previousPeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('is the same number of days before any other period', () => {
    expect(previousPeriod({ from: '2026-03-10', to: '2026-03-19' })).toEqual({ from: '2026-02-28', to: '2026-03-09' });
  });
});

describe('whole months around a period (pulse periods)', () => {
  it.each([
    ['2026-01-15', '2026-03-10', '2026-01-01', '2026-03-31'],
    ['2026-04-01', '2026-06-30', '2026-04-01', '2026-06-30'],
    ['2027-02-03', '2027-02-03', '2027-02-01', '2027-02-28'],
    ['2028-02-29', '2028-02-29', '2028-02-01', '2028-02-29'],
    ['2025-12-31', '2026-01-01', '2025-12-01', '2026-01-31'],
  ])('%s … %s widens to %s … %s', (from, to, wideFrom, wideTo) => {
    expect(monthsAround({ from, to })).toEqual({ from: wideFrom, to: wideTo });
  });
});
