/**
 * Reading what an element shows, piece by piece. Google serves its markup with no whitespace text
 * between elements, so one container's `textContent` runs the title, the time line and the
 * recurrence line together ("…1:00 – 1:45pmWeekly on Tuesday") and the end time is lost. Each text
 * node is read on its own and the pieces joined with a space instead.
 */

/** The element's text nodes, each with its white space collapsed, joined by a space. */
export function visibleText(element: Element | null | undefined): string {
  if (!element) return '';
  const pieces: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const piece = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (piece) pieces.push(piece);
  }
  return pieces.join(' ');
}

/**
 * The lines a row shows: below the wrappers that hold a single child, one entry per child element
 * (title, date and time, recurrence), each read with {@link visibleText}.
 */
export function visibleLines(row: Element | null | undefined): string[] {
  if (!row) return [];
  let node: Element = row;
  while (node.children.length === 1 && !ownText(node)) node = node.children[0]!;
  const children = Array.from(node.children);
  if (children.length === 0) return [visibleText(node)].filter(Boolean);
  return children.map(visibleText).filter(Boolean);
}

function ownText(element: Element): boolean {
  return Array.from(element.childNodes).some((child) => child.nodeType === 3 && (child.nodeValue ?? '').trim() !== '');
}
