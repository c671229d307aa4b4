import { describe, expect, it } from 'vitest';
import { computeAlerts, type AlertFacts } from '../../../worker/analytics/alerts';
import type { Period } from '../../../worker/analytics/calendar';

/**
 * Alerts (PRODUCT.md §4) computed from hand-made facts, no database. The quarter is Q1 2026
 * (1 January to 31 March, 90 days). A commitment of 2 gives an expected interval of 45.625 days:
 * at risk past 68.4375 days without a session, lapsed past 136.875.
 */
const q1: Period = { from: '2026-01-01', to: '2026-03-31' };

/**
 * A reverse pairing with a commitment of 2, running since 2025, on track as of 14 February:
 * last held on 1 February (13 days), two held this quarter (1 expected), no cancellations, no check-in.
 */
function facts(id: string, over: Partial<AlertFacts> = {}): AlertFacts {
  return {
    id,
    programmeId: 'reverse',
    programmeName: 'Reverse',
    kind: 'reverse',
    minSessionsPerQuarter: 2,
    startsOn: '2025-01-01',
    lastHeldAt: '2026-02-01T09:00:00Z',
    heldThisQuarter: 2,
    lastTwo: ['held', 'held'],
    checkInRequested: false,
    ...over,
  };
}

const brief = (alerts: ReturnType<typeof computeAlerts>) =>
  alerts.map((a) => [a.engagementId, a.reasons, a.health, a.daysSinceLastSession, a.heldThisQuarter, a.expectedByNow]);

