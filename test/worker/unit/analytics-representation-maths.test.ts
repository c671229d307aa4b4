import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { noiseOf, perturb, perturbSum } from '../../../shared/rules/disclosure';
import { computeRepresentation, type GroupFacts, type RepresentationInputs } from '../../../worker/analytics/representation';

/**
 * The representation maths of PRODUCT.md §4 under the privacy rules of §5 and the disclosure model
 * (shared/rules/disclosure.ts), straight on small tables of facts: no database, every expected
 * number worked out by hand next to it. The HTTP tests in ../analytics-representation.test.ts show
 * the same rules through the API.
 */

/**
 * A cell key whose noise is zero for the count and for both perturbed sums, so the hand-worked
 * maths shows through unchanged; the noise itself has its own tests below.
 */
const quietKey = 62;

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
      groups: [facts('woman', 6), facts('man', 4)],
      population: { woman: 300, man: 700 },
    });

    const result = computeRepresentation(input);

    expect(result).toMatchObject({ dimension: 'gender', role: 'mentee', suppressed: false, totalParticipants: 10 });
    // 6 of 10 participants against 300 of 1000 in the population: 0.6 / 0.3 = 2
    expect(group(result, 'woman')).toMatchObject({
      participants: 6,
      share: 0.6,
      population: 300,
      populationShare: 0.3,
      representationIndex: 2,
    });
    // 4 of 10 against 700 of 1000: 0.4 / 0.7 = 0.571428… → 0.5714
    expect(group(result, 'man')).toMatchObject({
      participants: 4,
      share: 0.4,
      population: 700,
      populationShare: 0.7,
      representationIndex: 0.5714,
    });
  });

  it('leaves the population figures of the undisclosed group null and lists it last', () => {
    // 'undisclosed' sorts before 'woman' by name, so last place is the rule, not the alphabet.
    const input = inputs({
      groups: [facts('undisclosed', 3, 6), facts('woman', 3), facts('man', 4)],
      population: { man: 40, woman: 30 },
    });

    const result = computeRepresentation(input);

    expect(result.groups.map((g) => g.group)).toEqual(['man', 'woman', 'other', 'undisclosed']);
    // The undisclosed still count among the participants: 3 + 3 + 4 = 10.
    expect(result.totalParticipants).toBe(10);
    // share 3 / 10 = 0.3; 6 sessions / 3 people = 2; no baseline, so nothing to compare with.
    expect(group(result, 'undisclosed')).toEqual({
      group: 'undisclosed',
      suppressed: false,
      participants: 3,
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
    // 4 of 40 men and 3 of 30 women: both 0.1, so each is the highest rate.
    // populationShare 40 / 70 = 0.5714 and 30 / 70 = 0.4286; index 0.4 / (4/7) = 0.3 / (3/7) = 0.7.
    expect(group(result, 'man')).toMatchObject({ populationShare: 0.5714, representationIndex: 0.7, selectionRate: 0.1, impactRatio: 1 });
    expect(group(result, 'woman')).toMatchObject({ populationShare: 0.4286, representationIndex: 0.7, selectionRate: 0.1, impactRatio: 1 });
  });

  it('shows a baseline group with nobody in it as zero, not suppressed', () => {
    // Zero people is shown as zero (§5.2): it rests on nobody.
    const input = inputs({
      groups: [facts('woman', 5), facts('man', 5)],
      population: { woman: 50, man: 50, nonbinary: 20 },
    });

    const result = computeRepresentation(input);

    // populationShare 20 / 120 = 0.16666… → 0.1667; selection rate 0 / 20 = 0, against the highest
    // 5 / 50 = 0.1: impact ratio 0, under four-fifths. Nobody to average sessions over: null.
    expect(group(result, 'nonbinary')).toEqual({
      group: 'nonbinary',
      suppressed: false,
      participants: 0,
      share: 0,
      population: 20,
      populationShare: 0.1667,
      representationIndex: 0,
      selectionRate: 0,
      impactRatio: 0,
      adverseImpact: true,
      sessionsPerParticipant: null,
      seniorMinutesPerParticipant: null,
    });
    expect(suppressedByGroup(result)).toEqual({ man: false, nonbinary: false, woman: false, other: false, undisclosed: false });
  });

  it('shows a result with nobody in it as zero, not withheld', () => {
    const input = inputs({ groups: [], population: { woman: 10, man: 10 } });

    const result = computeRepresentation(input);

    expect(result.suppressed).toBe(false);
    expect(result.totalParticipants).toBe(0);
    expect(result.groups.map((g) => [g.group, g.suppressed, g.participants])).toEqual([
      ['man', false, 0],
      ['woman', false, 0],
      ['other', false, 0],
      ['undisclosed', false, 0],
    ]);
  });
});

