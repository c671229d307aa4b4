import { describe, expect, it } from 'vitest';
import { analyticsOrg } from './analytics-fixture';
import { answersOf, expectedRate } from './pulse-expected';

/**
 * A small organisation with k = 3, fiscal year from January, looked at over Q4 2025 + Q1 2026
 * as of 10 April 2026 (both quarters complete). Every figure below is worked out by hand.
 *
 * reverse (commitment 2): E1 Ann–Ben since 2025-06-01; E2 Cat–Dan since 2026-02-15 (mid-quarter)
 * advisory (commitment 1): E3 Eve, Fay advising Gus since 2025-01-01
 * reverse: E4 Hal–Ida, paused, no sessions
 */
async function quarterOrg() {
  const fx = await analyticsOrg({ minGroupSize: 3, fiscalYearStartMonth: 1 });
  const reverse = await fx.programme('reverse', 2, 'Reverse');
  const advisory = await fx.programme('advisory', 1, 'Council');
  const [ann, ben, cat, dan, eve, fay, gus, hal, ida] = await Promise.all(
    ['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal', 'Ida'].map((n) => fx.person(n)),
  );
  const e1 = await fx.engagement(
    reverse,
    [
      [ann!, 'mentor'],
      [ben!, 'mentee'],
    ],
    { startsOn: '2025-06-01' },
  );
  const e2 = await fx.engagement(
    reverse,
    [
      [cat!, 'mentor'],
      [dan!, 'mentee'],
    ],
    { startsOn: '2026-02-15' },
  );
  const e3 = await fx.engagement(
    advisory,
    [
      [eve!, 'advisor'],
      [fay!, 'advisor'],
      [gus!, 'executive'],
    ],
    { startsOn: '2025-01-01' },
  );
  const e4 = await fx.engagement(
    reverse,
    [
      [hal!, 'mentor'],
      [ida!, 'mentee'],
    ],
    { startsOn: '2025-01-01', status: 'paused' },
  );

  await fx.session(e1, '2025-12-31T23:59:59Z'); // last second of Q4: in Q4
  const jan5 = await fx.session(e1, '2026-01-05T09:00:00Z');
  const jan20 = await fx.session(e1, '2026-01-20T09:00:00Z');
  await fx.session(e1, '2026-02-25T23:30:00Z'); // late evening UTC still counts on 25 Feb
  await fx.session(e1, '2026-03-10T09:00:00Z', { status: 'cancelled' });
  await fx.session(e1, '2026-04-01T00:00:00Z'); // first second of Q2: outside the period
  await fx.session(e2, '2026-02-20T09:00:00Z');
  await fx.session(e3, '2025-10-10T09:00:00Z');
  await fx.session(e3, '2025-12-01T09:00:00Z');
  const jan15 = await fx.session(e3, '2026-01-15T09:00:00Z');

  for (const s of [jan5, jan20]) for (const p of [ann!, ben!]) await fx.pulse(s, p, { value: 4 });
  for (const p of [eve!, fay!, gus!]) await fx.pulse(jan15, p, { value: 5 });

  return { fx, reverse, advisory, e1, e2, e3, e4 };
}

const query = 'from=2025-10-01&to=2026-03-31&asOf=2026-04-10';

