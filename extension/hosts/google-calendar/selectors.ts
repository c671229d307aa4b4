import type { Selector } from '../selectors';

/**
 * Every part of Google Calendar's page that Dyad reads. Google's class names are build artefacts
 * that change often, so we use what has stayed put for years and what public extensions rely on:
 * `data-*` hooks, fixed element ids, ARIA roles.
 *
 * Sources (read, not copied):
 * - toggl/track-extension src/content/google-calendar.js — the event bubble is
 *   `div[data-chips-dialog="true"]`, re-used between events; its title is `[role="heading"]`;
 *   "do not select on an aria-label's value; i18n will cause that selector to fail".
 * - clockify/browser-extension src/integrations/google-calendar.js — the bubble's content slot
 *   `span[jsslot]` and the time row `#xDetDlgWhen`, whose English formats it lists.
 * - Saved Calendar markup quoted in public code and issue threads (2025–2026): the bubble is
 *   `div[role="dialog"][jsname="ssXDle"][data-chips-dialog="true"][aria-labelledby="rAECCd"]`
 *   holding `div#xDetDlg[data-eventid]`; rows `#xDetDlgWhen`, `#xDetDlgLoc`, `#xDetDlgAtt`
 *   (guests, each `[data-email]`), `#xDetDlgCal`, `#xDetDlgDesc`; close `#xDetDlgCloseBu`; grid chips
 *   are `[data-eventchip][data-eventid]` inside day columns `[data-datekey]`, and a chip's inner
 *   `div.leOeGd` repeats `data-eventid` without `data-eventchip`.
 * - The full-page event view (`/calendar/u/0/r/eventedit/<eid>`): toggl/track-extension's
 *   `div[data-is-create="false"]` container with the title in `input[data-initial-value]`; the
 *   form's ids `#xTiIn`, `#xStDaIn`, `#xStTiIn`, `#xEnDaIn`, `#xEnTiIn` from public automation
 *   scripts and extensions that fill or read that form. Every fact is listed with its source in
 *   test/fixtures/google/SOURCES.md.
 */
export const google = {
  /** The app's main region: the grid lives here. */
  main: {
    name: 'google.main',
    variants: [
      '[role="main"]', // every layout since the 2017 redesign
    ],
  },
  /** The details of the open event: the element that carries the event's id. */
  eventDetails: {
    name: 'google.eventDetails',
    variants: [
      '#xDetDlg[data-eventid]', // event bubble, 2018 → today
      '[role="dialog"] [data-eventid]:not([data-eventchip])', // bubble if the id moves off #xDetDlg
      '[role="dialog"][data-eventid]', // older bubbles put the id on the dialog itself
    ],
  },
  /** The dialog around the details (re-used between events, so we never key on it). */
  dialog: {
    name: 'google.dialog',
    variants: [
      '[role="dialog"][data-chips-dialog="true"]', // event bubble
      '[role="dialog"]', // any other dialog layout
    ],
  },
  /** The event's title, inside the details. */
  title: {
    name: 'google.title',
    variants: [
      '#rAECCd', // the bubble's heading; the dialog is aria-labelledby it
      '[role="heading"]', // the heading when the id changes
    ],
  },
  /**
   * The date and time row, inside the details: title, then the time line in separate pieces
   * ("Wednesday, April 26", "⋅", "11:30am – 12:45pm"), then a recurring event's rule. Read line by
   * line (visible-text.ts), never as one textContent.
   */
  when: {
    name: 'google.when',
    variants: [
      '#xDetDlgWhen', // event bubble, 2018 → today
    ],
  },
  /**
   * Guests, inside the details: each row carries the guest's email. A guest with no display name
   * may carry only the hovercard id, so each variant takes both kinds of row.
   */
  guests: {
    name: 'google.guests',
    variants: [
      '#xDetDlgAtt [data-email], #xDetDlgAtt [data-hovercard-id*="@"]', // the bubble's guest list
      '[data-email], [data-hovercard-id*="@"]', // guests outside the usual row (the full-page form)
    ],
  },
  /** The full-page event view (edit form, or what "Open in full page" shows). */
  fullPage: {
    name: 'google.fullPage',
    variants: [
      '[data-is-create="false"]', // an existing event's full page (a new event's says "true")
    ],
  },
  /** The title field of the full-page view. */
  fullPageTitle: {
    name: 'google.fullPageTitle',
    variants: [
      '#xTiIn', // the title input, 2018 → today
      'input[data-initial-value]', // the title input if its id changes
    ],
  },
  /** The full-page form's date and time fields (values as the user's language prints them). */
  startDate: { name: 'google.startDate', variants: ['#xStDaIn'] },
  startTime: { name: 'google.startTime', variants: ['#xStTiIn'] },
  endDate: { name: 'google.endDate', variants: ['#xEnDaIn'] },
  endTime: { name: 'google.endTime', variants: ['#xEnTiIn'] },
  /** Event chips in the grid (week, day, month, schedule views). */
  chips: {
    name: 'google.chips',
    variants: [
      '[data-eventchip][data-eventid]', // timed chips and stacked (all-day, month) chip containers
      '[role="button"][data-eventid]', // chips before data-eventchip existed
    ],
  },
  /** A chip's day column, carrying the packed day of the events in it. */
  dayColumn: {
    name: 'google.dayColumn',
    variants: [
      '[data-datekey]', // week and day view columns, schedule view day groups
    ],
  },
  /** A chip's screen-reader description ("3pm to 4pm, Title, …, October 6, 2026"). */
  chipDescription: {
    name: 'google.chipDescription',
    variants: [
      '.XuJrye', // the one class we touch: the chip's off-screen description, stable since 2019
    ],
  },
} satisfies Record<string, Selector>;
