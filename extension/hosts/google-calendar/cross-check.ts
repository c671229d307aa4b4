import { spanProblem } from '../../../shared/rules/session-span';
import type { CalendarEvent } from '../host';
import type { Reading } from '../when';

/** One source's reading of the event's time, named for the report and the tests. */
export interface SourcedReading extends Reading {
  source: 'event id' | 'edit form' | 'grid chip' | 'time row';
}

type Checked = Pick<CalendarEvent, 'startsAt' | 'endsAt' | 'timeCheck'>;

/** Two readings agree when they start together, are the same kind, and do not name different ends. */
function agree(a: Reading, b: Reading): boolean {
  if (a.start.getTime() !== b.start.getTime() || a.allDay !== b.allDay) return false;
  return !a.end || !b.end || a.end.getTime() === b.end.getTime();
}

/**
 * Start, end and how far to trust them, from readings ordered most structured first (the
 * recurring-instance id, the edit form's fields, the grid chip, the card's time row).
 *
 * - `agreed`: two independent readings give the same span (the first such pair, most structured
 *   first; a moved occurrence's id disagrees with the chip and card, which then agree).
 * - `single`: one reading only — or two that agree on a start while neither shows an end, so the
 *   span is not confirmed and `spanProblem` ('missing') makes the panel ask.
 * - `conflict`: no two agree; the most structured reading is used, its end null if it has none
 *   (an id names a start only), so the leader is asked rather than shown another source's end.
 */
export function crossCheck(readings: SourcedReading[]): Checked {
  const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
  for (let i = 0; i < readings.length; i++) {
    for (let j = i + 1; j < readings.length; j++) {
      const [a, b] = [readings[i]!, readings[j]!];
      if (!agree(a, b)) continue;
      const startsAt = iso(a.start);
      const endsAt = iso(a.end ?? b.end);
      // Agreement on a start says nothing about a missing (or impossible) end. A long span the
      // sources agree on stays agreed: `spanProblem` reports it as too long on its own.
      const problem = spanProblem(startsAt, endsAt);
      return { startsAt, endsAt, timeCheck: problem && problem !== 'too_long' ? 'single' : 'agreed' };
    }
  }
  const top = readings[0];
  return { startsAt: iso(top?.start), endsAt: iso(top?.end), timeCheck: readings.length > 1 ? 'conflict' : 'single' };
}
