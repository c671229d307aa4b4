import { describe, expect, it } from 'vitest';
import { disclosure, maxNoise, perturb, type ProgrammeKind } from '../../../shared';
import type { Period } from '../../../worker/analytics/calendar';
import {
  computeEngagementAnalytics,
  type EngagementCounts,
  type EngagementFacts,
  type EngagementInputs,
  type ResponseCell,
  responseRateSalt,
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

/** A released programme-month of the response rate: by default 6 answers from 5 people and 3 pairings, of 10 chances. */
const cell = (programmeId: string, month: string, facts: Partial<ResponseCell> = {}): ResponseCell => ({
  programmeId,
  month,
  answers: 6,
  expected: 10,
  respondents: 5,
  engagements: 3,
  cellKey: 77,
  ...facts,
});
/** A cell's answers as released: perturbed by its key (shared/rules/disclosure.ts). */
const released = (c: ResponseCell) => perturb(c.answers, c.cellKey, responseRateSalt);
const rateOf = (cells: ResponseCell[]) =>
  Math.min(1, Math.round((cells.reduce((n, c) => n + released(c), 0) / cells.reduce((n, c) => n + c.expected, 0)) * 100) / 100);

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
    responseCells: [],
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
  it('divides the released answers of the countable programme-months by their chances, to 2 decimals', () => {
    const cells = [cell('reverse', '2026-01', { answers: 7, expected: 19, cellKey: 12 }), cell('reverse', '2026-02', { cellKey: 200 })];

    const result = analyse({ engagements: [engagement('pair')], responseCells: cells });

    expect(result.totals.pulseResponseRate).toEqual(shown(rateOf(cells)));
    expect(Math.abs(released(cells[0]!) - 7)).toBeLessThanOrEqual(maxNoise); // the noise is bounded
  });

  it('counts a programme-month only with k people from k pairings, and suppresses a scope with none', () => {
    const rateWith = (respondents: number, engagements: number) =>
      analyse({ engagements: [engagement('pair')], responseCells: [cell('reverse', '2026-01', { respondents, engagements })] }).totals
        .pulseResponseRate;

    expect([rateWith(2, 2), rateWith(3, 2), rateWith(6, 1), rateWith(3, 3)]).toEqual([
      withheld,
      withheld,
      withheld,
      shown(rateOf([cell('reverse', '2026-01')])),
    ]);
  });

  it('suppresses a scope whose held sessions nobody answered: a rate of 0 would say it of every member', () => {
    const result = analyse({
      engagements: [engagement('pair')],
      responseCells: [cell('reverse', '2026-01', { answers: 0, respondents: 0, engagements: 0 })],
    });

    expect(result.totals.pulseResponseRate).toEqual(withheld);
  });

  it('leaves the rate empty, not zero, when no session of a released month was held to respond to', () => {
    const result = analyse({ engagements: [engagement('pair')] });

    expect(result.totals.pulseResponseRate).toEqual(shown(null));
  });

  it('never shows more than 1, and a full response is not shown as a sure 1', () => {
    const rateAt = (answers: number, cellKey: number) =>
      analyse({ responseCells: [cell('reverse', '2026-01', { answers, expected: 10, cellKey })] }).totals.pulseResponseRate.value!;
    const keys = Array.from({ length: disclosure.keySpace }, (_, key) => key);
    const full = keys.map((key) => rateAt(10, key));

    expect(Math.max(...full)).toBe(1);
    expect(full.some((r) => r < 1)).toBe(true); // 10 answers of 10 chances, shown as fewer
    expect(keys.some((key) => rateAt(9, key) === 1)).toBe(true); // and 9 of 10 shown as 1: a 1 proves nothing
  });

  it('makes every breakdown a sum of the same cells: the total is what the programmes and the months add up to', () => {
    const engagements = programmes.map((p) => engagement(p.id, { programmeId: p.id }));
    const cells = [
      cell('classic', '2026-01', { cellKey: 3 }),
      cell('classic', '2026-02', { respondents: 2, cellKey: 9 }), // below the floor: in no figure
      cell('reverse', '2026-02', { answers: 8, expected: 12, cellKey: 140 }),
      cell('council', '2026-03', { answers: 4, expected: 9, engagements: 1, cellKey: 60 }), // one council: below the floor
    ];

    const result = analyse({ engagements, responseCells: cells });

    const counted = [cells[0]!, cells[2]!];
    expect(result.totals.pulseResponseRate).toEqual(shown(rateOf(counted)));
    expect(result.byProgramme.map((p) => [p.programmeId, p.pulseResponseRate])).toEqual([
      ['classic', shown(rateOf([cells[0]!]))],
      ['reverse', shown(rateOf([cells[2]!]))],
      ['council', withheld],
      ['rotation', shown(null)],
    ]);
    expect(result.byMonth.map((m) => [m.month, m.pulseResponseRate])).toEqual([
      ['2026-01', shown(rateOf([cells[0]!]))],
      ['2026-02', shown(rateOf([cells[2]!]))],
      ['2026-03', withheld],
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
    const result = analyse({ engagements, months });

    expect(result.byMonth).toEqual([
      {
        month: '2026-01',
        sessionsHeld: 4,
        sessionsCancelled: 1,
        pulseResponseRate: shown(null),
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
        pulseResponseRate: shown(null),
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
      responseCells: [cell('reverse', '2026-01')],
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
