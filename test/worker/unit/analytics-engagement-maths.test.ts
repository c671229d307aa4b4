import { describe, expect, it } from 'vitest';
import type { ProgrammeKind } from '../../../shared';
import type { Period } from '../../../worker/analytics/calendar';
import {
  computeEngagementAnalytics,
  type EngagementCounts,
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
    daysSinceLastSession: 0,
    health: 'healthy',
    members: [],
    ...facts,
  };
}

/** The per-programme counts the database gives alongside the rows, as if every row were listed. */
function countsOf(engagements: EngagementFacts[]): EngagementCounts[] {
  return programmes.map((p) => {
    const mine = engagements.filter((e) => e.programmeId === p.id);
    const health = { healthy: 0, at_risk: 0, lapsed: 0 };
    for (const e of mine) if (e.health) health[e.health]++;
    return {
      programmeId: p.id,
      engagements: mine.length,
      listed: mine.length,
      active: mine.filter((e) => e.status === 'active').length,
      health,
    };
  });
}

const noResponses: ResponseCell = { responses: 0, slots: 0, respondents: 0 };

function responses(cells: Partial<EngagementInputs['responses']> = {}): EngagementInputs['responses'] {
  return { total: noResponses, byProgramme: new Map(), byMonth: new Map(), complements: [], ...cells };
}

function analyse(input: Partial<EngagementInputs>) {
  return computeEngagementAnalytics({
    counts: countsOf(input.engagements ?? []),
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

describe('the interval each engagement is expected to keep', () => {
  // Health, days since the last session and the order of the list are the database's
  // (test/worker/analytics-engagement-health.test.ts): here, what each row says of its commitment.
  it('is 91.25 / commitment days, and none without a commitment', () => {
    const engagements = [
      engagement('two', { minSessionsPerQuarter: 2 }),
      engagement('one', { minSessionsPerQuarter: 1 }),
      engagement('three', { minSessionsPerQuarter: 3 }),
      engagement('none', { minSessionsPerQuarter: 0 }),
    ];

    const result = analyse({ engagements, asOf: '2026-03-31' });

    expect(rowOf(result, 'two').expectedIntervalDays).toBe(45.63); // 91.25 / 2 = 45.625, to 2 decimals
    expect(rowOf(result, 'one').expectedIntervalDays).toBe(91.25);
    expect(rowOf(result, 'three').expectedIntervalDays).toBe(30.42); // 91.25 / 3 = 30.4166…
    expect(rowOf(result, 'none').expectedIntervalDays).toBe(0);
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
  it('sum the sessions of every month, count active engagements and health over every engagement, and report the distinct people counted in D1', () => {
    const engagements = [
      engagement('ann-ben'),
      engagement('ann-cat', { health: 'lapsed' }),
      engagement('dan-eve', { status: 'paused', health: null }),
    ];
    const months = [
      { programmeId: 'reverse', month: '2026-01', held: 4, cancelled: 1 },
      { programmeId: 'reverse', month: '2026-02', held: 2, cancelled: 0 },
    ];

    // Distinct people are counted where the members are (worker/db/analytics-engagement.ts).
    const result = analyse({ engagements, months, activeParticipants: { total: 3, byProgramme: new Map([['reverse', 3]]) } });

    expect(result.totals).toMatchObject({ sessionsHeld: 6, sessionsCancelled: 1, activeEngagements: 2, activeParticipants: 3 });
    expect(result.totals.health).toEqual({ healthy: 1, at_risk: 0, lapsed: 1 });
    expect(result.engagementCount).toBe(3);
    expect(result.byProgramme.find((p) => p.programmeId === 'reverse')).toMatchObject({ activeParticipants: 3, sessionsHeld: 6 });
  });
});

describe('rows', () => {
  it('keep the order the database gave them in, with their members and no pulse values', () => {
    const members = [{ participantId: 'p-ann', displayName: 'Ann', role: 'mentor' as const }];
    const result = analyse({
      engagements: [engagement('second', { daysSinceLastSession: 3 }), engagement('first', { daysSinceLastSession: 40, members })],
      responses: responses({ total: { responses: 4, slots: 4, respondents: 4 } }),
    });

    expect(result.engagements.map((r) => r.engagementId)).toEqual(['second', 'first']);
    expect(rowOf(result, 'first').members).toEqual(members);
    expect(Object.keys(result.engagements[0]!).sort()).toEqual([
      'daysSinceLastSession',
      'endsOn',
      'engagementId',
      'expected',
      'expectedIntervalDays',
      'health',
      'kind',
      'lastSessionAt',
      'members',
      'programmeId',
      'programmeName',
      'sessionsCancelled',
      'sessionsHeld',
      'startsOn',
      'status',
    ]);
  });
});
