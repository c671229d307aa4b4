import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zEngagementAnalytics } from '../../shared';
import { dateOf, dayNumber } from '../../worker/analytics/calendar';
import { byNeed } from '../../worker/analytics/engagement-list';
import { daysSinceLastSession, expectedIntervalDays, healthOf } from '../../worker/analytics/health';
import { analyticsOrg } from './analytics-fixture';

/**
 * Health and the order of need of each engagement, as the database works them out for the list
 * (worker/db/analytics-engagement-list.ts) — checked on hand-made cases and against the rules of
 * worker/analytics/health.ts and engagement-list.ts, kept as the oracle, on random organisations.
 */

async function rows(fx: Awaited<ReturnType<typeof analyticsOrg>>, query: string) {
  const res = await fx.coordinator.get(`/v1/analytics/engagement?${query}&limit=200`);
  expect(res.status).toBe(200);
  return zEngagementAnalytics.parse(res.body);
}

/** An org with one programme of the given commitment and an active pairing per last-held date. */
async function pairs(commitment: number, lastHeld: Record<string, string | null>, opts: { startsOn?: string } = {}) {
  const fx = await analyticsOrg({ minGroupSize: 3, fiscalYearStartMonth: 1 });
  const programme = await fx.programme('classic', commitment, 'Circle');
  const ids: Record<string, string> = {};
  for (const [name, at] of Object.entries(lastHeld)) {
    const [a, b] = await fx.people(2, name);
    ids[name] = await fx.engagement(
      programme,
      [
        [a!, 'mentor'],
        [b!, 'mentee'],
      ],
      { startsOn: opts.startsOn ?? '2025-01-01' },
    );
    if (at) await fx.session(ids[name]!, at);
  }
  const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)![0];
  return { fx, ids, name };
}

describe('health of each engagement', () => {
  it('turns at risk just past 1.5 × the interval and lapsed just past 3 ×', async () => {
    // Commitment 2: interval 45.625 days; 1.5 × = 68.4375, 3 × = 136.875. As of 31 March 2026:
    const { fx, name } = await pairs(2, {
      d68: '2026-01-22T09:00:00Z', // 9 (to 31 Jan) + 28 + 31 = 68
      d69: '2026-01-21T09:00:00Z',
      d136: '2025-11-15T09:00:00Z', // 16 (to 1 Dec) + 31 + 89 = 136
      d137: '2025-11-14T09:00:00Z',
    });

    const result = await rows(fx, 'from=2026-01-01&to=2026-03-31&asOf=2026-03-31');

    expect(result.engagements.map((r) => [name(r.engagementId), r.daysSinceLastSession, r.health])).toEqual([
      ['d137', 137, 'lapsed'],
      ['d136', 136, 'at_risk'],
      ['d69', 69, 'at_risk'],
      ['d68', 68, 'healthy'],
    ]);
    expect(result.totals.health).toEqual({ healthy: 1, at_risk: 2, lapsed: 1 });
  });

  it('counts the day exactly on a threshold as before it: "past" means strictly past', async () => {
    // No whole commitment puts a threshold on a whole day (1.5 × 91.25 / n = 1095 / 8n), so this
    // takes a commitment of 4.5625 sessions: an interval of exactly 20 days, thresholds at 30 and 60.
    const { fx, name } = await pairs(4.5625, {
      d30: '2026-03-01T09:00:00Z',
      d31: '2026-02-28T09:00:00Z',
      d60: '2026-01-30T09:00:00Z',
      d61: '2026-01-29T09:00:00Z',
    });

    const result = await rows(fx, 'from=2026-01-01&to=2026-03-31&asOf=2026-03-31');

    expect(result.engagements.map((r) => [name(r.engagementId), r.expectedIntervalDays, r.daysSinceLastSession, r.health])).toEqual([
      ['d61', 20, 61, 'lapsed'],
      ['d60', 20, 60, 'at_risk'],
      ['d31', 20, 31, 'at_risk'],
      ['d30', 20, 30, 'healthy'],
    ]);
  });

  it('never lapses without a commitment, however long since the last session', async () => {
    const { fx } = await pairs(0, { silent: null });

    const [row] = (await rows(fx, 'from=2026-01-01&to=2026-03-31&asOf=2026-03-31')).engagements;

    // 1 Jan 2025 → 31 Mar 2026: 365 + 89 days.
    expect(row).toMatchObject({ expectedIntervalDays: 0, daysSinceLastSession: 454, health: 'healthy' });
  });

  it('gives no health to a paused or closed engagement, nor to one that has not started; judges the rest on asOf', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3, fiscalYearStartMonth: 1 });
    const programme = await fx.programme('classic', 2, 'Circle');
    const make = async (label: string, opts: Parameters<typeof fx.engagement>[2]) => {
      const [a, b] = await fx.people(2, label);
      return fx.engagement(
        programme,
        [
          [a!, 'mentor'],
          [b!, 'mentee'],
        ],
        { startsOn: '2025-01-01', ...opts },
      );
    };
    const running = await make('running', {});
    await fx.session(running, '2026-02-01T09:00:00Z');
    await fx.session(running, '2026-03-01T09:00:00Z'); // after asOf: not yet held as of 14 February
    const ids = {
      [running]: 'running',
      [await make('paused', { status: 'paused' })]: 'paused',
      [await make('closed', { status: 'closed', endsOn: '2026-01-31' })]: 'closed',
      [await make('later', { startsOn: '2026-03-01' })]: 'later',
    };

    const result = await rows(fx, 'from=2026-01-01&to=2026-03-31&asOf=2026-02-14');

    const byName = Object.fromEntries(result.engagements.map((r) => [ids[r.engagementId], [r.daysSinceLastSession, r.health]]));
    expect(byName).toEqual({
      closed: [409, null], // 1 Jan 2025 → 14 Feb 2026: 365 + 44 days since its start
      paused: [409, null],
      running: [13, 'healthy'],
      later: [0, null], // it has had no time to lapse
    });
    // Most days first; the two of 409 days in the order of their ids.
    expect(result.engagements.map((r) => r.daysSinceLastSession)).toEqual([409, 409, 13, 0]);
    expect(result.engagements[0]!.engagementId < result.engagements[1]!.engagementId).toBe(true);
    expect(result.totals.health).toEqual({ healthy: 1, at_risk: 0, lapsed: 0 });
  });
});

