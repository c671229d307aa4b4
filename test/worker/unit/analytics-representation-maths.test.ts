import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { disclosure, maxNoise, noiseOf, perturb, perturbSum } from '../../../shared/rules/disclosure';
import { computeRepresentation, type GroupFacts, type RepresentationInputs } from '../../../worker/analytics/representation';
import { keyWhere } from '../representation-expected';

/**
 * The representation maths of PRODUCT.md §4 under the privacy rules of §5 and the disclosure model
 * (shared/rules/disclosure.ts), straight on small tables of facts: no database, every expected
 * number worked out by hand next to it. With k = 3 a group shows only when its shown count reaches
 * k + 5 = 8 (`showable`), so the groups that must show hold 8 people or more. The HTTP tests in ../analytics-representation.test.ts show
 * the same rules through the API.
 */

/**
 * A cell key whose noise is zero for the count and for both perturbed sums (salts 0, 1, 2), so the
 * hand-worked maths shows through unchanged; the noise itself has its own tests below.
 */
const quietKey = keyWhere((key) => [0, 1, 2].every((salt) => noiseOf(key, salt) === 0));
/** A cell key whose noise is `noise` for the count and zero for both sums. */
const keyWithNoise = (noise: number) => keyWhere((key) => noiseOf(key) === noise && noiseOf(key, 1) === 0 && noiseOf(key, 2) === 0);

const facts = (group: string, participants: number, sessions = 0, seniorMinutes = 0, cellKey = quietKey): GroupFacts => ({
  group,
  participants,
  cellKey,
  sessions,
  seniorMinutes,
});

/** Mentees by gender with k = 3 and no baseline, unless a test says otherwise. */
const inputs = (given: Partial<RepresentationInputs> & Pick<RepresentationInputs, 'groups'>): RepresentationInputs => ({
  k: 3,
  dimension: 'gender',
  role: 'mentee',
  population: {},
  ...given,
});

type Result = ReturnType<typeof computeRepresentation>;

const group = (result: Result, name: string) => {
  const found = result.groups.find((g) => g.group === name);
  if (!found) throw new Error(`no group ${name} in ${result.groups.map((g) => g.group).join(', ')}`);
  return found;
};

const suppressedByGroup = (result: Result) => Object.fromEntries(result.groups.map((g) => [g.group, g.suppressed]));