describe('selection rates and the four-fifths rule', () => {
  it('gives each group its selection rate and its impact ratio against the highest rate', () => {
    const input = inputs({
      groups: [facts('woman', 6), facts('man', 4)],
      population: { woman: 300, man: 700 },
    });

    const result = computeRepresentation(input);

    // 6 / 300 = 0.02, the highest rate.
    expect(group(result, 'woman')).toMatchObject({ selectionRate: 0.02, impactRatio: 1, adverseImpact: false });
    // 4 / 700 = 0.005714… → 0.0057; 0.005714… / 0.02 = 0.285714… → 0.2857, well under 0.8.
    expect(group(result, 'man')).toMatchObject({ selectionRate: 0.0057, impactRatio: 0.2857, adverseImpact: true });
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
    // shown ratios would give their rate away. 2 + 1 = 3 people in two cells: nothing else is taken.
    const input = inputs({
      groups: [facts('nonbinary', 2), facts('agender', 1), facts('woman', 6), facts('man', 4)],
      population: { nonbinary: 4, agender: 2, woman: 100, man: 200 },
    });

    const result = computeRepresentation(input);

    expect(suppressedByGroup(result)).toEqual({
      agender: true,
      man: false,
      nonbinary: true,
      woman: false,
      other: false,
      undisclosed: false,
    });
    // Highest shown rate: 6 / 100 = 0.06 (against 0.5 it would be 0.12).
    expect(group(result, 'woman')).toMatchObject({ selectionRate: 0.06, impactRatio: 1, adverseImpact: false });
    // 4 / 200 = 0.02; 0.02 / 0.06 = 0.3333… → 0.3333 (against 0.5 it would be 0.04).
    expect(group(result, 'man')).toMatchObject({ selectionRate: 0.02, impactRatio: 0.3333, adverseImpact: true });
  });

  it('does not take the highest rate from a group suppressed to protect another', () => {
    // nonbinary (2) is small; women (4) are the next smallest and go with them, though their
    // 4 / 10 = 0.4 is the highest rate.
    const input = inputs({
      groups: [facts('nonbinary', 2), facts('woman', 4), facts('man', 9)],
      population: { nonbinary: 100, woman: 10, man: 100 },
    });

    const result = computeRepresentation(input);

    expect(suppressedByGroup(result)).toEqual({ man: false, nonbinary: true, woman: true, other: false, undisclosed: false });
    // 9 / 100 = 0.09 is the only shown rate (against 0.4 it would be 0.225, adverse).
    expect(group(result, 'man')).toMatchObject({ selectionRate: 0.09, impactRatio: 1, adverseImpact: false });
  });
});

describe('access to sessions and to leaders', () => {
  it('gives sessions and senior minutes per participant', () => {
    const input = inputs({ groups: [facts('woman', 3, 7, 200), facts('man', 4, 4, 0)], population: { woman: 30, man: 40 } });

    const result = computeRepresentation(input);

    // 7 / 3 = 2.333… → 2.33 (two decimals); 200 / 3 = 66.666… → 66.7 (one decimal).
    expect(group(result, 'woman')).toMatchObject({ sessionsPerParticipant: 2.33, seniorMinutesPerParticipant: 66.7 });
    // 4 / 4 = 1; no executive time at all: 0.
    expect(group(result, 'man')).toMatchObject({ sessionsPerParticipant: 1, seniorMinutesPerParticipant: 0 });
  });
});

describe('minimum group size', () => {
  it('shows a group of exactly k and suppresses a group of k − 1', () => {
    // k = 5: men (4) and the one non-binary person are suppressed; together they rest on
    // 4 + 1 = 5 people in two cells, so the women need not go with them.
    const input = inputs({
      k: 5,
      groups: [facts('woman', 5, 10, 60), facts('man', 4, 8, 60), facts('nonbinary', 1, 2, 0)],
      population: { woman: 50, man: 40, nonbinary: 10 },
    });

    const result = computeRepresentation(input);

    expect(result).toMatchObject({ suppressed: false, totalParticipants: 10 });
    // The only shown group with a baseline: its own rate, 5 / 50 = 0.1, is the highest.
    expect(group(result, 'woman')).toMatchObject({ suppressed: false, participants: 5, share: 0.5, selectionRate: 0.1, impactRatio: 1 });
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
    // nonbinary (2 < 3) alone could be read back as 15 − 4 − 9; the next smallest non-empty group is
    // the women (4), not agender (0): 2 + 4 = 6 ≥ 3 people in two cells is safe.
    const input = inputs({
      groups: [facts('nonbinary', 2), facts('woman', 4), facts('man', 9)],
      population: { agender: 10, nonbinary: 10, woman: 10, man: 10 },
    });

    const result = computeRepresentation(input);

    expect(result.totalParticipants).toBe(15);
    expect(suppressedByGroup(result)).toEqual({
      agender: false,
      man: false,
      nonbinary: true,
      woman: true,
      other: false,
      undisclosed: false,
    });
    expect(group(result, 'agender').participants).toBe(0);
    expect(group(result, 'man').participants).toBe(9);
  });

  it('takes a third group when two suppressed groups of one person each rest on fewer than k', () => {
    // k = 3: 1 + 1 = 2 people, so 15 − 5 − 8 would give the pair's count; the next smallest (women, 5)
    // goes too: 1 + 1 + 5 = 7 ≥ 3.
    const input = inputs({
      groups: [facts('nonbinary', 1), facts('undisclosed', 1), facts('woman', 5), facts('man', 8)],
      population: { nonbinary: 10, woman: 10, man: 10 },
    });

    const result = computeRepresentation(input);

    expect(result.totalParticipants).toBe(15);
    expect(suppressedByGroup(result)).toEqual({ man: false, nonbinary: true, undisclosed: true, woman: true, other: false });
  });
});

