import type { CalendarHost, GridChip, OpenEvent } from './host';

export interface WatchHandlers {
  /** The open event (or null): called whenever it may have changed; callers compare. */
  openEvent(open: OpenEvent | null): void;
  /** The grid's chips, after the grid may have re-rendered. */
  grid?(chips: GridChip[]): void;
}

export interface CalendarWatch {
  /** Read the page again now (for example after our own data changed). */
  refresh(): void;
}

/** Nodes we put in the page (the panel's host, badges): their coming and going is not a re-render. */
function isOurs(node: Node): boolean {
  return node instanceof Element && node.closest('[data-dyad]') !== null;
}

function onlyOurs(record: MutationRecord): boolean {
  const nodes = [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)];
  return nodes.length > 0 && nodes.every(isOurs);
}

/**
 * Follows a calendar page as it re-renders, telling `handlers` what is open and what the grid
 * shows, until `signal` aborts.
 *
 * Two MutationObservers for the page's whole life, whatever it does: one on `<body>`'s own
 * children only (a dialog layer or portal coming or going), one on the host's specific roots (its
 * main region and its dialog layers), re-pointed when those roots change. Clicks and keys, which
 * are what open events, also trigger a read. Reads are batched into one microtask, so a burst of
 * re-renders costs one read and our panel is back before the next paint.
 *
 * @example watchCalendar(googleCalendar, document, { openEvent: (open) => console.log(open?.event.title) }, ctx.signal);
 */
export function watchCalendar(host: CalendarHost, doc: Document, handlers: WatchHandlers, signal: AbortSignal): CalendarWatch {
  let roots: Element[] = [];
  let scheduled = false;

  const pointAt = (next: Element[]) => {
    if (next.length === roots.length && next.every((root, index) => root === roots[index])) return;
    deep.disconnect();
    roots = next;
    for (const root of roots) deep.observe(root, { childList: true, subtree: true });
  };

  const read = () => {
    scheduled = false;
    if (signal.aborted) return;
    pointAt(host.observeRoots(doc));
    handlers.openEvent(host.findOpenEvent(doc));
    handlers.grid?.(host.gridChips(doc));
  };

  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    queueMicrotask(read);
  };

  const onMutations = (records: MutationRecord[]) => {
    if (!records.every(onlyOurs)) schedule();
  };
  const shallow = new MutationObserver(onMutations);
  const deep = new MutationObserver(onMutations);

  if (signal.aborted) return { refresh: () => {} };
  shallow.observe(doc.body, { childList: true });
  const listen = { capture: true, passive: true, signal } as const;
  doc.addEventListener('click', schedule, listen);
  doc.addEventListener('keyup', schedule, listen);
  signal.addEventListener(
    'abort',
    () => {
      shallow.disconnect();
      deep.disconnect();
      roots = [];
    },
    { once: true },
  );
  schedule();
  return { refresh: schedule };
}