describe('representation shares', () => {
  it('gives each group its share of the participants and of the population, and their ratio', () => {
    const input = inputs({
      groups: [facts('woman', 12), facts('man', 8)],
      population: { woman: 300, man: 700 },
    });

    const result = computeRepresentation(input);

    expect(result).toMatchObject({ dimension: 'gender', role: 'mentee', suppressed: false, totalParticipants: 20 });
    // 12 of 20 participants against 300 of 1000 in the population: 0.6 / 0.3 = 2
    expect(group(result, 'woman')).toMatchObject({
      participants: 12,
      share: 0.6,
      population: 300,
      populationShare: 0.3,
      representationIndex: 2,
    });
    // 8 of 20 against 700 of 1000: 0.4 / 0.7 = 0.571428… → 0.5714
    expect(group(result, 'man')).toMatchObject({
      participants: 8,
      share: 0.4,
      population: 700,
      populationShare: 0.7,
      representationIndex: 0.5714,
    });
  });

  it('leaves the population figures of the undisclosed group null and lists it last', () => {
    // 'undisclosed' sorts before 'woman' by name, so last place is the rule, not the alphabet.
    const input = inputs({
      groups: [facts('undisclosed', 9, 18), facts('woman', 9), facts('man', 12)],
      population: { man: 40, woman: 30 },
    });

    const result = computeRepresentation(input);

    expect(result.groups.map((g) => g.group)).toEqual(['man', 'woman', 'other', 'undisclosed']);
    // The undisclosed still count among the participants: 9 + 9 + 12 = 30.
    expect(result.totalParticipants).toBe(30);
    // share 9 / 30 = 0.3; 18 sessions / 9 people = 2; no baseline, so nothing to compare with.
    expect(group(result, 'undisclosed')).toEqual({
      group: 'undisclosed',
      suppressed: false,
      participants: 9,
      share: 0.3,
      population: null,
      populationShare: null,
      representationIndex: null,
      selectionRate: null,
      impactRatio: null,
      adverseImpact: null,
      sessionsPerParticipant: 2,
      seniorMinutesPerParticipant: 0,
    });
    // 12 of 40 men and 9 of 30 women: both 0.3, so each is the highest rate.
    // populationShare 40 / 70 = 0.5714 and 30 / 70 = 0.4286; index 0.4 / (4/7) = 0.3 / (3/7) = 0.7.
    expect(group(result, 'man')).toMatchObject({ populationShare: 0.5714, representationIndex: 0.7, selectionRate: 0.3, impactRatio: 1 });
    expect(group(result, 'woman')).toMatchObject({ populationShare: 0.4286, representationIndex: 0.7, selectionRate: 0.3, impactRatio: 1 });
  });

  it('withholds a baseline group with nobody in it like a small one, keeping its baseline', () => {
    // A zero would say who is not in the group (shared/rules/disclosure.ts `showable`); it hides
    // nobody, so complementary suppression takes no other group for it.
    const input = inputs({
      groups: [facts('woman', 10), facts('man', 10)],
      population: { woman: 50, man: 50, nonbinary: 20 },
    });

    const result = computeRepresentation(input);

    // populationShare 20 / 120 = 0.16666… → 0.1667: the baseline is no secret.
    expect(group(result, 'nonbinary')).toEqual({
      group: 'nonbinary',
      suppressed: true,
      participants: null,
      share: null,
      population: 20,
      populationShare: 0.1667,
      representationIndex: null,
      selectionRate: null,
      impactRatio: null,
      adverseImpact: null,
      sessionsPerParticipant: null,
      seniorMinutesPerParticipant: null,
    });
    expect(suppressedByGroup(result)).toEqual({ man: false, nonbinary: true, woman: false, other: true, undisclosed: true });
  });

  it('gives a result with nobody in it its exact total of zero, every group withheld like a small one', () => {
    const input = inputs({ groups: [], population: { woman: 10, man: 10 } });

    const result = computeRepresentation(input);

    expect(result.suppressed).toBe(false);
    expect(result.totalParticipants).toBe(0);
    expect(result.groups.map((g) => [g.group, g.suppressed, g.participants])).toEqual([
      ['man', true, null],
      ['woman', true, null],
      ['other', true, null],
      ['undisclosed', true, null],
    ]);
  });
});

