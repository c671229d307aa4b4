import type { CalendarHost, GridChip, OpenEvent } from '../host';
import { topLayers } from '../layers';
import { pick, pickAll, pickOrWarn, reportMissing } from '../selectors';
import { warnOnce } from '../warn-once';
import { readGuests } from './guests';
import { openView, viewTimePieces, viewTitle } from './open-view';
import { panelAnchor } from './panel-anchor';
import { outlook } from './selectors';
import { outlookVisibleRange } from './visible-range';
import { checkSpan } from './time-check';
import { type WallSpan, wallSpan } from './time-text';
import { readTiles, type Tile } from './tiles';
import { zonedInstant } from './zoned-instant';

export { splitTileLabel } from './tiles';

export const outlookHosts = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft'];

/** The page's language (Outlook sets `<html lang>` to the user's), for date order and names. */
function pageLocale(doc: Document): string {
  return doc.documentElement.lang || globalThis.navigator?.language || 'en-US';
}

/** The item id in a deep link (`/calendar/item/<id>`, URL-encoded), or null. */
export function deepLinkItemId(doc: Document): string | null {
  const match = /\/item\/([^/?#]+)/.exec(doc.location?.pathname ?? '');
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

// Exchange ids are base64; a URL may carry the URL-safe alphabet ('-', '_') for '/' and '+'.
const sameItem = (a: string, b: string) => a.replace(/-/g, '/').replace(/_/g, '+') === b.replace(/-/g, '/').replace(/_/g, '+');

const startOf = (span: WallSpan | null) => (span ? zonedInstant(span.start).getTime() : null);

/**
 * The grid tile of the open event: by item id when the page gives one (the deep link, the view),
 * else by subject, and by start when several tiles share it (a weekly meeting in month view).
 */
function tileOf(tiles: Tile[], itemId: string | null, title: string, shown: WallSpan | null): Tile | null {
  if (itemId) return tiles.find((tile) => sameItem(tile.itemId, itemId)) ?? null;
  let found = tiles.filter((tile) => tile.subject === title);
  if (found.length > 1 && shown) found = found.filter((tile) => startOf(tile.span) === startOf(shown));
  return found.length === 1 ? found[0]! : null;
}

export const outlookCalendar: CalendarHost = {
  provider: 'outlook',

  matches: (url) => outlookHosts.includes(url.hostname),

  findOpenEvent(doc): OpenEvent | null {
    const container = openView(doc);
    if (!container) return null;
    const locale = pageLocale(doc);
    const title = viewTitle(container);
    if (title === null) reportMissing(outlook.title, 'found no title in the open event');

    const pieces = viewTimePieces(container);
    if (pieces.length === 0) reportMissing(outlook.when, 'found no time in the open event');
    const shown = wallSpan(pieces, locale);

    // The id, most stable source first: the deep link's item id, the view's own item id, the tile.
    const ownId = deepLinkItemId(doc) ?? pick(container, outlook.itemId)?.getAttribute('data-calitemid') ?? null;
    const tile = tileOf(readTiles(doc, locale), ownId, title ?? '', shown);
    const eventId = tile?.itemId || ownId;
    if (!eventId) {
      warnOnce('outlook.eventId', 'could not tell which event is open (no item id, no matching tile, no deep link)');
      return null;
    }

    return {
      container,
      anchor: panelAnchor(container),
      event: {
        provider: 'outlook',
        eventId,
        title: title ?? tile?.subject ?? '',
        ...checkSpan(tile?.span ?? null, shown),
        guests: readGuests(container),
      },
    };
  },

  gridChips(doc): GridChip[] {
    if (!pickOrWarn(doc, outlook.main)) return [];
    return readTiles(doc, pageLocale(doc)).map((tile) => ({ element: tile.element, eventId: tile.itemId }));
  },

  visibleRange: outlookVisibleRange,

  observeRoots(doc): Element[] {
    const main = pick(doc, outlook.main);
    const layers = pickAll(doc, outlook.layerHost);
    const views = pickAll(doc, outlook.openEvent);
    return topLayers(doc, [...(main ? [main] : []), ...layers, ...views]);
  },
};