describe('the catalogue', () => {
  it('lists the baseline groups alphabetically, then `other` and `undisclosed`, and folds values outside it into `other`', () => {
    // 'martian' and 'pluto' are not in the baseline: their people (2 + 1, keys 10 and 20) are `other`, with key 30.
    const input = inputs({
      groups: [facts('woman', 5), facts('martian', 2, 0, 0, 10), facts('pluto', 1, 0, 0, 20), facts('man', 6)],
      population: { woman: 50, man: 50 },
    });

    const result = computeRepresentation(input);

    expect(result.groups.map((g) => g.group)).toEqual(['man', 'woman', 'other', 'undisclosed']);
    expect(group(result, 'other')).toMatchObject({ suppressed: false, participants: perturb(3, 30) });
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

  it('withholds it when everyone is in one group, and shows it with exactly k outside', () => {
    const population = { woman: 50, man: 50 };
    const unanimous = computeRepresentation(inputs({ groups: [facts('woman', 10)], population }));
    const kOutside = computeRepresentation(inputs({ groups: [facts('woman', 10), facts('man', 3)], population }));

    expect(unanimous.suppressed).toBe(true);
    expect(kOutside).toMatchObject({ suppressed: false, totalParticipants: 13 });
    expect(group(kOutside, 'man')).toMatchObject({ suppressed: false, participants: 3 });
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
    // Key 14 adds 2 to a count (noiseOf(14) = +2): 10 women are shown as 12, over the exact total 20.
    expect(noiseOf(14)).toBe(2);
    const input = inputs({
      groups: [facts('woman', 10, 20, 600, 14), facts('man', 10, 10, 0)],
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
      sessionsPerParticipant: Math.round((perturbSum(20, 10, 14, 1) / 12) * 100) / 100,
      seniorMinutesPerParticipant: Math.round((perturbSum(600, 10, 14, 2) / 12) * 10) / 10,
    });
    expect(group(result, 'man')).toMatchObject({ participants: 10, impactRatio: 0.8333, adverseImpact: false });
  });

  it('judges the floor of k on the true count: a group of k − 1 shown as k + 1 is still suppressed', () => {
    // 2 non-binary people with key 14 would show as 4 ≥ k; the floor looks at the 2.
    const input = inputs({
      groups: [facts('nonbinary', 2, 0, 0, 14), facts('woman', 6), facts('man', 6)],
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
    fc.record({ group: value, participants: fc.integer({ min: 0, max: 30 }), cellKey: fc.integer({ min: 0, max: 255 }) }),
    { selector: (g) => g.group },
  );

  it('lists the catalogue in order, shows no group of 1 to k − 1, and shows counts within the noise of the truth', () => {
    fc.assert(
      fc.property(facts$, fc.integer({ min: 2, max: 6 }), (groups, k) => {
        const result = computeRepresentation(
          inputs({
            k,
            groups: groups.map((g) => facts(g.group, g.participants, g.participants, 0, g.cellKey)),
            population: { woman: 50, man: 50, nonbinary: 5 },
          }),
        );
        const truth = (name: string) =>
          groups.filter((g) => (name === 'other' ? g.group === 'martian' : g.group === name)).reduce((n, g) => n + g.participants, 0);
        const counts = ['man', 'nonbinary', 'woman', 'other', 'undisclosed'].map(truth);
        const total = counts.reduce((n, c) => n + c, 0);

        expect(result.groups.map((g) => g.group)).toEqual(['man', 'nonbinary', 'woman', 'other', 'undisclosed']);
        expect(result.suppressed).toBe((total > 0 && total < k) || (total > 0 && total - Math.max(...counts) < k));
        for (const g of result.groups) {
          const c = truth(g.group);
          if (c > 0 && c < k) expect(g.suppressed).toBe(true);
          if (!g.suppressed) expect(Math.abs(g.participants! - c)).toBeLessThanOrEqual(2);
          if (!g.suppressed && c === 0) expect(g.participants).toBe(0);
        }
        // What the shown groups leave of the exact total is never one suppressed group, nor fewer than k people.
        if (!result.suppressed) {
          const hidden = result.groups.filter((g) => g.suppressed && truth(g.group) > 0);
          const people = hidden.reduce((n, g) => n + truth(g.group), 0);
          expect(hidden.length !== 1 && (people === 0 || people >= k)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
