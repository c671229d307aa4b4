import { cellKeyOf, perturb, perturbSum } from '../../shared/rules/disclosure';
import { round } from '../../worker/analytics/median';
import { sumSalts } from '../../worker/analytics/representation';

/**
 * The documented rule for a shown group, from its people's record keys (shared/rules/disclosure.ts):
 * tests compute the figure the API must give with the same functions, never with a tolerance.
 */
export const shownCount = (keys: number[]) => perturb(keys.length, cellKeyOf(keys));

/** A per-participant figure: the group's sum, perturbed with the figure's salt, over the shown count. */
export const shownPerParticipant = (sum: number, keys: number[], figure: keyof typeof sumSalts, digits: number) =>
  round(perturbSum(sum, keys.length, cellKeyOf(keys), sumSalts[figure]) / shownCount(keys), digits);

export const group = (body: any, name: string) => body.groups.find((g: any) => g.group === name);

export const keysOf = (keys: Map<string, number>, ids: string[]) => ids.map((id) => keys.get(id)!);
