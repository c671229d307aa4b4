import { describe, expect, it } from 'vitest';
import type { ProgrammeKind } from '../../../shared';
import type { Period } from '../../../worker/analytics/calendar';
import {
  computeEngagementAnalytics,
  type EngagementFacts,
  type EngagementInputs,
  type ResponseCell,
} from '../../../worker/analytics/engagement';

/**
 * Engagement analytics (PRODUCT.md §4, privacy §5) computed from hand-made facts, no database.
 * Unless a test says otherwise: Q1 2026 (1 January to 31 March, 90 days), as of 10 April 2026
 * (so the period is over), k = 3.
 */
const q1: Period = { from: '2026-01-01', to: '2026-03-31' };

const programmes: { id: string; name: string; kind: ProgrammeKind }[] = [
  { id: 'classic', name: 'Classic', kind: 'classic' },
  { id: 'reverse', name: 'Reverse', kind: 'reverse' },
  { id: 'council', name: 'Council', kind: 'advisory' },
  { id: 'rotation', name: 'Rotation', kind: 'rotation' },
];

/** An active reverse pairing with a commitment of 2, running since 2025, with nothing held. */
function engagement(id: string, facts: Partial<EngagementFacts> = {}): EngagementFacts {
  const programme = programmes.find((p) => p.id === (facts.programmeId ?? 'reverse'))!;
  return {
    id,
    programmeId: programme.id,
    programmeName: programme.name,
    kind: programme.kind,
    minSessionsPerQuarter: 2,
    status: 'active',
    startsOn: '2025-01-01',
    endsOn: null,
    heldInPeriod: 0,
    cancelledInPeriod: 0,
    lastHeldAt: null,
    ...facts,
  };
}

const noResponses: ResponseCell = { responses: 0, slots: 0, respondents: 0 };

function responses(cells: Partial<EngagementInputs['responses']> = {}): EngagementInputs['responses'] {
  return { total: noResponses, byProgramme: new Map(), byMonth: new Map(), complements: [], ...cells };
}

function analyse(input: Partial<EngagementInputs>) {
  return computeEngagementAnalytics({
    period: q1,
    asOf: '2026-04-10',
    k: 3,
    programmeId: null,
    engagements: [],
    commitment: [],
    programmes,
    activeParticipants: { total: 0, byProgramme: new Map() },
    months: [],
    gaps: [],
    responses: responses(),
    ...input,
  });
}

const rowOf = (result: ReturnType<typeof analyse>, id: string) => result.engagements.find((r) => r.engagementId === id)!;
const shown = (value: number | null) => ({ value, suppressed: false });
const withheld = { value: null, suppressed: true };

