import { defineContentScript } from '#imports';
import { createEventPanel } from '../../features/event-panel';
import { createGridBadges } from '../../features/grid-badges';
import { hostFor } from '../../hosts';
import { watchCalendar, type CalendarWatch } from '../../hosts/watch';
import { flushSelectorCounts } from '../../lib/flush-selector-counts';
import { send } from '../../lib/send';

/**
 * The calendar content script: a Dyad panel in the open event and badges on tagged events' chips,
 * on Google Calendar and Outlook on the web. It only reads the page and talks to the background
 * through the typed message table; it never sees the API token. Test builds (DYAD_TEST_BUILD=1)
 * also run on the fixture pages served from localhost (see wxt.config.ts and hosts/index.ts).
 */
export default defineContentScript({
  matches: [
    'https://calendar.google.com/*',
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
    'https://outlook.live.com/*',
    'https://outlook.cloud.microsoft/*',
  ],
  runAt: 'document_idle',

  async main(ctx) {
    const host = hostFor(new URL(location.href));
    if (!host) return;

    // Counts of which selectors still match, handed to the background each minute and on page hide.
    flushSelectorCounts(ctx.signal);

    const badges = createGridBadges();
    let watch: CalendarWatch | null = null;
    // The dates the grid shows (from the host), so badges cover last month as well as this one.
    let range: { from: string; to: string } | null = null;
    const refreshBadges = async () => {
      try {
        const sessions = await send('sessions.list', range ?? {});
        badges.setTagged(sessions.filter((session) => session.source.provider === host.provider).map((session) => session.source.eventId));
        watch?.refresh();
      } catch {
        // Signed out, or the background is restarting: no badges until the next refresh.
      }
    };

    const panel = await createEventPanel(ctx, { onSessionChange: () => void refreshBadges() });
    watch = watchCalendar(
      host,
      document,
      {
        openEvent: (open) => (open ? panel.show(open) : panel.hide()),
        grid: (chips) => {
          badges.apply(chips);
          const shown = host.visibleRange?.(document) ?? null;
          if (shown && (shown.from !== range?.from || shown.to !== range?.to)) {
            range = shown;
            void refreshBadges(); // the leader paged to other dates
          }
        },
      },
      ctx.signal,
    );
    void refreshBadges();
    // Events tagged from another tab or the popup: catch up when this tab is looked at again.
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void refreshBadges(), {
      signal: ctx.signal,
    });
  },
});
