import type { MemberRole, Representation, RepresentationGroup } from '../../shared';
import { disclosure, dominated, isReleased, perturb, perturbSum, showable } from '../../shared/rules/disclosure';
import { dateOf, dateRange, dayNumber, fiscalQuarterOf, previousPeriod, type Period } from './calendar';
import { round } from './median';
import { complementarySuppression, isSmall } from './privacy';

/** Participants with no value for the dimension form this group. */
export const undisclosed = 'undisclosed';
/** Participants whose value is not in the dimension's catalogue (the baseline) form this group. */
export const other = 'other';

/** Four-fifths rule, 29 CFR 1607.4(D): a selection rate under 4/5 of the highest signals adverse impact. */
export const fourFifths = { numerator: 4, denominator: 5 } as const;

/** Salts naming the perturbed sums of a group (shared/rules/disclosure.ts `perturbSum`): unrelated noise per figure. */
export const sumSalts = { sessions: 1, seniorMinutes: 2 } as const;

export interface GroupFacts {
  group: string;
  /** True count of distinct people. */
  participants: number;
  /** Their record keys summed modulo the key space: the group's noise (`cellKeyOf`). */
  cellKey: number;
  /** Held sessions in the quarter of the engagements these people are in, summed over them. */
  sessions: number;
  /** Minutes of those sessions that had an executive-level counterpart, summed over them. */
  seniorMinutes: number;
}

export interface RepresentationInputs {
  k: number;
  dimension: string;
  role: MemberRole | null;
  groups: GroupFacts[];
  /** The eligible population per group, from the baseline: the dimension's catalogue. */
  population: Record<string, number>;
  /** The quarter is not released yet: every group is withheld. */
  pending?: boolean;
}

/**
 * The quarter a representation request covers, and when it is released, by the server's clock
 * (`now`, epoch ms — never the caller's `asOf`, which a caller could set to tomorrow): the fiscal
 * quarter containing `to`, or with no `to`, the latest quarter already released. One quarter per
 * answer, so shifting `from` or `to` by a day gives the same answer or another quarter's, never a
 * figure that differs by the people of one day.
 */
export function representationQuarter(to: string | undefined, fiscalYearStartMonth: number, now: number) {
  const releasesOn = (q: Period) => dateOf(dayNumber(q.to) + 1 + disclosure.quarterLagDays);
  let quarter = fiscalQuarterOf(to ?? new Date(now).toISOString().slice(0, 10), fiscalYearStartMonth);
  // The quarter of today is never over; the one before it may still be within its lag.
  if (to === undefined) while (!isReleased(quarter.to, disclosure.quarterLagDays, now)) quarter = previousPeriod(quarter);
  // A fiscal year starting in February makes a quarter of Nov 1999 … Jan 2000: nothing runs outside the accepted years.
  quarter = {
    from: quarter.from < `${dateRange.firstYear}-01-01` ? `${dateRange.firstYear}-01-01` : quarter.from,
    to: quarter.to > `${dateRange.lastYear}-12-31` ? `${dateRange.lastYear}-12-31` : quarter.to,
  };
  return { quarter, released: isReleased(quarter.to, disclosure.quarterLagDays, now), releasesOn: releasesOn(quarter) };
}

/**
 * The groups of a dimension, in a fixed order whatever the filters or the people: the catalogue's
 * (the baseline's groups, alphabetically), then `other`, then `undisclosed` — all of them, always, so
 * that neither a name nor its absence says anything about who holds which value.
 */
export function catalogueOf(population: Record<string, number>): string[] {
  const named = Object.keys(population)
    .filter((g) => g !== other && g !== undisclosed)
    .sort((a, b) => a.localeCompare(b));
  return [...named, other, undisclosed];
}

