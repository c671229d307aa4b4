import { dayMs } from './days';
import { pulseQueueGraceDays, pulseWindowDays } from './pulse';

/**
 * The disclosure model (README, "Threat model"): how figures derived from people's attributes or
 * answers are protected against a coordinator who combines any number of requests and writes.
 *
 * Three parts, each closing what the others leave open:
 * 1. **Fixed releases.** Such figures exist only for closed periods — a fiscal quarter for
 *    representation, a calendar month for the pulse — released after a lag, and the first reading
 *    freezes the released facts for good. So no one-day shift, no ask-after-each-answer, and no
 *    change to the population after the release moves a released figure.
 * 2. **A floor of k.** A released figure rests on k or more people (and, for the pulse, on answers
 *    from k or more distinct engagements), judged on the true counts.
 * 3. **Persistent cell-key perturbation** (the ONS method for Census 2021). Every participant holds a
 *    secret random record key; a cell's key is the sum of its contributors' keys; its noise is read
 *    from a fixed table by that key. The same people always give the same noise, so repeating a
 *    request or returning to an earlier population teaches nothing; two different sets of people get
 *    unrelated noise, so subtracting one figure from another leaves noise, not a person.
 */
export const disclosure = {
  /** Record keys are 0 … keySpace − 1; a cell's key is the sum of its contributors' keys, modulo this. */
  keySpace: 65_536,
  /** Days after a fiscal quarter ends before its representation is released. */
  quarterLagDays: 7,
  /**
   * Days after a month ends before its pulse figures are released: answers are taken up to
   * `pulseWindowDays` after a session ends, plus `pulseQueueGraceDays` for a write that waited
   * offline, plus a day for a session that ran past midnight — after that no answer can change.
   */
  monthLagDays: pulseWindowDays + pulseQueueGraceDays + 1,
  /** How far above k a group's perturbed count must reach to be shown (`showable`). */
  showMargin: 5,
} as const;

/**
 * The noise of a shown count: a two-sided geometric distribution (the discrete Laplace), P(d) ∝ 3^−|d|,
 * as weights out of the key space — half the cells get 0, a sixth each ±1, an eighteenth each ±2, and
 * so on to ±9, which one cell in 65,536 gets (variance ≈ 1.5). For one person in or out of a cell, the
 * likelihood of any shown value changes at most threefold (ln 3-differential privacy for that count,
 * with δ ≈ 2⁻¹⁶ from the table's ends): no shown value is possible only with them, or only without
 * them, short of those ends. A bounded uniform noise (−2 … +2, say) would prove presence one time in
 * ten to someone who knows every other member of a cell — which padding gives them.
 */
const tail = Array.from({ length: 9 }, (_, i) => Math.floor(disclosure.keySpace / 2 / 3 ** (i + 1)));
const countNoise = [...tail.map((_, i) => i - tail.length), 0, ...tail.map((_, i) => i + 1)];
const countWeights = [...[...tail].reverse(), disclosure.keySpace - 2 * tail.reduce((n, w) => n + w, 0), ...tail];

/** The largest noise the table holds (9): a shown count is never further than this from the truth. */
export const maxNoise = tail.length;

const pick = (values: readonly number[], weights: readonly number[], position: number): number => {
  let left = position;
  for (const [i, w] of weights.entries()) {
    if (left < w) return values[i]!;
    left -= w;
  }
  return values[values.length - 1]!;
};

/**
 * A table position from a cell key and a salt naming the figure (which measure, which bucket), so
 * that two figures over the same people get unrelated noise. For each salt a bijection of the key
 * space (odd multipliers and right xor-shifts are invertible on 16 bits): a uniform key gives a
 * uniform position, so the noise follows the table's weights exactly. No secret here — the secret
 * is in the record keys.
 */
export function positionOf(cellKey: number, salt: number): number {
  const mask = disclosure.keySpace - 1;
  let x = (cellKey + (Math.imul(salt + 1, 0x9e3779b1) >>> 16)) & mask;
  x = (Math.imul(x, 0x9e37) + 0x79b9) & mask;
  x ^= x >>> 7;
  x = (Math.imul(x, 0x5bd1) + 0x1234) & mask;
  x ^= x >>> 9;
  return x;
}