describe('selection rates and the four-fifths rule', () => {
  it('gives each group its selection rate and its impact ratio against the highest rate', () => {
    const input = inputs({
      groups: [facts('woman', 12), facts('man', 8)],
      population: { woman: 300, man: 700 },
    });

    const result = computeRepresentation(input);

    // 12 / 300 = 0.04, the highest rate.
    expect(group(result, 'woman')).toMatchObject({ selectionRate: 0.04, impactRatio: 1, adverseImpact: false });
    // 8 / 700 = 0.011428… → 0.0114; (8 × 300) / (12 × 700) = 0.285714… → 0.2857, well under 0.8.
    expect(group(result, 'man')).toMatchObject({ selectionRate: 0.0114, impactRatio: 0.2857, adverseImpact: true });
  });

  it('does not flag an impact ratio of exactly four-fifths', () => {
    // four-fifths rule, 29 CFR 1607.4(D): adverse only *under* 0.8.
    const input = inputs({
      groups: [facts('woman', 100), facts('man', 200)],
      population: { woman: 400, man: 1000 },
    });

    const result = computeRepresentation(input);

    // 100 / 400 = 0.25 is the highest; 200 / 1000 = 0.2; 0.2 / 0.25 = 0.8.
    expect(group(result, 'man')).toMatchObject({ selectionRate: 0.2, impactRatio: 0.8, adverseImpact: false });
  });

  it('does not flag an exact four-fifths that floating point would put just under it', () => {
    const input = inputs({
      groups: [facts('woman', 10), facts('man', 8)],
      population: { woman: 100, man: 100 },
    });

    const result = computeRepresentation(input);

    // 8 / 100 against 10 / 100 is exactly 4/5, though 0.08 / 0.1 is 0.7999999999999999 in JavaScript.
    expect(group(result, 'man')).toMatchObject({ selectionRate: 0.08, impactRatio: 0.8, adverseImpact: false });
  });

  it('flags an impact ratio just under four-fifths', () => {
    const input = inputs({
      groups: [facts('woman', 100), facts('man', 199)],
      population: { woman: 400, man: 1000 },
    });

    const result = computeRepresentation(input);

    // 199 / 1000 = 0.199; 0.199 / 0.25 = 0.796 < 0.8.
    expect(group(result, 'man')).toMatchObject({ selectionRate: 0.199, impactRatio: 0.796, adverseImpact: true });
  });

  it('does not take the highest rate from a group suppressed for its size', () => {
    // Both small groups have the highest rates (2 / 4 and 1 / 2 = 0.5); compared against them, the
    // shown ratios would give their rate away. 2 + 1 = 3 people (shown as 2 and 1: quiet keys) in
    // two cells: nothing else is taken.
    const input = inputs({
      groups: [facts('nonbinary', 2), facts('agender', 1), facts('woman', 12), facts('man', 8)],
      population: { nonbinary: 4, agender: 2, woman: 200, man: 400 },
    });

    const result = computeRepresentation(input);

    expect(suppressedByGroup(result)).toEqual({
      agender: true,
      man: false,
      nonbinary: true,
      woman: false,
      other: true,
      undisclosed: true,
    });
    // Highest shown rate: 12 / 200 = 0.06 (against 0.5 it would be 0.12).
    expect(group(result, 'woman')).toMatchObject({ selectionRate: 0.06, impactRatio: 1, adverseImpact: false });
    // 8 / 400 = 0.02; 0.02 / 0.06 = 0.3333… → 0.3333 (against 0.5 it would be 0.04).
    expect(group(result, 'man')).toMatchObject({ selectionRate: 0.02, impactRatio: 0.3333, adverseImpact: true });
  });

  it('does not take the highest rate from a group suppressed to protect another', () => {
    // nonbinary (2) is small; women (8, shown on their own) are the next smallest and go with them,
    // though their 8 / 10 = 0.8 is the highest rate.
    const input = inputs({
      groups: [facts('nonbinary', 2), facts('woman', 8), facts('man', 20)],
      population: { nonbinary: 100, woman: 10, man: 100 },
    });

    const result = computeRepresentation(input);

    expect(suppressedByGroup(result)).toEqual({ man: false, nonbinary: true, woman: true, other: true, undisclosed: true });
    // 20 / 100 = 0.2 is the only shown rate (against 0.8 it would be 0.25, adverse).
    expect(group(result, 'man')).toMatchObject({ selectionRate: 0.2, impactRatio: 1, adverseImpact: false });
  });
});

describe('access to sessions and to leaders', () => {
  it('gives sessions and senior minutes per participant', () => {
    const input = inputs({ groups: [facts('woman', 9, 21, 600), facts('man', 8, 8, 0)], population: { woman: 30, man: 40 } });

    const result = computeRepresentation(input);

    // 21 / 9 = 2.333… → 2.33 (two decimals); 600 / 9 = 66.666… → 66.7 (one decimal).
    expect(group(result, 'woman')).toMatchObject({ sessionsPerParticipant: 2.33, seniorMinutesPerParticipant: 66.7 });
    // 8 / 8 = 1; no executive time at all: 0.
    expect(group(result, 'man')).toMatchObject({ sessionsPerParticipant: 1, seniorMinutesPerParticipant: 0 });
  });
});

