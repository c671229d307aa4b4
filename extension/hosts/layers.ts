/**
 * For each element, the node to observe for it: the element itself when it is the app's region, or
 * its top-level layer (the child of `<body>` that holds it) for dialogs and portals, which calendars
 * swap in and out as a whole. Duplicates and nested roots are dropped.
 */
export function topLayers(doc: Document, elements: Element[]): Element[] {
  const roots: Element[] = [];
  for (const element of elements) {
    let root: Element = element;
    if (element.getAttribute('role') !== 'main') {
      while (root.parentElement && root.parentElement !== doc.body) root = root.parentElement;
    }
    if (!roots.includes(root)) roots.push(root);
  }
  return roots.filter((root) => !roots.some((other) => other !== root && other.contains(root)));
}

/**
 * Whether the page shows `element`, judged without layout (no reflow on every re-render): not
 * detached, and no ancestor hidden with `hidden`, `aria-hidden` or an inline `display: none`.
 * Calendars keep closed dialogs around like that.
 */
export function isShown(element: Element): boolean {
  if (!element.isConnected) return false;
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return false;
    const style = (node as HTMLElement).style;
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
  }
  return true;
}
