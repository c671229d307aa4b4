import { googleCalendar } from './google-calendar';
import type { CalendarHost } from './host';
import { outlookCalendar } from './outlook';

export type { CalendarEvent, CalendarHost, GridChip, OpenEvent } from './host';

export const hosts: readonly CalendarHost[] = [googleCalendar, outlookCalendar];

/**
 * The host adapter for the page at `url`. Test builds also run on the saved fixture pages served
 * from localhost, named for the host they reproduce (`/google-calendar.html`, `/outlook.html`).
 */
export function hostFor(url: URL): CalendarHost | null {
  const real = hosts.find((host) => host.matches(url));
  if (real) return real;
  if (url.hostname === 'localhost' || url.hostname === '127.0.0.1') {
    if (url.pathname.includes('google-calendar')) return googleCalendar;
    if (url.pathname.includes('outlook')) return outlookCalendar;
  }
  return null;
}