describe('minimum group size', () => {
  it('shows a group of exactly k only when its shown count reaches k + 5, and suppresses a group of k − 1', () => {
    // k = 5: men (4) and the one non-binary person are suppressed; together they rest on
    // 4 + 1 = 5 people in two cells, so the women need not go with them. The 5 women show when their
    // key's noise is +5 (shown as 10 = k + 5), not when it is 0 (shown as 5).
    const groups = (womenKey: number) => [facts('woman', 5, 10, 60, womenKey), facts('man', 4, 8, 60), facts('nonbinary', 1, 2, 0)];
    const population = { woman: 50, man: 40, nonbinary: 10 };

    const result = computeRepresentation(inputs({ k: 5, groups: groups(keyWithNoise(5)), population }));
    const quiet = computeRepresentation(inputs({ k: 5, groups: groups(quietKey), population }));

    expect(result).toMatchObject({ suppressed: false, totalParticipants: 10 });
    // The only shown group with a baseline: its own rate, 10 / 50 = 0.2, is the highest; share 10 / 10.
    expect(group(result, 'woman')).toMatchObject({ suppressed: false, participants: 10, share: 1, selectionRate: 0.2, impactRatio: 1 });
    expect(group(quiet, 'woman')).toMatchObject({ suppressed: true, participants: null });
    // Every figure resting on the four men goes; the baseline's 40 of 100 (0.4) is no secret.
    expect(group(result, 'man')).toEqual({
      group: 'man',
      suppressed: true,
      participants: null,
      share: null,
      population: 40,
      populationShare: 0.4,
      representationIndex: null,
      selectionRate: null,
      impactRatio: null,
      adverseImpact: null,
      sessionsPerParticipant: null,
      seniorMinutesPerParticipant: null,
    });
    expect(group(result, 'nonbinary').suppressed).toBe(true);
  });

  it('withholds the whole result when it rests on fewer than k people', () => {
    const input = inputs({ k: 5, groups: [facts('woman', 2), facts('man', 2)], population: { woman: 10, man: 10 } });

    const result = computeRepresentation(input);

    // 2 + 2 = 4 < 5.
    expect(result.suppressed).toBe(true);
    expect(result.totalParticipants).toBeNull();
    expect(result.groups.map((g) => [g.group, g.suppressed, g.participants])).toEqual([
      ['man', true, null],
      ['woman', true, null],
      ['other', true, null],
      ['undisclosed', true, null],
    ]);
  });
});

describe('complementary suppression', () => {
  it('suppresses the next smallest group with a lone small one, passing over an empty group', () => {
    // nonbinary (2 < 3) alone could be read back as 22 − 8 − 12; the next smallest non-empty group is
    // the women (8), not agender (0, withheld already but hiding nobody): 2 + 8 = 10 ≥ 3 people in two
    // cells is safe.
    const input = inputs({
      groups: [facts('nonbinary', 2), facts('woman', 8), facts('man', 12)],
      population: { agender: 10, nonbinary: 10, woman: 10, man: 10 },
    });

    const result = computeRepresentation(input);

    expect(result.totalParticipants).toBe(22);
    expect(suppressedByGroup(result)).toEqual({
      agender: true,
      man: false,
      nonbinary: true,
      woman: true,
      other: true,
      undisclosed: true,
    });
    expect(group(result, 'man').participants).toBe(12);
  });

  it('takes a third group when two suppressed groups of one person each rest on fewer than k', () => {
    // k = 3: 1 + 1 = 2 people, so 23 − 9 − 12 would give the pair's count; the next smallest (women, 9)
    // goes too: 1 + 1 + 9 = 11 ≥ 3.
    const input = inputs({
      groups: [facts('nonbinary', 1), facts('undisclosed', 1), facts('woman', 9), facts('man', 12)],
      population: { nonbinary: 10, woman: 10, man: 10 },
    });

    const result = computeRepresentation(input);

    expect(result.totalParticipants).toBe(23);
    expect(suppressedByGroup(result)).toEqual({ man: false, nonbinary: true, undisclosed: true, woman: true, other: true });
  });
});

