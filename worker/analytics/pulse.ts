import type { ProgrammeKind, PulseAnalytics, QuestionStats } from '../../shared';
import { monthsOf, type Period } from './calendar';
import { round } from './median';
import { complementarySuppression, isSmall, remainderIsSmall } from './privacy';

export const questions = ['value', 'safety', 'applied'] as const;
export type Question = (typeof questions)[number];
export const programmeKinds: ProgrammeKind[] = ['reverse', 'advisory', 'rotation', 'classic'];

/** Answers to one question in one slice: responses per score 1–5 and distinct respondents. */
export interface QuestionFacts {
  distribution: [number, number, number, number, number];
  respondents: number;
}
export type SliceFacts = Partial<Record<Question, QuestionFacts>>;

export interface PulseInputs {
  k: number;
  overall: SliceFacts;
  previous: SliceFacts;
  byKind: Map<ProgrammeKind, SliceFacts>;
  byMonth: Map<string, SliceFacts>;
  /** Respondents of what the filters leave out of wider results (remainder rule). */
  complements: number[];
  period: Period;
}

const none: QuestionFacts = { distribution: [0, 0, 0, 0, 0], respondents: 0 };

function stats(question: Question, f: QuestionFacts, suppressed: boolean): QuestionStats {
  if (suppressed) return { question, suppressed: true, respondents: null, responses: null, mean: null, distribution: null };
  const responses = f.distribution.reduce((n, x) => n + x, 0);
  const sum = f.distribution.reduce((s, x, i) => s + x * (i + 1), 0);
  return {
    question,
    suppressed: false,
    respondents: f.respondents,
    responses,
    mean: responses === 0 ? null : round(sum / responses, 2),
    distribution: [...f.distribution],
  };
}

/**
 * Pulse analytics (PRODUCT.md §4). Every figure rests on ≥ k distinct respondents (§5.5) or is
 * suppressed; in each breakdown a lone suppressed cell takes the next smallest with it (§5.3);
 * the whole result is withheld when what its filters leave out rests on 1 to k−1 respondents (§5.4).
 */
export function computePulse(input: PulseInputs): Pick<PulseAnalytics, 'overall' | 'byKind' | 'byMonth'> {
  const { k } = input;
  const withheld = remainderIsSmall(input.complements, k);
  const small = (f: QuestionFacts) => withheld || isSmall(f.respondents, k);

  const overall = questions.map((q) => {
    const now = input.overall[q] ?? none;
    const before = input.previous[q] ?? none;
    const current = stats(q, now, small(now));
    const previousMean = isSmall(before.respondents, k) || withheld ? null : stats(q, before, false).mean;
    return {
      ...current,
      previousMean,
      change: current.mean !== null && previousMean !== null ? round(current.mean - previousMean, 2) : null,
    };
  });

  const breakdown = <K>(keys: K[], slices: Map<K, SliceFacts>) => {
    const perQuestion = questions.map((q) => {
      const cells = keys.map((key) => slices.get(key)?.[q] ?? none);
      const flags = complementarySuppression(cells.map((c) => ({ people: c.respondents, suppressed: small(c) })));
      return cells.map((c, i) => stats(q, c, flags[i]!));
    });
    return keys.map((_, i) => perQuestion.map((cells) => cells[i]!));
  };

  const kinds = programmeKinds.filter((kind) => input.byKind.has(kind));
  const months = monthsOf(input.period);
  return {
    overall: { questions: overall },
    byKind: breakdown(kinds, input.byKind).map((qs, i) => ({ kind: kinds[i]!, questions: qs })),
    byMonth: breakdown(months, input.byMonth).map((qs, i) => ({ month: months[i]!, questions: qs })),
  };
}
