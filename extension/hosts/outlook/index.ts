import type { CalendarHost, GridChip, OpenEvent } from '../host';
import { isShown, topLayers } from '../layers';
import { cleanText, emailsIn, pick, pickAll, pickOrWarn, unique } from '../selectors';
import { warnOnce } from '../warn-once';
import { parseSpan, type Span } from '../when';
import { outlook } from './selectors';

export const outlookHosts = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft'];

/** What a grid tile says about its event. */
export interface Tile {
  element: HTMLElement;
  itemId: string;
  subject: string;
  span: Span | null;
}

const weekday = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;

/**
 * Splits a tile's label ("Meeting icon, Planning, Q4, 1:05 PM to 2:15 PM, Tuesday, September 29,
 * 2026, Room 102, By Example, Tentative") into the subject and the rest. The subject is everything
 * before the first part that is a time or a weekday, minus Outlook's icon announcements; a subject
 * with commas survives.
 */
export function splitTileLabel(label: string): { subject: string; rest: string } {
  const parts = label.split(', ');
  const at = parts.findIndex(
    (part, index) => index > 0 && (/\d{1,2}(:\d{2})?\s*([ap]\.?m\.?)?\s+to\s+\d/i.test(part) || weekday.test(part.trim())),
  );
  const head = at === -1 ? parts.slice(0, 1) : parts.slice(0, at);
  const subject = head.filter((part) => !/\bicon$/i.test(part.trim())).join(', ');
  return { subject: cleanText(subject), rest: at === -1 ? parts.slice(1).join(', ') : parts.slice(at).join(', ') };
}

/** Every tile in the grid, read. */
export function readTiles(doc: Document): Tile[] {
  const main = pick(doc, outlook.main);
  if (!main) return [];
  return pickAll(main, outlook.tiles).map((element) => {
    const label = (pick(element, outlook.tileLabel) ?? element).getAttribute('aria-label') ?? '';
    const { subject, rest } = splitTileLabel(label);
    return { element, itemId: element.getAttribute('data-calitemid') ?? '', subject, span: parseSpan(rest) };
  });
}

/** The text of the full view's time row: the row that holds the clock icon. */
function timeRowText(container: HTMLElement): string {
  const icon = pick(container, outlook.whenIcon);
  for (let node = icon?.parentElement ?? null, depth = 0; node && node !== container && depth < 5; node = node.parentElement, depth++) {
    const text = cleanText(node.textContent);
    if (text) return text;
  }
  return '';
}

/** The open event's view, if one is shown. Outside the calendar, a reading pane is an email. */
function openView(doc: Document): HTMLElement | null {
  const inCalendar = (doc.location?.pathname ?? '').includes('/calendar') || pick(doc, outlook.tiles) !== null;
  for (const variant of outlook.openEvent.variants) {
    if (!inCalendar && variant.includes('ReadingPane')) continue;
    const shown = Array.from(doc.querySelectorAll<HTMLElement>(variant)).find(isShown);
    if (shown) return shown;
  }
  return null;
}

export const outlookCalendar: CalendarHost = {
  provider: 'outlook',

  matches: (url) => outlookHosts.includes(url.hostname),

  findOpenEvent(doc): OpenEvent | null {
    const container = openView(doc);
    if (!container) return null;
    const title = cleanText(pickOrWarn(container, outlook.title)?.textContent);
    const whenText = cleanText(pick(container, outlook.when)?.textContent) || timeRowText(container);
    let span = whenText ? parseSpan(whenText) : null;
    if (!whenText) warnOnce(outlook.when.name, `selector ${outlook.when.name} found no time in the open event`);

    // The id: the view's own, else the grid tile with this subject (and start, when several share
    // it, as a weekly meeting's do in month view), else the item id of a deep link.
    let eventId = pick(container, outlook.itemId)?.getAttribute('data-calitemid') ?? null;
    if (!eventId) {
      let tiles = readTiles(doc).filter((tile) => tile.subject === title);
      if (tiles.length > 1 && span) tiles = tiles.filter((tile) => tile.span?.start.getTime() === span!.start.getTime());
      if (tiles.length === 1) {
        eventId = tiles[0]!.itemId;
        span ??= tiles[0]!.span;
      }
    }
    if (!eventId) {
      const deepLink = /\/item\/([^/?#]+)/.exec(doc.location?.pathname ?? '');
      if (deepLink?.[1]) eventId = decodeURIComponent(deepLink[1]);
    }
    if (!eventId) {
      warnOnce('outlook.eventId', 'could not tell which event is open (no item id, no matching tile, no deep link)');
      return null;
    }

    const guests = unique(
      pickAll(container, outlook.people).flatMap((node) =>
        emailsIn(
          [node.getAttribute('title'), node.getAttribute('aria-label'), node.getAttribute('href'), node.getAttribute('data-email')].join(
            ' ',
          ),
        ),
      ),
    );
    return {
      container,
      anchor: container,
      event: {
        provider: 'outlook',
        eventId,
        title,
        startsAt: span?.start.toISOString() ?? null,
        endsAt: span?.end.toISOString() ?? null,
        timeCheck: 'single', // one source read so far (the capture issue cross-checks a second)
        guests,
      },
    };
  },

  gridChips(doc): GridChip[] {
    if (!pickOrWarn(doc, outlook.main)) return [];
    return readTiles(doc).map((tile) => ({ element: tile.element, eventId: tile.itemId }));
  },

  observeRoots(doc): Element[] {
    const main = pick(doc, outlook.main);
    const layers = pickAll(doc, outlook.layerHost);
    const views = pickAll(doc, outlook.openEvent);
    return topLayers(doc, [...(main ? [main] : []), ...layers, ...views]);
  },
};