describe('alerts', () => {
  it('raises nothing for an engagement on track', () => {
    const alerts = computeAlerts([facts('fine')], q1, '2026-02-14');

    expect(alerts).toEqual([]);
  });

  it('raises at_risk just past 1.5 × the expected interval', () => {
    // As of 10 January: day 10 of the quarter, so floor(2 × 10 / 90) = 0 sessions are expected yet.
    const engagements = [
      facts('d68', { lastHeldAt: '2025-11-03T09:00:00Z', heldThisQuarter: 0 }), // 28 (to 1 Dec) + 31 + 9 = 68 ≤ 68.4375
      facts('d69', { lastHeldAt: '2025-11-02T09:00:00Z', heldThisQuarter: 0 }), // 69
    ];

    const alerts = computeAlerts(engagements, q1, '2026-01-10');

    expect(brief(alerts)).toEqual([['d69', ['at_risk'], 'at_risk', 69, 0, 0]]);
  });

  it('raises lapsed, and not at_risk as well, just past 3 × the expected interval', () => {
    const engagements = [
      facts('d136', { lastHeldAt: '2025-08-27T09:00:00Z', heldThisQuarter: 0 }), // 5 (to 1 Sep) + 30 + 31 + 30 + 31 + 9 = 136 ≤ 136.875
      facts('d137', { lastHeldAt: '2025-08-26T09:00:00Z', heldThisQuarter: 0 }), // 137
    ];

    const alerts = computeAlerts(engagements, q1, '2026-01-10');

    expect(brief(alerts)).toEqual([
      ['d137', ['lapsed'], 'lapsed', 137, 0, 0],
      ['d136', ['at_risk'], 'at_risk', 136, 0, 0],
    ]);
  });

  it('raises behind_commitment when fewer sessions were held this quarter than the prorated commitment', () => {
    // As of 14 February: day 31 + 14 = 45 of 90, so floor(2 × 45 / 90) = 1 session expected by now.
    const engagements = [
      facts('none-held', { lastHeldAt: '2025-12-20T09:00:00Z', heldThisQuarter: 0 }), // 12 (to 1 Jan) + 44 = 56 days: healthy
      facts('one-held', { lastHeldAt: '2026-01-20T09:00:00Z', heldThisQuarter: 1 }),
    ];

    const alerts = computeAlerts(engagements, q1, '2026-02-14');

    expect(brief(alerts)).toEqual([['none-held', ['behind_commitment'], 'healthy', 56, 0, 1]]);
  });

  it('rounds the prorated commitment down', () => {
    // As of 13 February: day 44, floor(2 × 44 / 90) = floor(0.98) = 0, so none held is not behind yet.
    const engagements = [facts('none-held', { lastHeldAt: '2025-12-20T09:00:00Z', heldThisQuarter: 0 })];

    const alerts = computeAlerts(engagements, q1, '2026-02-13');

    expect(alerts).toEqual([]);
  });

  it('prorates from the start of an engagement that began mid-quarter', () => {
    // As of 31 March, both began on 1 March: 31 days elapsed, and 30 days since the start without a session.
    const engagements = [
      // floor(2 × 31 / 90) = 0; counted from 1 January it would be floor(2 × 90 / 90) = 2.
      facts('new-2', { startsOn: '2026-03-01', lastHeldAt: null, heldThisQuarter: 0, lastTwo: [] }),
      // floor(3 × 31 / 90) = 1; at risk only past 1.5 × 91.25 / 3 = 45.625 days, so still healthy.
      facts('new-3', { minSessionsPerQuarter: 3, startsOn: '2026-03-01', lastHeldAt: null, heldThisQuarter: 0, lastTwo: [] }),
    ];

    const alerts = computeAlerts(engagements, q1, '2026-03-31');

    expect(brief(alerts)).toEqual([['new-3', ['behind_commitment'], 'healthy', 30, 0, 1]]);
  });

  it('raises check_in_requested for an engagement where a member asked for one', () => {
    // The 30-day window is applied when the facts are read (worker/db/analytics-alerts.ts, tested
    // through the API): here the fact is already "asked in the 30 days up to asOf", yes or no.
    const engagements = [facts('asked', { checkInRequested: true }), facts('not-asked', { checkInRequested: false })];

    const alerts = computeAlerts(engagements, q1, '2026-02-14');

    expect(brief(alerts)).toEqual([['asked', ['check_in_requested'], 'healthy', 13, 2, 1]]);
  });

  it('never says who asked for a check-in: nothing in the alert is about a member', () => {
    const alerts = computeAlerts([facts('asked', { checkInRequested: true })], q1, '2026-02-14');

    // §5.1: members are added by the route, as the engagement has them (test/worker/analytics-alerts.test.ts).
    expect(Object.keys(alerts[0]!).sort()).toEqual([
      'daysSinceLastSession',
      'engagementId',
      'expectedByNow',
      'health',
      'heldThisQuarter',
      'kind',
      'programmeId',
      'programmeName',
      'reasons',
    ]);
  });

  it('raises repeated_cancellations only when the last two sessions were both cancelled', () => {
    const engagements = [
      facts('both', { lastTwo: ['cancelled', 'cancelled'] }),
      facts('latest-only', { lastTwo: ['cancelled', 'held'] }),
      facts('earlier-only', { lastTwo: ['held', 'cancelled'] }),
      facts('single', { lastTwo: ['cancelled'] }), // one session so far: not yet a pattern
    ];

    const alerts = computeAlerts(engagements, q1, '2026-02-14');

    expect(brief(alerts)).toEqual([['both', ['repeated_cancellations'], 'healthy', 13, 2, 1]]);
  });

  it('gives every reason that applies, health first', () => {
    const engagements = [
      facts('everything', {
        lastHeldAt: '2025-09-01T09:00:00Z',
        heldThisQuarter: 0,
        lastTwo: ['cancelled', 'cancelled'],
        checkInRequested: true,
      }),
    ];

    const alerts = computeAlerts(engagements, q1, '2026-02-14');

    // 1 Sep → 14 Feb: 30 + 31 + 30 + 31 + 44 = 166 days > 136.875.
    expect(brief(alerts)).toEqual([
      ['everything', ['lapsed', 'behind_commitment', 'check_in_requested', 'repeated_cancellations'], 'lapsed', 166, 0, 1],
    ]);
  });

  it('puts lapsed first, then at risk, then more reasons, then longer silence, then id', () => {
    // As of 14 February.
    const engagements = [
      facts('h-one-b', { checkInRequested: true }), // 13 days
      facts('h-long', { checkInRequested: true, lastHeldAt: '2026-01-15T09:00:00Z' }), // 16 (to 31 Jan) + 14 = 30 days
      facts('h-two', { checkInRequested: true, lastTwo: ['cancelled', 'cancelled'] }),
      facts('risk', { lastHeldAt: '2025-12-01T09:00:00Z', heldThisQuarter: 0, checkInRequested: true }), // 31 + 44 = 75 days
      facts('h-one-a', { checkInRequested: true }),
      facts('gone', { lastHeldAt: '2025-09-01T09:00:00Z', heldThisQuarter: 0 }), // 166 days
    ];

    const alerts = computeAlerts(engagements, q1, '2026-02-14');

    expect(alerts.map((a) => [a.engagementId, a.health, a.reasons.length, a.daysSinceLastSession])).toEqual([
      ['gone', 'lapsed', 2, 166], // fewer reasons than `risk`, but lapsed
      ['risk', 'at_risk', 3, 75],
      ['h-two', 'healthy', 2, 13],
      ['h-long', 'healthy', 1, 30],
      ['h-one-a', 'healthy', 1, 13],
      ['h-one-b', 'healthy', 1, 13],
    ]);
  });
});
