import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil } from '../../../shared/rules/days';
import {
  dateOf,
  dateRange,
  dayNumber,
  daysBetween,
  fiscalQuarterOf,
  isAnswerablePeriod,
  monthsAround,
  monthsOf,
  previousPeriod,
  quartersWithin,
} from '../../../worker/analytics/calendar';

/** A date of the years the API accepts, as a day number. */
const acceptedDay = fc.integer({ min: daysFromCivil(dateRange.firstYear, 1, 1), max: daysFromCivil(dateRange.lastYear, 12, 31) });
const jsDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

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

describe('day arithmetic on numbers (issue 10: Date.UTC reads years 0–99 as 1900–1999)', () => {
  it('agrees with the ISO dates of JavaScript on every day from year 1 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(1, 1, 1), max: daysFromCivil(9999, 12, 31) }), (day) => {
        expect(dateOf(day)).toBe(jsDate(day));
        expect(dayNumber(dateOf(day))).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a two-digit year as itself, not as the twentieth century', () => {
    expect(dateOf(dayNumber('0099-06-15'))).toBe('0099-06-15');
    expect(fiscalQuarterOf('0099-06-15', 1)).toEqual({ from: '0099-04-01', to: '0099-06-30' });
    expect(civilFromDays(daysFromCivil(99, 13, 1))).toEqual({ year: 100, month: 1, day: 1 });
  });

  it('steps from the last day of 9999 and the first of year 0 without going backwards', () => {
    expect(dayNumber('9999-12-31') + 1).toBe(daysFromCivil(10000, 1, 1));
    expect(monthsOf({ from: '0000-01-01', to: '0000-03-31' })).toEqual(['0000-01', '0000-02', '0000-03']);
    expect(previousPeriod({ from: '0000-01-01', to: '0000-03-31' }).to).toBe(dateOf(dayNumber('0000-01-01') - 1));
  });

  it('gives each accepted day a fiscal quarter that contains it, whatever month the year starts in', () => {
    fc.assert(
      fc.property(acceptedDay, fc.integer({ min: 1, max: 12 }), (day, start) => {
        const q = fiscalQuarterOf(dateOf(day), start);
        expect(q.from <= dateOf(day) && dateOf(day) <= q.to).toBe(true);
        expect(monthsOf(q)).toHaveLength(3);
        expect(Number(q.from.slice(5, 7)) % 3).toBe(start % 3);
      }),
    );
  });
});

describe('periods the API answers', () => {
  it('are inside the accepted years and at most ten years long', () => {
    expect(isAnswerablePeriod({ from: '2016-01-01', to: '2025-12-31' })).toBe(true); // exactly ten years
    expect(isAnswerablePeriod({ from: '2016-01-01', to: '2026-01-01' })).toBe(false); // a day more
    expect(isAnswerablePeriod({ from: '2016-02-29', to: '2026-02-27' })).toBe(true); // no 29 Feb in 2026: ten years end on the 27th
    expect(isAnswerablePeriod({ from: '2016-02-29', to: '2026-02-28' })).toBe(false);
    expect(isAnswerablePeriod({ from: '1999-12-31', to: '2000-01-31' })).toBe(false);
    expect(isAnswerablePeriod({ from: '2100-12-01', to: '2100-12-31' })).toBe(true);
    expect(isAnswerablePeriod({ from: '2100-12-01', to: '2101-01-01' })).toBe(false);
    expect(isAnswerablePeriod({ from: '2026-02-01', to: '2026-01-31' })).toBe(false);
  });

  it('never make a calendar loop run long: at most 40 quarters and 121 months, 242 with the period before', () => {
    fc.assert(
      fc.property(acceptedDay, fc.integer({ min: 0, max: 3653 }), fc.integer({ min: 1, max: 12 }), (from, length, start) => {
        const period = { from: dateOf(from), to: dateOf(from + length) };
        fc.pre(isAnswerablePeriod(period));
        expect(quartersWithin(period, start).length).toBeLessThanOrEqual(40);
        expect(monthsOf(period).length).toBeLessThanOrEqual(121);
        expect(monthsOf(previousPeriod(period)).length).toBeLessThanOrEqual(121);
        expect(monthsOf({ from: previousPeriod(period).from, to: period.to }).length).toBeLessThanOrEqual(242);
      }),
    );
  });

  it('refuse, rather than loop on, a period longer than any the API answers', () => {
    expect(() => quartersWithin({ from: '2000-01-01', to: '9999-12-31' }, 1)).toThrow(RangeError);
    expect(() => monthsOf({ from: '0000-01-01', to: '2026-12-31' })).toThrow(RangeError);
  });
});
