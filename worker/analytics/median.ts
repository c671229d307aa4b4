/**
 * The median of values given as a histogram `[{ value, count }]` (any order); null when empty.
 * With an even count it is the mean of the two middle values.
 *
 * @example medianOfHistogram([{ value: 7, count: 1 }, { value: 14, count: 2 }]) // 14
 */
export function medianOfHistogram(histogram: ReadonlyArray<{ value: number; count: number }>): number | null {
  const sorted = [...histogram].filter((h) => h.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, h) => sum + h.count, 0);
  if (total === 0) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.count;
      if (index < seen) return h.value;
    }
    throw new Error('unreachable: index beyond histogram');
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

export const round = (value: number, decimals = 4) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};
