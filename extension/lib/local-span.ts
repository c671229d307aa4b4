/**
 * A session's start and end as the leader reads and types them: a day and two clock times in the
 * browser's time zone (as the calendars show them), to and from the ISO instants the API stores.
 */

export interface SpanFields {
  /** `YYYY-MM-DD`, as `<input type="date">` gives it. */
  date: string;
  /** `HH:MM`, as `<input type="time">` gives it. */
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The fields showing a span, or empty ones for what is unknown. */
export function toFields(startsAt: string | null, endsAt: string | null): SpanFields {
  const start = startsAt ? new Date(startsAt) : null;
  const end = endsAt ? new Date(endsAt) : null;
  const clock = (d: Date | null) => (d ? `${pad(d.getHours())}:${pad(d.getMinutes())}` : '');
  return {
    date: start ? `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}` : '',
    start: clock(start),
    end: clock(end),
  };
}

/**
 * The instants the fields say, or nulls for what is incomplete. An end earlier than the start is
 * the next day's (a meeting past midnight); an end equal to the start stays so (no length), for
 * the caller to refuse.
 *
 * @example fromFields({ date: '2026-09-28', start: '23:30', end: '00:15' }) // ends on the 29th
 */
export function fromFields(fields: SpanFields): { startsAt: string | null; endsAt: string | null } {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(fields.date);
  const at = (clock: string) => {
    const time = /^(\d{2}):(\d{2})$/.exec(clock);
    if (!day || !time) return null;
    return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), Number(time[1]), Number(time[2]));
  };
  const start = at(fields.start);
  const end = at(fields.end);
  if (start && end && end < start) end.setDate(end.getDate() + 1);
  return { startsAt: start?.toISOString() ?? null, endsAt: end?.toISOString() ?? null };
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const clockFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** The span as a sentence in the leader's language: "Mon, 28 Sep 2026, 15:00 – 16:00" (the end's day too when it differs). */
export function describeSpan(startsAt: string | null, endsAt: string | null): string {
  if (!startsAt) return 'Time unknown';
  const start = new Date(startsAt);
  const first = `${dayFormat.format(start)}, ${clockFormat.format(start)}`;
  if (!endsAt) return `${first} – end unknown`;
  const end = new Date(endsAt);
  const sameDay = start.toDateString() === end.toDateString();
  return `${first} – ${sameDay ? '' : `${dayFormat.format(end)}, `}${clockFormat.format(end)}`;
}
