import { describe, expect, it } from 'vitest';
import { complementarySuppression, figure, isSmall, remainderIsSmall } from '../../../worker/analytics/privacy';
import { medianOfHistogram } from '../../../worker/analytics/median';

describe('minimum group size', () => {
  it('suppresses 1 to k−1 people and shows zero and k', () => {
    expect([0, 1, 4, 5].map((n) => isSmall(n, 5))).toEqual([false, true, true, false]);
    expect(figure(0.5, 4, 5)).toEqual({ value: null, suppressed: true });
    expect(figure(0.5, 5, 5)).toEqual({ value: 0.5, suppressed: false });
    expect(figure(0, 0, 5)).toEqual({ value: 0, suppressed: false });
  });
});

describe('complementary suppression', () => {
  it('takes the next smallest cell with a lone suppressed one', () => {
    const flags = complementarySuppression(
      [
        { people: 2, suppressed: true },
        { people: 9, suppressed: false },
        { people: 6, suppressed: false },
      ],
      5,
    );

    expect(flags).toEqual([true, false, true]);
  });

  it('skips empty cells, whose zero reveals nothing', () => {
    const flags = complementarySuppression(
      [
        { people: 0, suppressed: false },
        { people: 1, suppressed: true },
        { people: 7, suppressed: false },
        { people: 8, suppressed: false },
      ],
      5,
    );

    expect(flags).toEqual([false, true, true, false]);
  });

  it('leaves a breakdown alone with nothing suppressed', () => {
    expect(
      complementarySuppression(
        [
          { people: 5, suppressed: false },
          { people: 6, suppressed: false },
        ],
        5,
      ),
    ).toEqual([false, false]);
  });

  it('leaves two suppressed cells alone when together they rest on k or more people', () => {
    const flags = complementarySuppression(
      [
        { people: 2, suppressed: true },
        { people: 3, suppressed: true },
        { people: 9, suppressed: false },
      ],
      5,
    );

    expect(flags).toEqual([true, true, false]);
  });

  it('goes on while the suppressed cells together rest on fewer than k: total − shown would be the pair', () => {
    const flags = complementarySuppression(
      [
        { people: 1, suppressed: true },
        { people: 1, suppressed: true },
        { people: 9, suppressed: false },
        { people: 6, suppressed: false },
      ],
      5,
    );

    expect(flags).toEqual([true, true, false, true]);
  });

  it('takes a second cell with a lone withheld cell of k or more (withheld by the remainder rule)', () => {
    const flags = complementarySuppression(
      [
        { people: 7, suppressed: true },
        { people: 9, suppressed: false },
        { people: 6, suppressed: false },
      ],
      5,
    );

    expect(flags).toEqual([true, false, true]);
  });

  it('suppresses everything rather than leave a small remainder when no cell is big enough to hide it', () => {
    const flags = complementarySuppression(
      [
        { people: 1, suppressed: true },
        { people: 2, suppressed: false },
      ],
      5,
    );

    expect(flags).toEqual([true, true]);
  });
});

describe('remainder rule', () => {
  it('withholds a result whose left-out part rests on 1 to k−1 people', () => {
    expect(remainderIsSmall([0, 12], 5)).toBe(false);
    expect(remainderIsSmall([12, 4], 5)).toBe(true);
    expect(remainderIsSmall([], 5)).toBe(false);
  });
});

describe('median of a histogram', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(
      medianOfHistogram([
        { value: 36, count: 1 },
        { value: 5, count: 1 },
        { value: 15, count: 1 },
      ]),
    ).toBe(15);
    expect(
      medianOfHistogram([
        { value: 45, count: 1 },
        { value: 52, count: 1 },
      ]),
    ).toBe(48.5);
    expect(
      medianOfHistogram([
        { value: 7, count: 1 },
        { value: 14, count: 2 },
      ]),
    ).toBe(14);
    expect(medianOfHistogram([])).toBeNull();
  });
});
