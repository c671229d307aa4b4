import { describe, expect, it } from 'vitest';
import { engagementCursorOf, zEngagementAnalytics, type EngagementAnalytics } from '../../shared';
import { analyticsOrg } from './analytics-fixture';

/**
 * The per-engagement list of engagement analytics: a page at a time, most in need first.
 * Commitment 2 a quarter: expected every 45.6 days, at risk past 68.4, lapsed past 136.9.
 * Looked at over Q2 2026 as of 30 June 2026; every engagement began on 1 January 2025.
 *
 *   lapsed1   never met            545 days   lapsed
 *   lapsed2   last 10 January      171 days   lapsed
 *   risk1     last 20 March        102 days   at risk
 *   risk2     last 1 April          90 days   at risk
 *   paused    never met, paused    545 days   (no health)
 *   ok1       last 10 June          20 days   healthy
 *   ok2       last 20 June          10 days   healthy
 */
async function needOrg() {
  const fx = await analyticsOrg({ minGroupSize: 3, fiscalYearStartMonth: 1 });
  const programme = await fx.programme('classic', 2, 'Circle');
  const pair = async (name: string, lastHeld: string | null, status: 'active' | 'paused' = 'active') => {
    const [mentor, mentee] = await fx.people(2, name);
    const e = await fx.engagement(
      programme,
      [
        [mentor!, 'mentor'],
        [mentee!, 'mentee'],
      ],
      { startsOn: '2025-01-01', status },
    );
    if (lastHeld) await fx.session(e, `${lastHeld}T09:00:00Z`);
    return e;
  };
  const ids = {
    lapsed1: await pair('L1', null),
    lapsed2: await pair('L2', '2026-01-10'),
    risk1: await pair('R1', '2026-03-20'),
    risk2: await pair('R2', '2026-04-01'),
    paused: await pair('P', null, 'paused'),
    ok1: await pair('H1', '2026-06-10'),
    ok2: await pair('H2', '2026-06-20'),
  };
  return { fx, programme, pair, ids, inOrder: [ids.lapsed1, ids.lapsed2, ids.risk1, ids.risk2, ids.paused, ids.ok1, ids.ok2] };
}

const query = 'from=2026-04-01&to=2026-06-30&asOf=2026-06-30';

async function page(fx: Awaited<ReturnType<typeof needOrg>>['fx'], params: string): Promise<EngagementAnalytics> {
  const res = await fx.coordinator.get(`/v1/analytics/engagement?${query}&${params}`);
  expect(res.status).toBe(200);
  return zEngagementAnalytics.parse(res.body);
}

describe('the engagement list of GET /v1/analytics/engagement', () => {
  it('lists lapsed first, then at risk, then by days since the last session', async () => {
    const { fx, inOrder } = await needOrg();

    const body = await page(fx, 'limit=200');

    expect(body.engagements.map((r) => r.engagementId)).toEqual(inOrder);
    expect(body.engagements.map((r) => [r.health, r.daysSinceLastSession])).toEqual([
      ['lapsed', 545],
      ['lapsed', 171],
      ['at_risk', 102],
      ['at_risk', 90],
      [null, 545],
      ['healthy', 20],
      ['healthy', 10],
    ]);
    expect(body.engagementCount).toBe(7);
    expect(body.nextCursor).toBeNull();
  });

  it('pages through every row exactly once, with totals and breakdowns the same on every page', async () => {
    const { fx, inOrder } = await needOrg();
    const whole = await page(fx, 'limit=200');

    const first = await page(fx, 'limit=3');
    const second = await page(fx, `limit=3&cursor=${first.nextCursor}`);
    const third = await page(fx, `limit=3&cursor=${second.nextCursor}`);

    expect([first, second, third].map((p) => p.engagements.map((r) => r.engagementId))).toEqual([
      inOrder.slice(0, 3),
      inOrder.slice(3, 6),
      inOrder.slice(6),
    ]);
    expect(third.nextCursor).toBeNull();
    for (const p of [first, second, third]) {
      expect(p.engagementCount).toBe(7);
      expect({ totals: p.totals, byProgramme: p.byProgramme, byMonth: p.byMonth }).toEqual({
        totals: whole.totals,
        byProgramme: whole.byProgramme,
        byMonth: whole.byMonth,
      });
    }
    expect(whole.totals.health).toEqual({ healthy: 2, at_risk: 2, lapsed: 2 });
  });

  it('gives fifty rows a page unless asked for another limit', async () => {
    const { fx, pair } = await needOrg();
    for (let i = 0; i < 45; i++) await pair(`X${i}`, '2026-06-25');

    const body = await page(fx, '');

    expect(body.engagements).toHaveLength(50);
    expect(body.engagementCount).toBe(52);
    expect(body.nextCursor).not.toBeNull();
  });

  it('resumes after the last row it gave even when rows are added before it (a keyset, not an offset)', async () => {
    const { fx, pair, inOrder } = await needOrg();
    const first = await page(fx, 'limit=3');

    await pair('L3', '2025-12-01'); // lapsed: sorts into the first page
    const second = await page(fx, `limit=3&cursor=${first.nextCursor}`);

    expect(second.engagements.map((r) => r.engagementId)).toEqual(inOrder.slice(3, 6));
    expect(second.engagementCount).toBe(8);
  });

  it('refuses a cursor it did not give, and a limit out of range, with the error envelope', async () => {
    const { fx } = await needOrg();
    const notOurs = [
      'not-a-cursor!',
      btoa('{"rank":0}'),
      engagementCursorOf([0, 1, 'x' as string]), // a key, but not an engagement id
      btoa(JSON.stringify([7, 1, crypto.randomUUID()])), // no such rank
    ];

    const replies = await Promise.all([
      ...notOurs.map((cursor) => fx.coordinator.get(`/v1/analytics/engagement?${query}&cursor=${encodeURIComponent(cursor)}`)),
      fx.coordinator.get(`/v1/analytics/engagement?${query}&limit=0`),
      fx.coordinator.get(`/v1/analytics/engagement?${query}&limit=201`),
    ]);

    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('invalid_input');
      expect(reply.body.error.details.map((d: { path: string }) => d.path)).toEqual([expect.stringMatching(/^(cursor|limit)(\.|$)/)]);
    }
  });

  it('exports every row as CSV whatever the limit and cursor, in the same order', async () => {
    const { fx, inOrder } = await needOrg();
    const first = await page(fx, 'limit=2');

    const csv = await fx.coordinator.get(
      `/v1/analytics/engagement?${query}&format=csv&table=engagements&limit=2&cursor=${first.nextCursor}`,
    );

    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 7);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(inOrder);
  });
});
