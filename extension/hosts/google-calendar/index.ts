import type { CalendarEvent, CalendarHost, GridChip, OpenEvent } from '../host';
import { cleanText, emailsIn, pick, pickAll, pickOrWarn, unique } from '../selectors';
import { topLayers, isShown } from '../layers';
import { dayFromDatekey, parseSpan, type Day } from '../when';
import { google } from './selectors';
import { googleVisibleRange } from './visible-range';

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

/** The grid chip of the event whose raw `data-eventid` is `raw`, if the grid shows it. */
function chipFor(doc: Document, raw: string): HTMLElement | null {
  const main = pick(doc, google.main);
  if (!main) return null;
  return pickAll(main, google.chips).find((chip) => chip.getAttribute('data-eventid') === raw) ?? null;
}

function readEvent(doc: Document, details: HTMLElement, container: HTMLElement): CalendarEvent {
  const raw = details.getAttribute('data-eventid') ?? '';
  const title = cleanText(pickOrWarn(container, google.title)?.textContent);
  const chip = chipFor(doc, raw);
  const column = chip?.closest(google.dayColumn.variants.join(','));
  const day: Day | null = dayFromDatekey(column?.getAttribute('data-datekey'));

  // The time row first (it also holds the title, which must not be read as a date: "Q3 review
  // May 5"); if Google moved it, the chip's own description says the same thing.
  const when = pickOrWarn(container, google.when);
  const whenText = cleanText(when?.textContent).replace(title, ' ').trim();
  let span = whenText ? parseSpan(whenText, { fallback: day }) : null;
  if (!span && chip) {
    const description = cleanText(pick(chip, google.chipDescription)?.textContent).replace(title, ' ');
    span = description ? parseSpan(description, { fallback: day }) : null;
  }

  const guestNodes = pickAll(container, google.guests);
  const guests = unique(guestNodes.flatMap((node) => emailsIn(node.getAttribute('data-email') ?? node.getAttribute('data-hovercard-id'))));
  return {
    provider: 'google',
    eventId: decodeEventId(raw),
    title,
    startsAt: span?.start.toISOString() ?? null,
    endsAt: span?.end.toISOString() ?? null,
    timeCheck: 'single', // one source read so far (the capture issue cross-checks a second)
    guests,
  };
}

export const googleCalendar: CalendarHost = {
  provider: 'google',

  matches: (url) => url.hostname === 'calendar.google.com',

  findOpenEvent(doc): OpenEvent | null {
    // An absent bubble is the normal state, so no warning here; the rows inside warn instead.
    const details = google.eventDetails.variants.flatMap((variant) => Array.from(doc.querySelectorAll<HTMLElement>(variant))).find(isShown);
    if (!details) return null;
    const container = details.closest<HTMLElement>(google.dialog.variants.join(',')) ?? details;
    // Our panel goes inside the details card: Google rebuilds that card for every event it shows,
    // so a stale panel can never linger on the next event, and the card stacks its children.
    return { container, anchor: details, event: readEvent(doc, details, container) };
  },

  gridChips(doc): GridChip[] {
    const main = pickOrWarn(doc, google.main);
    if (!main) return [];
    return pickAll(main, google.chips).map((element) => ({
      element,
      eventId: decodeEventId(element.getAttribute('data-eventid') ?? ''),
    }));
  },

  visibleRange: googleVisibleRange,

  observeRoots(doc): Element[] {
    const main = pick(doc, google.main);
    const dialogs = pickAll(doc, google.dialog);
    return topLayers(doc, [...(main ? [main] : []), ...dialogs]);
  },
};
