import { cleanText, pick, pickAll } from '../selectors';
import { outlook } from './selectors';
import { type CalendarDay, type WallSpan, wallSpan } from './time-text';

/** What a grid tile says about its event. */
export interface Tile {
  element: HTMLElement;
  itemId: string;
  subject: string;
  /** From the tile's label, its date from the tile's column when the column says. */
  span: WallSpan | null;
}

// Weekdays and all-day words in the languages Outlook's tile labels come in (see time-text.ts).
const weekday =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b/i;
const clockRange = /\d{1,2}(:\d{2})?\s*([ap]\.?m\.?)?\s+(to|bis|à|-|–)\s+\d/i;

/**
 * Splits a tile's label ("Meeting icon, Planning, Q4, 1:05 PM to 2:15 PM, Tuesday, September 29,
 * 2026, Room 102, By Example, Tentative") into the subject and the rest. The subject is everything
 * before the first part that is a time range or starts with a weekday, minus Outlook's icon
 * announcements; a subject with commas survives.
 */
export function splitTileLabel(label: string): { subject: string; rest: string } {
  const parts = label.split(', ');
  const at = parts.findIndex((part, index) => index > 0 && (clockRange.test(part) || weekday.test(part.trim())));
  const head = at === -1 ? parts.slice(0, 1) : parts.slice(0, at);
  const subject = head.filter((part) => !/\b(icon|symbol|icône)$/i.test(part.trim())).join(', ');
  return { subject: cleanText(subject), rest: at === -1 ? parts.slice(1).join(', ') : parts.slice(at).join(', ') };
}

function dayOf(value: string | null | undefined): CalendarDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

/**
 * The day of the column a tile sits in, from markup rather than words: the month view's day cell
 * id (`monthDayCell_2026-09-28T00:00:00.000+01:00_…`), or in the day and week views the day
 * header at the column's index (`[data-tabid="surfaceHeader_N"] time[datetime]`).
 */
export function columnDay(tile: HTMLElement): CalendarDay | null {
  const cell = tile.closest<HTMLElement>(outlook.monthDayCell.variants.join(', '));
  if (cell) return dayOf(cell.id.replace(/^monthDayCell_/, ''));
  const column = tile.closest<HTMLElement>(outlook.dayColumn.variants.join(', '));
  const surface = column?.closest<HTMLElement>(outlook.surface.variants.join(', '));
  if (!column?.parentElement || !surface) return null;
  const index = Array.from(column.parentElement.children)
    .filter((c) => c.matches(outlook.dayColumn.variants.join(', ')))
    .indexOf(column);
  const header = surface.querySelector(`[data-tabid="surfaceHeader_${index}"]`);
  return dayOf(pick(header ?? surface, outlook.headerDate)?.getAttribute('datetime'));
}

/** Every tile in the grid, read. `locale` decides how numeric dates in labels are ordered. */
export function readTiles(doc: Document, locale: string): Tile[] {
  const main = pick(doc, outlook.main);
  if (!main) return [];
  return pickAll(main, outlook.tiles).map((element) => {
    const label = (pick(element, outlook.tileLabel) ?? element).getAttribute('aria-label') ?? '';
    const { subject, rest } = splitTileLabel(label);
    const column = columnDay(element);
    // A timed tile's day is its column's; an all-day tile's label names its first and last day
    // (a multi-day event spans columns), so the label's dates come first there.
    const span = wallSpan([rest], locale, { day: column, fallbackDay: column });
    return { element, itemId: element.getAttribute('data-calitemid') ?? '', subject, span };
  });
}
