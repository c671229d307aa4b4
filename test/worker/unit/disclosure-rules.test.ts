import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellKeyOf,
  disclosure,
  dominated,
  isReleased,
  noiseOf,
  perturb,
  perturbDistribution,
  perturbSum,
  positionOf,
} from '../../../shared/rules';

const keys = fc.integer({ min: 0, max: disclosure.keySpace - 1 });
const recordKeys = fc.array(keys, { minLength: 1, maxLength: 60 });

describe('the noise table', () => {
  it('is a permutation of the key space for every figure, so a uniform cell key gives exactly the documented weights', () => {
    for (const salt of [0, 1, 2, 10, 14, 100, 104]) {
      const positions = new Set(Array.from({ length: disclosure.keySpace }, (_, key) => positionOf(key, salt)));
      expect(positions.size).toBe(disclosure.keySpace);
      const tally = new Map<number, number>();
      for (let key = 0; key < disclosure.keySpace; key++) tally.set(noiseOf(key, salt), (tally.get(noiseOf(key, salt)) ?? 0) + 1);
      expect(Object.fromEntries(tally)).toEqual({ '-2': 26, '-1': 51, '0': 102, '1': 51, '2': 26 });
    }
  });

  it('names different figures over the same people with different noise', () => {
    const differs = Array.from({ length: disclosure.keySpace }, (_, key) => noiseOf(key, 0) !== noiseOf(key, 1)).filter(Boolean);
    expect(differs.length).toBeGreaterThan(disclosure.keySpace / 3);
  });
});

describe('a cell key', () => {
  it('depends only on who contributes, not on the order they are read in', () => {
    fc.assert(
      fc.property(recordKeys, (people) => {
        expect(cellKeyOf([...people].reverse())).toBe(cellKeyOf(people));
        expect(cellKeyOf(people)).toBeGreaterThanOrEqual(0);
        expect(cellKeyOf(people)).toBeLessThan(disclosure.keySpace);
      }),
    );
  });

  it('changes with one person more, whatever their key — so "with" and "without" someone are unrelated draws', () => {
    // Adding a person with key r shifts the sum by r: the same shift for every r only if r = 0 (mod 256).
    fc.assert(
      fc.property(recordKeys, fc.integer({ min: 1, max: disclosure.keySpace - 1 }), (people, added) => {
        expect(cellKeyOf([...people, added])).not.toBe(cellKeyOf(people));
      }),
    );
  });
});

describe('a perturbed count', () => {
  it('is the same every time for the same people: repeating a request gains nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), recordKeys, (count, people) => {
        const key = cellKeyOf(people);
        expect(perturb(count, key)).toBe(perturb(count, cellKeyOf([...people].reverse())));
      }),
    );
  });

  it('is within two of the truth, never negative, and zero stays zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), keys, fc.integer({ min: 0, max: 200 }), (count, key, salt) => {
        const shown = perturb(count, key, salt);
        expect(shown).toBeGreaterThanOrEqual(0);
        expect(Math.abs(shown - count)).toBeLessThanOrEqual(2);
        if (count === 0) expect(shown).toBe(0);
      }),
    );
  });

  it('leaves a difference of two figures consistent with the person being in, and with them being out', () => {
    // The attack: a figure over S, and one over S with t. Absent, the shown difference is a noise
    // difference, −4 … +4; present, it is one more, −3 … +5. Only the extremes (−4 or +5) prove
    // anything — both draws at their ends, about 1 pair in 100.
    const count = 20;
    let proving = 0;
    let pairs = 0;
    for (let a = 0; a < disclosure.keySpace; a++) {
      for (let b = 0; b < disclosure.keySpace; b += 7) {
        const without = perturb(count, a);
        const withT = perturb(count + 1, b);
        const difference = withT - without;
        // Consistent with "t absent" (true difference 0) iff |difference| ≤ 4; with "t present" iff −3 ≤ difference ≤ 5.
        const absentPossible = Math.abs(difference) <= 4;
        const presentPossible = difference >= -3 && difference <= 5;
        if (!absentPossible || !presentPossible) proving++;
        pairs++;
      }
    }
    expect(proving / pairs).toBeLessThan(1 / 50);
  });
});

describe('a perturbed distribution', () => {
  it('never proves unanimity with certainty: empty scores are released as 0, 1 or 2', () => {
    let showsAnotherScore = 0;
    for (let key = 0; key < disclosure.keySpace; key++) {
      const shown = perturbDistribution(
        [0, 0, 0, 8, 0].map((count) => ({ count, key: count === 0 ? 0 : key })),
        key,
      );
      expect(shown.every((n, i) => (i === 3 ? Math.abs(n - 8) <= 2 : n >= 0 && n <= 2))).toBe(true);
      if (shown.some((n, i) => i !== 3 && n > 0)) showsAnotherScore++;
    }
    // With four empty scores each shown non-zero with probability 102/256, almost every unanimous cell shows another score.
    expect(showsAnotherScore / disclosure.keySpace).toBeGreaterThan(0.75);
  });

  it('is the same for the same answers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 5, maxLength: 5 }), keys, (counts, cell) => {
        const buckets = counts.map((count, i) => ({ count, key: (cell * (i + 3)) % disclosure.keySpace }));
        expect(perturbDistribution(buckets, cell)).toEqual(perturbDistribution(buckets, cell));
      }),
    );
  });
});

describe('a perturbed sum', () => {
  it('moves by whole units of the mean contribution, so one large contributor is hidden as well as a small one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 50 }), keys, (sum, people, key) => {
        const unit = Math.max(1, Math.ceil(sum / people));
        const shown = perturbSum(sum, people, key, 1);
        expect(shown).toBeGreaterThanOrEqual(0);
        expect((shown - sum) % unit === 0 || shown === 0).toBe(true);
        expect(Math.abs(shown - sum)).toBeLessThanOrEqual(2 * unit);
      }),
    );
  });
});

describe('the dominance rule', () => {
  it('withholds a breakdown when fewer than k people are outside its largest group', () => {
    expect(dominated([12, 0, 0], 5)).toBe(true); // everyone shares one value
    expect(dominated([12, 3, 0], 5)).toBe(true); // 3 outside: "almost surely"
    expect(dominated([12, 3, 2], 5)).toBe(false);
    expect(dominated([0, 0, 0], 5)).toBe(false); // nobody: nothing to reveal
  });
});

describe('a release', () => {
  it('comes lag days after the day after its period ends, by the server clock', () => {
    const to = '2026-09-30';
    const releasesAt = Date.parse('2026-10-01T00:00:00Z') + disclosure.quarterLagDays * 86_400_000;
    expect(isReleased(to, disclosure.quarterLagDays, releasesAt - 1)).toBe(false);
    expect(isReleased(to, disclosure.quarterLagDays, releasesAt)).toBe(true);
  });

  it('waits for a month until no answer to its sessions can still change', () => {
    // The pulse window (14 days after a session) plus the offline grace (7) plus a day for a session past midnight.
    expect(disclosure.monthLagDays).toBe(22);
  });
});