/** The cell key of a set of contributors: the sum of their record keys, modulo the key space. */
export const cellKeyOf = (recordKeys: Iterable<number>): number => {
  let sum = 0;
  for (const key of recordKeys) sum += key;
  return ((sum % disclosure.keySpace) + disclosure.keySpace) % disclosure.keySpace;
};

/** The noise (−9 … +9; half the time 0, mostly within ±1) a cell with this key gets for the figure named by `salt`. */
export const noiseOf = (cellKey: number, salt = 0): number => pick(countNoise, countWeights, positionOf(cellKey, salt));

/**
 * A count as released: the true count plus the cell's noise, never below zero. Zero stays zero —
 * an empty cell has no contributors and so no key; its emptiness is protected by the floor of k
 * and the dominance rule of the figures that use it, not by noise.
 *
 * @example perturb(12, 7707) // 12 + noiseOf(7707): the same 12 people give the same answer every time
 */
export const perturb = (count: number, cellKey: number, salt = 0): number =>
  count === 0 ? 0 : Math.max(0, count + noiseOf(cellKey, salt));

/**
 * The buckets of a released distribution (e.g. answers scoring 1 … 5), each perturbed with its own
 * contributors' key. An empty bucket is perturbed too — with the whole cell's key, its noise clamped
 * at zero (a quarter of empty scores show 1 or more) — so a lone score never proves unanimity.
 */
export function perturbDistribution(buckets: ReadonlyArray<{ count: number; key: number }>, cellKey: number): number[] {
  return buckets.map((b, i) => (b.count === 0 ? Math.max(0, noiseOf(cellKey, 100 + i)) : perturb(b.count, b.key, 10 + i)));
}

/**
 * A sum over people (sessions, minutes) as released: noise scaled by the cell's mean contribution,
 * so that one person's share is hidden as well as one person's presence. `mean` is rounded up to a
 * whole unit and at least 1.
 */
export const perturbSum = (sum: number, people: number, cellKey: number, salt: number): number => {
  if (people === 0) return 0;
  const unit = Math.max(1, Math.ceil(sum / people));
  return Math.max(0, sum + noiseOf(cellKey, salt) * unit);
};

/**
 * Whether a group's count may be shown: it rests on k or more people (the floor, judged on the truth)
 * and its perturbed value reaches k + `showMargin`. Why the second test: with the floor alone, a
 * coordinator who made k − 1 members of a group (padding) would see it appear exactly when the real
 * person is in it too. With it, the group then appears only when its noise is +5 or more — 3 cells in
 * 1,000 — and otherwise whether a group appears is itself a noisy reading, never proof. An empty group
 * is withheld like a small one, for the same reason: a zero would say who is not in it.
 */
export const showable = (count: number, shown: number, k: number): boolean => count >= k && shown >= k + disclosure.showMargin;

/**
 * The dominance rule: a breakdown is withheld when fewer than k of its people fall outside its
 * largest group — otherwise the breakdown says of every named member "almost surely this value",
 * and with nobody outside it, "surely". Judged on the perturbed counts of every group, so that
 * whether a breakdown is withheld is a noisy reading too: on the true counts, a coordinator who made
 * everyone else in the breakdown would learn from it which side of the line the real person is on.
 */
export const dominated = (counts: readonly number[], k: number): boolean => {
  const total = counts.reduce((n, c) => n + c, 0);
  const largest = counts.reduce((m, c) => Math.max(m, c), 0);
  return total > 0 && total - largest < k;
};

/** Whether a period's figures are released at `now` (epoch ms): `lagDays` after the day after it ends. */
export const isReleased = (periodTo: string, lagDays: number, now: number): boolean =>
  Date.parse(`${periodTo}T00:00:00Z`) + (1 + lagDays) * dayMs <= now;

/**
 * Audit actions of writes that shape the population analytics count — who exists with which
 * attributes, which pairings run, with whom, when. A released figure says how many of these were
 * made while its period was open (up to the release), so a coordinator sees what shaped it and an
 * admin can see who (PRODUCT.md §5: padding and pausing are writes a coordinator can make).
 * `status_changed` (a person made inactive) is the identity issue's and shapes the population too.
 */
export const populationActions = [
  'participant_created',
  'participants_imported',
  'attributes_changed',
  'engagement_created',
  'engagement_changed',
] as const;
export const populationShapingActions = [...populationActions, 'status_changed'] as const;
