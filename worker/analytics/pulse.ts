import { perturbDistribution, type ProgrammeKind, type PulseAnalytics, type QuestionStats } from '../../shared';
import { round } from './median';

export const questions = ['value', 'safety', 'applied'] as const;
export type Question = (typeof questions)[number];
const programmeKinds: ProgrammeKind[] = ['reverse', 'advisory', 'rotation', 'classic'];

export type Scores = [number, number, number, number, number];

/**
 * Answers to one question in one frozen cell (worker/db/pulse-releases.ts): true counts, with the
 * keys their noise is read from.
 */
export interface QuestionFacts {
  /** Answers scoring 1 … 5. */
  distribution: Scores;
  /** Each score's key: the sum of its answerers' record keys, modulo the key space. */
  keys: Scores;
  /** The same sum over all the question's answers in the cell. */
  cellKey: number;
  /** Distinct people who answered. */
  respondents: number;
  /** Distinct engagements (pairings, councils) those answers are about. */
  engagements: number;
}

/**
 * The pulse's unit of publication: the answers about one programme's sessions held in one released
 * calendar month (UTC), per question, frozen when the month was first read.
 */
export interface PulseCell {
  programmeId: string;
  kind: ProgrammeKind;
  /** `YYYY-MM` */
  month: string;
  questions: Partial<Record<Question, QuestionFacts>>;
}

export interface PulseInputs {
  k: number;
  /** The frozen cells of the released months of the period and of the previous period, for the programmes in scope. */
  cells: PulseCell[];
  /** The period's months, `YYYY-MM`, in order. */
  months: string[];
  /** The previous period's months. */
  previousMonths: string[];
  /** The months of both that are released; the others contribute nothing yet. */
  released: ReadonlySet<string>;
}

/**
 * Whether a cell's answers to a question may count towards any figure (the floor of
 * shared/rules/disclosure.ts): they come from at least k distinct people *and* from at least k
 * distinct engagements — k respondents from fewer pairings would let one pairing's answers be read.
 */
export const countable = (facts: QuestionFacts | undefined, k: number): facts is QuestionFacts =>
  !!facts && facts.respondents >= k && facts.engagements >= k;

/**
 * A countable cell's distribution as released: each score perturbed by its answerers' key, each
 * empty score given upward noise by the cell's key (`perturbDistribution`). The same frozen cell
 * gives the same figure on every request, whatever else the request covers.
 */
export const releasedDistribution = (facts: QuestionFacts): Scores =>
  perturbDistribution(
    facts.distribution.map((count, i) => ({ count, key: facts.keys[i]! })),
    facts.cellKey,
  ) as Scores;

interface Tally {
  distribution: Scores;
  /** Some answers of the slice are in cells below the floor, and left out. */
  leftOut: boolean;
}

function tally(cells: readonly PulseCell[], question: Question, k: number): Tally {
  const distribution: Scores = [0, 0, 0, 0, 0];
  let leftOut = false;
  for (const cell of cells) {
    const facts = cell.questions[question];
    if (!facts || facts.respondents === 0) continue;
    if (!countable(facts, k)) {
      leftOut = true;
      continue;
    }
    releasedDistribution(facts).forEach((n, i) => {
      distribution[i] = distribution[i]! + n;
    });
  }
  return { distribution, leftOut };
}

const responsesOf = (d: Scores) => d.reduce((n, x) => n + x, 0);
const meanOf = (d: Scores) => {
  const responses = responsesOf(d);
  return responses === 0 ? null : round(d.reduce((s, x, i) => s + x * (i + 1), 0) / responses, 2);
};

/** A slice of months none of which is released yet: no figure at all, neither zero nor suppressed. */
const unreleased = (question: Question): QuestionStats => ({
  question,
  suppressed: false,
  partial: false,
  responses: null,
  mean: null,
  distribution: null,
});

function stats(question: Question, t: Tally): QuestionStats {
  const responses = responsesOf(t.distribution);
  // Answers there are, but none in a cell above the floor: nothing to show.
  if (responses === 0 && t.leftOut) return { question, suppressed: true, partial: false, responses: null, mean: null, distribution: null };
  return { question, suppressed: false, partial: t.leftOut, responses, mean: meanOf(t.distribution), distribution: t.distribution };
}

/**
 * Pulse analytics (PRODUCT.md §4) under the disclosure model (shared/rules/disclosure.ts). Every
 * figure — overall, by programme kind, by month, and the previous period's mean — is the sum of the
 * same released cells: one programme's answers in one released month, frozen when first read,
 * counted only when k or more people from k or more engagements answered the question, each
 * perturbed by its own keys.
 *
 * What that protects against, whatever is compared with what: periods widen to released months, so
 * no one-day shift and no answer given or changed after the release moves a figure; two figures
 * differ by whole perturbed cells of k people and k pairings, never by a person; and a distribution
 * with a single score is never proof that everyone gave it, since empty scores get upward noise.
 */
export function computePulse(input: PulseInputs): Pick<PulseAnalytics, 'overall' | 'byKind' | 'byMonth'> {
  const { k, released } = input;
  const inMonths = (months: readonly string[]) => {
    const set = new Set(months);
    return input.cells.filter((c) => set.has(c.month) && released.has(c.month));
  };
  const anyReleased = (months: readonly string[]) => months.some((m) => released.has(m));
  const current = inMonths(input.months);
  const previous = inMonths(input.previousMonths);
  const slice = (cells: readonly PulseCell[], months: readonly string[]) =>
    questions.map((q) => (anyReleased(months) ? stats(q, tally(cells, q, k)) : unreleased(q)));

  const overall = questions.map((q) => {
    const now = anyReleased(input.months) ? stats(q, tally(current, q, k)) : unreleased(q);
    const previousMean = meanOf(tally(previous, q, k).distribution);
    return {
      ...now,
      previousMean,
      change: now.mean !== null && previousMean !== null ? round(now.mean - previousMean, 2) : null,
    };
  });

  const kinds = programmeKinds.filter((kind) => current.some((c) => c.kind === kind));
  return {
    overall: { questions: overall },
    byKind: kinds.map((kind) => ({
      kind,
      questions: slice(
        current.filter((c) => c.kind === kind),
        input.months,
      ),
    })),
    byMonth: input.months.map((month) => ({
      month,
      questions: slice(
        current.filter((c) => c.month === month),
        [month],
      ),
    })),
  };
}
