/**
 * Selector counts of this page, in memory: cheap enough to bump on every lookup. The calendar
 * content script hands them to the background about once a minute and when the page is hidden
 * (lib/flush-selector-counts.ts); the background keeps them in storage (lib/selector-health.ts).
 *
 * The counting rule (what a hit and a miss are):
 * - a hit: a variant found the element — counted for that variant by `pick`, `pickAll`,
 *   `pickOrWarn` and `pickAllOrWarn` alike, since any find proves the variant still matches;
 * - a miss: only where the element is expected — `pickOrWarn` and `pickAllOrWarn` finding nothing.
 *   `pick` and `pickAll` ask "is it there?" (a bubble that is not open, an event without guests),
 *   so their finding nothing is not a miss.
 */
export interface SelectorTally {
  /** Hits per variant index. */
  hits: number[];
  /** Expected lookups no variant answered. */
  misses: number;
}

export type SelectorCounts = Record<string, SelectorTally>;

let tallies: SelectorCounts = {};

const tallyOf = (name: string) => {
  tallies[name] ??= { hits: [], misses: 0 };
  return tallies[name]!;
};

export function countHit(name: string, variant: number): void {
  const hits = tallyOf(name).hits;
  while (hits.length <= variant) hits.push(0);
  hits[variant]! += 1;
}

export function countMiss(name: string): void {
  tallyOf(name).misses += 1;
}

/** The counts since the last take, forgetting them here (the caller sends them on). */
export function takeCounts(): SelectorCounts {
  const taken = tallies;
  tallies = {};
  return taken;
}

/** Puts counts back (a send that failed), adding them to any counted since. */
export function restoreCounts(counts: SelectorCounts): void {
  for (const [name, tally] of Object.entries(counts)) {
    tally.hits.forEach((n, i) => {
      for (let k = 0; k < n; k++) countHit(name, i);
    });
    tallyOf(name).misses += tally.misses;
  }
}
