import type { CalendarEvent } from '../host';
import type { WallSpan } from './time-text';
import { zonedInstant } from './zoned-instant';

export interface CheckedSpan {
  startsAt: string | null;
  endsAt: string | null;
  timeCheck: CalendarEvent['timeCheck'];
}

interface Instants {
  start: string;
  end: string | null;
}

function instants(span: WallSpan | null, timeZone?: string): Instants | null {
  if (!span) return null;
  return { start: zonedInstant(span.start, timeZone).toISOString(), end: span.end ? zonedInstant(span.end, timeZone).toISOString() : null };
}

/**
 * The event's span from two independent readings, most structured first: the grid tile (item id,
 * label, column date) and the open view's time row. Both read and equal: `agreed`; both read and
 * different: `conflict`, with the tile's span; one read: `single`. A reading with no end (one clock
 * time) is no span: its start is kept only if nothing better is read, with a null end, so the
 * panel asks (shared/rules/session-span.ts says `missing`) instead of saving a zero-length
 * session.
 */
export function checkSpan(structured: WallSpan | null, shown: WallSpan | null, timeZone?: string): CheckedSpan {
  const a = instants(structured, timeZone);
  const b = instants(shown, timeZone);
  const whole = [a, b].filter((span): span is Instants => span?.end != null);
  if (whole.length === 2) {
    const same = a!.start === b!.start && a!.end === b!.end;
    return { startsAt: a!.start, endsAt: a!.end, timeCheck: same ? 'agreed' : 'conflict' };
  }
  if (whole.length === 1) {
    const other = whole[0] === a ? b : a;
    // The other reading gave a start only: it still contradicts a different start.
    const timeCheck = other && other.start !== whole[0]!.start ? 'conflict' : 'single';
    return { startsAt: whole[0]!.start, endsAt: whole[0]!.end, timeCheck };
  }
  const start = a?.start ?? b?.start ?? null;
  return { startsAt: start, endsAt: null, timeCheck: 'single' };
}
