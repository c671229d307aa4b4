import { isShown } from '../layers';
import { cleanText, pick } from '../selectors';
import { outlook } from './selectors';

/**
 * The texts of `root`'s text nodes, each trimmed, empties dropped, in page order. Live markup has
 * no white space between elements, so `textContent` would run a date and a time, or a name and an
 * address, in sibling elements together; text node by text node they stay apart.
 */
export function textPieces(root: Node | null): string[] {
  if (!root) return [];
  const pieces: string[] = [];
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('[data-dyad], [aria-hidden="true"], script, style')) continue;
    const text = cleanText(node.nodeValue);
    if (text) pieces.push(text);
  }
  return pieces;
}

/** The open event's view, if one is shown. Outside the calendar, a reading pane is an email. */
export function openView(doc: Document): HTMLElement | null {
  const inCalendar = (doc.location?.pathname ?? '').includes('/calendar') || pick(doc, outlook.tiles) !== null;
  for (const variant of outlook.openEvent.variants) {
    if (!inCalendar && variant.includes('ReadingPane')) continue;
    const shown = Array.from(doc.querySelectorAll<HTMLElement>(variant)).find(isShown);
    if (shown) return shown;
  }
  return null;
}

/** The event's subject: the first title variant with text (a label, then heading variants). */
export function viewTitle(view: HTMLElement): string | null {
  for (const variant of outlook.title.variants) {
    for (const element of Array.from(view.querySelectorAll(variant))) {
      if (element.closest('[data-dyad]')) continue;
      const text = textPieces(element).join(' ');
      if (text) return text;
    }
  }
  return null;
}

// Lines under the time that describe the series, not this occurrence.
const recurrence = /\b(occurs|every|repeats|wiederholt|jeden|jede|chaque|tous les|toutes les|se répète)\b/i;

/**
 * The pieces of the view's time row: the element labelled "Time" (peek), else the elements after
 * the clock icon in its row (full view), read text node by text node, without a recurrence line
 * ("Occurs every Monday …", whose times are the series', and whose "from" date is not this one).
 */
export function viewTimePieces(view: HTMLElement): string[] {
  const labelled = pick(view, outlook.when);
  let pieces = textPieces(labelled);
  if (pieces.length === 0) {
    const icon = pick(view, outlook.whenIcon);
    for (let node = icon?.parentElement ?? null, depth = 0; node && node !== view && depth < 5; node = node.parentElement, depth++) {
      pieces = textPieces(node);
      if (pieces.length > 0) break;
    }
  }
  // A recurrence line is cut off where it starts, whether in its own element or run into the time.
  return pieces
    .map((piece) => {
      const at = piece.search(recurrence);
      return (at === -1 ? piece : piece.slice(0, at)).trim();
    })
    .filter(Boolean);
}