describe('health of each engagement', () => {
  it('expects a session every 91.25 / commitment days', () => {
    const engagements = [
      engagement('two', { minSessionsPerQuarter: 2, lastHeldAt: '2026-03-20T09:00:00Z' }),
      engagement('one', { minSessionsPerQuarter: 1, lastHeldAt: '2026-03-20T09:00:00Z' }),
      engagement('three', { minSessionsPerQuarter: 3, lastHeldAt: '2026-03-20T09:00:00Z' }),
      engagement('none', { minSessionsPerQuarter: 0 }),
    ];

    const result = analyse({ engagements, asOf: '2026-03-31' });

    expect(rowOf(result, 'two').expectedIntervalDays).toBe(45.63); // 91.25 / 2 = 45.625, to 2 decimals
    expect(rowOf(result, 'one').expectedIntervalDays).toBe(91.25);
    expect(rowOf(result, 'three').expectedIntervalDays).toBe(30.42); // 91.25 / 3 = 30.4166…
    // No commitment: no interval (shown as 0), so even 454 days without a session
    // (1 Jan 2025 → 1 Jan 2026 is 365, → 31 Mar 2026 another 89) is not a lapse.
    expect(rowOf(result, 'none')).toMatchObject({ expectedIntervalDays: 0, daysSinceLastSession: 454, health: 'healthy' });
  });

  it('turns at risk just past 1.5 × the interval and lapsed just past 3 ×', () => {
    // Commitment 2: interval 45.625 days; 1.5 × = 68.4375, 3 × = 136.875. As of 31 March:
    const engagements = [
      engagement('d68', { lastHeldAt: '2026-01-22T09:00:00Z' }), // 9 (to 31 Jan) + 28 + 31 = 68
      engagement('d69', { lastHeldAt: '2026-01-21T09:00:00Z' }), // 69
      engagement('d136', { lastHeldAt: '2025-11-15T09:00:00Z' }), // 16 (to 1 Dec) + 31 + 89 (1 Jan → 31 Mar) = 136
      engagement('d137', { lastHeldAt: '2025-11-14T09:00:00Z' }), // 137
    ];

    const result = analyse({ engagements, asOf: '2026-03-31' });

    expect(result.engagements.map((r) => [r.engagementId, r.daysSinceLastSession, r.health])).toEqual([
      ['d137', 137, 'lapsed'],
      ['d136', 136, 'at_risk'],
      ['d69', 69, 'at_risk'],
      ['d68', 68, 'healthy'],
    ]);
    expect(result.totals.health).toEqual({ healthy: 1, at_risk: 2, lapsed: 1 });
  });

  it('counts the day exactly on a threshold as before it: "past" means strictly past', () => {
    // No whole commitment puts a threshold on a whole day (1.5 × 91.25 / n = 1095 / 8n), so this
    // takes a commitment of 4.5625 sessions: an interval of exactly 20 days, thresholds at 30 and 60.
    const engagements = [
      engagement('d30', { minSessionsPerQuarter: 4.5625, lastHeldAt: '2026-03-01T09:00:00Z' }), // 1 → 31 March: 30
      engagement('d31', { minSessionsPerQuarter: 4.5625, lastHeldAt: '2026-02-28T09:00:00Z' }), // 31
      engagement('d60', { minSessionsPerQuarter: 4.5625, lastHeldAt: '2026-01-30T09:00:00Z' }), // 1 (to 31 Jan) + 28 + 31 = 60
      engagement('d61', { minSessionsPerQuarter: 4.5625, lastHeldAt: '2026-01-29T09:00:00Z' }), // 61
    ];

    const result = analyse({ engagements, asOf: '2026-03-31' });

    expect(result.engagements.map((r) => [r.engagementId, r.expectedIntervalDays, r.daysSinceLastSession, r.health])).toEqual([
      ['d61', 20, 61, 'lapsed'],
      ['d60', 20, 60, 'at_risk'],
      ['d31', 20, 31, 'at_risk'],
      ['d30', 20, 30, 'healthy'],
    ]);
  });

  it('gives no health to a paused or closed engagement, nor to one that has not started', () => {
    // As of 14 February, in the middle of Q1.
    const engagements = [
      engagement('running', { lastHeldAt: '2026-02-01T09:00:00Z' }),
      engagement('paused', { status: 'paused' }),
      engagement('closed', { status: 'closed', endsOn: '2026-01-31' }),
      engagement('later', { startsOn: '2026-03-01' }),
    ];

    const result = analyse({ engagements, asOf: '2026-02-14' });

    expect(result.engagements.map((r) => [r.engagementId, r.health])).toEqual([
      ['closed', null], // 1 Jan 2025 → 14 Feb 2026: 365 + 44 = 409 days since its start
      ['paused', null], // the same 409 days
      ['running', 'healthy'], // 13 days
      ['later', null], // 0 days: it has had no time to lapse
    ]);
    expect(result.totals.health).toEqual({ healthy: 1, at_risk: 0, lapsed: 0 });
  });
});

describe('sessions expected of each engagement', () => {
  it('prorates the commitment by the days an engagement runs inside the period', () => {
    const engagements = [
      engagement('whole', { minSessionsPerQuarter: 2 }),
      engagement('starts', { minSessionsPerQuarter: 3, startsOn: '2026-02-15' }),
      engagement('ends', { minSessionsPerQuarter: 2, status: 'closed', startsOn: '2025-06-01', endsOn: '2026-02-09' }),
    ];

    const result = analyse({ engagements });

    expect(rowOf(result, 'whole').expected).toBe(2); // 2 × 90 / 91.25 = 1.97
    expect(rowOf(result, 'starts').expected).toBe(1.5); // 15 Feb → 31 Mar is 14 + 31 = 45 days: 3 × 45 / 91.25 = 1.48
    expect(rowOf(result, 'ends').expected).toBe(0.9); // 1 Jan → 9 Feb is 31 + 9 = 40 days: 2 × 40 / 91.25 = 0.88
  });

  it('counts only the days up to asOf while the period is still running', () => {
    const engagements = [engagement('whole', { minSessionsPerQuarter: 2 }), engagement('later', { startsOn: '2026-03-01' })];

    const result = analyse({ engagements, asOf: '2026-02-14' });

    expect(rowOf(result, 'whole').expected).toBe(1); // 1 Jan → 14 Feb is 31 + 14 = 45 days: 2 × 45 / 91.25 = 0.99
    expect(rowOf(result, 'later').expected).toBe(0); // starts after asOf: no day running yet
  });
});

