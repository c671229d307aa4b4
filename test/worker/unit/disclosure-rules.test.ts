import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellKeyOf,
  disclosure,
  dominated,
  isReleased,
  maxNoise,
  noiseOf,
  perturb,
  perturbDistribution,
  perturbSum,
  positionOf,
  showable,
} from '../../../shared/rules';
import { consistentGroups } from '../adversary';

const keys = fc.integer({ min: 0, max: disclosure.keySpace - 1 });
const recordKeys = fc.array(keys, { minLength: 1, maxLength: 60 });

/** How often each shown value comes out for a true count, over every cell key. */
function shownValues(count: number, salt = 0): Map<number, number> {
  const tally = new Map<number, number>();
  for (let key = 0; key < disclosure.keySpace; key++) {
    const shown = perturb(count, key, salt);
    tally.set(shown, (tally.get(shown) ?? 0) + 1);
  }
  return tally;
}

describe('the noise table', () => {
  it('is a permutation of the key space for every figure, so a uniform cell key gives exactly the documented weights', () => {
    // P(d) ∝ 3^−|d|: ⌊32768 / 3^|d|⌋ cells of 65,536 for d = ±1 … ±9, the rest 0.
    const expected: Record<string, number> = {};
    for (let d = 1; d <= 9; d++) expected[d] = expected[-d] = Math.floor(32_768 / 3 ** d);
    expected[0] = disclosure.keySpace - Object.values(expected).reduce((n, w) => n + w, 0);
    for (const salt of [0, 1, 2, 10, 14, 100, 104]) {
      const positions = new Set(Array.from({ length: disclosure.keySpace }, (_, key) => positionOf(key, salt)));
      expect(positions.size).toBe(disclosure.keySpace);
      const tally: Record<string, number> = {};
      for (let key = 0; key < disclosure.keySpace; key++) tally[noiseOf(key, salt)] = (tally[noiseOf(key, salt)] ?? 0) + 1;
      expect(tally).toEqual(expected);
    }
    expect(maxNoise).toBe(9);
  });

  it('names different figures over the same people with different noise', () => {
    let differs = 0;
    for (let key = 0; key < disclosure.keySpace; key++) if (noiseOf(key, 0) !== noiseOf(key, 1)) differs++;
    expect(differs / disclosure.keySpace).toBeGreaterThan(0.4);
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

  it('is within the table of the truth, never negative, and zero stays zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), keys, fc.integer({ min: 0, max: 200 }), (count, key, salt) => {
        const shown = perturb(count, key, salt);
        expect(shown).toBeGreaterThanOrEqual(0);
        expect(Math.abs(shown - count)).toBeLessThanOrEqual(maxNoise);
        if (count === 0) expect(shown).toBe(0);
      }),
    );
  });

  it('makes every shown value at most three times likelier with one person more than without: padding proves nothing', () => {
    // The padding attack: the coordinator knows every other member of a cell (they made them), so the
    // true count is c without the person and c + 1 with them. What they see is one shown value.
    for (const c of [5, 12, 40]) {
      const without = shownValues(c);
      const withThem = shownValues(c + 1);
      let provingCells = 0;
      for (const shown of new Set([...without.keys(), ...withThem.keys()])) {
        const a = without.get(shown) ?? 0;
        const b = withThem.get(shown) ?? 0;
        if (a === 0 || b === 0) provingCells += a + b;
        // The geometric distribution's ratio is 3; the whole-number weights of the table's far tail
        // (44, 14, 4, 1 cells of 65,536) round it up to at most 4.
        else expect(Math.max(a / b, b / a)).toBeLessThanOrEqual(a >= 100 && b >= 100 ? 3.05 : 4);
      }
      // A shown value possible on one side only comes from the single cell at either end of the table.
      expect(provingCells).toBeLessThanOrEqual(2);
    }
  });
});

describe('a perturbed distribution', () => {
  it('never proves unanimity: an empty score is perturbed too, so every shown distribution could hide another score', () => {
    let showsAnotherScore = 0;
    let tried = 0;
    for (let key = 0; key < disclosure.keySpace; key += 13) {
      const shown = perturbDistribution(
        [0, 0, 0, 8, 0].map((count) => ({ count, key: count === 0 ? 0 : key })),
        key,
      );
      expect(shown.every((n, i) => n >= 0 && Math.abs(n - (i === 3 ? 8 : 0)) <= maxNoise)).toBe(true);
      if (shown.some((n, i) => i !== 3 && n > 0)) showsAnotherScore++;
      tried++;
    }
    // Each empty score shows 1 or more a quarter of the time: with four, about two thirds of unanimous cells show another score.
    expect(showsAnotherScore / tried).toBeGreaterThan(0.6);
    // And a cell where someone did give another score can show as unanimous: the sight of one score proves nothing.
    const hidden = Array.from({ length: 2000 }, (_, key) =>
      perturbDistribution(
        [
          { count: 0, key: 0 },
          { count: 0, key: 0 },
          { count: 1, key: key * 7 },
          { count: 8, key },
          { count: 0, key: 0 },
        ],
        key,
      ),
    ).filter((d) => d[2] === 0);
    expect(hidden.length).toBeGreaterThan(0);
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
        expect(Math.abs(shown - sum)).toBeLessThanOrEqual(maxNoise * unit);
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

describe('showing a group', () => {
  it('needs k people in truth and a perturbed count of k + 5', () => {
    expect(showable(4, 12, 5)).toBe(false); // under the floor, whatever the noise
    expect(showable(5, 9, 5)).toBe(false); // on the floor, but the shifted count does not clear the margin
    expect(showable(5, 10, 5)).toBe(true);
    expect(showable(0, 0, 5)).toBe(false); // an empty group is withheld like a small one
  });
});

describe('the padding attack, against the curious coordinator of the threat model', () => {
  // The coordinator made k − 1 women and put them in a programme with one real person, Rae. They know
  // every member's gender but Rae's, and they see the programme's representation by gender.
  const k = 5;
  const groups = ['man', 'woman', 'other', 'undisclosed'];
  const fakes = Array.from({ length: k - 1 }, (_, i) => `fake-${i}`);
  const known = new Map(fakes.map((f) => [f, 'woman']));
  const scope = [...fakes, 'rae'];

  it('determines Rae’s gender when counts are exact and shown from k up — the rule this issue replaces', () => {
    const exact = groups.map((group) => {
      const count = group === 'woman' ? k : 0; // Rae is a woman
      return { group, suppressed: count < k, participants: count < k ? null : count };
    });
    expect(consistentGroups('rae', known, groups, [{ scope, withheld: false, groups: exact }], k)).toEqual(['woman']);
  });

  it('determines it under the disclosure model only when the noise is at its rare top (+5 or more: 3 in 1,000)', () => {
    let determined = 0;
    for (let key = 0; key < disclosure.keySpace; key++) {
      const released = groups.map((group) => {
        const count = group === 'woman' ? k : 0;
        const shown = perturb(count, key);
        return showable(count, shown, k)
          ? { group, suppressed: false, participants: shown }
          : { group, suppressed: true, participants: null };
      });
      if (consistentGroups('rae', known, groups, [{ scope, withheld: false, groups: released }], k).length === 1) determined++;
    }
    expect(determined / disclosure.keySpace).toBeLessThan(0.004);
    expect(determined).toBeGreaterThan(0); // the honest limit the README states: δ is small, not zero
  });
});
