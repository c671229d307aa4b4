import { describe, expect, it } from 'vitest';
import { perturbDistribution, type QuestionStats } from '../../../shared';
import { computePulse, type PulseCell, type QuestionFacts, type Scores } from '../../../worker/analytics/pulse';

/**
 * A cell's answers to one question: scores given, how many distinct people gave them and from how
 * many engagements (as many as people unless said), with made-up keys.
 */
const q = (scores: number[], respondents: number, engagements = respondents): QuestionFacts => ({
  distribution: [1, 2, 3, 4, 5].map((s) => scores.filter((x) => x === s).length) as Scores,
  keys: [1, 2, 3, 4, 5].map((s) => (s * 4_937 + scores.length * 1_011) % 65_536) as Scores,
  cellKey: (scores.reduce((a, b) => a + b, 0) * 2_909) % 65_536,
  respondents,
  engagements,
});
/** What the documented rule releases for a cell's answers to a question. */
const rule = (f: QuestionFacts) =>
  perturbDistribution(
    f.distribution.map((count, i) => ({ count, key: f.keys[i]! })),
    f.cellKey,
  );
const add = (...ds: number[][]) => ds.reduce((acc, d) => acc.map((n, i) => n + d[i]!), [0, 0, 0, 0, 0]);
const meanOf = (d: number[]) => {
  const n = d.reduce((a, b) => a + b, 0);
  return n === 0 ? null : Math.round((d.reduce((s, x, i) => s + x * (i + 1), 0) / n) * 100) / 100;
};
const cell = (programmeId: string, kind: PulseCell['kind'], month: string, questions: PulseCell['questions']): PulseCell => ({
  programmeId,
  kind,
  month,
  questions,
});

/**
 * k = 3, period March–April 2026, previous January–February; every month released unless a test
 * says otherwise. (n/m: n people from m engagements.)
 *
 * | cell             | value                      | safety             |
 * | A (reverse) Jan  | 2, 2, 2 (3/3)              | —                  |
 * | A (reverse) Mar  | 4, 5, 3, 4 (4/4)           | 5, 5 (2/2)         |
 * | B (classic) Mar  | 1 (1/1)                    | —                  |
 * | B (classic) Apr  | 5, 5, 4 (3/3)              | 4, 4, 3 (3/3)      |
 * | C (classic) Apr  | 1, 1, 1, 1 (4 people, 2 engagements) | —        |
 */
const aJan = q([2, 2, 2], 3);
const aMar = q([4, 5, 3, 4], 4);
const bApr = q([5, 5, 4], 3);
const bAprSafety = q([4, 4, 3], 3);
const cells = [
  cell('A', 'reverse', '2026-01', { value: aJan }),
  cell('A', 'reverse', '2026-03', { value: aMar, safety: q([5, 5], 2) }),
  cell('B', 'classic', '2026-03', { value: q([1], 1) }),
  cell('B', 'classic', '2026-04', { value: bApr, safety: bAprSafety }),
  cell('C', 'classic', '2026-04', { value: q([1, 1, 1, 1], 4, 2) }),
];
const released = new Set(['2026-01', '2026-02', '2026-03', '2026-04']);
const input = { k: 3, cells, months: ['2026-03', '2026-04'], previousMonths: ['2026-01', '2026-02'], released };
const stats = <T extends QuestionStats>(slice: { questions: T[] }, question: string) =>
  slice.questions.find((x) => x.question === question);

describe('pulse maths over released programme-month cells', () => {
  it('sums the released distributions of the cells above the floor, leaves the others out and says so', () => {
    const { overall } = computePulse(input);

    // value: A March + B April, each as the rule releases it; B March's lone 1 and C's four 1s from two pairings left out.
    const value = add(rule(aMar), rule(bApr));
    expect(stats(overall, 'value')).toEqual({
      question: 'value',
      suppressed: false,
      partial: true,
      responses: value.reduce((a, b) => a + b, 0),
      mean: meanOf(value),
      distribution: value,
      previousMean: meanOf(rule(aJan)),
      change: Math.round((meanOf(value)! - meanOf(rule(aJan))!) * 100) / 100,
    });
    // safety: B April only; A March's two left out.
    expect(stats(overall, 'safety')).toMatchObject({ partial: true, distribution: rule(bAprSafety), previousMean: null, change: null });
    // applied: nobody answered — zeros, not suppressed.
    expect(stats(overall, 'applied')).toEqual({
      question: 'applied',
      suppressed: false,
      partial: false,
      responses: 0,
      mean: null,
      distribution: [0, 0, 0, 0, 0],
      previousMean: null,
      change: null,
    });
  });

  it('suppresses a slice whose answers all sit in cells below the floor', () => {
    const { byMonth } = computePulse(input);

    const march = byMonth.find((m) => m.month === '2026-03')!;
    expect(stats(march, 'safety')).toEqual({
      question: 'safety',
      suppressed: true,
      partial: false,
      responses: null,
      mean: null,
      distribution: null,
    });
    expect(stats(march, 'value')).toMatchObject({ distribution: rule(aMar), partial: true });
  });

  it('leaves out k people who answered from fewer than k engagements', () => {
    const { byMonth } = computePulse({ ...input, cells: [cells[4]!] });

    expect(stats(byMonth[1]!, 'value')).toMatchObject({ suppressed: true, distribution: null });
  });

  it('breaks down by kind in the fixed kind order, only kinds with answers in the period', () => {
    const { byKind } = computePulse(input);

    expect(byKind.map((s) => s.kind)).toEqual(['reverse', 'classic']);
    expect(stats(byKind[1]!, 'value')).toMatchObject({ distribution: rule(bApr), partial: true });
  });

  it('makes every total the sum of its released cells, so no subtraction finds a left-out answer', () => {
    const { overall, byKind, byMonth } = computePulse(input);

    for (const question of ['value', 'safety']) {
      const total = stats(overall, question)!.distribution;
      const sum = (slices: { questions: QuestionStats[] }[]) =>
        add(...slices.map((s) => stats(s, question)!.distribution).filter((d): d is number[] => d !== null));
      expect(sum(byKind), question).toEqual(total);
      expect(sum(byMonth), question).toEqual(total);
    }
  });

  it('shows nothing for months not released yet — neither zero nor suppressed — and counts none of their cells', () => {
    const { overall, byMonth, byKind } = computePulse({ ...input, released: new Set(['2026-01', '2026-02', '2026-03']) });

    expect(stats(byMonth[1]!, 'value')).toEqual({
      question: 'value',
      suppressed: false,
      partial: false,
      responses: null,
      mean: null,
      distribution: null,
    });
    expect(stats(overall, 'value')).toMatchObject({ distribution: rule(aMar) });
    expect(byKind.map((s) => s.kind)).toEqual(['reverse', 'classic']); // B March's lone answer is released, left out
    const none = computePulse({ ...input, released: new Set() });
    expect(stats(none.overall, 'value')).toMatchObject({ responses: null, suppressed: false, previousMean: null });
  });

  it('gives no previous mean when the previous months have no cell above the floor', () => {
    const { overall } = computePulse({ ...input, cells: [cell('A', 'reverse', '2026-01', { value: q([2, 2], 2) }), ...cells.slice(1)] });

    expect(stats(overall, 'value')).toMatchObject({ previousMean: null, change: null });
  });
});
