import { maxNoise } from '../../shared/rules';

/**
 * The curious coordinator of the README's threat model, as a function: they know every person's
 * group but one (the target's), every scope's members (they run the programme — and they may have
 * made every other member themselves), and the released figures. What they do not know is anyone's
 * record key. `consistentGroups` answers: which groups could the target be in, given everything seen?
 * One group left means the target's attribute is determined — the thing the model must prevent.
 *
 * It reasons about possibility, not odds, and errs on the attacker's side wherever it simplifies:
 * a shown count rules out every group for which the shown value is impossible (the true count under
 * the floor of k, or further from it than the noise table reaches).
 */
export interface SeenGroup {
  group: string;
  suppressed: boolean;
  participants: number | null;
}

export interface Seen {
  /** Who the result counts: the people in the scope (programme, role, quarter) — known to the coordinator. */
  scope: readonly string[];
  withheld: boolean;
  groups: readonly SeenGroup[];
}

export function consistentGroups(
  target: string,
  /** The group of everyone but the target. */
  known: ReadonlyMap<string, string>,
  groups: readonly string[],
  seen: readonly Seen[],
  k: number,
): string[] {
  return groups.filter((candidate) =>
    seen.every((s) => {
      if (!s.scope.includes(target)) return true;
      const counts = new Map(groups.map((g) => [g, 0]));
      for (const person of s.scope) {
        const g = person === target ? candidate : known.get(person)!;
        counts.set(g, (counts.get(g) ?? 0) + 1);
      }
      if (s.withheld) {
        // Withheld for dominance, judged on perturbed counts: possible if, for some group, all the
        // others could be shifted down to fewer than k together.
        return groups.some((g) => groups.filter((h) => h !== g).reduce((n, h) => n + Math.max(0, counts.get(h)! - maxNoise), 0) < k);
      }
      return s.groups.every((shown) => {
        if (shown.suppressed || shown.participants === null) return true;
        const count = counts.get(shown.group) ?? 0;
        return count >= k && Math.abs(shown.participants - count) <= maxNoise;
      });
    }),
  );
}
