/**
 * What makes a session's time believable. A held session has a length: a calendar read that gives
 * one clock value for both ends (Google's time row run together with its recurrence line) once
 * saved 13:00–13:45 as 05:00Z–05:00Z, and every minute figure built on it was wrong. The Worker
 * refuses such a write; the calendar panel asks the leader before saving anything it flags here.
 */

/** Longer than this is not a meeting someone forgot to end but a misread (a day or a date taken for a time). */
export const maxSessionHours = 12;

export type SpanProblem = 'missing' | 'zero' | 'negative' | 'too_long';

/**
 * Why a session's start and end (ISO instants) cannot be saved as they are, or null when they can.
 *
 * @example spanProblem('2026-05-05T17:00:00Z', '2026-05-05T17:00:00Z') // 'zero'
 */
export function spanProblem(startsAt: string | null | undefined, endsAt: string | null | undefined): SpanProblem | null {
  const start = startsAt ? Date.parse(startsAt) : Number.NaN;
  const end = endsAt ? Date.parse(endsAt) : Number.NaN;
  if (Number.isNaN(start) || Number.isNaN(end)) return 'missing';
  if (end === start) return 'zero';
  if (end < start) return 'negative';
  if (end - start > maxSessionHours * 3_600_000) return 'too_long';
  return null;
}

/** What the panel says about each problem, so the leader knows what to correct. */
export const spanProblemText: Record<SpanProblem, string> = {
  missing: 'The calendar did not show when this meeting is',
  zero: 'The calendar shows no length for this meeting',
  negative: 'The end is before the start',
  too_long: `Longer than ${maxSessionHours} hours — check the date and times`,
};