describe('commitment met', () => {
  // Which engagement-quarters are eligible and met is the database's (a row per programme, whatever
  // the number of quarters): test/worker/analytics-engagement.test.ts checks it against D1. Here:
  // how the counts become the rates.
  const engagements = [engagement('pair'), engagement('council', { programmeId: 'council', minSessionsPerQuarter: 1 })];
  const commitment = [
    { programmeId: 'reverse', eligible: 3, met: 2 },
    { programmeId: 'council', eligible: 2, met: 2 },
  ];

  it('rates met engagement-quarters against eligible ones, over every programme', () => {
    const result = analyse({ engagements, commitment });

    expect(result.totals).toMatchObject({ commitmentMetRate: 0.8, commitmentEligible: 5 });
  });

  it('breaks the rate down by programme', () => {
    const result = analyse({ engagements, commitment });

    expect(result.byProgramme.map((p) => [p.programmeId, p.commitmentMetRate, p.commitmentEligible])).toEqual([
      ['reverse', 0.6667, 3],
      ['council', 1, 2],
    ]);
  });

  it('has no rate without an eligible engagement-quarter', () => {
    const result = analyse({ engagements, commitment: [] });

    expect(result.totals).toMatchObject({ commitmentMetRate: null, commitmentEligible: 0 });
    expect(result.byProgramme.every((p) => p.commitmentMetRate === null)).toBe(true);
  });
});

describe('median days between sessions', () => {
  const engagements = [engagement('pair'), engagement('council', { programmeId: 'council', minSessionsPerQuarter: 1 })];

  it('takes the middle gap of an odd count and the mean of the middle two of an even one', () => {
    const gaps = [
      { programmeId: 'reverse', gap: 20, count: 1 },
      { programmeId: 'reverse', gap: 7, count: 2 },
      { programmeId: 'council', gap: 45, count: 1 },
    ];

    const result = analyse({ engagements, gaps });

    expect(result.totals.medianDaysBetweenSessions).toBe(13.5); // 7, 7, 20, 45: (7 + 20) / 2
    expect(result.byProgramme.map((p) => [p.programmeId, p.medianDaysBetweenSessions])).toEqual([
      ['reverse', 7], // 7, 7, 20
      ['council', 45],
    ]);
  });

  it('is null where no two consecutive held sessions fall inside the period', () => {
    const result = analyse({ engagements, gaps: [{ programmeId: 'reverse', gap: 12, count: 1 }] });
    const none = analyse({ engagements, gaps: [] });

    expect(result.byProgramme.map((p) => [p.programmeId, p.medianDaysBetweenSessions])).toEqual([
      ['reverse', 12],
      ['council', null],
    ]);
    expect(none.totals.medianDaysBetweenSessions).toBeNull();
  });
});

