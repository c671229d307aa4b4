import { daysBefore, healthLimits, type HealthReport } from '../../shared';
import { recordReportStatements } from '../db/extension-health';
import { invalid } from './errors';

export type RecordOutcome = { ok: true; rows: number } | { ok: false; retryAfterSeconds: number };

/** Seconds from `nowMs` to the next UTC midnight, when a token's daily cap starts again. */
export function secondsToNextUtcDay(nowMs: number): number {
  const next = new Date(nowMs);
  next.setUTCHours(24, 0, 0, 0);
  return Math.max(1, Math.ceil((next.getTime() - nowMs) / 1000));
}

/**
 * Adds a report's counts to the organisation's aggregates, in one D1 round trip. The aggregates
 * never learn who sent them: the token's hash only counts reports against the daily cap, in a
 * table of its own. A report past the cap writes no counts and says when to try again.
 */
export async function recordExtensionHealth(
  db: D1Database,
  caller: { orgId: string; tokenHash: string },
  report: HealthReport,
  nowMs: number,
): Promise<RecordOutcome> {
  const today = new Date(nowMs).toISOString().slice(0, 10);
  // Only the days the dashboard shows: a report of another day would be noise no one reads.
  const oldest = daysBefore(today, healthLimits.reportDays);
  const outside = report.rows.findIndex((r) => r.day > today || r.day < oldest);
  if (outside >= 0) {
    throw invalid(`Counts are accepted for ${oldest} to ${today} (UTC)`, [
      { path: `rows.${outside}.day`, message: 'outside the reported days', code: 'custom' },
    ]);
  }
  const statements = recordReportStatements(db, {
    ...caller,
    today,
    yesterday: daysBefore(today, 1),
    cap: healthLimits.reportsPerTokenDay,
    rows: report.rows,
  });
  const [quota] = await db.batch<{ reports: number }>(statements);
  const reports = quota?.results[0]?.reports ?? 0;
  if (reports > healthLimits.reportsPerTokenDay) return { ok: false, retryAfterSeconds: secondsToNextUtcDay(nowMs) };
  return { ok: true, rows: report.rows.length };
}
