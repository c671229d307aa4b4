import {
  perturb,
  type EngagementAnalytics,
  type EngagementRow,
  type EngagementStatus,
  type Figure,
  type Health,
  type ProgrammeKind,
} from '../../shared';
import { daysBetween, monthsOf, type Period } from './calendar';
import { expectedIntervalDays, quarterDays } from './health';
import { medianOfHistogram, round } from './median';
import { shown, withheld } from './privacy';

/**
 * One engagement of the list as the database gives it (worker/db/analytics-engagement-list.ts): its
 * place in the order of need — days since the last held session and health, by the rules of
 * ./health.ts — is worked out there, over every engagement, so only a page of rows is sent.
 */
export interface EngagementFacts {
  id: string;
  programmeId: string;
  programmeName: string;
  kind: ProgrammeKind;
  minSessionsPerQuarter: number;
  status: EngagementStatus;
  startsOn: string;
  endsOn: string | null;
  heldInPeriod: number;
  cancelledInPeriod: number;
  /** Start of the last held session on or before `asOf`. */
  lastHeldAt: string | null;
  daysSinceLastSession: number;
  health: Health | null;
  members: EngagementRow['members'];
}

/** Per programme, over every engagement in scope: how many, how many listed, active in the period, and listed by health. */
export interface EngagementCounts {
  programmeId: string;
  engagements: number;
  listed: number;
  active: number;
  health: Record<Health, number>;
}

/**
 * A programme's commitment over the completed quarters of the period: engagement-quarters eligible
 * (not paused, running the whole quarter) and met (held ≥ its sessions per quarter). Worked out by
 * the database: a row per programme, however many quarters (worker/db/analytics-engagement.ts).
 */
export interface CommitmentCount {
  programmeId: string;
  eligible: number;
  met: number;
}

/** What `computeEngagementAnalytics` gives: every figure, the number of rows in the list, and the rows given. */
export type EngagementFigures = Omit<EngagementAnalytics, 'minGroupSize' | 'nextCursor'>;

/**
 * The response rate's frozen cell of one programme in one released month (worker/db/pulse-releases.ts):
 * pulse answers against the chances to answer, with what the floor and the noise are read from.
 */
export interface ResponseCell {
  programmeId: string;
  /** `YYYY-MM` */
  month: string;
  answers: number;
  /** Held sessions × their engagement's members: programme activity, exact. */
  expected: number;
  /** Distinct people who answered, and the distinct engagements of their answers. */
  respondents: number;
  engagements: number;
  /** The sum of the answerers' record keys, modulo the key space. */
  cellKey: number;
}

/** The salt naming the response count among a cell's figures, so its noise is unrelated to the distribution's. */
export const responseRateSalt = 200;

/**
 * The pulse response rate over some released programme-months (the disclosure model,
 * shared/rules/disclosure.ts): only cells with k or more respondents from k or more engagements
 * count; their answers are perturbed by their own keys and summed, against their exact chances to
 * answer. Every figure — total, a programme, a month — is a sum over the same perturbed cells, so
 * two figures differ by whole cells of k people, never by one person, and a rate of 1 is never proof
 * that everyone answered. Capped at 1: the noise may push answers past the chances, and capping
 * (a function of what is released) tells nothing more.
 */
export function responseRate(cells: readonly ResponseCell[], k: number): Figure {
  const counted = cells.filter((c) => c.respondents >= k && c.engagements >= k);
  // No held session in a released month: nothing to rate (null). Sessions, but no cell above the floor: suppressed.
  if (counted.length === 0) return cells.some((c) => c.expected > 0) ? withheld : shown(null);
  const answers = counted.reduce((n, c) => n + perturb(c.answers, c.cellKey, responseRateSalt), 0);
  const expected = counted.reduce((n, c) => n + c.expected, 0);
  return shown(Math.min(1, round(answers / expected, 2)));
}

export interface EngagementInputs {
  period: Period;
  asOf: string;
  k: number;
  programmeId: string | null;
  /** The rows of the list to show (a page, or every row for the CSV), in the order of need. */
  engagements: EngagementFacts[];
  counts: EngagementCounts[];
  commitment: CommitmentCount[];
  programmes: { id: string; name: string; kind: ProgrammeKind }[];
  /** Distinct people in active engagements overlapping the period: in all, and per programme. */
  activeParticipants: { total: number; byProgramme: Map<string, number> };
  /** Sessions per programme and month. */
  months: { programmeId: string; month: string; held: number; cancelled: number }[];
  /** Gaps in days between consecutive held sessions of an engagement, both inside the period. */
  gaps: { programmeId: string; gap: number; count: number }[];
  /** The response rate's frozen cells of the released months the period touches, for the programmes in scope. */
  responseCells: ResponseCell[];
}

/**
 * Engagement analytics (PRODUCT.md §4) from plain facts. Session counts, health and commitment are
 * programme activity coordinators administer, so they are shown as they are; the pulse response rate
 * rests on people's answers and follows the disclosure model (`responseRate`). The rows given come
 * back in their order (of need), with what the commitment expects of each.
 */
