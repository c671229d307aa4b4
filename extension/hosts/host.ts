/**
 * The one interface every calendar host (Google Calendar, Outlook on the web) implements.
 * Host modules only read the page; they never talk to the API or hold state.
 */

export type HostProvider = 'google' | 'outlook';

/** An event as read from the calendar's DOM. */
export interface CalendarEvent {
  provider: HostProvider;
  /** The calendar's stable id of the event (the same across re-renders and reloads). */
  eventId: string;
  title: string;
  /** ISO-8601 instants, or null when the page does not show them. */
  startsAt: string | null;
  endsAt: string | null;
  /** Guests' emails, lower-case, as far as the page shows them. */
  guests: string[];
  /**
   * How far `startsAt`/`endsAt` can be trusted. `agreed`: two independent sources on the page gave
   * the same span (for example Google's recurring-instance id or the grid chip, and the card's time
   * row). `single`: only one source could be read. `conflict`: sources disagreed; the span is then
   * the most structured source's. The panel always shows the span and asks the leader to confirm
   * it unless it is `agreed` or `single` with no `spanProblem` (shared/rules/session-span.ts).
   */
  timeCheck: 'agreed' | 'single' | 'conflict';
}

/** The open event detail view (dialog or reading pane) and what it shows. */
export interface OpenEvent {
  /** The element that holds the event's details; our panel goes inside it. */
  container: HTMLElement;
  /** Where to mount the panel (inside `container`). */
  anchor: HTMLElement;
  event: CalendarEvent;
}

/** An event chip in the calendar grid. */
export interface GridChip {
  element: HTMLElement;
  eventId: string;
}

export interface CalendarHost {
  provider: HostProvider;
  /** Whether this host handles the page at `url`. */
  matches(url: URL): boolean;
  /** The open event view, if one is open. */
  findOpenEvent(doc: Document): OpenEvent | null;
  /** Event chips currently rendered in the grid. */
  gridChips(doc: Document): GridChip[];
  /**
   * The dates the grid shows, as instants from the first day's local midnight to the last day's
   * end, or null when the page shows no dated grid: badges and tagged state are fetched for them.
   */
  visibleRange?(doc: Document): { from: string; to: string } | null;
  /**
   * The nodes to observe for changes (the app's main region and where dialogs appear),
   * so we never observe the whole document subtree.
   */
  observeRoots(doc: Document): Element[];
}
