import type { Health } from '../../shared';
import { daysBetween } from './calendar';

/** Days in an average quarter: the expected interval is 91.25 / commitment (PRODUCT.md §4). */
export const quarterDays = 91.25;

/** The days a pairing should go at most between sessions; Infinity with no commitment. */
export const expectedIntervalDays = (minSessionsPerQuarter: number) =>
  minSessionsPerQuarter > 0 ? quarterDays / minSessionsPerQuarter : Number.POSITIVE_INFINITY;

/**
 * Days from the last held session's start (or the engagement's start, if none) to `asOf`;
 * never negative (an engagement that starts later has had no time to lapse).
 */
export function daysSinceLastSession(lastHeldAt: string | null, startsOn: string, asOf: string): number {
  return Math.max(0, daysBetween(lastHeldAt ?? startsOn, asOf));
}

/** healthy; at_risk past 1.5 × the expected interval; lapsed past 3 ×. */
export function healthOf(days: number, intervalDays: number): Health {
  if (days > 3 * intervalDays) return 'lapsed';
  if (days > 1.5 * intervalDays) return 'at_risk';
  return 'healthy';
}
