import { env } from 'cloudflare:test';
import { cellKeyOf, perturb, perturbDistribution } from '../../shared';

/**
 * The documented rule of the pulse's released figures (shared/rules/disclosure.ts), worked out in
 * the test from the answers and the record keys in D1 with the shared functions — so a test asserts
 * the exact released value, not a tolerance around the truth.
 */

/** One pulse answer about a held session, with what the rule needs of it. */
export interface AnswerRow {
  programmeId: string;
  kind: string;
  month: string;
  engagementId: string;
  respondentId: string;
  recordKey: number;
  value: number;
  safety: number | null;
  applied: number | null;
}

/** Every answer about a held session of the organisation, as D1 holds it now. */
export async function answersOf(orgId: string): Promise<AnswerRow[]> {
  const { results } = await env.DB.prepare(
    `SELECT e.programme_id AS programmeId, p.kind, substr(s.starts_at, 1, 7) AS month, s.engagement_id AS engagementId,
       r.respondent_id AS respondentId, pa.record_key AS recordKey, r.value, r.safety, r.applied
     FROM pulse_responses r JOIN sessions s ON s.id = r.session_id JOIN engagements e ON e.id = s.engagement_id
       JOIN programmes p ON p.id = e.programme_id JOIN participants pa ON pa.id = r.respondent_id
     WHERE r.org_id = ?1 AND s.status = 'held'`,
  )
    .bind(orgId)
    .all<AnswerRow>();
  return results;
}

type Question = 'value' | 'safety' | 'applied';

/** A cell's released distribution by the rule, or null when it is below the floor (fewer than k people or k engagements). */
export function releasedCell(answers: readonly AnswerRow[], question: Question, k: number): number[] | null {
  const given = answers.filter((a) => a[question] !== null);
  const people = new Set(given.map((a) => a.respondentId)).size;
  const pairings = new Set(given.map((a) => a.engagementId)).size;
  if (people < k || pairings < k) return null;
  const buckets = [1, 2, 3, 4, 5].map((score) => {
    const scored = given.filter((a) => a[question] === score);
    return { count: scored.length, key: cellKeyOf(scored.map((a) => a.recordKey)) };
  });
  return perturbDistribution(buckets, cellKeyOf(given.map((a) => a.recordKey)));
}

const cellsOf = (answers: readonly AnswerRow[]) => {
  const cells = new Map<string, AnswerRow[]>();
  for (const a of answers) cells.set(`${a.programmeId} ${a.month}`, [...(cells.get(`${a.programmeId} ${a.month}`) ?? []), a]);
  return [...cells.values()];
};

/**
 * A slice's figures by the rule: the sum of its cells' released distributions; `partial` when a
 * cell with answers is below the floor; `suppressed` when every cell with answers is.
 */
export function expectedSlice(answers: readonly AnswerRow[], question: Question, k: number) {
  const distribution = [0, 0, 0, 0, 0];
  let leftOut = false;
  for (const cell of cellsOf(answers)) {
    if (!cell.some((a) => a[question] !== null)) continue;
    const released = releasedCell(cell, question, k);
    if (!released) leftOut = true;
    else for (const [i, n] of released.entries()) distribution[i]! += n;
  }
  const responses = distribution.reduce((a, b) => a + b, 0);
  if (responses === 0 && leftOut) return { question, suppressed: true, partial: false, responses: null, mean: null, distribution: null };
  const mean = responses === 0 ? null : Math.round((distribution.reduce((s, n, i) => s + n * (i + 1), 0) / responses) * 100) / 100;
  return { question, suppressed: false, partial: leftOut, responses, mean, distribution };
}

/** The three questions of a slice by the rule. */
export const expectedQuestions = (answers: readonly AnswerRow[], k: number) =>
  (['value', 'safety', 'applied'] as const).map((q) => expectedSlice(answers, q, k));

/**
 * The response rate by the rule over some programme-months: `[answers, expected]` per cell with its
 * answers; counted only with k people from k engagements, answers perturbed with salt 200.
 */
export function expectedRate(cells: ReadonlyArray<{ answers: readonly AnswerRow[]; expected: number }>, k: number) {
  let answered = 0;
  let chances = 0;
  for (const c of cells) {
    const people = new Set(c.answers.map((a) => a.respondentId)).size;
    const pairings = new Set(c.answers.map((a) => a.engagementId)).size;
    if (people < k || pairings < k) continue;
    answered += perturb(c.answers.length, cellKeyOf(c.answers.map((a) => a.recordKey)), 200);
    chances += c.expected;
  }
  if (chances === 0) return cells.some((c) => c.expected > 0) ? { value: null, suppressed: true } : { value: null, suppressed: false };
  return { value: Math.min(1, Math.round((answered / chances) * 100) / 100), suppressed: false };
}