describe('the catalogue', () => {
  it('lists the baseline groups alphabetically, then `other` and `undisclosed`, and folds values outside it into `other`', () => {
    // 'martian' and 'pluto' are not in the baseline: their people (5 + 4, keys 1 and 31) are `other`,
    // with key 32. Keys 1 and 31 give no noise and 32 gives +1, so 10 shows that the keys were summed.
    expect([noiseOf(1), noiseOf(31), noiseOf(32)]).toEqual([0, 0, 1]);
    const input = inputs({
      groups: [facts('woman', 10), facts('martian', 5, 0, 0, 1), facts('pluto', 4, 0, 0, 31), facts('man', 12)],
      population: { woman: 50, man: 50 },
    });

    const result = computeRepresentation(input);

    expect(result.groups.map((g) => g.group)).toEqual(['man', 'woman', 'other', 'undisclosed']);
    expect(group(result, 'other')).toMatchObject({ suppressed: false, participants: perturb(9, 32) });
    expect(perturb(9, 32)).toBe(10);
    expect(JSON.stringify(result)).not.toContain('martian');
  });
});

describe('the dominance rule', () => {
  it('withholds the whole breakdown when fewer than k people fall outside its largest group', () => {
    // 10 women and 2 men: all but 2 < 3 share one value, so the breakdown says "a woman" of nearly everyone.
    const result = computeRepresentation(inputs({ groups: [facts('woman', 10), facts('man', 2)], population: { woman: 50, man: 50 } }));

    expect(result).toMatchObject({ suppressed: true, totalParticipants: null });
    expect(result.groups.every((g) => g.suppressed && g.participants === null)).toBe(true);
  });

  it('withholds it when everyone is in one group, and not with exactly k outside', () => {
    const population = { woman: 50, man: 50 };
    const unanimous = computeRepresentation(inputs({ groups: [facts('woman', 10)], population }));
    const kOutside = computeRepresentation(inputs({ groups: [facts('woman', 10), facts('man', 3)], population }));

    expect(unanimous.suppressed).toBe(true);
    expect(kOutside).toMatchObject({ suppressed: false, totalParticipants: 13 });
    // The 3 men are too few to show (3 < k + 5), and the women go with them: a lone hidden group
    // would be the total minus the women.
    expect(suppressedByGroup(kOutside)).toMatchObject({ man: true, woman: true });
  });

  it('judges dominance on the shown counts, so whether a breakdown is withheld is itself noisy', () => {
    // 10 women and 2 men, the men's key giving +1: 3 shown outside the largest group, not withheld.
    // 10 women and 3 men, the men's key giving −1: 2 shown outside, withheld.
    const population = { woman: 50, man: 50 };
    const lifted = computeRepresentation(inputs({ groups: [facts('woman', 10), facts('man', 2, 0, 0, keyWithNoise(1))], population }));
    const lowered = computeRepresentation(inputs({ groups: [facts('woman', 10), facts('man', 3, 0, 0, keyWithNoise(-1))], population }));

    expect(lifted).toMatchObject({ suppressed: false, totalParticipants: 12 });
    expect(group(lifted, 'man')).toMatchObject({ suppressed: true, participants: null }); // 2 < k, whatever its noise
    expect(lowered).toMatchObject({ suppressed: true, totalParticipants: null });
  });

  it('withholds a quarter not released yet, whatever its facts', () => {
    const result = computeRepresentation(
      inputs({ groups: [facts('woman', 10), facts('man', 10)], population: { woman: 50, man: 50 }, pending: true }),
    );

    expect(result).toMatchObject({ suppressed: true, totalParticipants: null });
  });
});