describe('the list', () => {
  it('puts the longest-silent first, ties by id, and leaves out an engagement that ended before the period', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3, fiscalYearStartMonth: 1 });
    const programme = await fx.programme('classic', 2, 'Circle');
    const ids: string[] = [];
    for (const [i, opts] of ([{}, {}, { status: 'closed', endsOn: '2025-12-31' }] as const).entries()) {
      const [a, b] = await fx.people(2, `P${i}`);
      ids.push(
        await fx.engagement(
          programme,
          [
            [a!, 'mentor'],
            [b!, 'mentee'],
          ],
          { startsOn: '2025-01-01', ...opts },
        ),
      );
    }
    await fx.session(ids[0]!, '2026-03-21T09:00:00Z');
    await fx.session(ids[1]!, '2026-03-21T18:00:00Z'); // the same day: 10 days each

    const result = await rows(fx, 'from=2026-01-01&to=2026-03-31&asOf=2026-03-31');

    expect(result.engagements.map((r) => r.engagementId)).toEqual([...ids.slice(0, 2)].sort());
    expect(result.engagementCount).toBe(2);
  });

  it('agrees with the rules of health.ts and the order of engagement-list.ts on random organisations', async () => {
    const statuses = ['active', 'active', 'active', 'paused', 'closed'] as const;
    const engagementArb = fc.record({
      status: fc.constantFrom(...statuses),
      startDay: fc.integer({ min: 0, max: 700 }),
      endsAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      sessions: fc.array(fc.record({ day: fc.integer({ min: 0, max: 800 }), held: fc.boolean() }), { maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.array(engagementArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 300, max: 800 }),
        async (commitment, engagements, asOfDay) => {
          const fx = await analyticsOrg({ minGroupSize: 3, fiscalYearStartMonth: 1 });
          const programme = await fx.programme('classic', commitment, 'Circle');
          const base = dayNumber('2025-01-01');
          const facts = [];
          for (const [i, e] of engagements.entries()) {
            const [a, b] = await fx.people(2, `R${i}`);
            const startsOn = dateOf(base + e.startDay);
            const endsOn = e.endsAfter === null ? null : dateOf(base + e.startDay + e.endsAfter);
            const id = await fx.engagement(
              programme,
              [
                [a!, 'mentor'],
                [b!, 'mentee'],
              ],
              { startsOn, endsOn, status: e.status },
            );
            for (const s of e.sessions)
              await fx.session(id, `${dateOf(base + s.day)}T10:00:00Z`, { status: s.held ? 'held' : 'cancelled' });
            facts.push({ id, startsOn, status: e.status, sessions: e.sessions });
          }
          const asOf = dateOf(base + asOfDay);
          const period = { from: '2025-01-01', to: '2027-03-31' }; // every engagement overlaps it: all are listed

          const result = await rows(fx, `from=${period.from}&to=${period.to}&asOf=${asOf}`);

          const interval = expectedIntervalDays(commitment);
          const oracle = byNeed(
            facts.map((f) => {
              const held = f.sessions.filter((s) => s.held && s.day <= asOfDay).map((s) => s.day);
              const last = held.length ? `${dateOf(base + Math.max(...held))}T10:00:00.000Z` : null;
              const days = daysSinceLastSession(last, f.startsOn, asOf);
              const health = f.status === 'active' && f.startsOn <= asOf ? healthOf(days, interval) : null;
              return { engagementId: f.id, daysSinceLastSession: days, health, lastSessionAt: last };
            }),
          );
          expect(result.engagements.map((r) => [r.engagementId, r.daysSinceLastSession, r.health, r.lastSessionAt])).toEqual(
            oracle.map((r) => [r.engagementId, r.daysSinceLastSession, r.health, r.lastSessionAt]),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});
