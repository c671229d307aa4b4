import type { Alert, AlertReason, ProgrammeKind } from '../../shared';
import { daysBetween, type Period } from './calendar';
import { daysSinceLastSession, expectedIntervalDays, healthOf } from './health';

/** What the database knows about one running engagement, as of a date. */
export interface AlertFacts {
  id: string;
  programmeId: string;
  programmeName: string;
  kind: ProgrammeKind;
  minSessionsPerQuarter: number;
  startsOn: string;
  lastHeldAt: string | null;
  /** Held sessions from the start of the current quarter to `asOf`. */
  heldThisQuarter: number;
  /** Statuses of the last two sessions on or before `asOf`, newest first. */
  lastTwo: ('held' | 'cancelled')[];
  /** Whether any member asked for a check-in in the 30 days up to `asOf` (never who). */
  checkInRequested: boolean;
}

/**
 * The commitment prorated by the days of the quarter elapsed (counting `asOf`, and counting from
 * the engagement's start if it began mid-quarter), rounded down (PRODUCT.md §4).
 *
 * @example expectedByNow(2, { from: '2026-01-01', to: '2026-03-31' }, '2026-01-01', '2026-02-15') // floor(2 × 46 / 90) = 1
 */
export function expectedByNow(minSessionsPerQuarter: number, quarter: Period, startsOn: string, asOf: string): number {
  const quarterLength = daysBetween(quarter.from, quarter.to) + 1;
  const from = startsOn > quarter.from ? startsOn : quarter.from;
  const elapsed = Math.max(0, daysBetween(from, asOf) + 1);
  return Math.floor((minSessionsPerQuarter * elapsed) / quarterLength);
}

/** An alert before its members are added (read for the alerted engagements only, by the route). */
export type AlertRow = Omit<Alert, 'members'>;

/** The engagements that need a coordinator, each with its reasons; most urgent first. */
export function computeAlerts(engagements: readonly AlertFacts[], quarter: Period, asOf: string): AlertRow[] {
  const alerts: AlertRow[] = [];
  for (const e of engagements) {
    const days = daysSinceLastSession(e.lastHeldAt, e.startsOn, asOf);
    const health = healthOf(days, expectedIntervalDays(e.minSessionsPerQuarter));
    const expected = expectedByNow(e.minSessionsPerQuarter, quarter, e.startsOn, asOf);
    const reasons: AlertReason[] = [];
    if (health !== 'healthy') reasons.push(health);
    if (e.heldThisQuarter < expected) reasons.push('behind_commitment');
    if (e.checkInRequested) reasons.push('check_in_requested');
    if (e.lastTwo.length === 2 && e.lastTwo.every((s) => s === 'cancelled')) reasons.push('repeated_cancellations');
    if (reasons.length === 0) continue;
    alerts.push({
      engagementId: e.id,
      programmeId: e.programmeId,
      programmeName: e.programmeName,
      kind: e.kind,
      reasons,
      health,
      daysSinceLastSession: days,
      heldThisQuarter: e.heldThisQuarter,
      expectedByNow: expected,
    });
  }
  const urgency = { lapsed: 0, at_risk: 1, healthy: 2 } as const;
  return alerts.sort(
    (a, b) =>
      urgency[a.health] - urgency[b.health] ||
      b.reasons.length - a.reasons.length ||
      b.daysSinceLastSession - a.daysSinceLastSession ||
      a.engagementId.localeCompare(b.engagementId),
  );
}