describe('pulse response rate', () => {
  it('divides responses by held sessions × members', () => {
    const result = analyse({
      engagements: [engagement('pair')],
      responses: responses({ total: { responses: 7, slots: 19, respondents: 7 } }),
    });

    expect(result.totals.pulseResponseRate).toEqual(shown(0.3684)); // 7 / 19 = 0.36842
  });

  it('suppresses a rate resting on 1 to k − 1 respondents and shows one resting on k', () => {
    const rateWith = (respondents: number) =>
      analyse({ engagements: [engagement('pair')], responses: responses({ total: { responses: 2, slots: 8, respondents } }) }).totals
        .pulseResponseRate;

    expect([1, 2, 3].map(rateWith)).toEqual([withheld, withheld, shown(0.25)]); // k = 3; 2 / 8 = 0.25
  });

  it('shows a rate with no respondents as zero', () => {
    const result = analyse({
      engagements: [engagement('pair')],
      responses: responses({ total: { responses: 0, slots: 6, respondents: 0 } }),
    });

    expect(result.totals.pulseResponseRate).toEqual(shown(0));
  });

  it('leaves the rate empty, not zero, when no session was held to respond to', () => {
    const result = analyse({ engagements: [engagement('pair')] });

    expect(result.totals.pulseResponseRate).toEqual(shown(null));
  });

  it('withholds the result and every cell of its breakdowns when the filter leaves out 1 to k − 1 respondents', () => {
    // Filtered to Reverse. 9 / 12 = 0.75 overall; January 5 / 8 = 0.625, February 4 / 4 = 1, March nothing held.
    const filtered = (complements: number[]) =>
      analyse({
        programmeId: 'reverse',
        engagements: [engagement('a'), engagement('b')],
        responses: responses({
          total: { responses: 9, slots: 12, respondents: 4 },
          byProgramme: new Map([['reverse', { responses: 9, slots: 12, respondents: 4 }]]),
          byMonth: new Map([
            ['2026-01', { responses: 5, slots: 8, respondents: 4 }],
            ['2026-02', { responses: 4, slots: 4, respondents: 3 }],
          ]),
          complements,
        }),
      });

    // Respondents left out by the filter: [of the other programmes, of the other periods].
    const isolating = filtered([0, 2]);
    const safe = filtered([3, 0]);

    expect(isolating.totals.pulseResponseRate).toEqual(withheld);
    expect(isolating.byProgramme.map((p) => p.pulseResponseRate)).toEqual([withheld]);
    expect(isolating.byMonth.map((m) => m.pulseResponseRate)).toEqual([withheld, withheld, withheld]);
    expect(safe.totals.pulseResponseRate).toEqual(shown(0.75));
    expect(safe.byProgramme.map((p) => p.pulseResponseRate)).toEqual([shown(0.75)]);
    expect(safe.byMonth.map((m) => m.pulseResponseRate)).toEqual([shown(0.625), shown(1), shown(null)]);
  });

  it('suppresses the next smallest programme alongside a lone suppressed one, and leaves an empty one shown', () => {
    const engagements = programmes.map((p) => engagement(p.id, { programmeId: p.id }));
    const byProgramme = new Map([
      ['classic', { responses: 2, slots: 4, respondents: 2 }], // 2 < k: suppressed
      ['reverse', { responses: 6, slots: 10, respondents: 5 }],
      ['council', { responses: 4, slots: 9, respondents: 4 }], // the next smallest: suppressed with it
      ['rotation', { responses: 0, slots: 4, respondents: 0 }], // zero reveals nothing
    ]);

    const result = analyse({ engagements, responses: responses({ total: { responses: 12, slots: 27, respondents: 11 }, byProgramme }) });

    expect(result.totals.pulseResponseRate).toEqual(shown(0.4444)); // 12 / 27
    expect(result.byProgramme.map((p) => [p.programmeId, p.pulseResponseRate])).toEqual([
      ['classic', withheld],
      ['reverse', shown(0.6)], // 6 / 10
      ['council', withheld],
      ['rotation', shown(0)],
    ]);
  });

  it('goes on suppressing until the suppressed programmes rest on k or more respondents together', () => {
    const engagements = programmes.map((p) => engagement(p.id, { programmeId: p.id }));
    const byProgramme = new Map([
      ['classic', { responses: 1, slots: 2, respondents: 1 }],
      ['reverse', { responses: 1, slots: 2, respondents: 1 }], // with classic: 2 people < k, so total − shown would give the pair
      ['council', { responses: 5, slots: 8, respondents: 6 }],
      ['rotation', { responses: 3, slots: 6, respondents: 3 }], // the next smallest: 1 + 1 + 3 = 5 ≥ k
    ]);

    const result = analyse({ engagements, responses: responses({ total: { responses: 10, slots: 18, respondents: 11 }, byProgramme }) });

    expect(result.byProgramme.map((p) => [p.programmeId, p.pulseResponseRate])).toEqual([
      ['classic', withheld],
      ['reverse', withheld],
      ['council', shown(0.625)], // 5 / 8
      ['rotation', withheld],
    ]);
  });

  it('suppresses the next smallest month alongside a lone suppressed one', () => {
    const byMonth = new Map([
      ['2026-01', { responses: 4, slots: 8, respondents: 4 }], // the next smallest: suppressed with February
      ['2026-02', { responses: 1, slots: 2, respondents: 1 }], // 1 < k: suppressed
    ]);

    const result = analyse({
      engagements: [engagement('pair')],
      responses: responses({ total: { responses: 5, slots: 10, respondents: 4 }, byMonth }),
    });

    expect(result.byMonth.map((m) => [m.month, m.pulseResponseRate])).toEqual([
      ['2026-01', withheld],
      ['2026-02', withheld],
      ['2026-03', shown(null)], // nothing held: no one to hide
    ]);
  });
});

