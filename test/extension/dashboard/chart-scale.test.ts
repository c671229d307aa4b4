import { describe, expect, it } from 'vitest';
import { bands, colourOf, niceTicks, palette, scaleLinear, shares, stack } from '../../../extension/dashboard/chart-scale';

describe('chart scales', () => {
  it('pick round ticks that cover the largest value', () => {
    expect(niceTicks(23)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(31, 4)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0.37)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(1200)).toEqual([0, 500, 1000, 1500]); // at most `target` steps
  });

  it('give an empty axis a scale rather than dividing by zero', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('map values linearly, upwards for a y axis', () => {
    const y = scaleLinear([0, 40], [200, 0]);

    expect(y(0)).toBe(200);
    expect(y(10)).toBe(150);
    expect(y(40)).toBe(0);
    expect(scaleLinear([3, 3], [0, 10])(3)).toBe(0);
  });

  it('lay bars in equal bands with gaps between them', () => {
    expect(bands(2, 100, 0.2)).toEqual([
      { x: 5, width: 40, centre: 25 },
      { x: 55, width: 40, centre: 75 },
    ]);
    expect(bands(0, 100)).toEqual([]);
  });

  it('stack segments bottom to top', () => {
    expect(stack([2, 0, 3])).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 2 },
      { start: 2, end: 5 },
    ]);
  });

  it('turn counts into shares, and nothing into zeros', () => {
    expect(shares([1, 3])).toEqual([0.25, 0.75]);
    expect(shares([0, 0])).toEqual([0, 0]);
  });

  it('cycle through the palette for many series', () => {
    expect(colourOf(palette.length)).toBe(palette[0]);
  });
});
