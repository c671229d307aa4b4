import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAlerts } from '../../worker/analytics/alerts';
import { dateOf, dayNumber, fiscalQuarterOf } from '../../worker/analytics/calendar';
import { loadAlertFacts } from '../../worker/db/analytics-alerts';
import { analyticsOrg } from './analytics-fixture';

/**
 * Alerts read only the engagements that might alert: SQL loosens each of `computeAlerts`' tests by
 * a day and keeps a superset (worker/db/analytics-alerts.ts). If the superset ever missed one, an
 * engagement that needs a coordinator would silently go unreported — so every reason is driven to
 * its boundary here, on random organisations, against the same facts with nothing filtered out.
 */
describe('the alerts prefilter', () => {
  it('keeps every engagement computeAlerts alerts, for every reason and around every threshold', async () => {
    const engagementArb = fc.record({
      startDay: fc.integer({ min: 0, max: 500 }),
      // Sessions near asOf reach every health threshold and the quarter's count; a cancelled pair the last two.
      sessions: fc.array(fc.record({ back: fc.integer({ min: -5, max: 200 }), held: fc.boolean() }), { maxLength: 4 }),
      checkInBack: fc.option(fc.integer({ min: -2, max: 40 }), { nil: null }),
    });
    let alerted = 0;
    let left = 0;
    await fc.assert(
      fc.asyncProperty(
        // 4.5625 puts the health thresholds on whole days (30 and 60); 0 never lapses.
        fc.constantFrom(0, 1, 2, 3, 4.5625, 6),
        fc.array(engagementArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 450, max: 700 }),
        async (commitment, engagements, asOfDay) => {
          const fx = await analyticsOrg({ minGroupSize: 3, fiscalYearStartMonth: 1 });
          const programme = await fx.programme('classic', commitment, 'Circle');
          const base = dayNumber('2025-01-01');
          for (const [i, e] of engagements.entries()) {
            const [a, b] = await fx.people(2, `A${i}`);
            const id = await fx.engagement(
              programme,
              [
                [a!, 'mentor'],
                [b!, 'mentee'],
              ],
              { startsOn: dateOf(base + Math.min(e.startDay, asOfDay)) },
            );
            const sessionIds = [];
            for (const s of e.sessions)
              sessionIds.push(
                await fx.session(id, `${dateOf(base + asOfDay - s.back)}T10:00:00Z`, { status: s.held ? 'held' : 'cancelled' }),
              );
            if (e.checkInBack !== null && sessionIds[0])
              await fx.pulse(sessionIds[0], a!, { value: 3, checkIn: true, at: `${dateOf(base + asOfDay - e.checkInBack)}T12:00:00.000Z` });
          }
          const asOf = dateOf(base + asOfDay);
          const quarter = fiscalQuarterOf(asOf, 1);

          for (const rollups of [true, false]) {
            const kept = await loadAlertFacts(env.DB, fx.org.id, null, quarter, asOf, { rollups });
            const every = await loadAlertFacts(env.DB, fx.org.id, null, quarter, asOf, { rollups, all: true });
            const expected = computeAlerts(every, quarter, asOf);
            expect(computeAlerts(kept, quarter, asOf)).toEqual(expected);
            alerted += expected.length;
            left += every.length - kept.length;
          }
        },
      ),
      { numRuns: 40, seed: 20261207 },
    );
    // Both sides were exercised: engagements alerted, and engagements left out.
    expect([alerted > 0, left > 0]).toEqual([true, true]);
  });
});
