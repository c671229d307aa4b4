import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  formatPercent,
  pulseSuppressionNote,
  showCell,
  showFigure,
  representationSuppressionNote,
  suppressionNote,
} from '../../../extension/dashboard/figures';

describe('figures', () => {
  it('write a suppressed figure as suppressed, never as zero', () => {
    expect(showFigure({ value: null, suppressed: true }, formatPercent)).toEqual({ text: 'suppressed', suppressed: true });
  });

  it('write zero as zero', () => {
    expect(showFigure({ value: 0, suppressed: false }, formatPercent)).toEqual({ text: '0%', suppressed: false });
    expect(showFigure(0)).toEqual({ text: '0', suppressed: false });
  });

  it('write "nothing to measure" as a dash', () => {
    expect(showFigure(null, formatPercent).text).toBe('—');
    expect(showFigure({ value: null, suppressed: false }).text).toBe('—');
  });

  it('suppress every cell of a suppressed row, whatever it holds', () => {
    expect(showCell(3, true)).toEqual({ text: 'suppressed', suppressed: true });
    expect(showCell(0.42, false, formatPercent)).toEqual({ text: '42%', suppressed: false });
    expect(showCell(null, false, formatPercent, 'no baseline').text).toBe('no baseline');
  });

  it('round percentages, keeping a decimal for small ones', () => {
    expect(formatPercent(0.7611)).toBe('76%');
    expect(formatPercent(0.0857)).toBe('8.6%');
    expect(formatPercent(0.05)).toBe('5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatNumber(4.36)).toBe('4.4');
    expect(formatNumber(15)).toBe('15');
  });

  it('explain the minimum group size in the note', () => {
    expect(suppressionNote(5)).toContain('1 to 4 people');
    expect(suppressionNote(5)).toContain('k = 5');
    expect(suppressionNote(3)).toContain('1 to 2 people');
  });

  it('explain, for representation, that a group shows only past k plus the noise margin', () => {
    expect(representationSuppressionNote(5, 5)).toContain('about 10 people or more');
    expect(representationSuppressionNote(5, 5)).toContain('k = 5');
    expect(representationSuppressionNote(3, 5)).toContain('about 8 people');
  });

  it('explain, for the pulse, that a hatched figure has answers only from programme-months of fewer than k', () => {
    expect(pulseSuppressionNote(5)).toContain('programme-months where fewer than 5 people, or people of fewer than 5 pairings, answered');
    expect(pulseSuppressionNote(5)).toContain('k = 5');
  });
});
