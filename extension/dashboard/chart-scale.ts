/**
 * The arithmetic of the dashboard's hand-drawn SVG charts: axes with round ticks, linear scales,
 * bands and stacks. Pure, so each is unit-tested without a DOM.
 */

/**
 * Ticks for a zero-based axis that covers `max`: steps of 1, 2 or 5 × 10ⁿ, about `target` of them.
 * An empty axis (max 0) still gets a scale of 0–1.
 *
 * @example niceTicks(23) // [0, 5, 10, 15, 20, 25]
 */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/**
 * A linear map from a domain to a range (pixels), e.g. a y axis that grows upwards.
 *
 * @example scaleLinear([0, 10], [200, 0])(5) // 100
 */
export function scaleLinear([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/**
 * `n` equal bands across `width`, with `gap` (a fraction of each band) left empty between bars.
 *
 * @example bands(2, 100, 0.2) // [{ x: 5, width: 40, centre: 25 }, { x: 55, width: 40, centre: 75 }]
 */
export function bands(n: number, width: number, gap = 0.25): { x: number; width: number; centre: number }[] {
  if (n <= 0) return [];
  const band = width / n;
  const bar = band * (1 - gap);
  return Array.from({ length: n }, (_, i) => ({ x: i * band + (band - bar) / 2, width: bar, centre: i * band + band / 2 }));
}

/**
 * Stacks values bottom to top: each segment's start and end.
 *
 * @example stack([2, 3]) // [{ start: 0, end: 2 }, { start: 2, end: 5 }]
 */
export function stack(values: readonly number[]): { start: number; end: number }[] {
  let at = 0;
  return values.map((v) => {
    const segment = { start: at, end: at + v };
    at += v;
    return segment;
  });
}

/** Shares of a whole, for a 100 % bar; an empty whole gives zeros. */
export function shares(values: readonly number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((v) => (total > 0 ? v / total : 0));
}

/** Distinct colours for series (programmes): readable on white and on dark, colour-blind aware (Okabe–Ito). */
export const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#8a7a00', '#6a6a6a'];
export const colourOf = (i: number) => palette[i % palette.length]!;
