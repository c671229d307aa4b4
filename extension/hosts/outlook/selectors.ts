import type { Selector } from '../selectors';

/**
 * Every part of Outlook on the web's calendar that Dyad reads. Outlook's class names are hashed
 * build artefacts (Griffel/Fluent) and are never used; `data-app-section`, `data-calitemid`,
 * ARIA roles and icon names have been stable across the 2022–2026 "Monarch" builds.
 *
 * Sources (read, not copied):
 * - clockify/browser-extension src/integrations/outlook.js — an open calendar item is
 *   `[data-app-section="ReadingPane"]` with a `#TopBar`.
 * - toggl/track-extension src/origins.js — the hosts: outlook.office.com, outlook.office365.com,
 *   outlook.live.com and the newer outlook.cloud.microsoft.
 * - Public Outlook automation and userscripts (2022–2026): grid tiles carry `data-calitemid` (the
 *   Exchange item id) around a `[role="button"]` whose `aria-label` starts with the subject
 *   ("Planning, 1:05 PM to 2:15 PM, Tuesday, September 29, 2026, Room 102, By Example, Tentative");
 *   the grid is `[data-app-section="calendar-view-0"]` (all-day row `calendar-view-header-0`); a click
 *   opens the peek card `[data-app-section="CalendarItemPeek"]` in the Fluent layer host
 *   `#fluent-default-layer-host`, with its time in `span[aria-label="Time"]`; the full view is
 *   `.ms-Dialog-main [data-app-section="ReadingPane"]`, rows marked by icons such as
 *   `i[data-icon-name="ClockRegular"]`; attendees are persona elements whose `title`/`aria-label`
 *   carry the address; a deep link to an item is `/calendar/item/<item id>`.
 */
export const outlook = {
  /** The app's main region: the grid lives here. */
  main: {
    name: 'outlook.main',
    variants: [
      '[role="main"]', // Monarch and the classic web app
      '[data-app-section="calendar-view-0"]', // the grid itself, if main loses its role
    ],
  },
  /** Grid tiles, carrying the Exchange item id. */
  tiles: {
    name: 'outlook.tiles',
    variants: [
      '[data-calitemid]', // week, work week, day and month views, all-day row
    ],
  },
  /** Inside a tile, the element whose label describes the event. */
  tileLabel: {
    name: 'outlook.tileLabel',
    variants: [
      '[role="button"][aria-label]', // "Subject, 15:30 to 17:00, Thursday, September 17, 2026, By …"
    ],
  },
  /** The open event: the peek card after one click, the full view after a double click. */
  openEvent: {
    name: 'outlook.openEvent',
    variants: [
      '[data-app-section="CalendarItemPeek"]', // peek card, in the Fluent layer host
      '.ms-Dialog-main [data-app-section="ReadingPane"]', // full view opened over the calendar
      '[data-app-section="ReadingPane"]', // full view in the calendar's reading pane
    ],
  },
  /** Where Fluent mounts peek cards and dialogs (observed instead of the whole document). */
  layerHost: {
    name: 'outlook.layerHost',
    variants: [
      '#fluent-default-layer-host', // Fluent UI v8 layers
      '.ms-Layer', // a layer mounted without the host
    ],
  },
  /** The event's subject, inside the open event. */
  title: {
    name: 'outlook.title',
    variants: [
      '[role="heading"][aria-level="1"]', // full view
      '[role="heading"]', // peek card
    ],
  },
  /** The date and time, inside the open event. */
  when: {
    name: 'outlook.when',
    variants: [
      '[aria-label="Time"]', // peek card: "Tue 9/29/2026 1:05 PM - 2:15 PM"
      'time', // a <time> element, if the card uses one
    ],
  },
  /** The row icon that marks the date and time row in the full view. */
  whenIcon: {
    name: 'outlook.whenIcon',
    variants: [
      'i[data-icon-name="ClockRegular"]', // Fluent icon, full view
      'i[data-icon-name="Clock"]', // older icon set
    ],
  },
  /** People in the open event: organizer and attendees, the address in an attribute. */
  people: {
    name: 'outlook.people',
    variants: [
      '[title*="@"], [aria-label*="@"], a[href^="mailto:"], [data-email]', // persona buttons and links
    ],
  },
  /** An item id inside the open event (some builds repeat it there). */
  itemId: {
    name: 'outlook.itemId',
    variants: [
      '[data-calitemid]', // the tile's id, when the view carries it
    ],
  },
} satisfies Record<string, Selector>;
