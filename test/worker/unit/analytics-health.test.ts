import { describe, expect, it } from 'vitest';
import { expectedByNow } from '../../../worker/analytics/alerts';
import { daysSinceLastSession, expectedIntervalDays, healthOf } from '../../../worker/analytics/health';

describe('health', () => {
  it('expects a session every 91.25 / commitment days', () => {
    expect(expectedIntervalDays(2)).toBe(45.625);
    expect(expectedIntervalDays(1)).toBe(91.25);
    expect(expectedIntervalDays(0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('turns at risk past 1.5 × the interval and lapsed past 3 ×', () => {
    const interval = expectedIntervalDays(2); // 1.5 × = 68.4375; 3 × = 136.875
    expect([68, 69, 136, 137].map((d) => healthOf(d, interval))).toEqual(['healthy', 'at_risk', 'at_risk', 'lapsed']);
  });

  it('counts from the engagement start when nothing was held, and never below zero', () => {
    expect(daysSinceLastSession(null, '2026-01-01', '2026-01-31')).toBe(30);
    expect(daysSinceLastSession('2026-01-30T23:59:00Z', '2025-01-01', '2026-01-31')).toBe(1);
    expect(daysSinceLastSession(null, '2026-03-01', '2026-01-31')).toBe(0);
  });
});

describe('behind commitment: the commitment prorated by elapsed days, rounded down', () => {
  const q1 = { from: '2026-01-01', to: '2026-03-31' }; // 90 days

  it.each([
    ['2026-01-01', '2026-01-01', 2, 0], // day 1: floor(2 × 1 / 90)
    ['2026-01-01', '2026-02-14', 2, 1], // day 45: floor(2 × 45 / 90)
    ['2026-01-01', '2026-02-13', 2, 0], // day 44: floor(88 / 90)
    ['2026-01-01', '2026-03-31', 2, 2],
    ['2026-03-01', '2026-03-31', 3, 1], // began mid-quarter: 31 days → floor(3 × 31 / 90)
  ])('started %s, as of %s, commitment %i', (startsOn, asOf, min, expected) => {
    expect(expectedByNow(min, q1, startsOn, asOf)).toBe(expected);
  });
});
