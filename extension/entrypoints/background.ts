import { browser, defineBackground } from '#imports';
import { handleMessage, isDyadMessage } from '../lib/handlers';
import { openPulsePopup, PULSE_ALARM_PREFIX, remindPulse, syncPulseAlarms } from '../lib/pulse-reminders';
import { FLUSH_ALARM, flush, scheduleFlushAlarm, type FlushTrigger } from '../lib/queue';
import { REFRESH_ALARM, refreshIfStale } from '../lib/refresh';
import { sendHealthReportIfDue } from '../lib/selector-health';

/** How often the local copies are refreshed from the API, and the queue retried, while the browser runs. */
const refreshEveryMinutes = 15;

// The service worker may die at any instant (it does, after 30 s idle): every listener is
// registered synchronously here so the event that wakes the worker is delivered, and all state
// is in storage (lib/storage.ts). `main` stays synchronous, as WXT requires.
export default defineBackground(() => {
  // The token lives in storage.local; content scripts never need storage (they ask us), so keep
  // them out of it altogether where the browser lets us.
  void browser.storage.local
    .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    ?.catch((err: unknown) => console.warn('[dyad] could not restrict storage to extension pages', err));

  const kick = (trigger: FlushTrigger) => void flush(trigger).catch((err) => console.warn('[dyad] flush failed', err));

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!isDyadMessage(message)) return undefined; // someone else's message: no answer from us
    const reply = handleMessage(message, sender);
    // Chrome answers asynchronously through `sendResponse` (and `return true`); a runtime that
    // passes no callback takes the promise.
    if (typeof sendResponse !== 'function') return reply;
    void reply.then((value) => {
      if (value !== undefined) sendResponse(value);
    });
    return true;
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FLUSH_ALARM) kick('alarm');
    else if (alarm.name === REFRESH_ALARM) {
      void refreshIfStale(refreshEveryMinutes * 60_000 - 60_000);
      // Yesterday's selector counts go out even on a day no calendar tab is opened (cheap when not due).
      void sendHealthReportIfDue().catch((err) => console.warn('[dyad] health report', err));
    } else if (alarm.name.startsWith(PULSE_ALARM_PREFIX)) void remindPulse(alarm.name.slice(PULSE_ALARM_PREFIX.length));
  });

  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(PULSE_ALARM_PREFIX)) return;
    void browser.notifications.clear(id);
    void openPulsePopup();
  });
  browser.notifications.onButtonClicked.addListener((id, button) => {
    if (!id.startsWith(PULSE_ALARM_PREFIX)) return;
    void browser.notifications.clear(id);
    // Button 0 answers now; button 1 ("Later") leaves the pulse in the popup's pending list.
    if (button === 0) void openPulsePopup();
  });

  // Chrome may drop alarms when the browser restarts, and does when the extension updates.
  const restoreAlarms = () =>
    void Promise.all([syncPulseAlarms(), scheduleFlushAlarm()]).catch((err) => console.warn('[dyad] alarms', err));
  browser.runtime.onStartup.addListener(restoreAlarms);
  browser.runtime.onInstalled.addListener(restoreAlarms);

  // Back online: flush now rather than at the end of the backoff.
  globalThis.addEventListener?.('online', () => kick('online'));

  // Start-up (of the browser, or of this worker for any event): flush what a dead worker left,
  // and keep the periodic alarm that refreshes and retries.
  void browser.alarms.get(REFRESH_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(REFRESH_ALARM, { periodInMinutes: refreshEveryMinutes });
  });
  kick('startup');
});