export function computeEngagementAnalytics(input: EngagementInputs): EngagementFigures {
  const { period, asOf, k } = input;
  // biome-ignore lint/complexity/useMathMinMax: these are YYYY-MM-DD strings, compared as dates; Math.min would make them NaN
  const runningUntil = period.to < asOf ? period.to : asOf;

  const rows: EngagementRow[] = input.engagements.map((e) => {
    const interval = expectedIntervalDays(e.minSessionsPerQuarter);
    // biome-ignore lint/complexity/useMathMinMax: these are YYYY-MM-DD strings, compared as dates; Math.min would make them NaN
    const from = e.startsOn > period.from ? e.startsOn : period.from;
    const until = e.endsOn !== null && e.endsOn < runningUntil ? e.endsOn : runningUntil;
    const daysRunning = Math.max(0, daysBetween(from, until) + 1);
    return {
      engagementId: e.id,
      programmeId: e.programmeId,
      programmeName: e.programmeName,
      kind: e.kind,
      status: e.status,
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      sessionsHeld: e.heldInPeriod,
      sessionsCancelled: e.cancelledInPeriod,
      expected: round((e.minSessionsPerQuarter * daysRunning) / quarterDays, 1),
      expectedIntervalDays: Number.isFinite(interval) ? round(interval, 2) : 0,
      lastSessionAt: e.lastHeldAt,
      daysSinceLastSession: e.daysSinceLastSession,
      health: e.health,
      members: e.members,
    };
  });

  const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((n, item) => n + of(item), 0);
  const figuresFor = (
    counts: EngagementCounts[],
    months: EngagementInputs['months'],
    gaps: EngagementInputs['gaps'],
    commitment: CommitmentCount[],
    responseRate: Figure,
    activeParticipants: number,
  ) => {
    const eligible = sum(commitment, (c) => c.eligible);
    const met = sum(commitment, (c) => c.met);
    return {
      sessionsHeld: sum(months, (m) => m.held),
      sessionsCancelled: sum(months, (m) => m.cancelled),
      activeEngagements: sum(counts, (c) => c.active),
      activeParticipants,
      commitmentMetRate: eligible === 0 ? null : round(met / eligible),
      commitmentEligible: eligible,
      medianDaysBetweenSessions: medianOfHistogram(gaps.map((g) => ({ value: g.gap, count: g.count }))),
      pulseResponseRate: responseRate,
    };
  };

  // The pulse response rate: sums of the same released, perturbed programme-month cells.
  const rateOf = (keep: (c: ResponseCell) => boolean) => responseRate(input.responseCells.filter(keep), k);
  const totalRate = rateOf(() => true);
  const programmeIds = input.programmes
    .filter((p) => input.counts.some((c) => c.programmeId === p.id && c.engagements > 0))
    .map((p) => p.id);
  const programmeRates = programmeIds.map((id) => rateOf((c) => c.programmeId === id));
  const months = monthsOf(period);
  const monthRates = months.map((m) => rateOf((c) => c.month === m));
  const monthCounts = new Map<string, { held: number; cancelled: number }>();
  for (const m of input.months) {
    const c = monthCounts.get(m.month) ?? { held: 0, cancelled: 0 };
    monthCounts.set(m.month, { held: c.held + m.held, cancelled: c.cancelled + m.cancelled });
  }

  const health = {
    healthy: sum(input.counts, (c) => c.health.healthy),
    at_risk: sum(input.counts, (c) => c.health.at_risk),
    lapsed: sum(input.counts, (c) => c.health.lapsed),
  };
  const only = <T extends { programmeId: string }>(items: readonly T[], id: string) => items.filter((x) => x.programmeId === id);

  return {
    period: { ...period, asOf },
    programmeId: input.programmeId,
    totals: {
      ...figuresFor(input.counts, input.months, input.gaps, input.commitment, totalRate, input.activeParticipants.total),
      health,
    },
    byProgramme: programmeIds.map((id, i) => {
      const p = input.programmes.find((x) => x.id === id)!;
      return {
        programmeId: id,
        name: p.name,
        kind: p.kind,
        ...figuresFor(
          only(input.counts, id),
          only(input.months, id),
          only(input.gaps, id),
          only(input.commitment, id),
          programmeRates[i]!,
          input.activeParticipants.byProgramme.get(id) ?? 0,
        ),
      };
    }),
    byMonth: months.map((month, i) => ({
      month,
      sessionsHeld: monthCounts.get(month)?.held ?? 0,
      sessionsCancelled: monthCounts.get(month)?.cancelled ?? 0,
      pulseResponseRate: monthRates[i]!,
      byProgramme: programmeIds.map((programmeId) => {
        const m = input.months.find((x) => x.programmeId === programmeId && x.month === month);
        return { programmeId, sessionsHeld: m?.held ?? 0, sessionsCancelled: m?.cancelled ?? 0 };
      }),
    })),
    engagementCount: sum(input.counts, (c) => c.listed),
    engagements: rows,
  };
}