describe('cell-key perturbation', () => {
  it('shows a count with its key’s noise, and takes every derived figure from the shown count', () => {
    // Key 17 adds 2 to a count (noiseOf(17) = +2): 10 women are shown as 12, over the exact total 20.
    expect(noiseOf(17)).toBe(2);
    const input = inputs({
      groups: [facts('woman', 10, 20, 600, 17), facts('man', 10, 10, 0)],
      population: { woman: 100, man: 100 },
    });

    const result = computeRepresentation(input);

    expect(result.totalParticipants).toBe(20);
    // share 12 / 20 = 0.6; selection 12 / 100 = 0.12 (the highest); men 10 / 100 = 0.1 → impact 0.1 / 0.12 = 0.8333.
    expect(group(result, 'woman')).toMatchObject({
      participants: 12,
      share: 0.6,
      selectionRate: 0.12,
      impactRatio: 1,
      sessionsPerParticipant: Math.round((perturbSum(20, 10, 17, 1) / 12) * 100) / 100,
      seniorMinutesPerParticipant: Math.round((perturbSum(600, 10, 17, 2) / 12) * 10) / 10,
    });
    expect(group(result, 'man')).toMatchObject({ participants: 10, impactRatio: 0.8333, adverseImpact: false });
  });

  it('judges the floor of k on the true count: a group of k − 1 shown as k + 5 is still suppressed', () => {
    // 2 non-binary people whose key gives +6 would show as 8 = k + 5; the floor looks at the 2.
    const input = inputs({
      groups: [facts('nonbinary', 2, 0, 0, keyWithNoise(6)), facts('woman', 12), facts('man', 12)],
      population: { nonbinary: 10, woman: 50, man: 50 },
    });

    const result = computeRepresentation(input);

    expect(group(result, 'nonbinary').suppressed).toBe(true);
  });

  it('gives the same people the same figure every time', () => {
    const input = inputs({ groups: [facts('woman', 7, 9, 0, 200), facts('man', 8, 8, 0, 201)], population: { woman: 50, man: 50 } });

    expect(computeRepresentation(input)).toEqual(computeRepresentation(structuredClone(input)));
  });
});

describe('any breakdown, whatever its facts', () => {
  const value = fc.constantFrom('woman', 'man', 'nonbinary', 'martian', 'undisclosed');
  const facts$ = fc.uniqueArray(
    fc.record({
      group: value,
      participants: fc.integer({ min: 0, max: 30 }),
      cellKey: fc.integer({ min: 0, max: disclosure.keySpace - 1 }),
    }),
    { selector: (g) => g.group },
  );

  it('lists the catalogue in order, shows no group under k (nor under k + 5 shown), and shows counts within the noise of the truth', () => {
    fc.assert(
      fc.property(facts$, fc.integer({ min: 2, max: 6 }), (groups, k) => {
        const result = computeRepresentation(
          inputs({
            k,
            groups: groups.map((g) => facts(g.group, g.participants, g.participants, 0, g.cellKey)),
            population: { woman: 50, man: 50, nonbinary: 5 },
          }),
        );
        // Only martians fold into `other`, so its facts are theirs; a group nobody holds has no key.
        const factsOf = (name: string) => groups.find((g) => g.group === (name === 'other' ? 'martian' : name));
        const truth = (name: string) => factsOf(name)?.participants ?? 0;
        const shown = (name: string) => perturb(truth(name), factsOf(name)?.cellKey ?? 0);
        const names = ['man', 'nonbinary', 'woman', 'other', 'undisclosed'];
        const total = names.map(truth).reduce((n, c) => n + c, 0);
        const shownCounts = names.map(shown);
        const shownTotal = shownCounts.reduce((n, c) => n + c, 0);

        expect(result.groups.map((g) => g.group)).toEqual(names);
        // Withheld whole below k people in all (the truth), or with fewer than k shown outside the largest group.
        expect(result.suppressed).toBe((total > 0 && total < k) || (shownTotal > 0 && shownTotal - Math.max(...shownCounts) < k));
        for (const g of result.groups) {
          const c = truth(g.group);
          if (c < k || shown(g.group) < k + disclosure.showMargin) expect(g.suppressed).toBe(true);
          if (!g.suppressed) expect(g.participants).toBe(shown(g.group));
          if (!g.suppressed) expect(Math.abs(g.participants! - c)).toBeLessThanOrEqual(maxNoise);
        }
        // What the shown groups leave of the total is never one suppressed group, nor fewer than k
        // people, judged on the shown counts.
        if (!result.suppressed) {
          const hidden = result.groups.filter((g) => g.suppressed && shown(g.group) > 0);
          const people = hidden.reduce((n, g) => n + shown(g.group), 0);
          expect(hidden.length !== 1 && (people === 0 || people >= k)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