describe('breakdown by month', () => {
  it('lists every month of the period, with zero sessions in a month without any', () => {
    const engagements = [engagement('pair'), engagement('council', { programmeId: 'council', minSessionsPerQuarter: 1 })];
    const months = [
      { programmeId: 'reverse', month: '2026-01', held: 3, cancelled: 1 },
      { programmeId: 'council', month: '2026-01', held: 1, cancelled: 0 },
      { programmeId: 'reverse', month: '2026-03', held: 2, cancelled: 0 },
    ];
    const byMonth = new Map([
      ['2026-01', { responses: 0, slots: 9, respondents: 0 }], // 3 held × 2 members + 1 held × 3 members
      ['2026-03', { responses: 0, slots: 4, respondents: 0 }], // 2 × 2
    ]);

    const result = analyse({ engagements, months, responses: responses({ byMonth }) });

    expect(result.byMonth).toEqual([
      {
        month: '2026-01',
        sessionsHeld: 4,
        sessionsCancelled: 1,
        pulseResponseRate: shown(0),
        byProgramme: [
          { programmeId: 'reverse', sessionsHeld: 3, sessionsCancelled: 1 },
          { programmeId: 'council', sessionsHeld: 1, sessionsCancelled: 0 },
        ],
      },
      {
        month: '2026-02',
        sessionsHeld: 0,
        sessionsCancelled: 0,
        pulseResponseRate: shown(null),
        byProgramme: [
          { programmeId: 'reverse', sessionsHeld: 0, sessionsCancelled: 0 },
          { programmeId: 'council', sessionsHeld: 0, sessionsCancelled: 0 },
        ],
      },
      {
        month: '2026-03',
        sessionsHeld: 2,
        sessionsCancelled: 0,
        pulseResponseRate: shown(0),
        byProgramme: [
          { programmeId: 'reverse', sessionsHeld: 2, sessionsCancelled: 0 },
          { programmeId: 'council', sessionsHeld: 0, sessionsCancelled: 0 },
        ],
      },
    ]);
  });
});

describe('totals', () => {
  it('counts sessions of every engagement, the active engagements, and reports the distinct people counted in D1', () => {
    const engagements = [
      engagement('ann-ben', { heldInPeriod: 3, cancelledInPeriod: 1 }),
      engagement('ann-cat', { heldInPeriod: 2 }),
      engagement('dan-eve', { status: 'paused', heldInPeriod: 1 }),
    ];

    // Distinct people are counted where the members are (worker/db/analytics-engagement.ts).
    const result = analyse({ engagements, activeParticipants: { total: 3, byProgramme: new Map([['reverse', 3]]) } });

    expect(result.totals).toMatchObject({ sessionsHeld: 6, sessionsCancelled: 1, activeEngagements: 2, activeParticipants: 3 });
    expect(result.byProgramme.find((p) => p.programmeId === 'reverse')).toMatchObject({ activeParticipants: 3 });
  });
});

describe('rows', () => {
  it('lists the longest-silent engagement first, ties by id, and leaves out one that ended before the period', () => {
    // As of 31 March.
    const engagements = [
      engagement('e-b', { lastHeldAt: '2026-03-21T09:00:00Z' }), // 10 days
      engagement('e-d', { startsOn: '2026-03-31' }), // nothing held, started today: 0
      engagement('e-old', { status: 'closed', startsOn: '2025-01-01', endsOn: '2025-12-31' }), // no session in Q1
      engagement('e-a', { lastHeldAt: '2026-03-21T18:00:00Z' }), // 10 days
      engagement('e-c', { lastHeldAt: '2026-02-19T09:00:00Z' }), // 10 (to 1 Mar) + 30 = 40 days
    ];

    const result = analyse({ engagements, asOf: '2026-03-31' });

    expect(result.engagements.map((r) => [r.engagementId, r.daysSinceLastSession])).toEqual([
      ['e-c', 40],
      ['e-a', 10],
      ['e-b', 10],
      ['e-d', 0],
    ]);
  });

  it('carries no pulse values (members are added to the rows sent, by the route)', () => {
    const result = analyse({
      engagements: [engagement('pair')],
      responses: responses({ total: { responses: 4, slots: 4, respondents: 4 } }),
    });

    expect(Object.keys(result.engagements[0]!).sort()).toEqual([
      'daysSinceLastSession',
      'endsOn',
      'engagementId',
      'expected',
      'expectedIntervalDays',
      'health',
      'kind',
      'lastSessionAt',
      'programmeId',
      'programmeName',
      'sessionsCancelled',
      'sessionsHeld',
      'startsOn',
      'status',
    ]);
  });
});
