import type { Figure } from '../../shared';

/**
 * The privacy rules of PRODUCT.md §5 as pure functions. Every analytics result passes
 * through these before it is returned or turned into CSV.
 */

/** A figure resting on 1 to k−1 people is suppressed; zero people is shown as zero (§5.2). */
export const isSmall = (people: number, k: number) => people > 0 && people < k;

export const shown = (value: number | null): Figure => ({ value, suppressed: false });
export const withheld: Figure = { value: null, suppressed: true };

/** A figure, unless the people it rests on are too few (or another rule already withholds it). */
export const figure = (value: number | null, people: number, k: number, withholdAnyway = false): Figure =>
  withholdAnyway || isSmall(people, k) ? withheld : shown(value);

/**
 * Complementary suppression (§5.3): where exactly one cell of a breakdown is suppressed,
 * the next smallest non-empty cell is suppressed too, so the suppressed cell cannot be
 * recovered from the total by subtraction. Takes each cell's people count and whether it is
 * already suppressed; returns the suppression flags to apply.
 *
 * @example complementarySuppression([{ people: 2, suppressed: true }, { people: 9, suppressed: false }, { people: 6, suppressed: false }])
 * // → [true, false, true]
 */
export function complementarySuppression(cells: ReadonlyArray<{ people: number; suppressed: boolean }>): boolean[] {
  const flags = cells.map((c) => c.suppressed);
  if (flags.filter(Boolean).length !== 1) return flags;
  let next = -1;
  cells.forEach((c, i) => {
    if (flags[i] || c.people === 0) return;
    if (next === -1 || c.people < cells[next]!.people) next = i;
  });
  if (next !== -1) flags[next] = true;
  return flags;
}

/**
 * The remainder rule (§5.4): a filtered result is withheld if what its filter leaves out of a
 * wider result (the same query without the programme, role or period filter) rests on 1 to k−1
 * people — subtracting one from the other would isolate them. Takes, for each wider result,
 * the people the left-out part rests on.
 *
 * For counts of people (representation) that is the difference of the two counts; for answers
 * (pulse) it is the distinct respondents of the answers left out.
 */
export const remainderIsSmall = (leftOut: readonly number[], k: number) => leftOut.some((people) => isSmall(people, k));
