import { describe, expect, it } from 'vitest';
import type { QuestionStats } from '../../../shared';
import { computePulse, type PulseCell } from '../../../worker/analytics/pulse';

/** A cell's answers to one question: scores given, and how many distinct people gave them. */
const q = (scores: number[], respondents: number) => ({
  distribution: [1, 2, 3, 4, 5].map((s) => scores.filter((x) => x === s).length) as [number, number, number, number, number],
  respondents,
});
const cell = (programmeId: string, kind: PulseCell['kind'], month: string, questions: PulseCell['questions']): PulseCell => ({
  programmeId,
  kind,
  month,
  questions,
});

/**
 * k = 3, period March–April 2026, previous January–February.
 *
 * | cell             | value                  | safety           |
 * | A (reverse) Jan  | 2, 2, 2 (3 people)     | —                |
 * | A (reverse) Mar  | 4, 5, 3, 4 (4 people)  | 5, 5 (2 people)  |
 * | B (classic) Mar  | 1 (1 person)           | —                |
 * | B (classic) Apr  | 5, 5, 4 (3 people)     | 4, 4, 3 (3)      |
 */
const cells = [
  cell('A', 'reverse', '2026-01', { value: q([2, 2, 2], 3) }),
  cell('A', 'reverse', '2026-03', { value: q([4, 5, 3, 4], 4), safety: q([5, 5], 2) }),
  cell('B', 'classic', '2026-03', { value: q([1], 1) }),
  cell('B', 'classic', '2026-04', { value: q([5, 5, 4], 3), safety: q([4, 4, 3], 3) }),
];
const input = { k: 3, cells, months: ['2026-03', '2026-04'], previousMonths: ['2026-01', '2026-02'] };
const stats = <T extends QuestionStats>(slice: { questions: T[] }, question: string) =>
  slice.questions.find((x) => x.question === question);

describe('pulse maths over programme-month cells', () => {
  it('sums the cells of k or more respondents, leaves the others out and says so', () => {
    const { overall } = computePulse(input);

    // value: A March (4, 5, 3, 4) + B April (5, 5, 4) = 30 / 7 = 4.29; B March's lone 1 left out.
    // Previous: A January 2, 2, 2 → 2. Change 4.29 − 2.
    expect(stats(overall, 'value')).toEqual({
      question: 'value',
      suppressed: false,
      partial: true,
      responses: 7,
      mean: 4.29,
      distribution: [0, 0, 1, 3, 3],
      previousMean: 2,
      change: 2.29,
    });
    // safety: B April only (4, 4, 3) = 11 / 3 = 3.67; A March's two left out.
    expect(stats(overall, 'safety')).toEqual({
      question: 'safety',
      suppressed: false,
      partial: true,
      responses: 3,
      mean: 3.67,
      distribution: [0, 0, 1, 2, 0],
      previousMean: null,
      change: null,
    });
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

  it('suppresses a slice whose answers all sit in cells of fewer than k', () => {
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
    expect(stats(march, 'value')).toMatchObject({ responses: 4, mean: 4, partial: true });
  });

  it('breaks down by kind in the fixed kind order, only kinds with answers in the period', () => {
    const { byKind } = computePulse(input);

    expect(byKind.map((s) => s.kind)).toEqual(['reverse', 'classic']);
    expect(stats(byKind[1]!, 'value')).toMatchObject({ responses: 3, mean: 4.67, partial: true }); // 5, 5, 4; March's lone 1 out
  });

  it('makes every total the sum of its shown cells, so no subtraction finds a left-out answer', () => {
    const { overall, byKind, byMonth } = computePulse(input);

    for (const question of ['value', 'safety']) {
      const total = stats(overall, question)!.distribution;
      const add = (slices: { questions: QuestionStats[] }[]) =>
        slices
          .map((s) => stats(s, question)!.distribution)
          .filter((d): d is number[] => d !== null)
          .reduce((acc, d) => acc.map((n, i) => n + d[i]!), [0, 0, 0, 0, 0]);
      expect(add(byKind), question).toEqual(total);
      expect(add(byMonth), question).toEqual(total);
    }
  });

  it('gives no previous mean when the previous months have no cell of k', () => {
    const { overall } = computePulse({ ...input, cells: [cell('A', 'reverse', '2026-01', { value: q([2, 2], 2) }), ...cells.slice(1)] });

    expect(stats(overall, 'value')).toMatchObject({ previousMean: null, change: null });
  });
});
