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
 * Complementary suppression (§5.3): a breakdown whose total is shown must not let a suppressed cell
 * be recovered from that total by subtraction. Subtracting the shown cells from the total gives the
 * suppressed cells taken together, so cells are added to the suppressed ones, next smallest first,
 * until that sum is safe: it takes two cells or more (so no single cell is recovered — §5.3's "where
 * exactly one cell is suppressed, the next smallest is suppressed too"), and it rests on k or more
 * people (two suppressed cells of one person each would otherwise reveal the pair's figure). Empty
 * cells stay shown: their zero reveals nothing.
 *
 * The people of suppressed cells are summed. For cells that cannot share a person (the groups of a
 * dimension) that is exact; for cells that can (months), it is the most the union can be.
 *
 * @example complementarySuppression([{ people: 2, suppressed: true }, { people: 9, suppressed: false }, { people: 6, suppressed: false }], 5)
 * // → [true, false, true]
 * @example complementarySuppression([{ people: 1, suppressed: true }, { people: 2, suppressed: true }, { people: 9, suppressed: false }], 5)
 * // → [true, true, true]: 1 + 2 people could be told apart from the 9 only by subtraction
 */
export function complementarySuppression(cells: ReadonlyArray<{ people: number; suppressed: boolean }>, k: number): boolean[] {
  const flags = cells.map((c) => c.suppressed);
  const exposed = () => {
    const hidden = cells.filter((c, i) => flags[i] && c.people > 0);
    const people = hidden.reduce((n, c) => n + c.people, 0);
    return hidden.length === 1 || isSmall(people, k);
  };
  while (exposed()) {
    let next = -1;
    cells.forEach((c, i) => {
      if (flags[i] || c.people === 0) return;
      if (next === -1 || c.people < cells[next]!.people) next = i;
    });
    if (next === -1) break; // every non-empty cell is suppressed: nothing is left to subtract
    flags[next] = true;
  }
  return flags;
}

/**
 * The remainder rule (§5.4): a filtered result is withheld if what its filter leaves out of a
 * wider result (the same query without the programme, role or period filter) rests on 1 to k−1
 * people — subtracting one from the other would isolate them. Takes, for each wider result,
 * the people the left-out part rests on.
 *
 * It is the distinct respondents of the answers left out. Representation no longer uses it: its
 * fixed quarterly releases and cell-key perturbation (shared/rules/disclosure.ts) leave two filters'
 * figures differing by noise, not by people, whatever the filters.
 */
export const remainderIsSmall = (leftOut: readonly number[], k: number) => leftOut.some((people) => isSmall(people, k));
