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
 * - An independent reconstruction of the live DOM (issue 11): the peek's subject is an element
 *   with `aria-label="Title"`, not a heading; attendees are buttons labelled "Opens card for …"
 *   whose address is the text of elements inside them; live markup has no white space between
 *   elements.
 * - y-saeki/UserScript Outlook/Calendar/auto-full-open-schedule-popup: peeks mount in
 *   `#fluent-default-layer-host`; the page's language is `document.documentElement.lang`.
 * - A public Outlook theme stylesheet (see test/fixtures/outlook/SOURCES.md): the peek's body
 *   scrolls inside a `.customScrollBar` element, apart from its footer.
 * - A public Outlook month-view extractor's tests: month cells carry their day in their id,
 *   `monthDayCell_2026-09-28T00:00:00.000+01:00_<zone>_…`.
 * Every fact with its source: test/fixtures/outlook/SOURCES.md.
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
      '[aria-label="Title"]', // peek card (2025–2026 builds): a labelled element, not a heading
      '[role="heading"][aria-level="1"]', // full view
      '[role="heading"]', // peek card, older builds
      'h1, h2', // a plain heading, should a build use one
    ],
  },
  /** The date and time, inside the open event. */
  when: {
    name: 'outlook.when',
    variants: [
      '[aria-label="Time"]', // peek card: "Tue 9/29/2026 1:05 PM - 2:15 PM", in one or several elements
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
  /**
   * People in the open event: organizer and attendees. Alternatives that are all read (a union,
   * not first-match): the address is in the persona button's inner text, in an attribute, or in a
   * `mailto:` link, depending on build and on whether the person has a display name.
   */
  people: {
    name: 'outlook.people',
    variants: [
      '[aria-label^="Opens card for" i]', // persona buttons: "Opens card for Ana Ruiz", address in the text inside
      '[aria-label^="Opens Profile Card for" i]', // older persona label, address in the label
      '[title*="@"], [aria-label*="@"]', // persona elements carrying the address
      'a[href^="mailto:" i]', // links in the full view
      '[data-email]', // a data attribute, where a build sets one
    ],
  },
  /** Inside the open event, the region that scrolls (so our panel there never grows the card). */
  scrollRegion: {
    name: 'outlook.scrollRegion',
    variants: [
      '.customScrollBar', // Outlook's scroll container, peek and full view
      '[data-is-scrollable="true"]', // Fluent UI v8's marker on scrollable regions
    ],
  },
  /** Month view day cells, their day in their id. */
  monthDayCell: {
    name: 'outlook.monthDayCell',
    variants: ['[id^="monthDayCell_"]'],
  },
  /** A day column of the day and week views (tiles inside, in header order). */
  dayColumn: {
    name: 'outlook.dayColumn',
    variants: ['[data-app-section="calendar-view-0"] > *'],
  },
  /** The surface of one view: day headers and columns. */
  surface: {
    name: 'outlook.surface',
    variants: ['[data-app-section^="Surface_"]', '[role="main"]'],
  },
  /** A day header's date, in markup. */
  headerDate: {
    name: 'outlook.headerDate',
    variants: ['time[datetime]'],
  },
  /** An item id inside the open event (some builds repeat it there). */
  itemId: {
    name: 'outlook.itemId',
    variants: [
      '[data-calitemid]', // the tile's id, when the view carries it
    ],
  },
} satisfies Record<string, Selector>;
