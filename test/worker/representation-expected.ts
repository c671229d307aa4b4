import { cellKeyOf, disclosure, perturb, perturbSum, showable } from '../../shared/rules/disclosure';
import { round } from '../../worker/analytics/median';
import { sumSalts } from '../../worker/analytics/representation';
import type { analyticsOrg } from './analytics-fixture';

/**
 * The documented rule for a shown group, from its people's record keys (shared/rules/disclosure.ts):
 * tests compute the figure the API must give with the same functions, never with a tolerance.
 */
export const shownCount = (keys: number[]) => perturb(keys.length, cellKeyOf(keys));

/**
 * Whether a group of these people shows on its own (`showable`: k or more people, and a shown count
 * of k + `disclosure.showMargin` or more) — before complementary suppression, which may take it to
 * protect another group.
 */
export const shows = (keys: number[], k: number) => showable(keys.length, shownCount(keys), k);

/** A group as the API must give it when nothing else withholds it: its shown count, or suppressed. */
export const expectedGroup = (keys: number[], k: number) =>
  shows(keys, k) ? { suppressed: false, participants: shownCount(keys) } : { suppressed: true, participants: null };

/** A per-participant figure: the group's sum, perturbed with the figure's salt, over the shown count. */
export const shownPerParticipant = (sum: number, keys: number[], figure: keyof typeof sumSalts, digits: number) =>
  round(perturbSum(sum, keys.length, cellKeyOf(keys), sumSalts[figure]) / shownCount(keys), digits);

export const group = (body: any, name: string) => body.groups.find((g: any) => g.group === name);

export const keysOf = (keys: Map<string, number>, ids: string[]) => ids.map((id) => keys.get(id)!);

/** The first record key (0 … keySpace − 1) for which `holds`: a test states what it needs of a key and searches for one. */
export function keyWhere(holds: (key: number) => boolean): number {
  for (let key = 0; key < disclosure.keySpace; key++) if (holds(key)) return key;
  throw new Error('no record key satisfies the condition');
}

/** Fixed record keys for n people, spread over the key space from `seed`, so that a test's outcome does not hang on chance. */
export const fixedKeys = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => ((seed * 1000 + i) * 7919 + 31) % disclosure.keySpace);

/**
 * Fixed record keys for a group of n: n − 1 from `fixedKeys`, the last searched for (`keyWhere`) so
 * that `holds` of the whole group's keys — e.g. `(keys) => shows(keys, 3)`.
 */
export function groupKeys(n: number, seed: number, holds: (keys: number[]) => boolean): number[] {
  const base = fixedKeys(n - 1, seed);
  return [...base, keyWhere((key) => holds([...base, key]))];
}

type Fixture = Awaited<ReturnType<typeof analyticsOrg>>;

/** One person per record key (the fixture's `recordKey`), named `prefix i`. */
export async function peopleWithKeys(
  fx: Fixture,
  prefix: string,
  keys: number[],
  extra: { level?: string; attributes?: Record<string, string> } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, recordKey] of keys.entries()) ids.push(await fx.person(`${prefix} ${i}`, { ...extra, recordKey }));
  return ids;
}
