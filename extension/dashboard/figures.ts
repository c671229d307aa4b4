/**
 * How the dashboard writes figures. A figure about people may be suppressed (PRODUCT.md §5): it is
 * then written as "suppressed", never as 0 or a dash, because 0 is a real value and "—" means
 * "nothing to measure".
 */
import type { Figure } from '../../shared';

export const SUPPRESSED = 'suppressed';

export interface Shown {
  text: string;
  suppressed: boolean;
}

/** 0.7611 → "76%"; 0.05 → "5%"; below 10 % one decimal (0.085 → "8.5%"). */
export function formatPercent(v: number): string {
  const pct = v * 100;
  const digits = pct !== 0 && Math.abs(pct) < 10 && !Number.isInteger(Math.round(pct * 10) / 10) ? 1 : 0;
  return `${pct.toFixed(digits)}%`;
}

/** A plain number: integers as they are, others to `digits` decimals. */
export function formatNumber(v: number, digits = 1): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}

/**
 * A `{ value, suppressed }` figure (or a plain nullable number) as text.
 *
 * @example showFigure({ value: null, suppressed: true }, formatPercent) // { text: 'suppressed', suppressed: true }
 * @example showFigure({ value: 0, suppressed: false }, formatPercent) // { text: '0%', suppressed: false }
 */
export function showFigure(figure: Figure | number | null | undefined, format: (v: number) => string = formatNumber, missing = '—'): Shown {
  if (figure && typeof figure === 'object') {
    if (figure.suppressed) return { text: SUPPRESSED, suppressed: true };
    return { text: figure.value === null ? missing : format(figure.value), suppressed: false };
  }
  return { text: figure === null || figure === undefined ? missing : format(figure), suppressed: false };
}

/** A row's cell: a suppressed row's figures are suppressed, whatever their values. */
export function showCell(value: number | null, rowSuppressed: boolean, format: (v: number) => string = formatNumber, missing = '—'): Shown {
  return rowSuppressed ? { text: SUPPRESSED, suppressed: true } : showFigure(value, format, missing);
}

/**
 * The note under anything with a suppressed cell: why it is hidden, and what k is.
 *
 * @example suppressionNote(5)
 */
export function suppressionNote(k: number): string {
  return (
    `Hatched cells are suppressed, not zero: they rest on 1 to ${k - 1} people, fewer than your organisation's minimum group size ` +
    `(k = ${k}), so no one can be singled out. A small group next to a suppressed one may be hidden too, so neither can be worked out from the total.`
  );
}

/**
 * The note under representation, whose groups show only past a margin above k: the counts carry a
 * small noise, so a group at exactly k could be one shifted up from under it (README, "Threat model").
 * @example representationSuppressionNote(5, 5)
 */
export function representationSuppressionNote(k: number, margin: number): string {
  return (
    `Hatched groups are suppressed, not zero: a group shows only once it holds about ${k + margin} people or more — your organisation's ` +
    `minimum group size (k = ${k}) plus a margin, so the small shift in counts never shows a group under k. A group next to a suppressed ` +
    `one may be hidden too, so neither can be worked out from the total.`
  );
}

/**
 * The same note for the pulse, whose figures are sums over programme-months: a hatched figure has
 * answers, but none from a programme-month where k people answered.
 *
 * @example pulseSuppressionNote(5)
 */
export function pulseSuppressionNote(k: number): string {
  return (
    `Hatched figures are suppressed, not zero: their answers all come from programme-months where fewer than ${k} people, ` +
    `or people of fewer than ${k} pairings, answered (k = ${k}, your organisation's minimum group size), so no one can be singled out.`
  );
}

/** "1 day", "12 days". */
export const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