describe('GET /v1/analytics/engagement', () => {
  it('counts sessions, active engagements and people over the period', async () => {
    const { fx } = await quarterOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/engagement?${query}`);

    expect(body.period).toEqual({ from: '2025-10-01', to: '2026-03-31', asOf: '2026-04-10' });
    expect(body.minGroupSize).toBe(3);
    expect(body.totals).toEqual({
      sessionsHeld: 8,
      sessionsCancelled: 1,
      activeEngagements: 3,
      activeParticipants: 7,
      commitmentMetRate: 0.75, // E1 missed Q4 (1 < 2), met Q1 (3); E3 met both; E2 began mid-quarter; E4 paused
      commitmentEligible: 4,
      medianDaysBetweenSessions: 36, // gaps 5, 15, 36 (E1) and 52, 45 (E3)
      // 7 answers of 19 chances, but each programme-month's answers come from one engagement: below the floor of k pairings.
      pulseResponseRate: { value: null, suppressed: true },
      health: { healthy: 3, at_risk: 0, lapsed: 0 },
    });
  });

  it('breaks down by programme, suppressing a rate whose programme-months are below the floor', async () => {
    const { fx, reverse, advisory } = await quarterOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/engagement?${query}`);

    expect(body.byProgramme).toEqual([
      {
        programmeId: advisory,
        name: 'Council',
        kind: 'advisory',
        sessionsHeld: 3,
        sessionsCancelled: 0,
        activeEngagements: 1,
        activeParticipants: 3,
        commitmentMetRate: 1,
        commitmentEligible: 2,
        medianDaysBetweenSessions: 48.5,
        pulseResponseRate: { value: null, suppressed: true }, // 3 respondents, but all from one engagement
      },
      {
        programmeId: reverse,
        name: 'Reverse',
        kind: 'reverse',
        sessionsHeld: 5,
        sessionsCancelled: 1,
        activeEngagements: 2,
        activeParticipants: 4,
        commitmentMetRate: 0.5,
        commitmentEligible: 2,
        medianDaysBetweenSessions: 15,
        pulseResponseRate: { value: null, suppressed: true }, // 2 respondents from 1 engagement < k
      },
    ]);
  });

  it('breaks down by month, counting each session on its UTC date', async () => {
    const { fx, reverse, advisory } = await quarterOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/engagement?${query}`);

    expect(body.byMonth.map(({ byProgramme, ...month }: any) => month)).toEqual([
      // Held sessions but no programme-month above the floor: suppressed (even a rate of 0 would say of each member that
      // they did not answer); no held session: nothing to rate.
      { month: '2025-10', sessionsHeld: 1, sessionsCancelled: 0, pulseResponseRate: { value: null, suppressed: true } },
      { month: '2025-11', sessionsHeld: 0, sessionsCancelled: 0, pulseResponseRate: { value: null, suppressed: false } },
      { month: '2025-12', sessionsHeld: 2, sessionsCancelled: 0, pulseResponseRate: { value: null, suppressed: true } },
      { month: '2026-01', sessionsHeld: 3, sessionsCancelled: 0, pulseResponseRate: { value: null, suppressed: true } },
      { month: '2026-02', sessionsHeld: 2, sessionsCancelled: 0, pulseResponseRate: { value: null, suppressed: true } },
      { month: '2026-03', sessionsHeld: 0, sessionsCancelled: 1, pulseResponseRate: { value: null, suppressed: false } },
    ]);
    expect(body.byMonth.map((m: any) => m.byProgramme.map((p: any) => [p.programmeId, p.sessionsHeld, p.sessionsCancelled]))).toEqual([
      [
        [advisory, 1, 0],
        [reverse, 0, 0],
      ],
      [
        [advisory, 0, 0],
        [reverse, 0, 0],
      ],
      [
        [advisory, 1, 0],
        [reverse, 1, 0],
      ],
      [
        [advisory, 1, 0],
        [reverse, 2, 0],
      ],
      [
        [advisory, 0, 0],
        [reverse, 2, 0],
      ],
      [
        [advisory, 0, 0],
        [reverse, 0, 1],
      ],
    ]);
  });

  it('lists each engagement with sessions, expected, health and days since the last session — and no pulse values', async () => {
    const { fx, e1, e2, e3, e4 } = await quarterOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/engagement?${query}`);

    const rows = Object.fromEntries(body.engagements.map((r: any) => [r.engagementId, r]));
    expect(rows[e1]).toMatchObject({
      sessionsHeld: 4,
      sessionsCancelled: 1,
      expected: 4, // 2 × 182 days / 91.25
      expectedIntervalDays: 45.63,
      lastSessionAt: '2026-04-01T00:00:00.000Z', // held before asOf, though after the period
      daysSinceLastSession: 9,
      health: 'healthy',
    });
    expect(rows[e2]).toMatchObject({ sessionsHeld: 1, expected: 1, daysSinceLastSession: 49, health: 'healthy' }); // 2 × 45 days / 91.25
    expect(rows[e3]).toMatchObject({
      sessionsHeld: 3,
      expected: 2,
      expectedIntervalDays: 91.25,
      daysSinceLastSession: 85,
      health: 'healthy',
    });
    expect(rows[e4]).toMatchObject({ status: 'paused', sessionsHeld: 0, daysSinceLastSession: 464, health: null });
    expect(rows[e3].members.map((m: any) => [m.displayName, m.role])).toEqual([
      ['Eve', 'advisor'],
      ['Fay', 'advisor'],
      ['Gus', 'executive'],
    ]);
    expect(JSON.stringify(body.engagements)).not.toMatch(/pulse|value/i);
  });

  it('filters by programme; a pairing of two cannot get its response rate', async () => {
    const { fx, reverse } = await quarterOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/engagement?${query}&programmeId=${reverse}`);

    expect(body.programmeId).toBe(reverse);
    expect(body.totals).toMatchObject({ sessionsHeld: 5, activeEngagements: 2, commitmentMetRate: 0.5 });
    expect(body.totals.pulseResponseRate).toEqual({ value: null, suppressed: true });
    expect(body.engagements).toHaveLength(3);
  });

  it('rates the released programme-months of k people from k pairings: their answers perturbed by their keys, over their chances', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const circle = await fx.programme('classic', 2, 'Circle');
    const pair = await fx.programme('reverse', 2, 'Pair');
    const people = await fx.people(8, 'P');
    const pairings = [0, 2, 4].map((i) =>
      fx.engagement(circle, [
        [people[i]!, 'mentor'],
        [people[i + 1]!, 'mentee'],
      ]),
    );
    for (const [i, e] of (await Promise.all(pairings)).entries()) {
      const s = await fx.session(e, `2026-01-1${i}T09:00:00Z`);
      await fx.session(e, `2026-01-2${i}T09:00:00Z`); // nobody answered this one
      await fx.pulse(s, people[2 * i]!, { value: 4 });
      if (i > 0) await fx.pulse(s, people[2 * i + 1]!, { value: 3 });
    }
    const lone = await fx.engagement(pair, [
      [people[6]!, 'mentor'],
      [people[7]!, 'mentee'],
    ]);
    await fx.pulse(await fx.session(lone, '2026-01-15T09:00:00Z'), people[6]!, { value: 5 });
    const answers = (await answersOf(fx.org.id)).filter((a) => a.programmeId === circle);

    const { body } = await fx.coordinator.get(`/v1/analytics/engagement?${query}`);

    // Circle January: 5 answers from 5 people and 3 pairings, of 3 × 2 sessions × 2 members = 12 chances. The Pair's one
    // engagement is below the floor and left out of the total as well.
    const circleRate = expectedRate([{ answers, expected: 12 }], 3);
    expect(circleRate.suppressed).toBe(false);
    expect(body.totals.pulseResponseRate).toEqual(circleRate);
    expect(body.byProgramme.map((p: any) => [p.name, p.pulseResponseRate])).toEqual([
      ['Circle', circleRate],
      ['Pair', { value: null, suppressed: true }],
    ]);
    expect(body.byMonth.find((m: any) => m.month === '2026-01').pulseResponseRate).toEqual(circleRate);
  });

  it('defaults to the current fiscal quarter of asOf, and judges health on asOf', async () => {
    const { fx, e1 } = await quarterOrg();

    const { body } = await fx.coordinator.get('/v1/analytics/engagement?asOf=2026-06-10');

    expect(body.period).toEqual({ from: '2026-04-01', to: '2026-06-30', asOf: '2026-06-10' });
    expect(body.totals.sessionsHeld).toBe(1); // the 1 April session
    expect(body.totals.commitmentEligible).toBe(0); // Q2 is not over
    const row = body.engagements.find((r: any) => r.engagementId === e1);
    expect(row).toMatchObject({ daysSinceLastSession: 70, health: 'at_risk', expected: 1.6 }); // 70 > 68.4; 2 × 71 days (1 Apr–10 Jun, both counted) / 91.25
  });

  it('follows the organisation’s fiscal year: quarters from February, one of them across the new year', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3, fiscalYearStartMonth: 2 });
    const p = await fx.programme('classic', 2, 'Classic');
    const [a, b] = await fx.people(2, 'P');
    const e = await fx.engagement(
      p,
      [
        [a!, 'mentor'],
        [b!, 'mentee'],
      ],
      { startsOn: '2025-01-01' },
    );
    await fx.session(e, '2025-11-03T09:00:00Z'); // fiscal quarter Nov–Jan
    await fx.session(e, '2026-01-31T23:00:00Z'); // its last evening: still Nov–Jan
    await fx.session(e, '2026-02-01T08:00:00Z'); // fiscal quarter Feb–Apr

    const year = (await fx.coordinator.get('/v1/analytics/engagement?from=2025-11-01&to=2026-04-30&asOf=2026-05-05')).body;
    const current = (await fx.coordinator.get('/v1/analytics/engagement?asOf=2026-05-05')).body;

    expect(year.totals).toMatchObject({ sessionsHeld: 3, commitmentEligible: 2, commitmentMetRate: 0.5 }); // Nov–Jan met (2), Feb–Apr not (1)
    expect(current.period).toEqual({ from: '2026-05-01', to: '2026-07-31', asOf: '2026-05-05' });
  });

  it('exports each table as CSV from the same suppressed result', async () => {
    const { fx } = await quarterOrg();

    const programmes = await fx.coordinator.get(`/v1/analytics/engagement?${query}&format=csv&table=programmes`);
    const months = await fx.coordinator.get(`/v1/analytics/engagement?${query}&format=csv&table=months`);

    expect(programmes.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(programmes.body.split('\r\n')[0]).toBe(
      'programmeId,programme,kind,sessionsHeld,sessionsCancelled,activeEngagements,activeParticipants,commitmentMetRate,commitmentEligible,medianDaysBetweenSessions,pulseResponseRate',
    );
    expect(programmes.body).toContain(',Council,advisory,3,0,1,3,1,2,48.5,suppressed\r\n');
    expect(programmes.body).toContain(',All,,8,1,3,7,0.75,4,36,suppressed\r\n');
    expect(months.body).toContain('2026-01,3,0,suppressed\r\n');
  });

  it('refuses a programme of another organisation, and a period that ends before it starts', async () => {
    const { fx } = await quarterOrg();
    const other = await quarterOrg();

    expect((await fx.coordinator.get(`/v1/analytics/engagement?programmeId=${other.reverse}`)).status).toBe(404);
    expect((await fx.coordinator.get('/v1/analytics/engagement?from=2026-03-01&to=2026-02-01')).status).toBe(400);
  });
});

describe('round trips', () => {
  it('each analytics request makes a few D1 round trips — the caller with their organisation, then one batch — reported in Server-Timing', async () => {
    const { fx, reverse } = await quarterOrg();
    const expected: [string, number][] = [
      ['engagement', 2],
      [`engagement?programmeId=${reverse}`, 2], // the programme is checked in the batch
      ['alerts', 2], // the alerted engagements' members come in the same statement
      ['representation?dimension=gender', 2],
      ['pulse', 2],
    ];

    const measured: [string, number][] = [];
    for (const [path] of expected) {
      const res = await fx.coordinator.get(`/v1/analytics/${path}`);
      expect(res.status).toBe(200);
      measured.push([path, Number(/d1;desc="(\d+) round trips"/.exec(res.headers.get('server-timing') ?? '')?.[1])]);
    }

    expect(measured).toEqual(expected);
  });
  it('counts a person in two active engagements once, and nobody only in a paused one', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const circle = await fx.programme('classic', 1, 'Circle');
    const council = await fx.programme('advisory', 1, 'Council');
    const [ann, ben, cat, dan, eve] = await fx.people(5, 'P');
    await fx.engagement(circle, [
      [ann!, 'mentor'],
      [ben!, 'mentee'],
    ]);
    await fx.engagement(circle, [
      [ann!, 'mentor'],
      [cat!, 'mentee'],
    ]);
    await fx.engagement(council, [
      [ann!, 'advisor'],
      [dan!, 'executive'],
    ]);
    await fx.engagement(
      circle,
      [
        [eve!, 'mentor'],
        [dan!, 'mentee'],
      ],
      { status: 'paused' },
    );

    const { body } = await fx.coordinator.get(`/v1/analytics/engagement?${query}`);

    expect(body.totals.activeParticipants).toBe(4); // Ann, Ben, Cat, Dan
    expect(Object.fromEntries(body.byProgramme.map((p: any) => [p.name, p.activeParticipants]))).toEqual({ Circle: 3, Council: 2 });
  });
});
