import type { ProgrammeKind, PulseAnalytics, QuestionStats } from '../../shared';
import { round } from './median';

export const questions = ['value', 'safety', 'applied'] as const;
export type Question = (typeof questions)[number];
const programmeKinds: ProgrammeKind[] = ['reverse', 'advisory', 'rotation', 'classic'];

type Scores = [number, number, number, number, number];

/** Answers to one question in one cell: responses per score 1–5, and the distinct people who gave them. */
export interface QuestionFacts {
  distribution: Scores;
  respondents: number;
}

/**
 * The pulse's unit of publication: the answers about one programme's sessions held in one calendar
 * month (UTC), per question.
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
  /** The cells of the period and of the previous period, for the programmes in scope. */
  cells: PulseCell[];
  /** The period's months, `YYYY-MM`, in order. */
  months: string[];
  /** The previous period's months. */
  previousMonths: string[];
}

/**
 * Whether a cell's answers to a question may count towards any figure: they come from at least k
 * distinct people (PRODUCT.md §5.5).
 */
const countable = (facts: QuestionFacts | undefined, k: number): facts is QuestionFacts => !!facts && facts.respondents >= k;

interface Tally {
  distribution: Scores;
  /** Some answers of the slice are in cells of fewer than k respondents, and left out. */
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
    facts.distribution.forEach((n, i) => {
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

function stats(question: Question, t: Tally): QuestionStats {
  const responses = responsesOf(t.distribution);
  // Answers there are, but none from a cell of k respondents: nothing to show.
  if (responses === 0 && t.leftOut) return { question, suppressed: true, partial: false, responses: null, mean: null, distribution: null };
  return { question, suppressed: false, partial: t.leftOut, responses, mean: meanOf(t.distribution), distribution: t.distribution };
}

/**
 * Pulse analytics (PRODUCT.md §4) under §5: every figure — overall, by programme kind, by month, and
 * the previous period's mean — is a sum over (programme, month) cells whose answers to the question
 * come from at least k people; a cell with 1 to k−1 respondents is left out of all of them.
 *
 * That is what makes the result safe against subtraction, whatever is compared with what: any two
 * figures, for any two programme filters or periods, differ by whole cells of k or more respondents,
 * each of which a coordinator may see on its own anyway. So no complementary suppression or remainder
 * rule is needed here — a cell that is too small is never in a total to be subtracted from.
 */
export function computePulse(input: PulseInputs): Pick<PulseAnalytics, 'overall' | 'byKind' | 'byMonth'> {
  const { k } = input;
  const inMonths = (months: readonly string[]) => {
    const set = new Set(months);
    return input.cells.filter((c) => set.has(c.month));
  };
  const current = inMonths(input.months);
  const previous = inMonths(input.previousMonths);
  const slice = (cells: readonly PulseCell[]) => questions.map((q) => stats(q, tally(cells, q, k)));

  const overall = questions.map((q) => {
    const now = stats(q, tally(current, q, k));
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
    byKind: kinds.map((kind) => ({ kind, questions: slice(current.filter((c) => c.kind === kind)) })),
    byMonth: input.months.map((month) => ({ month, questions: slice(current.filter((c) => c.month === month)) })),
  };
}
