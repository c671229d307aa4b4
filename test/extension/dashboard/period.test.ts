import { describe, expect, it } from 'vitest';
import { fiscalQuarterOf } from '../../../worker/analytics/calendar';
import {
  fiscalYearToDate,
  lastMonths,
  monthLabel,
  periodLabel,
  presetOf,
  presetPeriod,
  previousQuarterOf,
  quarterOf,
} from '../../../extension/dashboard/period';

describe('the filter periods', () => {
  it("agrees with the Worker's fiscal quarter on every day of a year, for every fiscal year start", () => {
    const days: string[] = [];
    for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));

    for (let start = 1; start <= 12; start++) {
      for (const day of days) expect(quarterOf(day, start), `${day} / FY start ${start}`).toEqual(fiscalQuarterOf(day, start));
    }
  });

  it('finds the previous quarter across a year boundary', () => {
    expect(previousQuarterOf('2026-02-10', 1)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousQuarterOf('2026-05-10', 4)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('starts the fiscal year to date at the fiscal year start, last year when it has not come yet', () => {
    expect(fiscalYearToDate('2026-11-21', 1)).toEqual({ from: '2026-01-01', to: '2026-11-21' });
    expect(fiscalYearToDate('2026-02-03', 4)).toEqual({ from: '2025-04-01', to: '2026-02-03' });
  });

  it('counts the last twelve months from the first of the month, this one included', () => {
    expect(lastMonths('2026-11-21', 12)).toEqual({ from: '2025-12-01', to: '2026-11-21' });
  });

  it('recognises a period as the preset it came from', () => {
    const period = presetPeriod('previous-quarter', '2026-11-21', 1);

    expect(presetOf(period, '2026-11-21', 1)).toBe('previous-quarter');
    expect(presetOf({ from: '2026-10-02', to: '2026-12-31' }, '2026-11-21', 1)).toBeNull();
  });

  it('writes periods and months for people', () => {
    expect(periodLabel({ from: '2026-10-01', to: '2026-12-31' })).toBe('1 Oct – 31 Dec 2026');
    expect(periodLabel({ from: '2025-12-01', to: '2026-11-21' })).toBe('1 Dec 2025 – 21 Nov 2026');
    expect(monthLabel('2026-10')).toBe('Oct 2026');
    expect(monthLabel('2026-10', true)).toBe('Oct');
  });
});

describe('dates for people', () => {
  it('write a day with or without its year', async () => {
    const { dayLabel } = await import('../../../extension/dashboard/period');

    expect(dayLabel('2026-09-07')).toBe('7 Sept 2026');
    expect(dayLabel('2026-09-07', false)).toBe('7 Sept');
  });
});