/**
 * Representation (PRODUCT.md §4) under the disclosure model (shared/rules/disclosure.ts), on a
 * frozen quarter's true counts c and cell keys, each group's shown count being `perturb(c, key)`:
 * - a group shows only when `showable`: c ≥ k and its shown count reaches k + the margin — so an
 *   empty or small group is withheld, and whether a group shows is itself a noisy reading;
 * - complementary suppression takes more groups with it so that the total minus the shown groups
 *   isolates no one;
 * - the whole breakdown is withheld when it rests on fewer than k people or fewer than k (shown)
 *   fall outside its largest group (`dominated`), since it would then say of nearly every member
 *   which value they hold;
 * - every figure derived from a shown group (share, index, selection rate, impact ratio and the
 *   four-fifths test) uses its shown count; access per participant is a perturbed sum over it. The
 *   same people always give the same noise, so no sequence of requests averages it away, and two
 *   filters' figures differ by noise, not by a person.
 * `totalParticipants` stays exact: how many people a programme engages is activity coordinators
 * administer anyway (PRODUCT.md §5.2).
 */
export function computeRepresentation(
  input: RepresentationInputs,
): Omit<Representation, 'period' | 'programmeId' | 'minGroupSize' | 'disclosure'> {
  const { k, population } = input;
  const facts = new Map<string, GroupFacts>();
  // The SQL already folds values outside the catalogue into `other`; this keeps the rule if it did not.
  const names = catalogueOf(population);
  for (const g of input.groups) {
    const name = names.includes(g.group) ? g.group : other;
    const was = facts.get(name);
    facts.set(
      name,
      was
        ? {
            group: name,
            participants: was.participants + g.participants,
            cellKey: (was.cellKey + g.cellKey) % disclosure.keySpace,
            sessions: was.sessions + g.sessions,
            seniorMinutes: was.seniorMinutes + g.seniorMinutes,
          }
        : { ...g, group: name },
    );
  }
  const cells = names.map((group) => facts.get(group) ?? { group, participants: 0, cellKey: 0, sessions: 0, seniorMinutes: 0 });
  const total = cells.reduce((n, c) => n + c.participants, 0);

  // Every decision below reads the perturbed counts, except the floor of k itself: on the true
  // counts, whether a group shows (or a breakdown is withheld) would prove to a coordinator who made
  // everyone else in it which side of the line the one real person is on.
  const shownCount = cells.map((c) => perturb(c.participants, c.cellKey));
  const wholeWithheld = input.pending === true || isSmall(total, k) || dominated(shownCount, k);
  const flags = wholeWithheld
    ? cells.map(() => true)
    : complementarySuppression(
        cells.map((c, i) => ({ people: shownCount[i]!, suppressed: !showable(c.participants, shownCount[i]!, k) })),
        k,
      );

  const populationTotal = Object.values(population).reduce((n, x) => n + x, 0);
  const selectionRate = (i: number) => {
    const pop = population[cells[i]!.group];
    return pop ? shownCount[i]! / pop : null;
  };
  // The group with the highest selection rate among those shown with a baseline.
  let top = -1;
  for (const i of cells.keys()) {
    const rate = selectionRate(i);
    if (!flags[i] && rate !== null && (top === -1 || rate > selectionRate(top)!)) top = i;
  }
  // The impact ratio (n / pop) / (n_top / pop_top) from the integers, in one division, and the
  // four-fifths test without division at all: an exact four fifths (8 of 100 against 10 of 100) is
  // 0.8, not 0.7999999999999999, and is not adverse impact.
  const impactOf = (i: number, pop: number | undefined) => {
    if (!pop || top === -1 || shownCount[top] === 0) return null;
    const numerator = shownCount[i]! * population[cells[top]!.group]!;
    const denominator = shownCount[top]! * pop;
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
    const n = shownCount[i]!;
    const share = total > 0 ? n / total : null;
    const rate = selectionRate(i);
    const impact = impactOf(i, population[c.group]);
    const perParticipant = (sum: number, salt: number, digits: number) =>
      n > 0 ? round(perturbSum(sum, c.participants, c.cellKey, salt) / n, digits) : null;
    return {
      group: c.group,
      suppressed: false,
      participants: n,
      share: share === null ? null : round(share),
      population: pop,
      populationShare,
      representationIndex: share !== null && populationShare ? round(share / (pop! / populationTotal)) : null,
      selectionRate: rate === null ? null : round(rate),
      impactRatio: impact === null ? null : round(impact.ratio),
      adverseImpact: impact === null ? null : impact.adverse,
      sessionsPerParticipant: perParticipant(c.sessions, sumSalts.sessions, 2),
      seniorMinutesPerParticipant: perParticipant(c.seniorMinutes, sumSalts.seniorMinutes, 1),
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
