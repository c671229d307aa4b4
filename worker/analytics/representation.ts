import type { MemberRole, Representation, RepresentationGroup } from '../../shared';
import { round } from './median';
import { complementarySuppression, isSmall, remainderIsSmall } from './privacy';

/** Participants with no value for the dimension form this group. */
export const undisclosed = 'undisclosed';

/** Four-fifths rule, 29 CFR 1607.4(D): a selection rate under 4/5 of the highest signals adverse impact. */
export const fourFifths = { numerator: 4, denominator: 5 } as const;

export interface GroupFacts {
  group: string;
  participants: number;
  /** Held sessions in the period of the engagements these people are in, summed over them. */
  sessions: number;
  /** Minutes of those sessions that had an executive-level counterpart, summed over them. */
  seniorMinutes: number;
}

export interface RepresentationInputs {
  k: number;
  dimension: string;
  role: MemberRole | null;
  groups: GroupFacts[];
  /** The eligible population per group, from the baseline. */
  population: Record<string, number>;
  /** Participants per group of each wider result (without the programme, role or period filter). */
  wholes: Map<string, number>[];
}

/**
 * Representation (PRODUCT.md §4) under every rule of §5: groups of 1 to k−1 are suppressed, more
 * groups go with them until the total minus the shown groups is safe (`complementarySuppression`),
 * and a group (or the whole result) is withheld when a wider result differs from it by 1 to k−1
 * people. Impact ratios compare only groups that have a baseline and are shown, so a suppressed
 * group's rate cannot be read back from them.
 */
export function computeRepresentation(input: RepresentationInputs): Omit<Representation, 'period' | 'programmeId' | 'minGroupSize'> {
  const { k, population } = input;
  const facts = new Map(input.groups.map((g) => [g.group, g]));
  const names = [...new Set([...Object.keys(population), ...facts.keys()])].sort((a, b) =>
    a === undisclosed ? 1 : b === undisclosed ? -1 : a.localeCompare(b),
  );
  const cells = names.map((group) => facts.get(group) ?? { group, participants: 0, sessions: 0, seniorMinutes: 0 });
  const total = cells.reduce((n, c) => n + c.participants, 0);
  const totalsOfWholes = input.wholes.map((w) => [...w.values()].reduce((n, x) => n + x, 0));

  const wholeWithheld =
    isSmall(total, k) ||
    remainderIsSmall(
      totalsOfWholes.map((t) => t - total),
      k,
    );
  const flags = wholeWithheld
    ? cells.map(() => true)
    : complementarySuppression(
        cells.map((c) => ({
          people: c.participants,
          suppressed:
            isSmall(c.participants, k) ||
            remainderIsSmall(
              input.wholes.map((w) => (w.get(c.group) ?? 0) - c.participants),
              k,
            ),
        })),
        k,
      );

  const populationTotal = Object.values(population).reduce((n, x) => n + x, 0);
  const selectionRate = (c: GroupFacts) => {
    const pop = population[c.group];
    return pop ? c.participants / pop : null;
  };
  // The group with the highest selection rate among those shown with a baseline.
  let top: GroupFacts | null = null;
  for (const [i, c] of cells.entries()) {
    const rate = selectionRate(c);
    if (!flags[i] && rate !== null && (top === null || rate > selectionRate(top)!)) top = c;
  }
  // The impact ratio (n / pop) / (n_top / pop_top) from the integers, in one division, and the
  // four-fifths test without division at all: an exact four fifths (8 of 100 against 10 of 100) is
  // 0.8, not 0.7999999999999999, and is not adverse impact.
  const impactOf = (c: GroupFacts, pop: number | undefined) => {
    if (!pop || top === null || top.participants === 0) return null;
    const numerator = c.participants * population[top.group]!;
    const denominator = top.participants * pop;
    return { ratio: numerator / denominator, adverse: numerator * fourFifths.denominator < denominator * fourFifths.numerator };
  };

  const groups: RepresentationGroup[] = cells.map((c, i) => {
    const pop = population[c.group] ?? null;
    const populationShare = pop !== null && populationTotal > 0 ? round(pop / populationTotal) : null;
    if (flags[i]) {
      return {
        group: c.group,
        suppressed: true,
        participants: null,
        share: null,
        population: pop,
        populationShare,
        representationIndex: null,
        selectionRate: null,
        impactRatio: null,
        adverseImpact: null,
        sessionsPerParticipant: null,
        seniorMinutesPerParticipant: null,
      };
    }
    const share = total > 0 ? c.participants / total : null;
    const rate = selectionRate(c);
    const impact = impactOf(c, population[c.group]);
    return {
      group: c.group,
      suppressed: false,
      participants: c.participants,
      share: share === null ? null : round(share),
      population: pop,
      populationShare,
      representationIndex: share !== null && populationShare ? round(share / (pop! / populationTotal)) : null,
      selectionRate: rate === null ? null : round(rate),
      impactRatio: impact === null ? null : round(impact.ratio),
      adverseImpact: impact === null ? null : impact.adverse,
      sessionsPerParticipant: c.participants > 0 ? round(c.sessions / c.participants, 2) : null,
      seniorMinutesPerParticipant: c.participants > 0 ? round(c.seniorMinutes / c.participants, 1) : null,
    };
  });

  return {
    dimension: input.dimension,
    role: input.role,
    suppressed: wholeWithheld,
    totalParticipants: wholeWithheld ? null : total,
    groups,
  };
}
