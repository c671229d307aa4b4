/// <reference types="node" />
import { createHash } from 'node:crypto';

/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same
 * sequence on every machine, so the demo data is identical run after run.
 * Not for secrets — tokens use `crypto.getRandomValues`.
 *
 * @example
 * const rng = seededRandom(42);
 * rng.int(1, 6); // the same die roll every run
 */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    /** A float in [0, 1). */
    next,
    /** An integer in [min, max], both included. */
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    /** True with probability p. */
    chance: (p: number): boolean => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    /** Picks a key with probability proportional to its weight. */
    weighted: <K extends string>(weights: Readonly<Partial<Record<K, number>>>): K => {
      const entries = Object.entries(weights) as [K, number][];
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [key, w] of entries) {
        r -= w;
        if (r < 0) return key;
      }
      return entries[entries.length - 1]![0];
    },
    /** A shuffled copy (Fisher–Yates). */
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
  return rng;
}
export type SeededRandom = ReturnType<typeof seededRandom>;

/**
 * A UUID (version-4 shape) derived from a name, so an entity keeps its id across
 * runs however the generator around it changes. Hash-derived rather than drawn
 * from the PRNG: adding a field to participants must not renumber the sessions.
 *
 * @example
 * stableUuid('participant:7'); // always the same id
 */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(`dyad-demo:${name}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Hex digest of a name, for ids that are not UUIDs (calendar event ids). */
export function stableHex(name: string): string {
  return createHash('sha256').update(`dyad-demo:${name}`).digest('hex');
}
