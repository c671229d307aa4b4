import { googleCalendar } from './google-calendar';
import type { CalendarHost } from './host';
import { outlookCalendar } from './outlook';

export type { CalendarEvent, CalendarHost, GridChip, OpenEvent } from './host';

export const hosts: readonly CalendarHost[] = [googleCalendar, outlookCalendar];

/** The host adapter for the page at `url` (the calendars' real addresses only). */
export function hostFor(url: URL): CalendarHost | null {
  return hosts.find((host) => host.matches(url)) ?? null;
}
