import type { CalendarEvent, CalendarHost, GridChip, OpenEvent } from '../host';
import { isShown, topLayers } from '../layers';
import { cleanText, emailsIn, pick, pickAll, pickOrWarn, unique } from '../selectors';
import { crossCheck, type SourcedReading } from './cross-check';
import { decodeEventId, eidFromAddress } from './event-id';
import { google } from './selectors';
import { chipDay, fromChip, fromEditForm, fromEventId, fromTimeRow, type PageClock } from './time-sources';
import { googleVisibleRange } from './visible-range';

export { decodeEventId } from './event-id';

export interface GoogleCalendarOptions {
  /**
   * The IANA zone Calendar prints times in. Calendar shows the user's display zone, which is the
   * browser's unless the user set another; the default reads the browser's. Tests pass the zone
   * the saved page was shown in, as happy-dom cannot change Node's zone per test.
   */
  timeZone?: () => string | undefined;
  /** Today, for texts that leave out the year. */
  now?: () => Date;
}

/** The grid chip of the event whose raw `data-eventid` is `raw`, if the grid shows it. */
function chipFor(doc: Document, raw: string): HTMLElement | null {
  const main = pick(doc, google.main);
  if (!main || !raw) return null;
  return pickAll(main, google.chips).find((chip) => chip.getAttribute('data-eventid') === raw) ?? null;
}

function guestsIn(container: HTMLElement): string[] {
  const rows = pickAll(container, google.guests);
  return unique(rows.flatMap((row) => emailsIn(row.getAttribute('data-email') ?? row.getAttribute('data-hovercard-id'))));
}

/** The page's language: Calendar sets `<html lang>` to the user's display language. */
function pageLocale(doc: Document): string | undefined {
  return doc.documentElement.getAttribute('lang') || doc.defaultView?.navigator.language || undefined;
}

function timeOf(readings: (SourcedReading | null)[]): Pick<CalendarEvent, 'startsAt' | 'endsAt' | 'timeCheck'> {
  return crossCheck(readings.filter((reading): reading is SourcedReading => reading !== null));
}

/** The event bubble (or dialog) opened from the grid. */
function readBubble(doc: Document, details: HTMLElement, container: HTMLElement, clock: PageClock): CalendarEvent {
  const raw = details.getAttribute('data-eventid') ?? '';
  const eventId = decodeEventId(raw);
  const title = cleanText(pickOrWarn(container, google.title)?.textContent);
  const chip = chipFor(doc, raw);
  const row = pickOrWarn(container, google.when);
  return {
    provider: 'google',
    eventId,
    title,
    // Most structured first. The time row takes only a missing year from the chip's column.
    ...timeOf([fromEventId(eventId, clock), fromChip(chip, title, clock), fromTimeRow(row, title, clock, chipDay(chip))]),
    guests: guestsIn(container),
  };
}

/** The full-page view of an existing event: its id is in the address. */
function readFullPage(doc: Document, page: HTMLElement, clock: PageClock): CalendarEvent | null {
  const raw = eidFromAddress(doc.location?.href) ?? page.getAttribute('data-eventid');
  if (!raw) return null;
  const eventId = decodeEventId(raw);
  const titleField = pickOrWarn(page, google.fullPageTitle);
  const title = cleanText(
    titleField instanceof HTMLInputElement ? titleField.value || titleField.getAttribute('value') : titleField?.textContent,
  );
  return {
    provider: 'google',
    eventId,
    title,
    ...timeOf([fromEventId(eventId, clock), fromEditForm(page, clock), fromChip(chipFor(doc, raw), title, clock)]),
    guests: guestsIn(page),
  };
}

/** Google Calendar's adapter, reading times in the zone `options.timeZone` gives. */
export function createGoogleCalendar(options: GoogleCalendarOptions = {}): CalendarHost {
  const clockOf = (doc: Document): PageClock => ({
    locale: pageLocale(doc),
    timeZone: options.timeZone?.() ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    now: options.now?.(),
  });
  return {
    provider: 'google',

    matches: (url) => url.hostname === 'calendar.google.com',

    findOpenEvent(doc): OpenEvent | null {
      // An absent bubble is the normal state, so no warning here; the rows inside warn instead.
      const details = google.eventDetails.variants
        .flatMap((variant) => Array.from(doc.querySelectorAll<HTMLElement>(variant)))
        .find(isShown);
      if (details) {
        const container = details.closest<HTMLElement>(google.dialog.variants.join(',')) ?? details;
        // Our panel goes inside the details card: Google rebuilds that card for every event it
        // shows, so a stale panel can never linger on the next event, and the card stacks its children.
        return { container, anchor: details, event: readBubble(doc, details, container, clockOf(doc)) };
      }
      const page = pickAll(doc, google.fullPage).find(isShown);
      const event = page && readFullPage(doc, page, clockOf(doc));
      return page && event ? { container: page, anchor: page, event } : null;
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
      const pages = pickAll(doc, google.fullPage);
      return topLayers(doc, [...(main ? [main] : []), ...dialogs, ...pages]);
    },
  };
}

export const googleCalendar: CalendarHost = createGoogleCalendar();
