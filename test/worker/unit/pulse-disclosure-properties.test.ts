import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellKeyOf, disclosure, type QuestionStats } from '../../../shared';
import { computePulse, type PulseCell, type Scores } from '../../../worker/analytics/pulse';

/**
 * Properties of the pulse's released figures (shared/rules/disclosure.ts) over small generated
 * organisations: people with random record keys, pairings in two programmes, answers in two
 * released months — cells built as the freezing does (worker/db/pulse-releases.ts).
 */
const k = 3;
const months = ['2026-01', '2026-02'];

interface Answer {
  person: number;
  engagement: number;
  programme: 'A' | 'B';
  month: string;
  value: number;
}

const organisation = fc
  .record({
    keys: fc.array(fc.integer({ min: 0, max: disclosure.keySpace - 1 }), { minLength: 12, maxLength: 12 }),
    engagements: fc.array(
      fc.record({
        a: fc.integer({ min: 0, max: 11 }),
        b: fc.integer({ min: 0, max: 11 }),
        programme: fc.constantFrom('A' as const, 'B' as const),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    // Per engagement, month and member: no answer (0) or a score.
    scores: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 32, maxLength: 32 }),
  })
  .map(({ keys, engagements, scores }) => {
    const answers: Answer[] = [];
    let n = 0;
    for (const [engagement, e] of engagements.entries())
      for (const month of months)
        for (const person of new Set([e.a, e.b])) {
          const value = scores[n++ % scores.length]!;
          if (value > 0) answers.push({ person, engagement, programme: e.programme, month, value });
        }
    return { keys, answers };
  });

/** The frozen cells of some answers, as the freezing statement builds them. */
function cellsOf(answers: readonly Answer[], keys: readonly number[]): PulseCell[] {
  const cells: PulseCell[] = [];
  for (const programme of ['A', 'B'] as const)
    for (const month of months) {
      const given = answers.filter((a) => a.programme === programme && a.month === month);
      if (given.length === 0) continue;
      const scored = (s: number) => given.filter((a) => a.value === s);
      cells.push({
        programmeId: programme,
        kind: programme === 'A' ? 'reverse' : 'classic',
        month,
        questions: {
          value: {
            distribution: [1, 2, 3, 4, 5].map((s) => scored(s).length) as Scores,
            keys: [1, 2, 3, 4, 5].map((s) => cellKeyOf(scored(s).map((a) => keys[a.person]!))) as Scores,
            cellKey: cellKeyOf(given.map((a) => keys[a.person]!)),
            respondents: new Set(given.map((a) => a.person)).size,
            engagements: new Set(given.map((a) => a.engagement)).size,
          },
        },
      });
    }
  return cells;
}

const pulse = (cells: PulseCell[]) => computePulse({ k, cells, months, previousMonths: ['2025-11', '2025-12'], released: new Set(months) });
const value = (slice: { questions: QuestionStats[] }) => slice.questions.find((q) => q.question === 'value')!;
const zeros = [0, 0, 0, 0, 0];
const add = (a: readonly number[], b: readonly number[] | null) => a.map((n, i) => n + (b?.[i] ?? 0));

describe('the pulse’s released figures, over generated organisations', () => {
  it('are consistent: the whole is the sum of its programmes, of its months and of its kinds', () => {
    fc.assert(
      fc.property(organisation, ({ keys, answers }) => {
        const cells = cellsOf(answers, keys);
        const whole = pulse(cells);
        const byProgramme = (['A', 'B'] as const).map((p) => pulse(cells.filter((c) => c.programmeId === p)));

        const total = value(whole.overall).distribution ?? zeros;
        expect(byProgramme.reduce((acc, r) => add(acc, value(r.overall).distribution), zeros)).toEqual(total);
        expect(whole.byMonth.reduce((acc, m) => add(acc, value(m).distribution), zeros)).toEqual(total);
        expect(whole.byKind.reduce((acc, s) => add(acc, value(s).distribution), zeros)).toEqual(total);
      }),
      { numRuns: 200 },
    );
  });

  it('never move with the answers of a cell below the floor: such a person’s answer cannot be read from any figure', () => {
    fc.assert(
      fc.property(organisation, fc.integer({ min: 1, max: 5 }), ({ keys, answers }, other) => {
        const cells = cellsOf(answers, keys);
        const below = cells.find((c) => {
          const f = c.questions.value!;
          return f.respondents < k || f.engagements < k;
        });
        fc.pre(below !== undefined);
        // Every answer of that cell changed to `other`.
        const changed = answers.map((a) => (a.programme === below!.programmeId && a.month === below!.month ? { ...a, value: other } : a));

        expect(pulse(cellsOf(changed, keys))).toEqual(pulse(cells));
      }),
      { numRuns: 200 },
    );
  });

  it('differ between two scopes only by whole released cells of k people from k pairings', () => {
    fc.assert(
      fc.property(organisation, ({ keys, answers }) => {
        const cells = cellsOf(answers, keys);
        const countable = cells.filter((c) => c.questions.value!.respondents >= k && c.questions.value!.engagements >= k);
        const whole = value(pulse(cells).overall).distribution ?? zeros;
        const onlyA = value(pulse(cells.filter((c) => c.programmeId === 'A')).overall).distribution ?? zeros;
        // whole − A is exactly what B's countable cells release on their own: never a person.
        const bCells = countable.filter((c) => c.programmeId === 'B');
        const ofB = bCells.reduce((acc, c) => add(acc, value(pulse([c]).overall).distribution), zeros);

        expect(whole.map((n, i) => n - onlyA[i]!)).toEqual(ofB);
      }),
      { numRuns: 200 },
    );
  });
});
