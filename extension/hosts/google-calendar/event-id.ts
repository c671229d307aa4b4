import { type Reading, zonedTime } from '../when';

/**
 * Google's `data-eventid` is base64 of "<event id> <calendar id>" (the `eid` of Calendar's URLs).
 * The event id is Google's own (a recurring instance's carries its start: `abc_20260920T150000Z`),
 * the same in every view and after a reload, so it is what we store. Anything that does not decode
 * that way is kept as it is.
 */
export function decodeEventId(raw: string): string {
  try {
    const base64 = raw.replace(/-/g, '+').replace(/_/g, '/');
    const decoded = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const [id, calendar] = decoded.split(' ');
    if (id && calendar && /^[\w.@-]+$/.test(id)) return id;
  } catch {
    // not base64: keep the raw id
  }
  return raw;
}

/**
 * The start a recurring instance's id carries: `<series>_20260920T150000Z` is the UTC instant,
 * `<series>_20260920` an all-day instance on that calendar day. Null for a one-off event's id.
 *
 * This is the instance's *original* start: when one occurrence is moved, Google keeps its id, so a
 * reading that disagrees with the grid and the card is expected for a moved occurrence (the
 * cross-check then sides with the two that agree).
 */
export function startFromEventId(id: string, timeZone?: string): Reading | null {
  const timed = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(id);
  if (timed) {
    const [year, month, day, hour, minute, second] = timed.slice(1).map(Number) as [number, number, number, number, number, number];
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
    return { start: new Date(Date.UTC(year, month - 1, day, hour, minute, second)), end: null, allDay: false };
  }
  const allDay = /_(\d{4})(\d{2})(\d{2})$/.exec(id);
  if (allDay) {
    const [year, month, day] = allDay.slice(1).map(Number) as [number, number, number];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return { start: zonedTime(year, month - 1, day, 0, 0, timeZone), end: null, allDay: true };
  }
  return null;
}

/**
 * The raw event id (`eid`) of a full-page event address: `/calendar/u/0/r/eventedit/<eid>` (the
 * page "Open in full page" and Edit lead to) or an older `…/event?eid=<eid>` link.
 */
export function eidFromAddress(href: string | undefined): string | null {
  if (!href) return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const path = /\/eventedit\/([^/?#]+)/.exec(url.pathname);
  if (path?.[1]) return decodeURIComponent(path[1]);
  return url.searchParams.get('eid');
}
